"""The editor's pass over a builtin draft, in reading order: people introduced, no item that leans on another.

* every person is introduced at first mention by the full name the article gives ("Bloomberg's
  effort" → "Michael R. Bloomberg's effort"), with their role when the article writes it as a title
  right before that name ("Vice-President Mike Pence") or an apposition right after it ("Mike Pence,
  the vice-president,") and it fits the item's grammar; later mentions stay as the source wrote them;
* an item that opens by pointing at something it does not name ("Another plan …", "The findings
  come …", "The two men are …") is left out unless an earlier line of the draft names it;
* a figure item must carry a figure with its noun, in a sentence short enough to read at a glance.

Only the article's own words are used: a name is replaced by that same person's fuller name from
the article, never by anything else.
"""

from __future__ import annotations

import dataclasses
import re

from retold.types import Draft, Entity, FactSheet, Item, Section

# Words that point outside the item when it opens with them.
POINTING = frozenset(
    {
        "another",
        "both",
        "such",
        "this",
        "that",
        "these",
        "those",
        "either",
        "neither",
        "the latter",
        "the pair",
        "the duo",
        "at the time",
        "at that time",
        "by then",
    }
)
# "The report", "The two men": a definite noun phrase that needs an antecedent unless a qualifier follows.
_DEFINITE = re.compile(
    r"^the\s+(?:(?:two|three|four|five|pair|couple|same|other)\s+)?(?P<noun>[a-z]+)\s+(?P<next>[\w\u2019']+)",
    re.IGNORECASE,
)
ANAPHORIC_NOUNS = frozenset(
    """report findings study survey plan proposal move decision statement incident attack deal measure bill
    law case program programme project letter men women man woman pair couple group company firm agency
    suspects victims officials order ruling change changes move policy latest data figures figure numbers
    two three four pair""".split()
)
_QUALIFIERS = frozenset({"of", "by", "from", "on", "that", "which", "who", "in", "for", "to", "at", "with", "about"})
_HONORIFIC = r"(?:(?:Mr|Mrs|Ms|Miss|Dr|Prof)\.?\s+)?"
_HONORIFIC_WORDS = r"(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sir|Dame|Lord|Lady)"
# "his wife", "her counterpart": how a person stands to another, not a role to introduce them by
RELATIONAL_ROLES = re.compile(
    r"\b(counterpart|colleague|friend|wife|husband|partner|son|daughter|brother|sister|mother|father|"
    r"boyfriend|girlfriend|fianc\w*|widow|cousin|uncle|aunt|neighbou?r)\b",
    re.I,
)


def edit(draft: Draft, facts: FactSheet) -> Draft:
    """``draft`` with people introduced by full name and items that lean on missing context left out."""
    introduced: set[int] = set()
    seen_text = [draft.headline.text]
    sections: list[Section] = []
    for section in draft.sections:
        items: list[Item] = []
        for item in section.items:
            if item.kind == "text" and points_outside(item.text, " ".join(seen_text)):
                continue
            if item.kind in ("text", "event"):
                item = introduce(item, facts, introduced)
            elif item.kind == "quote" and item.label:
                introduced.update(_people_named(facts, item.label))
            elif item.kind == "person" and item.label:
                introduced.update(_people_named(facts, item.label))
            items.append(item)
            seen_text.append(item.text)
        if items:
            sections.append(dataclasses.replace(section, items=tuple(items)))
    return dataclasses.replace(draft, sections=tuple(sections))


def points_outside(text: str, before: str) -> bool:
    """True when ``text`` opens by pointing at something neither it nor ``before`` names."""
    bare = text.lstrip("\"'\u201c\u2018([").lower()
    if re.match(r"here(?:'s|\u2019s| is| are)\b", bare):
        return True  # "Here's what stood out …": it points at what follows in the article
    for word in sorted(POINTING, key=len, reverse=True):
        if bare.startswith(word + " ") or bare.startswith(word + ","):
            return True
    match = _DEFINITE.match(bare)
    if match is None:
        return False
    noun, nxt = match.group("noun"), match.group("next").lower()
    if noun not in ANAPHORIC_NOUNS or nxt in _QUALIFIERS:
        return False
    earlier = before.lower()
    return not re.search(rf"\b{re.escape(noun.rstrip('s'))}", earlier)


# "Another Cork", "The Albert": a name the tagger took from a determiner and a capitalised word.
_NOT_GIVEN_NAMES = frozenset("another the a an this that every each some any no our their his her its".split())


def _people(facts: FactSheet) -> list[Entity]:
    """People with a full name (two or more capitalised words) in the article."""
    out = []
    for entity in facts.entities:
        words = entity.name.split()
        if entity.label != "PERSON" or len(words) < 2 or words[0].lower() in _NOT_GIVEN_NAMES:
            continue
        if all(w[:1].isupper() for w in words):
            out.append(entity)
    return out


def _people_named(facts: FactSheet, text: str) -> set[int]:
    return {e.id for e in _people(facts) if e.name in text}


def _surname_certain(facts: FactSheet, entity: Entity, surname: str) -> bool:
    """Whether the resolver reads each bare use of ``surname`` in the article as ``entity`` (a surname that
    also belongs to a relative, or to someone named only in part, is not)."""
    referents = facts.referents
    if referents is None or entity.name not in facts.text:
        return False  # a full name the article never writes out is not ours to put together
    for other in facts.entities:
        for m in other.mentions:
            word = re.sub(r"(?:['’]s|['’])$", "", m.text.strip())
            if other.label == "PERSON" and word == surname:
                link = referents.resolve(m.start)
                if link is None or link.entity != entity.id:
                    return False
    return True


def introduce(item: Item, facts: FactSheet, introduced: set[int]) -> Item:
    """The first bare-surname mention of each person in ``item`` given the full name from the article.

    A surname is taken for a person when the item's source sentence mentions them, or when no other
    person, organisation or place in the article goes by that name.
    """
    text = item.text
    people = _people(facts)
    owners: dict[str, set[int]] = {}
    for entity in facts.entities:
        for alias in (entity.name, *entity.aliases):
            owners.setdefault(alias, set()).add(entity.id)
    for entity in people:
        surname = entity.name.split()[-1]
        if entity.id in introduced:
            continue
        if entity.name in text:
            text = with_role(text, text.index(entity.name), entity, facts)
            introduced.add(entity.id)
            continue
        if (
            owners.get(surname, {entity.id}) != {entity.id}
            or sum(p.name.split()[-1] == surname for p in people) > 1
            or not _surname_certain(facts, entity, surname)
        ):
            continue  # a surname two people in the article go by: the item keeps the source's words
        bare = re.search(rf"(?<![\w-]){_HONORIFIC}(?<![A-Z][a-z]\s){re.escape(surname)}(?![\w-])", text)
        if bare is None:
            continue
        if re.search(r"\b(?:younger|elder|older)\s+$", text[: bare.start()], re.IGNORECASE):
            continue  # "the younger Smith": there are two, and the words say which, not a full name
        if _capitalised_before(text, bare.start()):
            if text[: bare.start()].split()[-1] in entity.name.split():
                introduced.add(entity.id)  # "Michael Bloomberg" for "Michael R. Bloomberg": named in full
            continue
        honorific = text[bare.start() : bare.end() - len(surname)]
        # "Mr. Ruano" → "Mr. Robert Ruano": the honorific stays, as the source's credit of the same words reads it
        text = text[: bare.start()] + honorific + entity.name + text[bare.end() :]
        if not honorific:
            text = with_role(text, bare.start(), entity, facts)
        introduced.add(entity.id)
    return item if text == item.text else dataclasses.replace(item, text=text)


def _capitalised_before(text: str, at: int) -> bool:
    """True when a capitalised word runs straight into ``at`` (the surname is part of a longer name)."""
    before = text[:at].rstrip()
    if len(before) != at - 1 or not before:
        return False
    last = before.split()[-1]
    return last[:1].isupper() and not last.endswith((".", ",", ":", ";"))


# Words before a name that a title cannot come between ("the Mike Pence", "Labour's Mike Pence").
_NO_TITLE_AFTER = frozenset("the a an his her their its our your my this that former late then".split())
_MAX_ROLE_WORDS = 6


def with_role(text: str, at: int, entity: Entity, facts: FactSheet) -> str:
    """``text`` with the person's role at their name (which starts at ``at``), in the article's own words.

    Only a role the article writes in the same form: a title right before the full name ("Vice-President
    Mike Pence") or an apposition right after it ("Mike Pence, the vice-president,"), and only where the
    item reads as well with it; otherwise ``text`` unchanged.
    """
    end = at + len(entity.name)
    if text[at:end] != entity.name:
        return text
    before, after = text[:at], text[end:]
    if before.count('"') % 2 or before.count("\u201c") > before.count("\u201d"):
        return text  # inside a quotation: the speaker's words stay as they were said
    roles = [r for r in entity.roles if not RELATIONAL_ROLES.search(r) and len(r.split()) <= _MAX_ROLE_WORDS]
    if any(r.lower() in text.lower() for r in roles):
        return text  # the item already gives the role ("The vice-president, Mike Pence, said")
    for role in roles:
        if not role[:1].isupper():
            continue
        # as written, with the honorific the article puts between ("General Sir William Maynard Gomm")
        pattern = rf"(?<![\w-]){re.escape(role)}\s+(?:{_HONORIFIC_WORDS}\.?\s+)?(?={re.escape(entity.name)}\b)"
        written = re.search(pattern, facts.text)
        if written is not None and _title_fits(before):
            return f"{before}{written.group(0)}{entity.name}{after}"
    for role in roles:
        written = re.search(rf"\b{re.escape(entity.name)}, (?P<det>(?:the|a|an) )?{re.escape(role)},", facts.text)
        if written is None or any(ch in role for ch in '"\u201c\u201d('):
            continue
        if re.match(r" [a-z]", after) and not re.match(r" (?:and|or|but|nor)\b", after):
            return f"{before}{entity.name}, {written.group('det') or ''}{role},{after}"
    return text


def _title_fits(before: str) -> bool:
    """True when a title may stand right before a name that follows ``before`` in an item."""
    if not before.strip():
        return True
    if not before.endswith(" "):
        return False  # "(Mike Pence", "\"Mike Pence": inside brackets or quotation marks
    last = before.split()[-1]
    if last.lower() in _NO_TITLE_AFTER or last.endswith(("'s", "\u2019s", "'", "\u2019")):
        return False
    return not (last[:1].isupper() and not last.endswith((".", ",", ":", ";")))  # already a title or a name
