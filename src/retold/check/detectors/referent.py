"""``referent``: a person the rewrite names where the source says someone else, or does not say who.

Read independently of whatever the rewrite chose, from the source's own referent links
(``FactSheet.referents``):

- an assembled name: a full name the source never gives whose first name belongs to one source person and
  whose surname to another ("Dr. Anna Reyes" from Dr. Anna Cole and Dr. Mark Reyes) is an ``error``;
- where a rewrite sentence names a person in a place (doer, possessor, object) that its best supporting
  source sentence fills with a pronoun instead, the source's link for that pronoun must be the same person:
  another person is an ``error`` whose evidence is the source's referent ("the source's 'She' is Ana
  Ruiz"); a pronoun the resolver cannot settle is a ``warning`` ("the source does not say who").
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any

from retold.check.align import sentence_evidence
from retold.check.context import CheckContext
from retold.check.match.names import _edit_distance, entity_keys, keys_of
from retold.check.memo import per_object
from retold.lexicon import FEMININE, MASCULINE
from retold.normalize import fold
from retold.types import Evidence, FactSheet, Finding, Mention

_TITLE = re.compile(
    r"^(?:(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sir|Dame|Lord|Lady|Sen|Rep|Gov|Gen|Col|Capt|Sgt|Lt|Rev|St|President|Senator"
    r"|Governor|Mayor|Judge|Justice|Minister|Prime Minister|Chancellor|Secretary|Representative|Congressman"
    r"|Congresswoman|Councillor|Councilman|Councilwoman|Chief|Coach|Father|Sister|Brother)\.?\s+)+"
)
_POSSESSIVE = re.compile(r"(?:['\u2019]s|['\u2019])$")
_PERSONAL = MASCULINE | FEMININE
_ROLE = {"nsubj": "nsubj", "nsubjpass": "nsubjpass", "poss": "poss", "dobj": "dobj", "pobj": "pobj"}
MIN_SUPPORT = 0.3


def _words(text: str) -> list[str]:
    bare = _POSSESSIVE.sub("", _TITLE.sub("", " ".join(text.split())))
    return [w for w in fold(bare).split() if w[:1].isalpha()]


def _first_last(words: list[str]) -> tuple[str, str] | None:
    full = [w for w in words if not (len(w.rstrip(".")) == 1)]  # a middle initial says nothing either way
    return (full[0].lower(), full[-1].lower()) if len(full) >= 2 else None


@dataclass(frozen=True, slots=True)
class _People:
    """The source's people as the lookups below need them, built once per source (a text that names the
    same people thousands of times is looked up thousands of times)."""

    listed: list[tuple[int, tuple[str, str], Mention]]  # (entity, (first, last) folded, mention) per full name
    by_pair: dict[tuple[str, str], set[int]]
    by_first: dict[str, dict[int, Mention]]  # first name → entity → its first mention with that name
    by_last: dict[str, dict[int, Mention]]
    pairs_of: dict[int, set[tuple[str, str]]]  # entity → the (first, last) pairs it goes by
    keys_of: dict[int, frozenset[str]]  # person entity → alias keys
    folded_text: str  # the source text, folded and lower-cased
    mentions_in: dict[tuple[int, int], list[Mention]]  # (entity, sentence) → its mentions there


@per_object
def _people(source: FactSheet) -> _People:
    listed: list[tuple[int, tuple[str, str], Mention]] = []
    by_pair: dict[tuple[str, str], set[int]] = {}
    by_first: dict[str, dict[int, Mention]] = {}
    by_last: dict[str, dict[int, Mention]] = {}
    pairs_of: dict[int, set[tuple[str, str]]] = {}
    mentions_in: dict[tuple[int, int], list[Mention]] = {}
    for e in source.entities:
        for m in e.mentions:
            mentions_in.setdefault((e.id, m.sentence), []).append(m)
        if e.label != "PERSON":
            continue
        for m in e.mentions:
            pair = _first_last(_words(m.text))
            if pair is not None:
                listed.append((e.id, pair, m))
                by_pair.setdefault(pair, set()).add(e.id)
                by_first.setdefault(pair[0], {}).setdefault(e.id, m)
                by_last.setdefault(pair[1], {}).setdefault(e.id, m)
                pairs_of.setdefault(e.id, set()).add(pair)
    keys = {e.id: entity_keys(e) for e in source.entities if e.label == "PERSON"}
    return _People(listed, by_pair, by_first, by_last, pairs_of, keys, fold(source.text).lower(), mentions_in)


def _source_people(source: FactSheet) -> list[tuple[int, tuple[str, str], Mention]]:
    return _people(source).listed


def assembled(ctx: CheckContext, mention: Mention) -> tuple[Mention, Mention] | None:
    """(mention giving the first name, mention giving the surname) when ``mention`` joins two people's names."""
    pair = _first_last(_words(mention.text))
    if pair is None:
        return None
    people = _people(ctx.source)
    if pair in people.by_pair:
        return None  # the source gives this name ("Joe Biden" in "President Joe Biden", "Joseph R. Biden")
    if fold(" ".join(_words(mention.text))).lower() in people.folded_text:
        return None
    firsts = people.by_first.get(pair[0], {})
    lasts = people.by_last.get(pair[1], {})
    if not firsts or not lasts or set(firsts) & set(lasts):
        return None
    if any(_edit_distance(p[1], pair[1], 2) <= 2 for eid in firsts for p in people.pairs_of[eid]):
        return None  # "Michael Wagner" for the source's "Michael Wanger": a spelling, not two people
    return next(iter(firsts.values())), next(iter(lasts.values()))


def _source_entity(ctx: CheckContext, mention: Mention) -> int | None:
    """The one source person a rewrite name stands for, by whole name first, else by its alias keys."""
    people = _people(ctx.source)
    pair = _first_last(_words(mention.text))
    if pair is not None:
        ids = people.by_pair.get(pair, set())
        if len(ids) == 1:
            return next(iter(ids))
    keys = keys_of(mention.text)
    matched = {eid for eid, theirs in people.keys_of.items() if keys & theirs}
    return matched.pop() if len(matched) == 1 else None


def _tokens(doc: Any, start: int, end: int) -> list[Any]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


def _place(doc: Any, mention: Mention) -> str | None:
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return _ROLE.get(span.root.dep_) if span is not None and len(span) else None


def _rewrite_names(ctx: CheckContext) -> list[tuple[str, Mention]]:
    """The rewrite's name mentions, and any full name of a source person its tagger missed ("Ana Ruiz has
    served …" opening a sentence): the rewrite's tagger may miss or mislabel a person; the source decides."""
    found = [(e.label, m) for e in ctx.rewrite.entities for m in e.mentions if e.label == "PERSON"]
    text = ctx.rewrite.text
    covered = bytearray(len(text) + 1)  # a source person's name the tagger took for a place counts
    for _, m in found:
        covered[m.start : m.end] = b"\x01" * (m.end - m.start)
    sentences = ctx.rewrite.sentences
    starts = [x.start for x in sentences]
    forms = {" ".join(m.text.split()) for _, _, m in _source_people(ctx.source)}
    for form in sorted(forms, key=len, reverse=True):
        for hit in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text):
            if any(covered[hit.start() : hit.end()]):
                continue
            at = bisect.bisect_right(starts, hit.start()) - 1
            if at >= 0 and hit.start() < sentences[at].end:
                found.append(("PERSON", Mention(hit.start(), hit.end(), form, sentences[at].id)))
                covered[hit.start() : hit.end()] = b"\x01" * (hit.end() - hit.start())
    return found


def disagreements(ctx: CheckContext) -> list[Finding]:
    findings: list[Finding] = []
    source = ctx.source
    referents = source.referents
    for label, m in _rewrite_names(ctx):
        joined = assembled(ctx, m) if label == "PERSON" else None
        if joined is not None:
            first, last = joined
            findings.append(
                Finding.on(
                    m,
                    "referent",
                    "error",
                    f"“{m.text}” is a name the source never gives: it puts {first.text}'s first name with "
                    f"{last.text}'s surname",
                    (Evidence(first.start, first.end, first.text), Evidence(last.start, last.end, last.text)),
                    "contradicts",
                )
            )
            continue
        if referents is None or m.sentence >= len(ctx.alignment):
            continue
        target = _source_entity(ctx, m)
        place = _place(ctx.rewrite.doc, m)
        if target is None or place is None:
            continue
        found = _source_word(ctx, m, target, place)
        if found is None:
            continue
        sid, start, end = found
        word = source.text[start:end]
        link = referents.resolve(start)
        said = Evidence(start, end, word)
        if link is None:
            guess = referents.link(start)
            pronoun = word.lower() in _PERSONAL
            if pronoun and (guess is None or guess.entity == target):
                continue  # nobody else in view, or the source's likeliest reading is the rewrite's
            findings.append(
                Finding.on(
                    m,
                    "referent",
                    "warning",
                    f"the source does not say who “{word}” is here; the rewrite says {m.text}",
                    (said, *sentence_evidence(source, [sid])),
                    "closest",
                )
            )
        elif link.entity != target:
            a, b = link.antecedent
            findings.append(
                Finding.on(
                    m,
                    "referent",
                    "error",
                    f"the source's “{word}” is {link.name}, not {m.text}",
                    (Evidence(a, b, source.text[a:b]), said),
                    "contradicts",
                )
            )
    return findings


def _shared(source: FactSheet, surname: list[str]) -> bool:
    """Whether two people of the source go by the surname ``surname`` (one word, folded)."""
    if not surname:
        return False
    return len(_people(source).by_last.get(surname[0].lower(), {})) > 1


def _source_word(ctx: CheckContext, m: Mention, target: int, place: str) -> tuple[int, int, int] | None:
    """(source sentence, start, end) of the pronoun or bare surname the rewrite's name ``m`` stands in for,
    in the best supporting source sentences; None when that sentence gives the name itself, or when which
    word the name replaced is not clear."""
    source = ctx.source
    for s in ctx.alignment[m.sentence].support[:2]:
        if s.score < MIN_SUPPORT:
            continue
        here = _people(source).mentions_in.get((target, s.sentence), [])
        if any(len(_words(n.text)) > 1 for n in here):
            return None  # the source sentence gives the name
        if here:
            if len(_words(m.text)) < 2 or not _shared(source, _words(here[0].text)[-1:]):
                return None  # the rewrite says no more than the source, or the name belongs to one person
            return s.sentence, here[0].start, here[0].end  # "Smith": which Smith, the resolver decides
        theirs = source.sentences[s.sentence]
        pronouns = [
            t
            for t in _tokens(source.doc, theirs.start, theirs.end)
            if t.lower_ in _PERSONAL and (t.pos_ == "PRON" or t.tag_ == "PRP$") and _ROLE.get(t.dep_) == place
        ]
        if len(pronouns) == 1:  # several in that place: which one the name replaced is not clear
            p = pronouns[0]
            return s.sentence, p.idx, p.idx + len(p.text)
    return None


def detect(ctx: CheckContext) -> list[Finding]:
    return disagreements(ctx)
