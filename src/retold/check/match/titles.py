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
from retold.check.match.names import initials, keys_of
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
        employer = _other_employer(ctx.source, theirs_entity, entity.roles)
        if employer is not None and ours & theirs:
            mention, source_mention = entity.mentions[0], theirs_entity.mentions[0]
            found.append(
                TitleConflict(
                    mention.start,
                    mention.end,
                    mention.text,
                    next(r for r in entity.roles if employer in r),
                    tuple(theirs_entity.roles),
                    source_mention.start,
                    source_mention.end,
                    "error",
                )
            )
            continue
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


# Where a role names the body it is held at: "… at NASA", "… of the Port Authority", "Acme's …". A name
# standing alone in a role ("Lithuanian counterpart") says where the person is from, not who employs them.
_RUN = r"[A-Z][\w&.-]*(?:\s+(?:of|for|and|the|de|&)?\s*[A-Z][\w&.-]*)*"
_EMPLOYER = re.compile(rf"\b(?:at|of|for)\s+(?:the\s+)?({_RUN})|({_RUN})['\u2019]s?\b")


def _employers(roles: tuple[str, ...] | list[str]) -> list[str]:
    """The organisations and places the roles say they are held at, title words left out ("Minister of Foreign
    Affairs of Ukraine" → "Affairs Ukraine", "senior scientist at NASA" → "NASA", "Acme's president" → "Acme")."""
    found = []
    for role in roles:
        for m in _EMPLOYER.finditer(role):
            run = m.group(1) or m.group(2)
            words = [w for w in re.findall(r"[\w&.-]+", run) if w.lower().rstrip(".") not in _ROLE_WORDS]
            if words:
                found.append(" ".join(words))
    return found


def _same_body(a: str, b: str) -> bool:
    """One organisation written two ways: a shared name key, or one the initials of the other (BVI)."""
    if keys_of(a) & keys_of(b):
        return True
    words_a, words_b = a.split(), b.split()
    set_a = {w.lower() for w in words_a} - _ROLE_WORDS
    set_b = {w.lower() for w in words_b} - _ROLE_WORDS
    if set_a and set_b and (set_a <= set_b or set_b <= set_a):
        return True  # "the European Centre" for "the European Centre for Medium-Range Weather Forecasts"
    return (len(words_a) == 1 and a.lower() == initials(words_b)) or (
        len(words_b) == 1 and b.lower() == initials(words_a)
    )


def _other_employer(source: FactSheet, person: Entity, roles: tuple[str, ...]) -> str | None:
    """An organisation the source names, which the rewrite's title for ``person`` gives where the source's
    titles for them name only others: "a senior scientist at NASA" for the source's "a senior scientist … at the
    European Center for Medium-Range Weather Forecasts". None when the source's titles name none, when one
    of them is the same body, when a source sentence naming the person names it too ("formerly of NASA"), or
    when the source never names it (the name check reports that)."""
    theirs = _employers(person.roles)
    if not theirs:
        return None
    text = source.text.lower()
    for ours in _employers(roles):
        if any(_same_body(ours, t) for t in theirs):
            continue
        if not all(re.search(rf"(?<!\w){re.escape(w.lower())}(?!\w)", text) for w in ours.split()):
            continue  # a body the source never names: the name check reports it, once
        if any(
            _same_body(ours, run) for m in person.mentions for run in _employers([source.sentences[m.sentence].text])
        ):
            continue
        return ours
    return None


_ROLE_WORDS = TITLE_WORDS | frozenset(
    "chief senior deputy vice acting interim former foreign prime financial operating technology executive "
    "officer national state general assistant associate head the of for and at".split()
)


def _holds_elsewhere(source: FactSheet, person: Entity, ours: set[str]) -> bool:
    """The source's sentences naming the person also hold the rewrite's title words (a role the analysis did
    not attach to them, "Miller, who is also the firm's CFO")."""
    for mention in person.mentions:
        sentence = source.sentences[mention.sentence].text
        if offices(sentence) & ours:
            return True
    return False
