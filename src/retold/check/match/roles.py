"""Who did what, per clause: the speaker a reworded claim is credited to, and the role a person is given.

Read beside the doer/object exchange of :mod:`retold.check.consistency_syntax`. Two rules, each on a
rewrite clause and the source sentences that support it:

- **speaker**: "Pence said most Americans could get the vaccine by April" where the sentence it rests on
  credits that claim to Fauci — a person the source names, speaking there, who is not the rewrite's speaker,
  while the rewrite's speaker is a different person of the source who says nothing in the supporting sentences;
- **kin**: "Andrew Tate and his sister" where the article never uses "sister" and the supporting sentence
  has "his brother" — a relative the article does not mention;
- **office**: "met with the Ukrainian prime minister" where the article names no minister at all — an
  office stands for a person, and one the article never names is a person it does not mention;
- **role**: "James Lee, the alleged ringleader" where the source gives "the alleged ringleader" (a definite
  role: "the …" or a bare title before the name) only to Han Lee, another person it names.

A person of the rewrite is matched with a source person by the name keys only one source person has, so
"Lee" alone matches neither Han Lee nor James Lee.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Any

from retold.check.align import profiles
from retold.check.context import CheckContext
from retold.check.match.meaning import REWORDED_SUPPORT, is_claim
from retold.check.match.names import entity_keys, keys_of
from retold.check.memo import per_object
from retold.lexicon import KINSHIP, OFFICE_SPELLINGS, OFFICES, REPORTING
from retold.types import Entity, FactSheet, Severity

PERSON = "PERSON"
CLAIM_SHARE = 0.5  # of the reported claim's content words the source sentence must hold
ANTECEDENT_SENTENCES = 2  # how far back a source "he"/"she" looks for the person speaking
_PERSONAL = frozenset({"he", "she", "him", "her"})
_DEFINITE = frozenset({"the", "his", "her", "its", "their"})


@dataclass(frozen=True, slots=True)
class SpeakerConflict:
    """A rewrite clause credited to one source person where the supporting sentence credits it to another."""

    sentence: int  # rewrite Sentence.id
    start: int  # the rewrite speaker's name
    end: int
    said_by: str  # the rewrite's speaker, as written
    source_sentence: int
    source_start: int  # the source speaker's mention (or the pronoun standing for them)
    source_end: int
    source_speaker: str  # the source speaker's full name


@dataclass(frozen=True, slots=True)
class RoleConflict:
    """A rewrite person given a role the source gives only to another person it names."""

    start: int  # the rewrite person's name
    end: int
    person: str
    role: str  # the role's head noun, as the rewrite writes it
    source_start: int  # the source clause giving the role
    source_end: int
    holder: str  # who holds it in the source


# --------------------------------------------------------------------------- people


@dataclass(frozen=True, slots=True)
class _People:
    """The person entities of one fact sheet, with their mentions in text order for lookups by offset."""

    entities: tuple[Entity, ...]
    starts: tuple[int, ...]  # mention starts, in order
    spans: tuple[tuple[int, int, int], ...]  # (start, end, index into entities)
    own_keys: tuple[frozenset[str], ...]  # per entity: its name keys no other person shares


@per_object
def _people(facts: FactSheet) -> _People:
    people = tuple(e for e in facts.entities if e.label == PERSON)
    keys = [entity_keys(e) for e in people]
    own = tuple(k - frozenset().union(*(o for j, o in enumerate(keys) if j != i)) for i, k in enumerate(keys))
    spans = sorted((m.start, m.end, i) for i, e in enumerate(people) for m in e.mentions)
    return _People(people, tuple(s for s, _, _ in spans), tuple(spans), own)


def _person_at(facts: FactSheet, start: int, end: int) -> int | None:
    """Index (into ``_people(facts)``) of the person whose mention overlaps ``start``–``end``."""
    people = _people(facts)
    at = bisect.bisect_right(people.starts, end - 1) - 1
    for s, e, i in people.spans[max(0, at - 1) : at + 1]:
        if s < end and start < e:
            return i
    return None


def _source_person(source: FactSheet, name: str) -> int | None:
    """The one source person whose own name keys the rewrite's ``name`` carries."""
    people = _people(source)
    keys = keys_of(name)
    found = {i for i, own in enumerate(people.own_keys) if keys & own}
    return found.pop() if len(found) == 1 else None


def _token_person(facts: FactSheet, token: Any, *, resolve: bool) -> tuple[int, Any] | None:
    """The person a name token (or, with ``resolve``, a "he"/"she") stands for, and the token marking it."""
    if token.lower_ in _PERSONAL and token.pos_ == "PRON":
        if not resolve:
            return None
        people = _people(facts)
        floor_sentence = max(0, _sentence_index(facts, token.idx) - ANTECEDENT_SENTENCES)
        floor = facts.sentences[floor_sentence].start if facts.sentences else 0
        at = bisect.bisect_right(people.starts, token.idx) - 1
        if at >= 0 and people.spans[at][0] >= floor:
            return people.spans[at][2], token
        return None
    found = _person_at(facts, token.idx, token.idx + len(token.text))
    return (found, token) if found is not None else None


def _sentence_index(facts: FactSheet, offset: int) -> int:
    starts = [s.start for s in facts.sentences]
    return max(0, bisect.bisect_right(starts, offset) - 1)


# --------------------------------------------------------------------------- speakers


def _reporting_verbs(facts: FactSheet, start: int, end: int) -> list[Any]:
    span = facts.doc.char_span(start, end, alignment_mode="expand")
    return [t for t in span or () if t.pos_ == "VERB" and t.lemma_.lower() in REPORTING]


def _speaker_token(verb: Any) -> Any | None:
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subjects:
        return None
    return subjects[0]


def _speakers(facts: FactSheet, sentence_id: int, *, resolve: bool) -> list[tuple[int, Any]]:
    sentence = facts.sentences[sentence_id]
    found = []
    for verb in _reporting_verbs(facts, sentence.start, sentence.end):
        token = _speaker_token(verb)
        person = _token_person(facts, token, resolve=resolve) if token is not None else None
        if person is not None:
            found.append(person)
    for quote in facts.quotes:  # a quotation's analysed speaker speaks in its sentences too
        if sentence_id in quote.sentences and quote.speaker is not None:
            entity = facts.entities[quote.speaker]
            people = _people(facts)
            if entity in people.entities:
                found.append((people.entities.index(entity), None))
    return found


def _claim_share(ctx: CheckContext, verb: Any, source_sentence: int) -> float:
    """How much of the claim a reporting verb introduces (its clausal complement) the source sentence holds."""
    claim = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp")]
    if not claim:
        return 0.0
    lo, hi = claim[0].left_edge.idx, claim[0].right_edge.idx + len(claim[0].right_edge.text)
    sentence = ctx.rewrite.sentences[_sentence_index(ctx.rewrite, verb.idx)]
    ours = [w for w in profiles(ctx.rewrite)[sentence.id].words if lo <= w.start < hi]
    if len(ours) < 3:
        return 0.0
    theirs = profiles(ctx.source)[source_sentence]
    held = sum(1 for w in ours if w.lemma in theirs.keys or w.lower in theirs.keys or w.stem in theirs.stems)
    return held / len(ours)


def speaker_conflicts(ctx: CheckContext) -> list[SpeakerConflict]:
    """Every reworded claim credited to a source person other than the one its supporting sentence credits."""
    found = []
    source_people = _people(ctx.source)
    for sentence, alignment in zip(ctx.rewrite.sentences, ctx.alignment):
        support = [s.sentence for s in alignment.support if s.score >= REWORDED_SUPPORT]
        if not support or not is_claim(sentence):
            continue
        for verb in _reporting_verbs(ctx.rewrite, sentence.start, sentence.end):
            token = _speaker_token(verb)
            if token is None or not token.text[:1].isupper() or token.pos_ == "PRON":
                continue  # a name, however tagged ("Pence" is read as a noun); matched with a source person below
            name = _name_at(ctx.rewrite, token)
            ours = _source_person(ctx.source, name)
            if ours is None:
                continue  # a name the source lacks is the entity detector's; one it cannot tell apart, nobody's
            best = support[0]
            if _claim_share(ctx, verb, best) < CLAIM_SHARE:
                continue
            theirs = _speakers(ctx.source, best, resolve=True)
            if not theirs or any(p == ours for p, _ in theirs):
                continue
            if any(p == ours for s in support for p, _ in _speakers(ctx.source, s, resolve=True)):
                continue
            if _mentions(ctx.source, best, ours):
                continue  # "Fauci, asked about Pence's plan, said": the rewrite's speaker is in the sentence
            person, marker = theirs[0]
            holder = source_people.entities[person]
            s, e = _marker_bounds(ctx.source, marker) if marker is not None else _first_mention(holder, best)
            start, end = _name_bounds(ctx.rewrite, token)
            found.append(SpeakerConflict(sentence.id, start, end, name, best, s, e, holder.name))
            break
    return found


def _name_at(facts: FactSheet, token: Any) -> str:
    start, end = _name_bounds(facts, token)
    return facts.text[start:end]


def _name_bounds(facts: FactSheet, token: Any) -> tuple[int, int]:
    """The whole name a name token belongs to: its entity mention, or its run of proper nouns."""
    people = _people(facts)
    for s, e, _ in people.spans:
        if s <= token.idx < e:
            return s, e
    left = token
    while left.i > 0 and left.doc[left.i - 1].pos_ == "PROPN" and left.doc[left.i - 1].dep_ == "compound":
        left = left.doc[left.i - 1]
    return left.idx, token.idx + len(token.text)


def _marker_bounds(facts: FactSheet, marker: Any) -> tuple[int, int]:
    if marker.pos_ == "PRON":
        return marker.idx, marker.idx + len(marker.text)
    return _name_bounds(facts, marker)


def _mentions(facts: FactSheet, sentence_id: int, person: int) -> bool:
    return any(m.sentence == sentence_id for m in _people(facts).entities[person].mentions)


def _first_mention(entity: Entity, sentence_id: int) -> tuple[int, int]:
    for m in entity.mentions:
        if m.sentence == sentence_id:
            return m.start, m.end
    return entity.mentions[0].start, entity.mentions[0].end


# --------------------------------------------------------------------------- roles


@dataclass(frozen=True, slots=True)
class _Role:
    person: int  # index into _people
    noun: Any  # the role's head noun token
    name: Any  # the name's head token


def _roles(facts: FactSheet) -> list[_Role]:
    """Definite roles given to named people: "Han Lee, the alleged ringleader", "Han Lee is the ringleader",
    "the ringleader, Han Lee", "ringleader Han Lee"."""
    out = []
    for token in facts.doc:
        if token.pos_ != "PROPN" or token.dep_ in ("compound", "flat"):
            continue
        found = _person_at(facts, token.idx, token.idx + len(token.text))
        if found is None:
            continue
        for noun in _role_nouns(token):
            out.append(_Role(found, noun, token))
    return out


def _role_nouns(name: Any) -> list[Any]:
    nouns = [c for c in name.children if c.dep_ == "appos" and c.pos_ == "NOUN" and _definite(c)]
    head = name.head
    if name.dep_ == "appos" and head.pos_ == "NOUN" and _definite(head):
        nouns.append(head)  # "the ringleader, Han Lee"
    if name.dep_ == "nsubj" and head.lemma_ == "be":
        nouns += [c for c in head.children if c.dep_ == "attr" and c.pos_ == "NOUN" and _definite(c)]
    if name.dep_ == "attr" and head.lemma_ == "be":
        nouns += [c for c in head.children if c.dep_ == "nsubj" and c.pos_ == "NOUN" and _definite(c)]
    nouns += [
        c
        for c in name.children
        if c.dep_ == "compound" and c.pos_ == "NOUN" and c.i < name.i and c.is_lower and not c.is_stop
    ]
    return nouns


def _definite(noun: Any) -> bool:
    """A role only one person holds: "the ringleader", "his lawyer", not "a friend" or "ringleaders"."""
    if noun.tag_ in ("NNS", "NNPS"):
        return False
    return any(c.dep_ in ("det", "poss") and c.lower_ in _DEFINITE for c in noun.children) and not any(
        c.dep_ == "prep" or c.dep_ == "conj" for c in noun.children
    )


def role_conflicts(ctx: CheckContext) -> list[RoleConflict]:
    """Every rewrite person given a definite role that the source gives to another person and never to them."""
    holders: dict[str, set[int]] = {}
    clauses: dict[tuple[str, int], Any] = {}
    for role in _roles(ctx.source):
        key = role.noun.lemma_.lower()
        holders.setdefault(key, set()).add(role.person)
        clauses.setdefault((key, role.person), role)
    people = _people(ctx.source)
    found = []
    for role in _roles(ctx.rewrite):
        key = role.noun.lemma_.lower()
        given_to = holders.get(key)
        if not given_to:
            continue
        start, end = _name_bounds(ctx.rewrite, role.name)
        ours = _source_person(ctx.source, ctx.rewrite.text[start:end])
        if ours is None or ours in given_to or len(given_to) != 1:
            continue
        holder = next(iter(given_to))
        clause = clauses[(key, holder)]
        name_start, name_end = _name_bounds(ctx.source, clause.name)
        tokens = [clause.noun.left_edge, clause.noun.right_edge]
        s = min(name_start, *(t.idx for t in tokens))
        e = max(name_end, *(t.idx + len(t.text) for t in tokens))
        found.append(
            RoleConflict(start, end, ctx.rewrite.text[start:end], role.noun.text, s, e, people.entities[holder].name)
        )
    return found


# --------------------------------------------------------------------------- family ties


@dataclass(frozen=True, slots=True)
class KinConflict:
    """A family tie ("his sister") the article never uses, where the supporting sentence has another one."""

    start: int
    end: int
    word: str
    source_start: int  # the supporting sentence's family word
    source_end: int
    source_word: str
    severity: Severity


def kin_conflicts(ctx: CheckContext) -> list[KinConflict]:
    """Every possessed family word ("his sister") the article never uses, where it uses another one: an error
    when a supporting sentence has that other one, else a warning (the other one is where the article has it)."""
    kin = [t for t in ctx.source.doc if t.lemma_.lower() in KINSHIP and t.pos_ == "NOUN"]
    used = {t.lemma_.lower() for t in kin}
    found = []
    for sentence, alignment in zip(ctx.rewrite.sentences, ctx.alignment):
        support = [_bounds(ctx.source, s.sentence) for s in alignment.support]
        span = ctx.rewrite.doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        for token in span or ():
            lemma = token.lemma_.lower()
            if lemma not in KINSHIP or lemma in used or token.pos_ != "NOUN" or not _possessed(token) or not kin:
                continue
            near = [t for t in kin if any(s <= t.idx < e for s, e in support)]
            other = (near or kin)[0]
            found.append(
                KinConflict(
                    token.idx,
                    token.idx + len(token.text),
                    token.text,
                    other.idx,
                    other.idx + len(other.text),
                    other.text,
                    "error" if near else "warning",
                )
            )
    return found


def _possessed(noun: Any) -> bool:
    return any(c.dep_ == "poss" for c in noun.children)


def _bounds(facts: FactSheet, sentence_id: int) -> tuple[int, int]:
    sentence = facts.sentences[sentence_id]
    return sentence.start, sentence.end


# --------------------------------------------------------------------------- offices


@dataclass(frozen=True, slots=True)
class InventedOffice:
    """An office ("prime minister", "CEO") the article never names."""

    sentence: int
    start: int  # the office's phrase: its title words
    end: int
    office: str


def invented_offices(ctx: CheckContext) -> list[InventedOffice]:
    words = _article_words(ctx.source)
    found = []
    for sentence in ctx.rewrite.sentences:
        span = ctx.rewrite.doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        for token in span or ():
            lemma = token.lemma_.lower().replace("-", "")
            if lemma not in OFFICES or token.pos_ not in ("NOUN", "PROPN") or _held(lemma, token.lower_, words):
                continue
            if token.tag_ in ("NNS", "NNPS") or (token.dep_ == "compound" and token.head.pos_ == "PROPN"):
                continue  # "prosecutors" are nobody in particular; "Premier League" is no premier
            if any(s <= token.idx < e for s, e in ((q.start, q.end) for q in ctx.rewrite.quotes)):
                continue
            left = token
            while (
                left.i > span.start
                and left.doc[left.i - 1].dep_ in ("compound", "amod")
                and left.doc[left.i - 1].head == token
                and left.doc[left.i - 1].is_lower  # "prime minister", not "Ukrainian"
            ):
                left = left.doc[left.i - 1]
            found.append(
                InventedOffice(
                    sentence.id,
                    left.idx,
                    token.idx + len(token.text),
                    ctx.rewrite.text[left.idx : token.idx + len(token.text)],
                )
            )
    return found


@per_object
def _article_words(source: FactSheet) -> frozenset[str]:
    return frozenset({t.lemma_.lower() for t in source.doc} | {t.lower_ for t in source.doc})


def _held(lemma: str, lower: str, words: frozenset[str]) -> bool:
    if lemma in words or lower in words:
        return True
    return any(all(w in words for w in spelling.split()) for spelling in OFFICE_SPELLINGS.get(lemma, ()))
