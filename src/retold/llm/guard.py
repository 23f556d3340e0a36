"""Stricter than the checker, for model output only: a name one or two letters off a source name is an error.

A model given the fact sheet has every name spelled out; "Aryas" where the source has "Arias" is a
look-alike, not a new person — even when the parser does not tag it as a name and the rules see nothing.
The checker's ``entity-form`` warnings (a known name misspelled) count as errors here for the same reason.
"""

from __future__ import annotations

import re

from retold.types import FactSheet, Finding

_CAPITALISED = re.compile(r"\b[A-Z][a-z\u00E0-\u024F]{2,}(?:-[A-Z][a-z]+)?\b")


def _distance(a: str, b: str, cap: int = 2) -> int:
    """Levenshtein distance of ``a`` and ``b``, stopping once it passes ``cap``."""
    if abs(len(a) - len(b)) > cap:
        return cap + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > cap:
            return cap + 1
        previous = current
    return previous[-1]


def lookalike_names(source: FactSheet, text: str) -> list[Finding]:
    """Capitalised words of ``text`` the source never uses that are one or two letters off one of its names."""
    source_words = {w.lower() for w in re.findall(r"[A-Za-z\u00C0-\u024F]+", source.text)}
    names = {
        word
        for entity in source.entities
        if entity.label in ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")
        for alias in (entity.name, *entity.aliases)
        for word in re.findall(r"[A-Z][a-z\u00E0-\u024F]{3,}", alias)
    }
    findings = []
    for match in _CAPITALISED.finditer(text):
        word = match.group()
        if word.lower() in source_words:
            continue
        near = [n for n in names if _distance(word.lower(), n.lower(), 2) <= (1 if len(n) < 6 else 2)]
        if near:
            findings.append(Finding(
                "entity", "error", match.start(), match.end(), word,
                f"\u201c{word}\u201d is not in the source; it looks like \u201c{near[0]}\u201d: spell the name as the source does",
            ))
    return findings
