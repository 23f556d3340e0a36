"""Meaning rules: when a rewrite sentence turns the meaning of the source sentence it rests on around.

A negation added or dropped (read through "no"/"none" quantifiers), an antonym, or another member of a
closed class (:mod:`retold.lexicon`), against a strongly supporting sentence; in a reworded sentence, only
words the article never uses count. Read by the claim detector and the score.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any

from retold.check.align import STRONG_SUPPORT  # noqa: F401  (detectors read it from here)
from retold.check.context import CheckContext
from retold.check.memo import per_object
from retold.lexicon import (
    ANTONYMS,
    CLASS_OF,
    NEGATING_PREFIXES,
    NEGATIONS,
    NEGATIVE_GOVERNORS,
    NEGATIVE_PRONOUNS,
    TIME_PLACERS,
    TIME_UNITS,
    TIMES,
)
from retold.types import FactSheet, Sentence, Severity
from retold.wordnet import antonyms_of, kind_of

# Closing attribution, links and section labels are not claims.
_NOT_A_CLAIM = re.compile(
    r"^\W*(?:source|sources|via|originally published|read the (?:original|full)|go deeper|photo|image|credit)s?\b",
    re.IGNORECASE,
)
_LINK = re.compile(r"\[[^\]]*\]\([^)]*\)|https?://\S+")


@dataclass(frozen=True, slots=True)
class Flip:
    """A rewrite word that turns its supporting source sentence's meaning around."""

    sentence: int  # rewrite sentence id
    start: int
    end: int
    source: int  # source sentence id
    message: str
    severity: Severity = "error"


REWORDED_SUPPORT = 0.3  # a reworded sentence: its best support is weaker, so only words new to the article count


def flips(ctx: CheckContext, floor: float) -> list[Flip]:
    """At most one flip per rewrite claim sentence whose best support scores ``floor`` or more.

    A sentence supported less strongly (down to :data:`REWORDED_SUPPORT`) is a reworded one: there only an
    antonym or a same-class word the article never uses at all counts ("white paint" where the sentence it
    rewords has "blue paint" and the article says "white" nowhere).
    """
    found = []
    article_words = {t.lemma_.lower() for t in ctx.source.doc} | {t.lower_ for t in ctx.source.doc}
    for sentence in ctx.rewrite.sentences:
        support = ctx.alignment[sentence.id].support
        if not is_claim(sentence) or not support or support[0].score < min(floor, REWORDED_SUPPORT):
            continue
        reworded = support[0].score < floor
        flip = _flip_in(ctx, sentence, support[0].sentence, article_words if reworded else None)
        if flip is not None:
            found.append(flip)
    return found


def is_claim(sentence: Sentence) -> bool:
    """Headings, closing attribution lines and bare links state no claim of their own."""
    if sentence.kind == "heading":
        return False
    text = _LINK.sub(" ", sentence.text).strip()
    return bool(text) and not _NOT_A_CLAIM.match(text)


@per_object
def _quoted_spans(rewrite: FactSheet) -> tuple[list[int], list[int]]:
    """The rewrite's quotations as sorted, merged (start, end) spans, looked up by bisection: a scan of every
    quotation for every word made a text of many quotes quadratic."""
    merged: list[list[int]] = []
    for start, end in sorted((q.start, q.end) for q in rewrite.quotes):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [m[0] for m in merged], [m[1] for m in merged]


def _inside(offset: int, starts: list[int], ends: list[int]) -> bool:
    """Whether ``offset`` falls in one of the spans (``start <= offset < end``)."""
    i = bisect.bisect_right(starts, offset) - 1
    return i >= 0 and offset < ends[i]


def _flip_in(ctx: CheckContext, sentence: Sentence, source_id: int, new_only: set[str] | None = None) -> Flip | None:
    """A negation flip, an antonym swap or a same-class swap against one source sentence.

    With ``new_only`` (the article's words) the sentence is a rewording: negation is not compared, and only a
    word the article never uses can be the swapped one.
    """
    # Words inside quotation marks are the quote detector's to judge: a verbatim quote may well
    # say the opposite of the sentence it happens to align with.
    starts, ends = _quoted_spans(ctx.rewrite)
    ours = [t for t in _tokens(ctx.rewrite.doc, sentence) if not _inside(t.idx, starts, ends)]
    theirs = _tokens(ctx.source.doc, ctx.source.sentences[source_id])
    their_lemmas = {t.lemma_.lower() for t in theirs} | {t.lower_ for t in theirs}
    our_lemmas = {t.lemma_.lower() for t in ours} | {t.lower_ for t in ours}
    their_polarity = _polarities(theirs)
    their_pos: dict[str, set[str]] = {}
    for t in theirs:
        their_pos.setdefault(t.lemma_.lower(), set()).add(t.pos_)
        # A class word inside a compound counts as said: "schoolgirls" says "girl".
        lemma = t.lemma_.lower()
        for member in CLASS_OF:
            if len(lemma) > len(member) + 2 and lemma.endswith(member) and t.pos_ == "NOUN":
                their_pos.setdefault(member, set()).add(t.pos_)

    def flip(token, message: str, start: int | None = None, severity: Severity = "error") -> Flip:  # noqa: ANN001
        end = token.idx + len(token.text)
        return Flip(sentence.id, token.idx if start is None else start, end, source_id, message, severity)

    # In a rewording only a verb's negation compares, and only when the two sentences' negations differ.
    reworded_flips = new_only is not None and _negation_count(ours) != _negation_count(theirs)
    polarities: dict[str, tuple[bool, Any]] = _polarities(ours) if new_only is None or reworded_flips else {}
    if polarities and _negation_count(ours) == _negation_count(theirs) and _cut_from(ours, theirs):
        # Words only cut, every negation kept: nothing can have changed sides. A parse that hangs "no one"
        # elsewhere once an aside ("— or perhaps their school —") is gone is no flip.
        polarities = {}
    for lemma, (negated, token) in polarities.items():
        if new_only is not None and token.pos_ not in ("VERB", "PART") and token.dep_ != "neg":
            continue
        if lemma in their_polarity and their_polarity[lemma][0] != negated:
            if _unrealised(_word_of(ours, lemma)) != _unrealised(_word_of(theirs, lemma)):
                continue  # "tried to get hold of" states an attempt, not that it happened: "could not get" stands
            said = "with" if their_polarity[lemma][0] else "without"
            # A negation added is marked itself ("not"); one dropped, on the verb group it left ("did take").
            group = [c.idx for c in token.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < token.i]
            ours_args = _arguments(_word_of(ours, lemma))
            theirs_args = _arguments(_word_of(theirs, lemma))
            if ours_args and theirs_args and not ours_args & theirs_args:
                # The same verb said of other things ("recommends Anchor" / "not so … recommend this app"):
                # the two sentences may not be about one fact.
                return flip(
                    token,
                    f"negation flip? the source says “{lemma}” {said} a negation, of other things",
                    min([token.idx, *group]),
                    severity="warning",
                )
            return flip(token, f"negation flip: the source says “{lemma}” {said} a negation", min([token.idx, *group]))
    if _negation_count(ours) != _negation_count(theirs):
        return None  # "not able" for "unable": a negation may pay for an antonym
    for token in ours:
        lemma = token.lemma_.lower()
        if token.is_punct or lemma in their_lemmas or token.lower_ in their_lemmas:
            continue
        if new_only is not None and (lemma in new_only or token.lower_ in new_only or token.pos_ == "PROPN"):
            continue
        opposite = sorted(a for a in opposites(lemma, token.pos_) if a in their_lemmas and a not in our_lemmas)
        indirect = False
        if not opposite and token.pos_ == "VERB":
            opposite, indirect = _indirect_opposites(lemma, theirs, our_lemmas), True
        if opposite and _is_negated(token) == _said_negated(theirs, opposite[0]):
            ours_args = _arguments(token)
            theirs_args = _arguments(next((t for t in theirs if t.lemma_.lower() == opposite[0]), None))
            shared = bool(ours_args & theirs_args)
            if indirect and not shared:
                continue  # a synonym's antonym is an opposite only of the same act on the same things
            # In a rewording the opposite may be said another way ("ending the ban" / "allowing"): a warning.
            return flip(
                token,
                f"opposite meaning: the source says “{opposite[0]}”, not “{token.text}”",
                severity="error" if new_only is None else "warning",
            )
        if opposite:
            continue  # "hasn't been able" for "has been unable": the negation pays for the antonym
        for members in CLASS_OF.get(lemma, ()):
            if members == TIME_UNITS and not _measures_time(token):
                continue  # "planning the day" names an occasion, not a length of time
            if new_only is not None and members & TIMES:
                continue  # "the evening before" rewords "the eve of", whatever the day's "morning" was
            # Same part of speech only: "second half" is not a swap for "90th minute".
            other = sorted(m for m in members if token.pos_ in their_pos.get(m, ()) and m not in our_lemmas)
            if other:
                return flip(token, f"changed word: the source says “{other[0]}”, not “{token.text}”")
    return None


def _indirect_opposites(lemma: str, theirs: list, our_lemmas: set[str]) -> list[str]:  # noqa: ANN001
    """Source verbs whose WordNet antonym is a synonym of ``lemma``: "perished" where the source says
    "survived" (WordNet pairs "survive" with "succumb", a kind of dying, and "die" shares a synset with "perish")."""
    found = []
    for t in theirs:
        verb = t.lemma_.lower()
        if t.pos_ != "VERB" or verb in our_lemmas or verb in ("be", "have", "do"):
            continue
        if any(kind_of(lemma, a) for a in antonyms_of(verb, "VERB")):
            found.append(verb)
    return sorted(set(found))


def _measures_time(token) -> bool:  # noqa: ANN001
    """A time unit used as a measure: counted ("15-month", "two weeks") or placed ("next day", "per hour")."""
    before = token.doc[token.i - 1] if token.i > 0 else None
    if before is not None and before.text == "-" and token.i > 1:
        before = token.doc[token.i - 2]
    return (before is not None and (before.like_num or before.lower_ in TIME_PLACERS)) or any(
        c.dep_ == "nummod" or c.lower_ in TIME_PLACERS for c in token.children
    )


def opposites(lemma: str, pos: str = "") -> set[str]:
    """Words meaning the opposite: WordNet's antonyms as that part of speech, the hand-kept ones, and the word
    with a negating prefix added or taken off.

    Only "un-" and "non-" negate any word; "in-", "dis-" and the like only adjectives ("inform" is not "form").
    """
    found = set(ANTONYMS.get(lemma, ())) | antonyms_of(lemma, pos)
    if pos == "ADV" and lemma.endswith("ly") and len(lemma) >= 6:  # "illegally" / "legally", as their adjectives
        found |= {word + "ly" for word in opposites(lemma[:-2], "ADJ")}
    for prefix in NEGATING_PREFIXES if pos == "ADJ" else NEGATING_PREFIXES[:2]:
        if lemma.startswith(prefix) and len(lemma) - len(prefix) >= 4:
            found.add(lemma[len(prefix) :])
        elif len(lemma) >= 4:
            found.add(prefix + lemma)
    return found


def _polarities(tokens: list) -> dict[str, tuple[bool, Any]]:  # noqa: ANN001
    """Each verb or adjective lemma said only one way in the sentence → (negated?, the token that shows it).

    A lemma said both ways, or a copula ("is"), is left out: its polarity does not compare.
    """
    seen: dict[str, set[bool]] = {}
    shown: dict[str, object] = {}
    for token in tokens:
        if token.pos_ not in ("VERB", "ADJ") or token.lemma_.lower() in ("be", "have", "do"):
            continue
        negated = _is_negated(token)
        lemma = token.lemma_.lower()
        seen.setdefault(lemma, set()).add(negated)
        neg = next((c for c in _negators(token)), None)
        shown.setdefault(lemma, neg if negated and neg is not None else token)
    return {lemma: (next(iter(values)), shown[lemma]) for lemma, values in seen.items() if len(values) == 1}


def _unrealised(token) -> bool:  # noqa: ANN001
    """A "to" infinitive under a verb of trying, wanting or planning ("tried to get", "hopes to win"): an aim,
    whose polarity does not compare with a fact said outright. A verb that negates its complement
    ("refused to settle") is read as a negation instead."""
    hops = 0
    while token is not None and hops < 3 and token.dep_ in ("xcomp", "advcl", "ccomp", "pcomp"):
        # "in order to avoid operating": the aim may sit one or two verbs up
        marked = any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children)
        if marked and token.head.lemma_.lower() not in NEGATIVE_GOVERNORS:
            return True
        token, hops = token.head, hops + 1
    return False


def _word_of(tokens: list, lemma: str):  # noqa: ANN001, ANN202
    return next((t for t in tokens if t.lemma_.lower() == lemma and t.pos_ in ("VERB", "ADJ")), None)


_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "oprd", "pobj", "dative"})


def _arguments(token) -> set[str]:  # noqa: ANN001
    """The content nouns a verb or adjective is said of: its subject, objects and their compounds, and the noun
    a participle modifies ("materials being used"). Pronouns say nothing here and are left out."""
    if token is None:
        return set()
    heads = [c for c in token.children if c.dep_ in _ARGUMENT_DEPS]
    heads += [g for c in token.children if c.dep_ in ("prep", "agent") for g in c.children if g.dep_ == "pobj"]
    if token.dep_ in ("acl", "relcl", "amod") and token.head is not token:
        heads.append(token.head)
    found: set[str] = set()
    for head in heads:
        for word in (head, *(c for c in head.children if c.dep_ in ("compound", "amod", "conj"))):
            if word.pos_ in ("NOUN", "PROPN"):
                found.add(word.lemma_.lower())
    return found


def _cut_from(ours: list, theirs: list) -> bool:  # noqa: ANN001
    """Whether ``ours`` is ``theirs`` with words cut and none added or moved (punctuation aside), and no cut word
    a negation or a verb that negates what follows ("refused to")."""
    words = [t.lower_ for t in ours if not t.is_punct]
    at = 0
    for t in theirs:
        if t.is_punct:
            continue
        if at < len(words) and t.lower_ == words[at]:
            at += 1
        elif t.lower_ in NEGATIONS or t.lemma_.lower() in NEGATIVE_GOVERNORS:
            return False
    return at == len(words)


def _negation_count(tokens: list) -> int:  # noqa: ANN001
    return sum(1 for t in tokens if t.dep_ == "neg" or t.lower_ in ("never", "not", "n't", "no", "without"))


def _negators(token) -> list:  # noqa: ANN001
    """The words negating ``token``: "not"/"never", including those on its copula ("is not final"), and a
    negative quantifier on its subject or object ("found no evidence", "none of them were charged")."""
    if token.lemma_.lower() == "help" and _next_word(token) == "but":
        return []  # "cannot help but notice" says the noticing happens
    subjects = [c.i for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
    # A "not" before the verb's own subject does not negate the verb: in "one not so I highly recommend"
    # (a speaker breaking off) the parse hangs it there all the same.
    found = [
        c
        for c in token.children
        if (c.dep_ == "neg" or c.lower_ in ("never", "not", "n't")) and not any(c.i < i for i in subjects)
    ]
    if token.dep_ in ("acomp", "attr") and token.head.lemma_ == "be":
        found += [c for c in token.head.children if c.dep_ == "neg" or c.lower_ in ("never", "not", "n't")]
    if token.pos_ == "VERB":
        found += [q for c in token.children if c.dep_ in _ARGUMENTS and (q := _negative_quantifier(c)) is not None]
    return found


_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "oprd"})


def _next_word(token) -> str:  # noqa: ANN001
    return token.doc[token.i + 1].lower_ if token.i + 1 < len(token.doc) else ""


def _negative_quantifier(word):  # noqa: ANN001, ANN202
    """The token that makes an argument negative ("none", "nobody", "no" in "no evidence"), or None."""
    if word.lower_ in NEGATIVE_PRONOUNS:
        return word
    return next((c for c in word.children if c.lower_ in ("no", "neither") and c.dep_ == "det"), None)


def _is_negated(token) -> bool:  # noqa: ANN001
    """Negated by "not"/"never", or governed by a verb that negates its complement ("refused to settle")."""
    negated = bool(_negators(token))
    head = token.head
    if token.dep_ in ("xcomp", "ccomp") and head is not token and head.lemma_.lower() in NEGATIVE_GOVERNORS:
        negated = not negated
    return negated


def _said_negated(tokens: list, lemma: str) -> bool:  # noqa: ANN001
    """Whether ``lemma`` is negated where ``tokens`` say it (the first time)."""
    said = next((t for t in tokens if t.lemma_.lower() == lemma or t.lower_ == lemma), None)
    return said is not None and _is_negated(said)


def _tokens(doc, sentence: Sentence) -> list:  # noqa: ANN001
    span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
    return [t for t in span if not t.is_space] if span is not None else []
