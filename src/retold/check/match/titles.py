"""A title given to a named person, checked against the titles the source gives that person.

"Jane Miller, Acme's chief financial officer" where the source calls her Acme's president names the wrong
office. Titles compare by office: "CFO", "chief financial officer" and "finance chief" are one office;
otherwise by the title words (:data:`retold.analyze.roles.TITLE_WORDS`) a role holds. Only a person the
source gives a title to is judged, and only when the two titles share no office word: "senior adviser"
and "adviser" agree. An office of the executive suite or the head of an organisation given in place of
another is an error; other title words that differ are a warning (a reporter's "top diplomat" for a
foreign minister is a rewording the words cannot judge).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from retold.analyze.roles import TITLE_WORDS
from retold.check.context import CheckContext
from retold.check.match.roles import _people, _source_person
from retold.types import Entity, FactSheet, Severity

PERSON = "PERSON"
# One office, several ways of writing it.
_OFFICES = {
    "ceo": ("chief executive officer", "chief executive", "ceo"),
    "cfo": ("chief financial officer", "finance chief", "financial chief", "cfo"),
    "coo": ("chief operating officer", "coo"),
    "cto": ("chief technology officer", "chief technical officer", "cto"),
    "president": ("president",),
    "chair": ("chairman", "chairwoman", "chairperson", "chair"),
    "founder": ("founder", "co-founder", "cofounder"),
}
_STRICT = frozenset(_OFFICES)  # offices of the executive suite and the head of an organisation
_GENERIC = frozenset({"chief", "executive", "officer", "head", "leader", "deputy", "general", "vice"})


@dataclass(frozen=True, slots=True)
class TitleConflict:
    start: int  # the rewrite's mention of the person
    end: int
    person: str
    title: str  # the rewrite's title, as written
    source_titles: tuple[str, ...]
    source_start: int  # a source mention of the person
    source_end: int
    severity: Severity


def offices(role: str) -> frozenset[str]:
    """The offices a role names: "Acme's chief financial officer" → {"cfo"}; "foreign minister" → {"minister"}."""
    text = " " + re.sub(r"[^a-z-]+", " ", role.lower()) + " "
    found = set()
    for office, forms in _OFFICES.items():
        for form in forms:
            if f" {form} " in text:
                found.add(office)
                text = text.replace(f" {form} ", " ")
    if "vice president" in role.lower():
        found.discard("president")
        found.add("vice president")
    words = {w for w in text.split() if w in TITLE_WORDS and w not in _GENERIC}
    return frozenset(found | words)


def title_conflicts(ctx: CheckContext) -> list[TitleConflict]:
    found = []
    people = _people(ctx.source)
    for entity in ctx.rewrite.entities:
        if entity.label != PERSON or not entity.roles:
            continue
        index = _source_person(ctx.source, entity.name)
        if index is None:
            continue
        theirs_entity = people.entities[index]
        theirs = {o for r in theirs_entity.roles for o in offices(r)}
        ours = {o for r in entity.roles for o in offices(r)}
        if not theirs or not ours or ours & theirs:
            continue
        if _holds_elsewhere(ctx.source, theirs_entity, ours):
            continue
        mention = entity.mentions[0]
        source_mention = theirs_entity.mentions[0]
        strict = bool(ours & _STRICT) and bool(theirs & _STRICT)
        found.append(
            TitleConflict(
                mention.start,
                mention.end,
                mention.text,
                entity.roles[0],
                tuple(theirs_entity.roles),
                source_mention.start,
                source_mention.end,
                "error" if strict else "warning",
            )
        )
    return found


def _holds_elsewhere(source: FactSheet, person: Entity, ours: set[str]) -> bool:
    """The source's sentences naming the person also hold the rewrite's title words (a role the analysis did
    not attach to them, "Miller, who is also the firm's CFO")."""
    for mention in person.mentions:
        sentence = source.sentences[mention.sentence].text
        if offices(sentence) & ours:
            return True
    return False
