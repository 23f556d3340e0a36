"""Name keys: the forms under which two surface names count as the same referent."""

from __future__ import annotations

import re
import unicodedata

from retold.analyze.gazetteer import (
    ACRONYMS,
    DEMONYM_TO_PLACE,
    NON_PERSON_WORDS,
    PLACE_ALIASES,
    PLACE_NAMES,
)
from retold.normalize import fold

_SMALL_WORDS = frozenset({"of", "the", "and", "for", "de", "on", "in", "at", "to", "a", "an", "&"})
EXPANSION_TO_ACRONYM = {v.lower(): k for k, v in ACRONYMS.items()}


def strip_form(surface: str) -> str:
    """Drop a leading "the", a possessive ending and edge punctuation."""
    s = fold(surface).strip().strip(',;:!?"()[]')
    s = re.sub(r"^(?:the|The|THE)\s+", "", s)
    s = re.sub(r"(?:'s|')$", "", s)
    return s.strip()


def translit(key: str) -> str:
    """Folding for transliterated names: y→i, doubled letters collapsed ("Andriy", "Andrii" → "andri")."""
    key = key.replace("y", "i")
    return re.sub(r"([a-z])\1+", r"\1", key)


def base_key(surface: str) -> str:
    """Lower-case, accent-free, punctuation-free, transliteration-folded form of one name."""
    s = unicodedata.normalize("NFKD", strip_form(surface))
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).lower()
    s = re.sub(r"(?<=\b[a-z])\.", "", s)  # "u.s." → "us"
    s = re.sub(r"'s\b", "", s)  # "ukraine's foreign ministry" → "ukraine foreign ministry"
    s = re.sub(r"[^a-z0-9&]+", " ", s)
    return translit(" ".join(s.split()))


def _initials(words: list[str]) -> str:
    caps = [w for w in words if w[:1].isupper() and w.lower() not in _SMALL_WORDS]
    content = [w for w in words if w.lower() not in _SMALL_WORDS]
    # only a name of capitalised words has initials ("North Atlantic Treaty Organization" → "nato")
    return "".join(w[0] for w in caps).lower() if len(caps) >= 2 and len(caps) == len(content) else ""


def looks_like_person(surface: str) -> bool:
    """Two to four capitalised words, none of them an organisation word or a place."""
    s = strip_form(surface)
    words = s.split()
    if not 2 <= len(words) <= 4 or s in PLACE_NAMES or s in PLACE_ALIASES or s.lower() in EXPANSION_TO_ACRONYM:
        return False
    return all(w[:1].isupper() and w.lower().strip(".") not in NON_PERSON_WORDS for w in words)


def _place_word(word: str) -> str:
    """The place a word names: "Ukrainian" and "Ukraine's" → "Ukraine"; other words as they are."""
    bare = re.sub(r"(?:'s|')$", "", fold(word))
    return DEMONYM_TO_PLACE.get(bare) or PLACE_ALIASES.get(bare) or bare


def name_keys(name: str, label: str | None = None) -> set[str]:
    """Every key ``name`` matches under the matching rules (possessive, demonym, acronym, surname, spelling).

    Two surface forms name the same referent when their key sets intersect.
    """
    stripped = strip_form(name)
    key = base_key(stripped)
    if not key:
        return set()
    keys = {key}
    place = DEMONYM_TO_PLACE.get(stripped) or PLACE_ALIASES.get(stripped) or PLACE_ALIASES.get(stripped.upper())
    if place:
        keys.add(base_key(place))
    upper = stripped.replace(".", "").upper()
    if upper in ACRONYMS and stripped.replace(".", "").isupper():
        keys.add(base_key(ACRONYMS[upper]))
    if stripped.lower() in EXPANSION_TO_ACRONYM:
        keys.add(base_key(EXPANSION_TO_ACRONYM[stripped.lower()]))
    words = stripped.split()
    if len(words) >= 2:
        # "Ukraine's Foreign Ministry" and "Ukrainian Foreign Ministry" name one body
        placed = [_place_word(w) for w in words]
        if placed != words:
            keys.add(base_key(" ".join(placed)))
    if label == "PERSON" or (label is None and looks_like_person(stripped)):
        if len(words) >= 2:
            keys.add(base_key(words[-1]))
    elif len(words) >= 2:
        initials = _initials(words)
        if initials:
            keys.add(initials)
    return keys
