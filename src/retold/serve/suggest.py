"""The source's own words for a finding, where the checker found that its evidence contradicts the span.

A finding whose ``evidence_relation`` is "contradicts" shows the source text that says otherwise. When
that evidence holds exactly one value of the span's kind (a date for a date, a figure for a figure, a
name for a name, the quoted words for a quote), that value is the finding's ``suggestion``: what the page
offers as "use the source's words". Nothing is guessed: no such value, or two that cannot be told
apart, and the finding has no suggestion.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from retold.analyze import analyze
from retold.ingest import from_text
from retold.types import FactSheet

# The finding kinds whose span is one value, and the kind of value it is.
VALUE_KINDS = {
    "date": "date",
    "number": "number",
    "entity": "name",
    "entity-form": "name",
    "quote": "quote",
    "paraphrase-quote": "quote",
}
_SHORT = {"quote": 80, "name": 6}
_QUOTED = re.compile(r"“([^”]+)”")


def add_suggestions(result: dict[str, Any]) -> dict[str, Any]:
    """A check's JSON with ``suggestions``: for each finding in order, the source's value for its span, or None.

    Beside the findings, not in them, so the findings stay the CLI's JSON key for key.
    """
    result["suggestions"] = [suggestion(finding) for finding in result.get("findings", ())]
    return result


def suggestion(finding: dict[str, Any]) -> str | None:
    value_kind = VALUE_KINDS.get(finding.get("kind", ""))
    if value_kind is None or finding.get("evidence_relation") != "contradicts" or finding["start"] >= finding["end"]:
        return None
    found: list[str] = []
    for evidence in finding.get("evidence", ()):
        found.extend(_values_in(evidence["text"], value_kind))
    if value_kind == "quote":
        # A fragment quoted from a longer saying is not mended by pasting the whole saying in its place.
        found = [v for v in found if len(v.split()) <= 1.5 * len(finding["text"].split()) + 3]
    candidates = list(dict.fromkeys(v for v in found if v != finding["text"]))
    if len(candidates) > 1:
        # Two values in the evidence: the one the checker named in its message, if it named exactly one.
        named = set(_QUOTED.findall(finding.get("message", "")))
        candidates = [c for c in candidates if c in named]
    return candidates[0] if len(candidates) == 1 else None


def _values_in(text: str, value_kind: str) -> Iterable[str]:
    """The values of ``value_kind`` in an evidence text; the whole text when it is one such value."""
    facts = analyze(from_text(text))
    spans = _spans(facts, value_kind)
    whole = [t for s, e, t in spans if text[:s].strip(" “”\"'") == "" and text[e:].strip(" “”\"'.,") == ""]
    if whole:
        return whole[:1]
    if value_kind in ("quote", "name") and not spans and len(text.split()) <= _SHORT[value_kind]:
        # Words picked out of the source rather than a sentence: the evidence is the quote, or the name.
        return [text.strip()]
    return [t for _, _, t in spans]


def _spans(facts: FactSheet, value_kind: str) -> list[tuple[int, int, str]]:
    if value_kind == "date":
        return [(d.start, d.end, d.text) for d in facts.dates]
    if value_kind == "number":
        return [(n.start, n.end, n.text) for n in facts.numbers]
    if value_kind == "quote":
        return [(q.start, q.end, q.text) for q in facts.quotes]
    return [(m.start, m.end, m.text) for e in facts.entities for m in e.mentions]
