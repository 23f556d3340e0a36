"""Substitutions: the words a near-copy rewrite sentence changed against the source sentence it copies.

Most rewrites — and most planted errors — keep the wording of a source sentence and change one thing: a
name for another name the article also gives, "before" for "after", "some" for "all", a verb for its
opposite, a dropped "not". The article holds every word of such a sentence, so word-level support cannot
see the change; the token-level diff against the copied sentence can. For every rewrite sentence whose
tokens are mostly a copy of one of its supporting source sentences (:func:`best_copy`), the diff's small,
anchored edits are classed (:func:`classify`):

- ``entity``: a name where the source has another name that is not the same entity;
- ``number``: a figure where the source has another figure, or a unit changed beside the same figure;
- ``opposite``: an antonym or another member of a closed class ("gold"/"silver", "before"/"after",
  "former"/"current", "some"/"all", "he"/"she");
- ``negation``: a "not", "no" or "never" added or dropped;
- ``hedge``: a qualifier the source gives ("almost", "about", "may") dropped, or a new one added;
- ``cause``: a word of cause ("because of", "due to", "led to") where the source joins the same two things by
  time or by "and" ("arrested because of a chase" for "arrested after a chase"): a cause the source never gives;
- ``word``: any other content word changed for another of its class — often a paraphrase, so it weighs little.

All but ``word`` become findings (:mod:`retold.check.detectors.swap`), which the score weighs like any
other; ``word`` edits carry no weight (on BUMP task 2, weighing them did not help).
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from retold.analyze.roles import HONORIFICS, TITLE_WORDS
from retold.check.context import CheckContext
from retold.check.match.names import abbreviates, entity_keys, initials, keys_of
from retold.check.match.numbers import same_value
from retold.check.memo import per_object
from retold.lexicon import ANTONYMS, CLOSED_CLASSES, HEDGES, NEGATIONS, SCOPE_WORDS, TIME_PLACERS, TIME_UNITS
from retold.types import DateFact, FactSheet, NumberFact
from retold.wordnet import CHECKED_POS, antonyms_of

_F = TypeVar("_F", DateFact, NumberFact)

MIN_COPY_SHARE = 0.5  # a rewrite sentence is a near copy when this share of its tokens is one source sentence's
MIN_COPY_TOKENS = 4
MAX_EDIT_TOKENS = 3  # longer edits are rephrasing, not a swap ...
MAX_NAME_TOKENS = 6  # ... unless they put one whole name for another ...
MAX_REPHRASE_TOKENS = 12  # ... or rephrase a passage around a name that is not the source's
MIN_ANCHOR = 2  # unchanged tokens around an edit (both sides together, or one side at a sentence edge)

_NAME_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})
_NOT_NAME_TYPES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"})
_TITLES = frozenset(w.lower().rstrip(".") for w in (*TITLE_WORDS, *HONORIFICS))
_WORD_PARTS = re.compile(r"[^\W_]+")
_NAME_JOINER_POS = frozenset({"DET", "ADP", "CCONJ", "PART"})
_NEGATING_PREFIXES = frozenset({"un", "non", "non-", "in", "im", "il", "ir", "dis"})
_MODALS = frozenset({"may", "might", "could"})
_CONTENT_POS = frozenset({"NOUN", "VERB", "ADJ", "ADV", "PROPN", "NUM"})


@dataclass(frozen=True, slots=True)
class Substitution:
    """One anchored edit: ``start``/``end`` span the new words in the rewrite (for a drop, the word before it)."""

    sentence: int  # rewrite Sentence.id
    source_sentence: int
    start: int
    end: int
    source_start: int
    source_end: int
    rewrite_words: str
    source_words: str
    kind: str  # entity | number | date | opposite | negation | hedge | word


@dataclass(frozen=True, slots=True)
class _Tok:
    text: str
    key: str
    lower: str
    lemma: str
    pos: str
    ent: str
    like_num: bool
    start: int
    end: int
    named: bool  # inside a mention of one of the fact sheet's entities


def _tokens(facts: FactSheet, start: int, end: int, mentions: list[tuple[int, int]]) -> list[_Tok]:
    span = facts.doc.char_span(start, end, alignment_mode="expand")
    out = []
    for t in span if span is not None else ():
        if t.is_punct or t.is_space or not any(ch.isalnum() for ch in t.text):
            continue
        lower = t.lower_
        lemma = "not" if lower in ("n't", "not") else t.lemma_.lower()
        named = any(s <= t.idx < e for s, e in mentions)
        # Names keep their form: "Waters" is not "water"
        key = lower if t.like_num or t.pos_ == "PROPN" or named else lemma
        out.append(_Tok(t.text, key, lower, lemma, t.pos_, t.ent_type_, t.like_num, t.idx, t.idx + len(t.text), named))
    return out


@per_object
def _sentence_tokens(facts: FactSheet) -> list[list[_Tok]]:
    """The tokens of every sentence of ``facts``, computed once per fact sheet (a source is checked often)."""
    mentions = sorted((m.start, m.end) for e in facts.entities if e.label in _NAME_TYPES for m in e.mentions)
    starts = [a for a, _ in mentions]
    longest = max((b - a for a, b in mentions), default=0)
    result = []
    for s in facts.sentences:
        # the mentions that overlap the sentence, found by bisection (a scan per sentence was quadratic):
        # none starting before s.start - longest can reach into it
        lo, hi = bisect.bisect_left(starts, s.start - longest), bisect.bisect_left(starts, s.end)
        here = [(a, b) for a, b in mentions[lo:hi] if s.start < b]
        result.append(_tokens(facts, s.start, s.end, here))
    return result


def best_copy(rewrite: list[_Tok], candidates: dict[int, list[_Tok]]) -> tuple[int, difflib.SequenceMatcher] | None:
    """The candidate source sentence that the most rewrite tokens copy, when it is a near copy."""
    keys = [t.key for t in rewrite]
    best: tuple[int, int, difflib.SequenceMatcher] | None = None
    for sid, toks in candidates.items():
        matcher = difflib.SequenceMatcher(None, keys, [t.key for t in toks], autojunk=False)
        matched = sum(b.size for b in matcher.get_matching_blocks())
        if best is None or matched > best[0]:
            best = (matched, sid, matcher)
    if best is None:
        return None
    matched, sid, matcher = best
    if matched < MIN_COPY_TOKENS or matched < MIN_COPY_SHARE * len(keys):
        return None
    return sid, matcher


def substitutions(ctx: CheckContext) -> list[Substitution]:
    """Every anchored edit of every near-copy rewrite sentence, classed (edits that change nothing are left out)."""
    src_tokens = _sentence_tokens(ctx.source)
    rw_tokens = _sentence_tokens(ctx.rewrite)
    facts = _Facts(_source_names(ctx.source), ctx.rewrite, ctx.source)
    found: list[Substitution] = []
    for sentence, alignment in zip(ctx.rewrite.sentences, ctx.alignment):
        rewrite = rw_tokens[sentence.id]
        candidates = {s.sentence: src_tokens[s.sentence] for s in alignment.support}
        copy = best_copy(rewrite, candidates)
        if copy is None:
            continue
        sid, matcher = copy
        source = candidates[sid]
        ops = matcher.get_opcodes()
        prefixed = _prefix_negations(ops, rewrite, source)
        # "found no evidence" for "have not found any evidence": the negation moved, it was not added or dropped.
        balanced = _negations(rewrite) == _negations(source)
        for n, (tag, i1, i2, j1, j2) in enumerate(ops):
            if tag == "equal" or max(i2 - i1, j2 - j1) > MAX_REPHRASE_TOKENS:
                continue
            new, old = rewrite[i1:i2], source[j1:j2]
            rephrased = max(i2 - i1, j2 - j1) > MAX_EDIT_TOKENS and not (
                max(i2 - i1, j2 - j1) <= MAX_NAME_TOKENS and _all_name(new) and _all_name(old)
            )
            left = ops[n - 1][2] - ops[n - 1][1] if n > 0 and ops[n - 1][0] == "equal" else 0
            right = ops[n + 1][2] - ops[n + 1][1] if n + 1 < len(ops) and ops[n + 1][0] == "equal" else 0
            at_edge = i1 == 0 or i2 == len(rewrite)
            if left + right < MIN_ANCHOR or (not at_edge and (left == 0 or right == 0)):
                continue
            kind: str | None
            if rephrased:
                swapped = _rephrased_name_swap(new, old, facts)
                if swapped is None:
                    continue
                (new, old), kind = swapped, "entity"
            else:
                kind = classify(new, old, facts)
            if kind is None or (kind == "negation" and (prefixed or balanced)):
                continue
            if kind == "opposite" and _loose_time(new, rewrite[i1 - 1] if i1 > 0 else None):
                continue
            # A drop is marked on the word before it ("was [not]"), or after it at the start of a sentence.
            anchor = new if new else [rewrite[i1 - 1] if i1 > 0 else rewrite[min(i1, len(rewrite) - 1)]]
            start, end = anchor[0].start, anchor[-1].end
            found.append(
                Substitution(
                    sentence=sentence.id,
                    source_sentence=sid,
                    start=start,
                    end=end,
                    source_start=old[0].start if old else source[min(j1, len(source) - 1)].start,
                    source_end=old[-1].end if old else source[min(j1, len(source) - 1)].start,
                    rewrite_words=ctx.rewrite.text[new[0].start : new[-1].end] if new else "",
                    source_words=ctx.source.text[old[0].start : old[-1].end] if old else "",
                    kind=kind,
                )
            )
    return found


@dataclass(frozen=True, slots=True)
class _Facts:
    names: _Names
    rewrite: FactSheet
    source: FactSheet


def classify(new: list[_Tok], old: list[_Tok], facts: _Facts) -> str | None:
    """What an edit changed, or ``None`` when it changes nothing that matters (tense, articles, a name's form).

    A time put for another time ("this week" → "today") is a ``date``, one written another way ("Dec. 3" /
    "December 3") is not; a figure rounded ("3,000" for "2,950") is not a ``number`` change.
    """
    names = facts.names
    new_words = {t.lemma for t in new}
    old_words = {t.lemma for t in old}
    if not new or not old:
        words = {t.lemma for t in new or old}
        if words & NEGATIONS:
            return "negation"
        if all(_is_hedge(t) for t in new or old):  # only the qualifier came or went, not the phrase it qualifies
            return "hedge"
        if new and len(new) == 1 and new[0].lower in SCOPE_WORDS:
            return "opposite"
        return None
    new_date, old_date = _fact_at(new, facts.rewrite.dates), _fact_at(old, facts.source.dates)
    if new_date is not None and old_date is not None:
        return None if _same_date(new_date, old_date, new, old) else "date"
    if bool(NEGATIONS & new_words) != bool(NEGATIONS & old_words) and new_words - NEGATIONS == old_words - NEGATIONS:
        return "negation"
    if any(t.like_num for t in new) and any(t.like_num for t in old):
        if {t.lower for t in new} == {t.lower for t in old}:
            return None
        if _name_words(new) != _name_words(old):
            return None  # "Helen Campochiaro, 38" for "to four boys": another phrase, not another figure
        new_number, old_number = _fact_at(new, facts.rewrite.numbers), _fact_at(old, facts.source.numbers)
        if new_number is not None and old_number is not None and same_value(new_number, old_number, True, rounds=True):
            return None
        return "number"
    new_names = [t for t in new if _is_name(t)]
    old_names = [t for t in old if _is_name(t)]
    if new_names and old_names:
        # Name for name, nothing else changed around it; a title for a given name ("Ms King" / "Bunkie King")
        # or another form of the same entity is not a swap.
        if not (_all_name(new) and _all_name(old)):
            return None
        if all(t.lower in _TITLES for t in new_names) or all(t.lower in _TITLES for t in old_names):
            return None
        if _same_entity(new_names, old_names, names):
            return None
        return "entity"
    if _invented_cause(new, old):
        return "cause"
    if _closed_swap(new, old):
        return "opposite"
    if any(_is_hedge(t) for t in old) and not any(_is_hedge(t) for t in new):
        return "hedge"
    new_content = [t for t in new if t.pos in _CONTENT_POS]
    old_content = [t for t in old if t.pos in _CONTENT_POS]
    if new_content and old_content and {t.lemma for t in new_content} != {t.lemma for t in old_content}:
        if any(a.pos == b.pos for a in new_content for b in old_content):
            return "word"
    return None


# Words that give a cause, as lemmas; and the ones that join two things by time or by addition, no cause said.
_CAUSAL = frozenset("because due owe thanks cause result lead consequently therefore hence so".split())
_TEMPORAL = frozenset("after following before when then and while during".split())
# a source word that may give a cause itself ("since", "as", "after which it fell, prompting")
_MAYBE_CAUSAL = _CAUSAL | frozenset("since as from over prompt trigger spark drive fuel blame amid".split())


def _invented_cause(new: list[_Tok], old: list[_Tok]) -> bool:
    """ "because of" for "after": the rewrite says one thing caused another where the source only sets them in
    time. Only short connective edits count (at most three words each side), and only when the source's words
    hold no word that may give a cause."""
    if not new or not old or len(new) > 3 or len(old) > 3:
        return False
    ours = {t.lemma for t in new} | {t.lower for t in new}
    theirs = {t.lemma for t in old} | {t.lower for t in old}
    if not ours & _CAUSAL or theirs & _MAYBE_CAUSAL:
        return False
    if ours & {"so", "result", "lead", "cause"} and not ours & {"because", "due", "owe", "thanks"}:
        # "so", "as a result", "led to", "caused": only where the source had a bare joining word
        return bool(theirs & {"and", "then", "after", "following"})
    return bool(theirs & _TEMPORAL)


def _mentions_in(tokens: list[_Tok], sheet: FactSheet) -> list[tuple[str, list[_Tok]]]:
    """(entity label, tokens) of each mention of a named entity of ``sheet`` within ``tokens``."""
    if not tokens:
        return []
    lo, hi = tokens[0].start, tokens[-1].end
    found = []
    for entity in sheet.entities:
        for m in entity.mentions:
            if lo <= m.start and m.end <= hi:
                inside = [t for t in tokens if m.start <= t.start and t.end <= m.end]
                if inside and entity.label in _NAME_TYPES:
                    found.append((entity.label, inside))
    return found


def _rephrased_name_swap(new: list[_Tok], old: list[_Tok], facts: _Facts) -> tuple[list[_Tok], list[_Tok]] | None:
    """In a rephrased passage, a name of a kind the source passage names too, but of nobody it names there.

    "Rutte met his counterpart" for "Andriy Sybiha along with his counterpart": the passage is reworded,
    and the person in it changed. Returns (the rewrite's name, the source's name of that kind) or None.
    """
    old_names = _mentions_in(old, facts.source)
    for label, run in _mentions_in(new, facts.rewrite):
        rivals = [other for other_label, other in old_names if other_label == label]
        if rivals and not any(_same_entity(run, other, facts.names) for _, other in old_names):
            return run, rivals[0]
    return None


def _loose_time(new: list[_Tok], before: _Tok | None) -> bool:
    """A time unit that measures nothing ("in recent weeks" for "in recent months"): not a changed fact."""
    if not new or not all(t.lemma in TIME_UNITS or t.lower in TIME_UNITS for t in new):
        return False
    return before is None or not (before.like_num or before.lower in TIME_PLACERS or before.text == "-")


def _negations(tokens: list[_Tok]) -> int:
    return sum(t.lower in NEGATIONS or t.lemma in NEGATIONS for t in tokens)


def _prefix_negations(ops: Sequence[tuple[str, int, int, int, int]], rewrite: list[_Tok], source: list[_Tok]) -> bool:
    """True when the diff also swaps a word for its negated form ("able" / "unable"): a negation moved, not added."""
    for tag, i1, i2, j1, j2 in ops:
        if tag != "replace":
            continue
        for a in rewrite[i1:i2]:
            for b in source[j1:j2]:
                short, long = sorted((a.lower, b.lower), key=len)
                if long != short and long.endswith(short) and long[: len(long) - len(short)] in _NEGATING_PREFIXES:
                    return True
    return False


def _fact_at(tokens: list[_Tok], spans: tuple[_F, ...]) -> _F | None:
    """The date or number fact holding one of ``tokens``."""
    return next((f for f in spans for t in tokens if f.start <= t.start and t.end <= f.end), None)


def _same_date(a: DateFact, b: DateFact, new: list[_Tok], old: list[_Tok]) -> bool:
    """Every field both dates give agrees; dates that share no field ("this week", "today") compare as words.

    A weekday resolved against the publication date is that day: "Thursday" published on Friday 24 February
    2023 is "February 23"."""
    a_day, b_day = _day_of(a), _day_of(b)
    if (a_day is None) != (b_day is None) and (a.weekday is not None or b.weekday is not None):
        return True  # a weekday no publication date places, against a calendar day: the date detector says so
    if a_day is not None and b_day is not None:
        return (
            a_day.month == b_day.month
            and a_day.day == b_day.day
            and (a.year is None or b.year is None or a_day.year == b_day.year)
        )
    pairs = [
        (x, y)
        for x, y in ((a.year, b.year), (a.month, b.month), (a.day, b.day), (a.weekday, b.weekday))
        if x is not None and y is not None
    ]
    if pairs:
        return all(x == y for x, y in pairs)
    return {t.lower for t in new} == {t.lower for t in old}


def _day_of(date: DateFact):  # noqa: ANN202
    """The calendar day a date names: its resolved day, or its own month and day; None when it names none."""
    if date.resolved is not None:
        return date.resolved
    if date.month is not None and date.day is not None:
        import datetime as dt

        try:
            return dt.date(date.year or 2000, date.month, date.day)
        except ValueError:
            return None
    return None


def _all_name(tokens: list[_Tok]) -> bool:
    """The tokens are one name: name words, joined inside by "of", "the", "'s" or "and" ("on The Apprentice" is not)."""
    if tokens and tokens[0].pos == "DET":
        tokens = tokens[1:]
    return (
        bool(tokens)
        and _is_name(tokens[0])
        and _is_name(tokens[-1])
        and all(_is_name(t) or t.pos in _NAME_JOINER_POS for t in tokens)
    )


def _is_hedge(t: _Tok) -> bool:
    """ "almost", "about", "reportedly"; "may", "might", "could" only as verbs (not the month)."""
    return t.lemma in HEDGES and (
        t.pos == "AUX" if t.lemma in _MODALS else t.pos in ("ADV", "ADJ", "ADP", "DET", "PART")
    )


def _is_name(t: _Tok) -> bool:
    """A word of a name; a month or weekday ("December") is a date's word, not a name's."""
    if t.ent in _NOT_NAME_TYPES:
        return False
    return t.pos == "PROPN" or t.ent in _NAME_TYPES or t.named


def _closed_swap(new: list[_Tok], old: list[_Tok]) -> bool:
    """A word swapped for another member of its closed class, or for its antonym, the words around it kept.

    "29-year-old" for "former Feyenoord star" holds "old" where the source has "former", but the
    whole phrase is another one: not a swap.
    """
    paid = _negations(new) != _negations(old)  # "not accept" for "refuse": the negation pays for the antonym
    for a in new:
        for b in old:
            if a.lemma == b.lemma or a.lower == b.lower:
                continue
            if _content_lemmas(new, a) != _content_lemmas(old, b):
                continue
            for x in {a.lemma, a.lower}:
                opposite = frozenset() if paid else ANTONYMS.get(x, frozenset())
                if b.pos in CHECKED_POS and not paid:
                    # Not "unable" for "able": a negation elsewhere in the sentence may pay for a prefix.
                    opposite |= {w for w in antonyms_of(x, a.pos) if not (w.endswith(x) or x.endswith(w))}
                if {b.lemma, b.lower} & (CLOSED_CLASSES.get(x, frozenset()) | opposite):
                    return True
    return False


def _name_words(tokens: list[_Tok]) -> set[str]:
    return {t.lower for t in tokens if _is_name(t) and not t.like_num}


def _content_lemmas(tokens: list[_Tok], but: _Tok) -> set[str]:
    return {t.lemma for t in tokens if t is not but and t.pos in _CONTENT_POS}


@dataclass(frozen=True, slots=True)
class _Names:
    """The source's entities by the character offsets of their mentions."""

    entities: tuple[tuple[int, int, frozenset[str], frozenset[str]], ...]  # start, end, alias keys, mention words


@per_object
def _source_names(source: FactSheet) -> _Names:
    """Every mention of the source with its entity's keys and words; built once per source."""
    rows: list[tuple[int, int, frozenset[str], frozenset[str]]] = []
    for entity in source.entities:
        keys = entity_keys(entity)
        words = frozenset(w.lower().strip("'’") for m in entity.mentions for w in m.text.split())
        rows.extend((m.start, m.end, keys, words) for m in entity.mentions)
    return _Names(tuple(rows))


def _same_entity(new: list[_Tok], old: list[_Tok], names: _Names) -> bool:
    """True when the rewrite's name is another form of the source name it replaced ("Obama" / "Barack Obama")."""
    new_lower = {t.lower for t in new}
    old_parts = {p for t in old for p in _WORD_PARTS.findall(t.lower)}
    if new_lower & old_parts:
        return True
    # A short form: "Man Utd" / "Manchester United", "NZ" / "New Zealand", and the reverse.
    for short, full in ((new, old), (old, new)):
        full_words = [t.lower for t in full]
        if all(any(abbreviates(t.lower, w) for w in full_words) for t in short):
            return True
        if len(short) == 1 and len(full) > 1 and short[0].lower == initials([t.text for t in full]):
            return True
    new_keys = keys_of(" ".join(t.text for t in new))
    for start, end, keys, words in names.entities:
        if start < old[-1].end and old[0].start < end and (new_keys & keys or new_lower & words):
            return True
    return False
