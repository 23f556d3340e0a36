"""Who's who: the story's people, one entry each, with a role in the source's own whole words.

Analysis may cluster "Dr. Jane Roe" and "Jane Roe" apart; here a person is every PERSON entity whose
name, honorifics and titles set aside, is the same. A role is printed as the source writes it, whole:
"co-founder", never the "founder" a tokenizer split off; "St. Louis Park Mayor", never "Louis Park
Mayor". Only people the draft's items tell of are listed, the story's main people first (named in
its opening sentences, then most often).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from retold.normalize import fold_key
from retold.rewrite.editor import RELATIONAL_ROLES
from retold.types import Entity, FactSheet, Item

# Honorifics and titles that stand before a name and are not part of it.
HONORIFICS = frozenset(
    """mr mrs ms miss mx dr doctor prof professor sir dame lord lady rev reverend fr father sr st sgt lt capt
    det gen col maj cpl pvt adm cmdr sen senator rep representative gov governor pres president hon honourable
    honorable judge justice mayor minister premier chief officer detective sergeant captain""".split()
)
LEAD_SENTENCES = 4  # a person named this early is one the story is about
MAX_ROLE_WORDS = 12
# A word joined to the role by a hyphen ("co-founder", "vice-chair") or an abbreviation that opens a place
# name ("St. Louis Park Mayor"): both are the role's own words.
_HYPHEN_PREFIX = re.compile(r"(?<![\w-])([A-Za-z]{1,12}-)$")
_PLACE_ABBREVIATION = re.compile(r"(?<![\w.])((?:St|Ste|Ft|Mt|Pt|Sta)\.?\s)$")
_HYPHEN_SUFFIX = re.compile(r"^(-[A-Za-z]{1,12})(?![\w-])")


@dataclass(frozen=True, slots=True)
class Person:
    """One person of the story: the entities that name them, under the fullest name."""

    name: str
    entities: tuple[int, ...]
    sentences: frozenset[int]  # sentences that name them
    mentions: int
    first: int  # offset of the first mention
    roles: tuple[tuple[str, int], ...]  # (role in the source's whole words, the sentence it is in)


def name_key(name: str) -> tuple[str, ...]:
    """A name's words without honorifics or titles, folded: "Dr. Jane Roe" and "Jane Roe" give the same key."""
    words = [fold_key(w.strip(".,")) for w in name.split()]
    return tuple(w for w in words if w and w not in HONORIFICS)


def people(facts: FactSheet, candidates: list[Entity]) -> list[Person]:
    """``candidates`` merged into people by name key; a lone surname joins the one full name it ends, if only one."""
    groups: dict[tuple[str, ...], list[Entity]] = {}
    for entity in candidates:
        key = name_key(entity.name)
        if key:
            groups.setdefault(key, []).append(entity)
    for key in [k for k in groups if len(k) == 1]:
        fuller = [k for k in groups if len(k) > 1 and k[-1] == key[0]]
        if len(fuller) == 1:  # two people share the surname: the lone one stays its own entry, or none
            groups[fuller[0]].extend(groups.pop(key))
    out = []
    for members in groups.values():
        fullest = max(members, key=lambda e: (len(name_key(e.name)), -len(e.name.split()), len(e.mentions)))
        mentions = [m for e in members for m in e.mentions]
        out.append(
            Person(
                name=" ".join(w for w in fullest.name.split() if fold_key(w.strip(".,")) not in HONORIFICS)
                or fullest.name,
                entities=tuple(e.id for e in members),
                sentences=frozenset(m.sentence for m in mentions),
                mentions=len(mentions),
                first=min((m.start for m in mentions), default=0),
                roles=tuple(_roles(facts, members)),
            )
        )
    return out


def _roles(facts: FactSheet, members: list[Entity]) -> list[tuple[str, int]]:
    """Each member's roles as whole source words, with the sentence each is found in; none a part of another."""
    found: dict[str, int] = {}
    for entity in members:
        for role in entity.roles:
            if RELATIONAL_ROLES.search(role) or not _reads_as_role(role, members):
                continue
            whole = whole_in_source(facts, entity, role)
            sid = next((s.id for s in facts.sentences if whole in s.text), None)
            if sid is not None:
                found.setdefault(whole, sid)
    roles = [r for r in found if len(r.split()) <= MAX_ROLE_WORDS]
    # "Governor" and "BVI Governor": the fuller of two roles where one is part of the other
    kept = [r for r in roles if not any(r != o and fold_key(r) in fold_key(o) for o in roles)]
    return [(r, found[r]) for r in kept]


def _reads_as_role(role: str, members: list[Entity]) -> bool:
    """A role that reads as one: not the person's own name, no stray quotation mark, ending on a word."""
    if any(fold_key(e.name) in fold_key(role) for e in members) or any(ch in role for ch in "\"'\u201c\u201d\u2018"):
        return False
    return role[-1:].isalnum()


def whole_role(role: str, sentence: str) -> str | None:
    """``role`` as ``sentence`` writes it, with the hyphened prefix or place abbreviation a parser cut off."""
    at = sentence.find(role)
    if at < 0:
        return None
    start, end = at, at + len(role)
    while True:
        before = sentence[:start]
        match = _HYPHEN_PREFIX.search(before) or (
            _PLACE_ABBREVIATION.search(before) if sentence[start : start + 1].isupper() else None
        )
        if match is None:
            break
        start = match.start(1)
    after = _HYPHEN_SUFFIX.match(sentence[end:])
    if after is not None:
        end += len(after.group(1))
    return " ".join(sentence[start:end].split())


def whole_in_source(facts: FactSheet, entity: Entity, role: str) -> str:
    """``role`` of ``entity`` in the source's whole words, looked for where the entity is named first."""
    sentences = sorted({m.sentence for m in entity.mentions})
    for sid in sentences + [s.id for s in facts.sentences if s.id not in sentences]:
        whole = whole_role(role, facts.sentences[sid].text)
        if whole is not None:
            return whole
    return role


def main_first(people_: list[Person], facts: FactSheet) -> list[Person]:
    """The story's main people first: named in its opening sentences or its title, then named most often."""
    title = fold_key(facts.article.title or "") if facts.article is not None else ""
    opening = {s.id for s in facts.sentences[:LEAD_SENTENCES]}

    def lead(person: Person) -> bool:
        surname = person.name.split()[-1] if person.name.split() else ""
        return bool(person.sentences & opening) or (len(surname) > 2 and fold_key(surname) in title.split())

    return sorted(people_, key=lambda p: (not lead(p), -p.mentions, p.first))


def told(person: Person, items: list[Item]) -> bool:
    """Whether ``items`` (not who's who's own) name ``person``: in full, or by a word of their name in an item
    that rests on a sentence naming them."""
    words = [w for w in person.name.split() if len(w) > 2]
    for item in items:
        if item.kind == "person":
            continue
        said = f"{item.text} {item.label or ''}"
        if person.name in said:
            return True
        if set(item.sources) & person.sentences and any(
            re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", said) for w in words
        ):
            return True
    return False
