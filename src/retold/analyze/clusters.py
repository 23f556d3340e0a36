"""Clustering name mentions into one :class:`Entity` per real referent, with aliases and roles."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable

from retold.analyze.entities import RawMention
from retold.analyze.gazetteer import ACRONYMS, DEMONYM_TO_PLACE, PLACE_ALIASES, PLACE_NAMES
from retold.analyze.names import EXPANSION_TO_ACRONYM, base_key, name_keys, strip_form
from retold.types import Entity, Mention


class _Union:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def cluster(mentions: list[RawMention], text: str, sentence_of: Callable[[int], int]) -> tuple[Entity, ...]:
    """One :class:`Entity` per referent, ordered by first mention."""
    surfaces = [strip_form(text[m.start : m.end]) for m in mentions]
    n = len(mentions)
    union = _Union(n)
    persons = [i for i in range(n) if mentions[i].label == "PERSON"]
    surname: dict[str, list[int]] = {}
    full: dict[str, int] = {}
    for i in persons:
        words = surfaces[i].split()
        if len(words) >= 2:
            key = base_key(surfaces[i])
            first_last = base_key(words[0] + " " + words[-1])
            anchor = full.get(key, full.get(first_last))
            if anchor is None:
                full[key] = full[first_last] = i
            else:
                union.join(anchor, i)
            surname.setdefault(base_key(words[-1]), []).append(i)
    # a lone surname — whatever spaCy called it — joins the person it names, the latest before it
    for i in range(n):
        words = surfaces[i].split()
        if len(words) != 1:
            continue
        candidates = surname.get(base_key(surfaces[i]), [])
        if not candidates or (mentions[i].label != "PERSON" and surfaces[i] in DEMONYM_TO_PLACE):
            continue
        at = bisect.bisect_left(candidates, i)  # candidates are in text order
        union.join(candidates[at - 1] if at else candidates[-1], i)
        mentions[i].label = "PERSON"
    lone: dict[str, list[int]] = {}
    for i in persons:
        if len(surfaces[i].split()) == 1 and union.find(i) == i:
            lone.setdefault(base_key(surfaces[i]), []).append(i)
    # a lone given name ("Lisa") is the one person of that given name ("Lisa Courtney"), if only one
    given: dict[str, set[int]] = {}
    for i in persons:
        words = surfaces[i].split()
        if len(words) >= 2:
            given.setdefault(base_key(words[0]), set()).add(union.find(i))
    for key, group in lone.items():
        owners = given.get(key, set())
        if len(owners) == 1 and key not in surname:
            group = [next(iter(owners)), *group]
        for i in group[1:]:
            union.join(group[0], i)
    # everything else: a mention whose alias keys hold another mention's own key is the same referent
    own: dict[str, list[int]] = {}
    others = [i for i in range(n) if mentions[i].label != "PERSON"]
    keysets = {i: name_keys(surfaces[i], mentions[i].label) for i in others}
    for i in others:
        own.setdefault(base_key(surfaces[i]), []).append(i)
    # Joining the first of each key's mentions is enough: each of them joins it through its own key, so the
    # groups are those of joining every pair (and a name repeated n times costs n joins, not n²).
    for i in others:
        for key in keysets[i]:
            if key in own:
                union.join(i, own[key][0])
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(union.find(i), []).append(i)
    entities: list[Entity] = []
    for members in sorted(groups.values(), key=lambda g: mentions[g[0]].start):
        entities.append(_entity(len(entities), members, mentions, surfaces, text, sentence_of))
    return tuple(entities)


def _entity(
    eid: int,
    members: list[int],
    mentions: list[RawMention],
    surfaces: list[str],
    text: str,
    sentence_of: Callable[[int], int],
) -> Entity:
    labels = [mentions[i].label for i in members]
    named = [i for i in members if mentions[i].label != "NORP"] or members
    counts: dict[str, int] = {}
    for i in named:
        counts[mentions[i].label] = counts.get(mentions[i].label, 0) + 1
    label = max(counts, key=lambda k: (counts[k], k == "GPE"))
    if "NORP" in labels and label != "NORP" and any(surfaces[i] in DEMONYM_TO_PLACE for i in members):
        label = "GPE" if label in ("ORG", "PERSON") and any(surfaces[i] in PLACE_NAMES for i in members) else label
    # the fullest form: most words, then longest, earliest first
    name = max((surfaces[i] for i in named), key=lambda s: (len(s.split()), len(s)))
    if "." in name and name.replace(".", "").isupper():
        name = max((surfaces[i] for i in named), key=lambda s: (len(s.split()), len(s.replace(".", ""))))
    aliases: list[str] = []
    for i in members:
        m = mentions[i]
        form = surfaces[i]
        aliases.append(form)
        if m.possessive:
            aliases.append(text[m.start : m.end] + ("\u2019s" if "\u2019" in text[m.end : m.end + 2] else "'s"))
    aliases.extend(_derived_aliases(aliases))
    roles: list[str] = []
    for i in members:
        roles.extend(mentions[i].roles)
    return Entity(
        id=eid,
        label=label,
        name=name,
        aliases=tuple(_unique(a for a in aliases if a)),
        mentions=tuple(
            Mention(m.start, m.end, text[m.start : m.end], sentence_of(m.start)) for m in (mentions[i] for i in members)
        ),
        roles=tuple(_unique(roles)),
    )


def _derived_aliases(forms: list[str]) -> list[str]:
    """Table forms of the names seen: the country of a demonym, an acronym's expansion, and back."""
    out: list[str] = []
    for form in list(forms):
        s = strip_form(form)
        place = DEMONYM_TO_PLACE.get(s) or PLACE_ALIASES.get(s)
        if place:
            out.append(place)
        upper = s.replace(".", "").upper()
        place = PLACE_ALIASES.get(upper)
        if place and place not in out:
            out.append(place)
        if upper in ACRONYMS:
            out.append(ACRONYMS[upper])
        if s.lower() in EXPANSION_TO_ACRONYM:
            out.append(EXPANSION_TO_ACRONYM[s.lower()])
    return out


def _unique(items: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        if item not in seen:
            seen.add(item)
            out.append(item)
    return out
