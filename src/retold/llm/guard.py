"""Stricter than the checker, for model output only: a look-alike name or a figure the source never gives is an error.

A model given the fact sheet has every name spelled out; "Aryas" where the source has "Arias" is a
look-alike, not a new person — even when the parser does not tag it as a name and the rules see nothing.
Likewise a figure (in digits or words) whose value the source never states. The checker's ``entity-form``,
``quote`` and ``attribution`` warnings count as errors for a model's items for the same reason (see
:mod:`retold.llm.audit`).
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
        for word in re.findall(r"[A-Z][a-z\u00E0-\u024F]{2,}", alias)
    }
    findings = []
    for match in _CAPITALISED.finditer(text):
        word = match.group()
        if word.lower() in source_words:
            continue
        near = [n for n in names if _distance(word.lower(), n.lower(), 2) <= (1 if len(n) < 6 else 2)]
        if near:
            findings.append(
                Finding(
                    "entity",
                    "error",
                    match.start(),
                    match.end(),
                    word,
                    f"\u201c{word}\u201d is not in the source; it looks like \u201c{near[0]}\u201d: spell the name as the source does",
                )
            )
    return findings


_FIGURE = re.compile(
    r"(?<![\w.])\d[\d,]*(?:\.\d+)?(?![\w])|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|"
    r"ninety|hundred|dozen)\b",
    re.I,
)


def _values(text: str) -> set[float]:
    from retold.analyze.numbers import parse_number

    out = set()
    for match in _FIGURE.finditer(text):
        value = parse_number(match.group())
        if value is not None:
            out.add(value)
    return out


def unknown_figures(source: FactSheet, text: str) -> list[Finding]:
    """Figures in ``text`` whose value the source never states (in its number list or its words)."""
    from retold.analyze.numbers import parse_number

    known = {n.value for n in source.numbers} | _values(source.text)
    findings = []
    for match in _FIGURE.finditer(text):
        value = parse_number(match.group())
        if value is None or value in known or (match.group().lower() == "one"):
            continue  # "one" is as often a pronoun ("one of the…") as a figure
        if match.group().isdigit() and len(match.group()) == 4 and 1800 <= value <= 2100:
            continue  # a year: the date rules judge it
        findings.append(
            Finding(
                "number",
                "error",
                match.start(),
                match.end(),
                match.group(),
                f"\u201c{match.group()}\u201d is a figure the source never gives: give the source's figure or drop it",
            )
        )
    return findings
