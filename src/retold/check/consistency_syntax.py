"""Syntax signals of local consistency: who did what to whom, said which way, and who "he" is.

For every verb a rewrite sentence shares (by lemma) with one of its supporting source sentences, the
rewrite's doer and object are compared with the source's: a doer that is the source's object, or the reverse,
is a role swap ("the police arrested the man" → "the man arrested the police"); a named doer the source does
not give that verb is a swap too. A shared verb negated on one side only is a polarity flip; one hedged by a
modal ("may", "could", "must") on one side only is a modality flip. A third-person pronoun with nobody
named before it in the rewrite is unresolved; "she" for someone the source only ever calls "he" (or the
reverse) is a gender clash. Passive clauses are read as active (the agent is the doer).
"""

from __future__ import annotations

import bisect
from dataclasses import astuple, dataclass
from typing import Any

from retold.analyze.genders import pronoun_gender
from retold.check.context import CheckContext
from retold.check.memo import per_object
from retold.lexicon import FEMININE, MASCULINE, SYMMETRIC
from retold.types import Sentence
from retold.wordnet import same_sense

_SUBJECT = frozenset({"nsubj", "csubj"})
_OBJECT = frozenset({"dobj", "nsubjpass", "obj"})
_NEGATORS = frozenset({"not", "n't", "never", "no"})
_MODALS = frozenset({"may", "might", "could", "can", "must", "should", "would", "ought"})
_PERSONAL = MASCULINE | FEMININE
_PERSON_LABELS = frozenset({"PERSON"})
_NAME_DEPS = frozenset({"compound", "flat", "appos"})
_STOP = frozenset({"the", "of", "and", "de", "van", "von"})


@dataclass(frozen=True, slots=True)
class SyntaxSignals:
    role_swaps: float = 0.0
    polarity_flips: float = 0.0
    modality_flips: float = 0.0
    unresolved_pronouns: float = 0.0
    gender_clashes: float = 0.0

    def as_tuple(self) -> tuple[float, ...]:
        return astuple(self)


def syntax_signals(ctx: CheckContext, sentence: Sentence, local: list[int]) -> SyntaxSignals:
    """The syntax signals of one rewrite sentence against its supporting source sentences ``local``."""
    ours = _tokens(ctx.rewrite.doc, sentence.start, sentence.end)
    theirs = [t for i in local for t in _tokens(ctx.source.doc, *_bounds(ctx.source.sentences[i]))]
    verbs: dict[str, list[Any]] = {}
    for t in theirs:
        if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() not in ("be", "have", "do"):
            verbs.setdefault(t.lemma_.lower(), []).append(t)
    swaps = flips = hedges = 0.0
    for token in ours:
        if token.pos_ != "VERB" or token.lemma_.lower() not in verbs:
            continue
        candidates = verbs[token.lemma_.lower()]
        swaps += min(_role_swap(ctx, token, c) for c in candidates)
        flips += min(float(_negated(token) != _negated(c)) for c in candidates)
        hedges += min(float(_modal(token) != _modal(c)) for c in candidates)
    unresolved, clashes = _pronoun_signals(ctx, ours)
    return SyntaxSignals(swaps, flips, hedges, unresolved, clashes)


# --------------------------------------------------------------------------- roles


def _role_swap(ctx: CheckContext, ours: Any, theirs: Any) -> float:
    """1 when the rewrite's doer or object of a shared verb contradicts the source's, else 0."""
    our_subject, our_object = _arguments(ctx.rewrite.doc, ours, rewrite=True)
    their_subject, their_object = _arguments(ctx.source.doc, theirs, referents=ctx.source.referents)
    if our_subject and our_subject & their_object and not our_subject & their_subject:
        return 1.0
    if our_object and our_object & their_subject and not our_object & their_object:
        return 1.0
    if our_subject and their_subject and not our_subject & their_subject and _named(ours, _SUBJECT):
        return 1.0
    return 0.0


def _arguments(doc: Any, verb: Any, *, rewrite: bool = False, referents: Any = None) -> tuple[set[str], set[str]]:
    """The name words of ``verb``'s doer and object. A source pronoun is read through the source's
    certain referent links (``referents``); a rewrite's "he" means the last person it named."""
    subject: set[str] = set()
    obj: set[str] = set()
    for child in verb.children:
        if child.dep_ in _SUBJECT:
            subject |= _keys(doc, child, rewrite=rewrite, referents=referents)
        elif _is_object(child, verb):
            obj |= _keys(doc, child, rewrite=rewrite, referents=referents)
        elif child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    subject |= _keys(doc, grand, rewrite=rewrite, referents=referents)
    # A shared clause head ("X arrived and (X) said") gives a conjunct verb its subject.
    if not subject and verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        subject = {
            k
            for c in verb.head.children
            if c.dep_ in _SUBJECT
            for k in _keys(doc, c, rewrite=rewrite, referents=referents)
        }
    return subject, obj


def _is_object(child: Any, verb: Any) -> bool:
    """An object of ``verb``; a name right after it counts whatever a score after it made of it ("beat Chelsea 2-1")."""
    return child.dep_ in _OBJECT or (child.dep_ == "npadvmod" and child.pos_ == "PROPN" and child.i == verb.i + 1)


def _named(verb: Any, deps: frozenset[str]) -> bool:
    return any(c.dep_ in deps and (c.pos_ == "PROPN" or c.ent_type_ in _PERSON_LABELS) for c in verb.children)


def _keys(doc: Any, token: Any, *, rewrite: bool, referents: Any = None) -> set[str]:
    """What an argument refers to: its name words, its noun, or a pronoun's antecedent's name words."""
    if token.lower_ in _PERSONAL:
        if not rewrite:
            link = referents.resolve(token.idx) if referents is not None else None
            return {w.lower() for w in link.name.split() if w.isalpha() and w.lower() not in _STOP} if link else set()
        antecedent = _antecedent(doc, token, limit=None)
        return _name_words(antecedent) if antecedent is not None else set()
    if token.pos_ == "PRON":
        return set()
    return _name_words(token)


@dataclass(frozen=True, slots=True)
class _DocIndex:
    """What the pronoun and name readings look up in one doc, built once: spaCy rebuilds ``doc.ents``
    and ``doc.sents`` at every access, and reading them per verb or pronoun made long texts quadratic."""

    ents: tuple[Any, ...]
    ent_starts: tuple[int, ...]
    people: tuple[Any, ...]  # person entities, in order
    people_ends: tuple[int, ...]
    sentence_starts: tuple[int, ...]


@per_object
def _index(doc: Any) -> _DocIndex:
    ents = tuple(doc.ents)
    people = tuple(e for e in ents if e.label_ in _PERSON_LABELS)
    return _DocIndex(
        ents=ents,
        ent_starts=tuple(e.start for e in ents),
        people=people,
        people_ends=tuple(e.end for e in people),
        sentence_starts=tuple(s.start for s in doc.sents),
    )


def _entity_at(token: Any) -> Any | None:
    index = _index(token.doc)
    at = bisect.bisect_right(index.ent_starts, token.i) - 1
    if at >= 0 and index.ents[at].start <= token.i < index.ents[at].end:
        return index.ents[at]
    return None


def _name_words(token: Any) -> set[str]:
    if token.ent_type_:
        ent = _entity_at(token)
        if ent is not None:
            # Only the part of the name inside the argument: a tagger may run one name across the verb.
            lo, hi = token.left_edge.i, token.right_edge.i
            return {t.lower_ for t in ent if lo <= t.i <= hi and t.is_alpha and not t.is_stop}
    words = {token.lemma_.lower()} if token.is_alpha else set()
    words |= {c.lower_ for c in token.children if c.dep_ in _NAME_DEPS and c.pos_ == "PROPN"}
    if token.pos_ == "PROPN":  # the run of name words ending here: "La Gazzetta dello Sport" untagged
        left = token
        while left.i > token.left_edge.i and token.doc[left.i - 1].pos_ == "PROPN":
            left = token.doc[left.i - 1]
        words |= {t.lower_ for t in token.doc[left.i : token.i] if t.is_alpha and not t.is_stop}
    return words


# --------------------------------------------------------------------------- polarity and modality


def _negated(verb: Any) -> bool:
    found = any(c.dep_ == "neg" or c.lower_ in _NEGATORS for c in verb.children)
    head = verb.head
    if verb.dep_ in ("acomp", "attr", "xcomp") and head is not verb:
        found = found or any(c.dep_ == "neg" for c in head.children)
    return found


def _modal(verb: Any) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in _MODALS for c in verb.children)


# --------------------------------------------------------------------------- pronouns


def _pronoun_signals(ctx: CheckContext, ours: list[Any]) -> tuple[float, float]:
    unresolved = clashes = 0.0
    genders = ctx.source.genders.names
    for token in ours:
        lower = token.lower_
        if lower not in _PERSONAL or token.pos_ != "PRON":
            continue
        antecedent = _antecedent(ctx.rewrite.doc, token, limit=None)
        if antecedent is None:
            unresolved += 1.0
            continue
        said = pronoun_gender(lower)
        known = {genders[w] for w in _name_words(antecedent) if w in genders}
        if known and said not in known:
            clashes += 1.0
    return unresolved, clashes


def _antecedent(doc: Any, pronoun: Any, limit: int | None) -> Any | None:
    """The last person named before ``pronoun`` (within ``limit`` sentences, when given), as its head token."""
    index = _index(doc)
    floor = 0
    if limit is not None:
        earlier = bisect.bisect_right(index.sentence_starts, pronoun.i)  # sentences starting at or before it
        floor = index.sentence_starts[earlier - limit - 1] if earlier > limit else 0
    last = bisect.bisect_right(index.people_ends, pronoun.i) - 1  # people ends are in order: ents never overlap
    if last >= 0 and index.people[last].start >= floor:
        return index.people[last].root
    return None


def _bounds(sentence: Sentence) -> tuple[int, int]:
    return sentence.start, sentence.end


def _tokens(doc: Any, start: int, end: int) -> list[Any]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return [t for t in span if not t.is_space] if span is not None else []


# --------------------------------------------------------------------------- exchanged roles, as findings


@dataclass(frozen=True, slots=True)
class RoleExchange:
    """A rewrite clause whose doer is the source's object of the same verb and whose object is its doer."""

    sentence: int  # rewrite Sentence.id
    start: int  # the rewrite clause, doer to object
    end: int
    source_sentence: int
    source_start: int  # the source clause
    source_end: int


def role_exchanges(ctx: CheckContext, min_support: float) -> list[RoleExchange]:
    """Every clause of a rewrite sentence that turns a supporting source clause's doer and object around.

    Both must be exchanged ("Chelsea beat Arsenal" for "Arsenal beat Chelsea"): one changed argument alone
    is often a paraphrase. Passives read as active, so "Chelsea were beaten by Arsenal" exchanges nothing.
    The verbs match when they share a WordNet sense ("defeated" for "beat"); a verb whose doer and object
    can trade places ("met", "married") is never read.
    """
    found = []
    for sentence, alignment in zip(ctx.rewrite.sentences, ctx.alignment):
        support = [s.sentence for s in alignment.support if s.score >= min_support]
        ours = [t for t in _tokens(ctx.rewrite.doc, sentence.start, sentence.end) if t.pos_ == "VERB"]
        for sid in support if ours else ():
            theirs = [t for t in _tokens(ctx.source.doc, *_bounds(ctx.source.sentences[sid])) if t.pos_ == "VERB"]
            for verb in ours:
                if verb.lemma_.lower() in SYMMETRIC:
                    continue
                for other in (t for t in theirs if same_sense(verb.lemma_, t.lemma_)):
                    if _exchanged(ctx, verb, other):
                        start, end = _clause_span(verb)
                        source_start, source_end = _clause_span(other)
                        found.append(RoleExchange(sentence.id, start, end, sid, source_start, source_end))
                        break
    return _first_per_clause(found)


def _exchanged(ctx: CheckContext, ours: Any, theirs: Any) -> bool:
    our_subject, our_object = _arguments(ctx.rewrite.doc, ours, rewrite=True)
    their_subject, their_object = _arguments(ctx.source.doc, theirs, referents=ctx.source.referents)
    return bool(
        our_subject
        and our_object
        and our_subject & their_object
        and our_object & their_subject
        and not our_subject & their_subject
        and not our_object & their_object
    )


def _clause_span(verb: Any) -> tuple[int, int]:
    """Character span from the verb's doer to its object (the verb alone when either is missing)."""
    args = [c for c in verb.children if c.dep_ in _SUBJECT or c.dep_ == "agent" or _is_object(c, verb)]
    tokens = [verb, *(t for a in args for t in (a.left_edge, a.right_edge))]
    first, last = min(tokens, key=lambda t: t.i), max(tokens, key=lambda t: t.i)
    return first.idx, last.idx + len(last.text)


def _first_per_clause(found: list[RoleExchange]) -> list[RoleExchange]:
    seen: set[tuple[int, int]] = set()
    kept = []
    for r in found:
        if (r.start, r.end) not in seen:
            seen.add((r.start, r.end))
            kept.append(r)
    return kept
