"""Resolving a pronoun that opens a lifted sentence ("He insisted, …") to its named antecedent.

Only a clear case is resolved: the nearest earlier sentence that names people (or speaks
through a quoted speaker) must name exactly one candidate, or make one its subject.
Anything less clear stays unresolved, and the caller leaves the sentence out.
"""

from __future__ import annotations

from typing import Any

from retold.analyze.genders import pronoun_gender
from retold.lexicon import FEMININE, MASCULINE
from retold.types import Entity, FactSheet, Mention

PERSONAL = {"he", "she", "him"}
POSSESSIVE = {"his", "her"}
PLURAL = {"they", "their"}
UNRESOLVABLE = {"it", "its", "this", "that", "these", "those", "we", "our", "i", "my", "you", "your", "them"}
LOOKBACK = 1  # sentences: further back, a pronoun has too many candidates to guess between


def is_pronoun(tok: Any) -> bool:
    return tok.lower_ in PERSONAL | POSSESSIVE | PLURAL | UNRESOLVABLE and tok.pos_ == "PRON"


def _mentions_by_sentence(facts: FactSheet) -> dict[int, list[tuple[Entity, Mention]]]:
    table: dict[int, list[tuple[Entity, Mention]]] = {}
    for entity in facts.entities:
        for mention in entity.mentions:
            table.setdefault(mention.sentence, []).append((entity, mention))
    return table


def _name_form(mention: Mention) -> str:
    """The mention as a name ("Rutte's" → "Rutte")."""
    text = " ".join(mention.text.split())
    for suffix in ("'s", "\u2019s", "'", "\u2019"):
        if text.endswith(suffix):
            return text[: -len(suffix)]
    return text


def _char_span(facts: FactSheet, start: int, end: int, mode: str = "expand") -> Any | None:
    """The tokens of ``[start, end)``; None when the range is empty or reversed (a mention that runs past the
    end of its sentence, as one does where a paragraph stops mid-sentence, leaves nothing after it)."""
    if start >= end:
        return None
    return facts.doc.char_span(start, end, alignment_mode=mode)


def _is_subject(facts: FactSheet, mention: Mention) -> bool:
    span = _char_span(facts, mention.start, mention.end)
    return span is not None and any(t.dep_ in ("nsubj", "nsubjpass") for t in span)


# Unnamed people a pronoun may point to instead of the last name ("Dhillon said his patient… She later…").
PERSON_NOUNS = {
    "man", "woman", "men", "women", "boy", "girl", "child", "baby", "patient", "wife", "husband", "mother",
    "father", "son", "daughter", "brother", "sister", "victim", "driver", "officer", "teenager", "student",
    "friend", "partner", "pilot", "doctor", "suspect", "passenger", "owner", "mum", "dad", "grandmother",
    "grandfather", "girlfriend", "boyfriend", "widow", "resident", "worker", "customer", "teacher", "player",
}


def _unnamed_person_between(facts: FactSheet, mention: Mention, offset: int) -> bool:
    span = _char_span(facts, mention.end, offset)
    return span is not None and any(t.lower_ in PERSON_NOUNS and t.pos_ == "NOUN" for t in span)


def person_antecedent(facts: FactSheet, sentence_id: int, pronoun: str = "he", at: int | None = None) -> str | None:
    """The name a "he"/"she" at offset ``at`` of sentence ``sentence_id`` (its start by default) refers to, when clear."""
    name = _person_candidate(facts, sentence_id, at)
    if name is None:
        return None
    entity, mention = name
    wanted = pronoun_gender(pronoun)
    known = facts.genders.people.get(entity.id)
    if wanted and known and wanted != known:
        return None
    if _unnamed_person_between(facts, mention, at if at is not None else facts.sentences[sentence_id].start):
        return None
    return _name_form(mention)


def _person_candidate(facts: FactSheet, sentence_id: int, at: int | None) -> tuple[Entity, Mention] | None:
    table = _mentions_by_sentence(facts)
    if at is not None:
        # "Sutton says he was…": a name earlier in the same sentence comes first
        before = [(e, m) for e, m in table.get(sentence_id, []) if m.end <= at]
        if before:
            people = {e.id: (e, m) for e, m in before if e.label == "PERSON"}
            return next(iter(people.values())) if len(people) == 1 else None
    for sid in range(sentence_id - 1, max(sentence_id - 1 - LOOKBACK, -1), -1):
        people = [(e, m) for e, m in table.get(sid, []) if e.label == "PERSON"]
        speakers = [
            facts.entities[q.speaker]
            for q in facts.quotes
            if sid in q.sentences and q.speaker is not None and facts.entities[q.speaker].label == "PERSON"
        ]
        ids = {e.id for e, _ in people} | {e.id for e in speakers}
        if not ids:
            continue
        if _pronoun_before_names(facts, sid, people):
            return None  # that sentence's own "his" points further back: the chain is not ours to follow
        if len(ids) == 1:
            (eid,) = ids
            entity = facts.entities[eid]
            named = [m for e, m in people if e.id == eid]
            return (entity, named[-1]) if named else (entity, _last_mention(entity, sid))
        subjects = {e.id: (e, m) for e, m in people if _is_subject(facts, m)}
        if len(subjects) == 1:
            return next(iter(subjects.values()))
        return None  # two people in play: the pronoun is ambiguous
    return None


def _pronoun_before_names(facts: FactSheet, sid: int, people: list[tuple[Entity, Mention]]) -> bool:
    sentence = facts.sentences[sid]
    first_name = min((m.start for _, m in people), default=sentence.end)
    span = _char_span(facts, sentence.start, first_name, "contract")
    return span is not None and any(t.lower_ in MASCULINE | FEMININE for t in span)


def _last_mention(entity: Entity, before_sentence: int) -> Mention:
    earlier = [m for m in entity.mentions if m.sentence <= before_sentence]
    return earlier[-1] if earlier else entity.mentions[0]


def group_antecedent(facts: FactSheet, sentence_id: int) -> str | None:
    """The named plural subject ("NATO members", "Ukrainians") of the previous sentence, when there is one."""
    if sentence_id == 0:
        return None
    prev = facts.sentences[sentence_id - 1]
    span = _char_span(facts, prev.start, prev.end)
    if span is None:
        return None
    subjects = [t for t in span if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"]
    if len(subjects) != 1:
        return None
    head = subjects[0]
    if head.left_edge.i != span[0].i:
        return None  # only a sentence that opens on its subject hands it on to "they"
    if head.tag_ not in ("NNS", "NNPS") and head.ent_type_ != "NORP":
        return None
    phrase = list(head.subtree)
    if len(phrase) > 5 or not any(t.ent_type_ in ("ORG", "NORP", "GPE") for t in phrase):
        return None
    text = facts.text[phrase[0].idx : phrase[-1].idx + len(phrase[-1].text)]
    return text[0].upper() + text[1:]


def resolve(facts: FactSheet, sentence_id: int, tok: Any) -> str | None:
    """The words to put in place of the opening pronoun ``tok``, or None when unclear."""
    word = tok.lower_
    at = tok.idx if tok.idx > facts.sentences[sentence_id].start else None
    if word in PERSONAL:
        return person_antecedent(facts, sentence_id, word, at)
    if word in POSSESSIVE and tok.tag_ == "PRP$":
        name = person_antecedent(facts, sentence_id, word, at)
        return f"{name}\u2019s" if name else None
    if at is not None and word in PLURAL:
        return None  # a plural inside a sentence: its antecedent is in the words cut away
    if word == "they" and tok.dep_ in ("nsubj", "nsubjpass"):
        return group_antecedent(facts, sentence_id)
    if word == "their":
        name = group_antecedent(facts, sentence_id)
        return f"{name}\u2019" if name and name.endswith("s") else (f"{name}\u2019s" if name else None)
    return None
