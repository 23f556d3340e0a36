"""Sentence compression by deletion only: every word kept is the source's own, in the source's order.

What may go: a leading discourse marker ("However,"), parentheticals ("(CNN)"), paired dash
asides, a caption label ("Road trip:"), a trailing news-agency credit (", Reuters reported"),
and — only when a length limit asks for it — comma-bounded relative clauses and appositions
and the circumstances ending a sentence (when, where: "on Tuesday", "in Brussels"). What
never goes: part of a quotation, a negation or condition, a restrictive clause, a passive's
agent, or the subject, verb or object of the main clause.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from retold.lexicon import ATTRIBUTING, CREDITING, REPORTING_FORMS
from retold.types import FactSheet, Sentence

DISCOURSE_MARKERS = (
    "however",
    "meanwhile",
    "but",
    "and",
    "still",
    "also",
    "moreover",
    "furthermore",
    "in addition",
    "additionally",
    "indeed",
    "in fact",
    "of course",
    "nevertheless",
    "nonetheless",
    "so",
    "yet",
    "separately",
    "besides",
    "likewise",
    "similarly",
    "as a result",
    "as such",
    "in turn",
    "now",
    "for example",
    "for instance",
)
_AMBIGUOUS_MARKERS = {"so", "still", "now", "yet", "also", "indeed", "likewise", "similarly", "besides", "in turn"}
# Words whose loss would turn a fact into a different one (a negation, a condition, an exception).
_KEEP_WORDS = {"not", "n't", "no", "never", "nor", "without", "unless", "if", "except", "only", "until", "neither"}
_MEDIA_HINTS = ("news", "agency", "press", "times", "post", "journal", "independent", "reuters", "cnn", "bbc", "tv")
_OPEN = '"\u201c\u201e\u00ab'
_CLOSE = '"\u201d\u00bb'


@dataclass(frozen=True, slots=True)
class SentenceTokens:
    """The spaCy tokens of one source sentence and which of them sit inside quotation marks."""

    sentence: Sentence
    tokens: tuple[Any, ...]
    quoted: frozenset[int]  # token indices inside a quote, marks included
    text: str  # the full FactSheet text, for slicing


def sentence_tokens(facts: FactSheet, sentence: Sentence) -> SentenceTokens:
    doc = facts.doc
    span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
    tokens = tuple(span) if span is not None else ()
    quoted: set[int] = set()
    for quote in facts.quotes:
        lo, hi = quote.start - 1, quote.end + 1  # include the marks
        if hi <= sentence.start or lo >= sentence.end:
            continue
        quoted.update(t.i for t in tokens if t.idx < hi and t.idx + len(t.text) > lo)
    return SentenceTokens(sentence, tokens, frozenset(quoted), facts.text)


# --------------------------------------------------------------------------- light deletions


def leading_marker(st: SentenceTokens, removed: set[int]) -> set[int]:
    """A discourse marker opening the sentence, with its comma."""
    kept = [t for t in st.tokens if t.i not in removed]
    words = [t.text.lower() for t in kept[:4]]
    for marker in sorted(DISCOURSE_MARKERS, key=len, reverse=True):
        parts = marker.split()
        if words[: len(parts)] == parts and len(kept) > len(parts) + 3:
            if any(t.i in st.quoted for t in kept[: len(parts)]):
                return set()
            drop = {t.i for t in kept[: len(parts)]}
            nxt = kept[len(parts)]
            if nxt.text == ",":
                drop.add(nxt.i)
            elif len(parts) > 1 and nxt.lower_ in ("of", "to"):
                return set()  # "As a result of Fahie's arrest, …", "In addition to …": a phrase, not a marker
            elif marker in _AMBIGUOUS_MARKERS:
                return set()  # "So far…", "Still hoping…", "Now 92…": without a comma it is no marker
            return drop
    return set()


def parentheticals(st: SentenceTokens) -> set[int]:
    """Round-bracketed asides ("(CNN)", "(550 pounds)") outside quotes."""
    drop: set[int] = set()
    depth, current = 0, []
    for tok in st.tokens:
        if tok.text == "(" and tok.i not in st.quoted:
            depth += 1
        if depth:
            current.append(tok.i)
        if tok.text == ")" and depth:
            depth -= 1
            if depth == 0:
                if not st.quoted.intersection(current):
                    drop.update(current)
                current = []
    return drop


def dash_asides(st: SentenceTokens) -> set[int]:
    """A short aside between two dashes ("the iconic -- and burly -- embodiment")."""
    dashes = [t for t in st.tokens if t.text in ("--", "\u2014", "\u2013") and t.i not in st.quoted]
    drop: set[int] = set()
    for a, b in zip(dashes[::2], dashes[1::2]):
        inner = [t for t in st.tokens if a.i < t.i < b.i]
        if 0 < len(inner) <= 8 and not any(t.i in st.quoted or t.lower_ in _KEEP_WORDS for t in inner):
            drop.update(range(a.i, b.i))  # keep the second dash's slot as the join point
            drop.add(b.i)
    return drop


def attributed(st: SentenceTokens, removed: set[int]) -> bool:
    """Whether the kept words credit the sentence's claim to someone: "…, Pence said", "according to police"."""
    return bool(credits(st, removed))


def credits(st: SentenceTokens, removed: set[int] = frozenset()) -> list[Any]:  # type: ignore[assignment]
    """The kept tokens that credit the sentence's claim: a verb of saying with its subject, or "according".

    The verb counts when its subject is kept with it, outside any quotation, and it carries the sentence
    (its root, or the verb whose complement the claim is) — not "the plan, which Smith said …".
    """
    kept = [t for t in st.tokens if t.i not in removed and t.i not in st.quoted]
    ids = {t.i for t in kept}
    found = []
    for tok in kept:
        if tok.lower_ == "according" and any(c.lower_ == "to" and c.i in ids for c in tok.children):
            found.append(tok)
            continue
        if tok.lemma_.lower() not in CREDITING or tok.pos_ not in ("VERB", "AUX"):
            continue
        carries = tok.dep_ in ("ROOT", "parataxis") or (
            tok.dep_ not in SUBORDINATE and any(c.dep_ == "ccomp" for c in tok.children)
        )
        if carries and any(c.dep_ in ("nsubj", "nsubjpass") and c.i in ids for c in tok.children):
            found.append(tok)
    return found


def _credit_clause(st: SentenceTokens, removed: set[int]) -> tuple[list[Any], int] | None:
    """The closing ", <someone> said" clause of the kept words (its comma first) and where it starts, or None."""
    kept = [t for t in st.tokens if t.i not in removed]
    if len(kept) < 6:
        return None
    end = len(kept)
    while end and kept[end - 1].is_punct and kept[end - 1].text not in _CLOSE:
        end -= 1
    for k in range(end - 1, max(end - 12, 0), -1):
        tok = kept[k]
        if tok.text != ",":
            continue
        clause = kept[k + 1 : end]
        if not clause or any(t.i in st.quoted for t in clause):
            return None
        words = [t.lower_ for t in clause]
        if not any(w in REPORTING_FORMS for w in words) or not 1 <= len(clause) <= 10:
            return None
        if clause[0].lower_ == "according":
            return None  # "according to" credits the claim itself
        return kept[k:end], k
    return None


def trailing_credit(st: SentenceTokens, removed: set[int]) -> set[int]:
    """A closing ", <outlet> reported" / ", <someone> said" credit when the rest still says who says so.

    A claim keeps its attribution: the credit goes only when another one stays ("The ministry said in a
    statement, "…", the Kyiv Independent reports"), never when it would leave the claim as the article's own.
    """
    found = _credit_clause(st, removed)
    if found is None:
        return set()
    clause, k = found
    kept = [t for t in st.tokens if t.i not in removed]
    head = " ".join(t.lower_ for t in clause)
    media = any(h in head for h in _MEDIA_HINTS) or any(t.ent_type_ == "ORG" for t in clause)
    quote_before = any(t.i in st.quoted for t in kept[:k])
    drop = {t.i for t in clause}
    if (media or quote_before) and (not attributed(st, removed) or attributed(st, removed | drop)):
        return drop
    return set()


def before_credit(st: SentenceTokens, removed: set[int]) -> list[set[int]]:
    """Circumstances ending the claim before a closing credit ("… in Brussels, Reuters reported"), smallest first."""
    found = _credit_clause(st, removed)
    if found is None:
        return []
    tail = {t.i for t in found[0]}
    return [ids for ids in right_edge(st, removed | tail) if not ids & tail]


def leading_label(st: SentenceTokens) -> set[int]:
    """A caption label before a colon ("Road trip: Roy, 52, and Wright…"), when a full clause follows."""
    for k, tok in enumerate(st.tokens[:7]):
        if tok.text == ":" and k > 0:
            head = st.tokens[: k + 1]
            rest = st.tokens[k + 1 :]
            # "He said:" introduces words; "Rags to riches:" only labels them
            if any(t.i in st.quoted or t.pos_ in ("PRON", "AUX") or t.lemma_ in ATTRIBUTING for t in head):
                return set()
            if rest and (rest[0].text in _OPEN or rest[0].text in ("'", "\u2018")):
                return set()
            if len(rest) >= 5 and any(t.pos_ in ("VERB", "AUX") for t in rest):
                return {t.i for t in head}
            return set()
    return set()


_DATELINE = re.compile(r"^[A-Z][A-Z.'\u2019-]+(?: [A-Z][A-Z.'\u2019-]+){0,3}(?:, [A-Z][\w.]+(?: [A-Z][\w.]+){0,2})?$")


def dateline(st: SentenceTokens) -> set[int]:
    """A wire dateline opening the sentence ("ST CATHERINE, Jamaica —"): where the story was filed, not news."""
    for k, tok in enumerate(st.tokens[:9]):
        if tok.text in ("\u2014", "\u2013", "--", "-") and k > 0:
            head = st.tokens[:k]
            text = st.text[head[0].idx : head[-1].idx + len(head[-1].text)]
            if _DATELINE.match(text) and len(st.tokens) - k > 5:
                return {t.i for t in st.tokens[: k + 1]}
            return set()
    return set()


def light_deletions(st: SentenceTokens) -> set[int]:
    removed = parentheticals(st) | dash_asides(st) | leading_label(st) | dateline(st)
    removed |= trailing_credit(st, removed)
    removed |= leading_marker(st, removed)
    return removed


# --------------------------------------------------------------------------- deeper deletions, on demand


_SAY_LEMMAS = ATTRIBUTING | {"report", "announce", "confirm", "claim", "declare"}
_TIME_ENTS = {"DATE", "TIME"}


def headline_deletions(st: SentenceTokens, removed: set[int]) -> set[int]:
    """What a headline may also lose: the "that" after a verb of saying and when it was said or done.

    "The ministry said on Tuesday that Ukraine will refuse …" → "The ministry said Ukraine will refuse …".
    Only a date or time phrase that modifies a verb goes ("on Tuesday", "last week"), never one inside a
    quotation, and never the words a negation or condition needs.
    """
    own = {t.i for t in st.tokens}
    drop: set[int] = set()
    for tok in st.tokens:
        if tok.i in removed or tok.i in st.quoted:
            continue
        if (
            tok.lower_ == "that"
            and tok.dep_ == "mark"
            and tok.head.dep_ == "ccomp"
            and tok.head.head.lemma_ in _SAY_LEMMAS
        ):
            drop.add(tok.i)
            continue
        if tok.head.pos_ not in ("VERB", "AUX") or tok.head.i not in own:
            continue
        if tok.dep_ == "prep" and tok.lower_ in ("on", "in", "at", "during", "this", "last"):
            objects = [c for c in tok.children if c.dep_ == "pobj"]
            ids = _subtree_ids(tok) & own
        elif tok.dep_ in ("npadvmod", "tmod") and tok.ent_type_ in _TIME_ENTS:
            objects = [tok]
            ids = _subtree_ids(tok) & own
        else:
            continue
        if not objects or any(
            t.ent_type_ not in _TIME_ENTS for t in st.tokens if t.i in ids and t.i != tok.i and not t.is_punct
        ):
            continue  # "in Brussels", "on the island": a place or a thing, not a time
        if _droppable(st, ids) and not ids & removed:
            drop |= ids
    return drop


def _subtree_ids(tok: Any) -> set[int]:
    return {t.i for t in tok.subtree}


def _droppable(st: SentenceTokens, ids: set[int]) -> bool:
    toks = [t for t in st.tokens if t.i in ids]
    if not toks or any(t.i in st.quoted for t in toks):
        return False
    return not any(t.lower_ in _KEEP_WORDS or t.dep_ == "neg" for t in toks)


def comma_clauses(st: SentenceTokens) -> list[set[int]]:
    """Comma-bounded relative clauses and appositions (", who has ALS,"), with their commas."""
    own = {t.i for t in st.tokens}
    out: list[set[int]] = []
    for tok in st.tokens:
        if tok.dep_ not in ("relcl", "appos"):
            continue
        ids = _subtree_ids(tok) & own
        lo, hi = min(ids), max(ids)
        before = tok.doc[lo - 1] if lo - 1 in own else None
        after = tok.doc[hi + 1] if hi + 1 in own else None
        if before is not None and before.text == "," and after is not None and after.text in (",", "."):
            # both commas go with the clause ("Hawking, who has ALS, zooms" → "Hawking zooms"); a closing period
            # stays, and so does the comma before a clause of its own ("… in Brussels, Reuters reported")
            both = after.text == "," and not _clause_follows(st, hi + 2)
            ids = set(range(lo - 1, hi + 2)) if both else set(range(lo - 1, hi + 1))
            if _droppable(st, ids):
                out.append(ids)
    return out


def _clause_follows(st: SentenceTokens, at: int) -> bool:
    """Whether a subject starts at token ``at`` ("…, Reuters reported", "…, the ministry said")."""
    return any(t.dep_ in ("nsubj", "nsubjpass") and t.left_edge.i == at for t in st.tokens if t.i >= at)


# What may be cut from the end of a sentence. Left out on purpose: restrictive relative clauses
# ("a partner who will do the same"), passive agents ("used by several businesses"), complements
# ("billed as …", "drive for 16 hours") — without them the sentence says something else.
_EDGE_DEPS = {"prep", "npadvmod", "advmod", "advcl", "conj"}
_CIRCUMSTANCE_PREPS = {
    "in",
    "on",
    "at",
    "near",
    "during",
    "across",
    "around",
    "throughout",
    "outside",
    "inside",
    "following",
    "after",
    "before",
}
_CIRCUMSTANCE_MARKS = {"while", "after", "before", "when", "as", "following"}
_TIME_PLACE_ADVERBS = {
    "today",
    "yesterday",
    "tomorrow",
    "tonight",
    "recently",
    "earlier",
    "later",
    "now",
    "there",
    "here",
    "overnight",
}


def right_edge(st: SentenceTokens, removed: set[int]) -> list[set[int]]:
    """Modifiers ending the sentence ("on Tuesday", "following a meeting in Brussels"), smallest first."""
    kept = [t for t in st.tokens if t.i not in removed and not t.is_punct]
    if not kept:
        return []
    own = {t.i for t in st.tokens}
    last = kept[-1]
    out: list[set[int]] = []
    node = last
    while node.head != node and node.head.i in own:
        ids = (_subtree_ids(node) & own) - removed
        ends_here = max(ids) >= last.i
        if not ends_here:
            break
        # never strand a preposition or conjunction ("…into university without")
        stranding = node.head.pos_ in ("ADP", "SCONJ", "PART", "CCONJ")
        if node.dep_ in _EDGE_DEPS and not stranding and _droppable(st, ids) and _circumstantial(node, removed):
            if node.dep_ == "conj":
                ccs = [c for c in node.head.children if c.dep_ == "cc" and c.i < node.i]
                # only the "and" right before this conjunct joins it: "begin and, hopefully, finish …, the
                # memories will be seen" parsed as one list must not lose the "and" of "finish"
                between = [t for t in st.tokens if ccs and ccs[-1].i < t.i < node.left_edge.i and not t.is_punct]
                if ccs and ccs[-1].lower_ == "and" and not between:
                    ids = ids | {ccs[-1].i}
                    out.append(ids | _dangling_punct(st, ids, removed))
            else:
                out.append(ids | _dangling_punct(st, ids, removed))
        node = node.head
    return out


def _circumstantial(node: Any, removed: set[int] = frozenset()) -> bool:  # type: ignore[assignment]
    """When, where or alongside what something happened — not what it was."""
    if node.dep_ == "prep":
        if node.lower_ not in _CIRCUMSTANCE_PREPS or node.head.pos_ not in ("VERB", "AUX"):
            return False
        # "has been built on a self-funded blitz", "the incident unfolded at 1 a.m.": a verb's last complement
        # is no circumstance (cutting it leaves "has been built.", "the incident unfolded.")
        return _has_other_complement(node, removed)
    if node.dep_ == "advcl":
        marks = [c.lower_ for c in node.children if c.dep_ == "mark"]
        return bool(marks) and marks[0] in _CIRCUMSTANCE_MARKS
    if node.dep_ == "advmod":  # "again", "nearly", "still" change what is said; "today" only dates it
        return node.head.pos_ in ("VERB", "AUX") and node.lower_ in _TIME_PLACE_ADVERBS
    if node.dep_ == "npadvmod":  # "on Friday" said as "Friday", not "16 hours a day"
        return node.head.pos_ in ("VERB", "AUX")
    return True


_COMPLEMENTS = {"dobj", "attr", "acomp", "ccomp", "xcomp", "oprd", "dative", "prt"}


def _has_other_complement(prep: Any, removed: set[int]) -> bool:
    """The prepositional phrase's verb says something whole without it: it keeps an object or another complement."""
    return any(
        (
            c.dep_ in _COMPLEMENTS or (c.dep_ == "prep" and c.i > prep.head.i)
        )  # "According to officials, …" is no complement
        and c.i not in removed
        for c in prep.head.children
        if c.i != prep.i
    )


def _dangling_punct(st: SentenceTokens, ids: set[int], removed: set[int]) -> set[int]:
    """The comma or dash left hanging right before a removed span."""
    lo = min(ids)
    prev = [t for t in st.tokens if t.i < lo and t.i not in removed]
    if prev and prev[-1].text in (",", ";", ":", "--", "\u2014", "\u2013") and prev[-1].i not in st.quoted:
        return {prev[-1].i}
    return set()


# --------------------------------------------------------------------------- text from kept tokens


def tokens_text(
    st: SentenceTokens,
    removed: Iterable[int],
    *,
    close_quote: bool = False,
    replace: dict[int, str] | None = None,
) -> str:
    """The sentence with ``removed`` tokens gone (and ``replace`` tokens swapped for a name).

    Kept runs are exact source text, joined by single spaces.
    """
    gone = set(removed)
    swaps = replace or {}
    runs: list[tuple[int, int]] = []
    names: dict[int, str] = {}  # run index → replacement text
    for tok in st.tokens:
        if tok.i in gone:
            continue
        lo, hi = tok.idx, tok.idx + len(tok.text)
        if tok.i in swaps:
            names[len(runs)] = swaps[tok.i]
            runs.append((lo, hi))
        elif runs and (tok.i - 1 not in gone) and tok.i - 1 not in swaps and tok.i - 1 >= st.tokens[0].i:
            runs[-1] = (runs[-1][0], hi)
        else:
            runs.append((lo, hi))
    pieces = [names.get(k, st.text[lo:hi]) for k, (lo, hi) in enumerate(runs)]
    # a bullet glyph the source typed into its paragraph ("• Embiid was …") is the page's layout, not a word
    out = pieces[0].lstrip(",;:\u2014\u2013- \u2022\u25aa\u25e6\u00b7") if pieces else ""
    for piece in pieces[1:]:
        left, right = out.rstrip(), piece.lstrip()
        if right[:1] in ",;:":
            if not left or left[-1] in ",;:(\u2014\u2013-":
                right = right[1:].lstrip()
                out = left + (" " + right if right else "")
            else:
                out = left + right
        elif right[:1] in ".!?":
            out = left.rstrip(",;:\u2014\u2013- ") + right
        else:
            out = left + " " + right
    out = " ".join(out.split())
    out = re.sub(r"^\([A-Z][\w .&-]{0,30}\)\s*", "", out)  # a wire-service dateline glued on: "(CNN)Jodi Arias…"
    out = re.sub(r"\s+([.!?])$", r"\1", out)  # "in Michigan ." as some sources space it
    out = re.sub(r"[,;:\s\u2014\u2013-]+$", "", out)
    if close_quote and _open_quote_count(out) > 0:
        out = out + "\u201d"
    if out and not re.search(r"[.!?][\"\u201d\u2019']?$", out) and not out.endswith(("\u201d", '"')):
        out += "."
    if out and out[0].islower() and (not st.tokens or st.tokens[0].i in gone or st.tokens[0].i in swaps):
        out = out[0].upper() + out[1:]
    return out


def _open_quote_count(text: str) -> int:
    """Opening minus closing double quotation marks (straight quotes counted by parity)."""
    curly = text.count("\u201c") + text.count("\u201e") - text.count("\u201d")
    straight = text.count('"') % 2
    return curly + straight


def word_count(text: str) -> int:
    return len(text.split())


RELATIVE = {"who", "which", "that", "whom", "whose", "what"}
SUBORDINATE = {"relcl", "acl", "advcl", "pcomp", "xcomp", "csubj"}


def has_main_clause(st: SentenceTokens, removed: set[int]) -> bool:
    """Some kept verb has a kept subject and heads no relative or adverbial clause."""
    for tok in st.tokens:
        if tok.i in removed or tok.pos_ not in ("VERB", "AUX") or tok.dep_ in SUBORDINATE:
            continue
        for child in tok.children:
            if child.dep_ in ("nsubj", "nsubjpass", "expl") and child.i not in removed and child.lower_ not in RELATIVE:
                return True
    return False


def apply_until(
    st: SentenceTokens,
    removed: set[int],
    max_words: int,
    *,
    close_quote: bool = False,
    replace: dict[int, str] | None = None,
) -> tuple[set[int], str]:
    """Cut comma-bounded clauses, then right-edge modifiers, until the text fits ``max_words``.

    A cut that would leave no verb, or fewer than four words, is not made.
    """
    text = tokens_text(st, removed, close_quote=close_quote, replace=replace)
    pending = comma_clauses(st)
    needs_main = has_main_clause(st, removed)
    needs_credit = attributed(st, removed)
    while word_count(text) > max_words:
        options = [ids for ids in pending if not ids <= removed] + right_edge(st, removed) + before_credit(st, removed)
        for ids in options:
            trial = removed | ids
            kept = [t for t in st.tokens if t.i not in trial and not t.is_punct]
            dangling = kept and kept[-1].pos_ in ("CCONJ", "ADP", "DET", "SCONJ", "PART", "AUX")
            if needs_main and not has_main_clause(st, trial):
                continue  # "A man who ran a website" is no sentence: the cut took the main verb
            if needs_credit and not attributed(st, trial):
                continue  # "…, Pence said" cut would leave the claim as the article's own
            if len(kept) >= 4 and not dangling and any(t.pos_ in ("VERB", "AUX") for t in kept):
                removed = trial
                break
        else:
            break
        text = tokens_text(st, removed, close_quote=close_quote, replace=replace)
    return removed, text
