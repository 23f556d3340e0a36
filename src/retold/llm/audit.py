"""What the rewrite stage's audit loop reads more strictly in a model's text than in anyone else's.

A model was given every name, figure and quote: in its items a look-alike name, a figure the source
never gives, a misspelled name, scare quotes or a shifted credit are errors, not warnings. And every
item must rest on the source — a sentence no source sentence supports is not printed, however fluent.
The llm engine (:mod:`retold.rewrite.llm`) hands these to the loop with its repairs.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from retold.llm.guard import lookalike_names, unknown_figures
from retold.types import FactSheet, Finding, Item

STRICT = frozenset({"entity-form", "quote", "attribution"})  # warnings that are errors in a model's text
UNSUPPORTED = "no source sentence supports this"  # the claim detector's message for an unsupported sentence
HEADLINE_SUPPORT = 0.5  # share of a model headline's content words the source must hold
_WORD = re.compile(r"[A-Za-z0-9\u00C0-\u024F]{3,}")
_SMALL = frozenset(
    {
        "the",
        "and",
        "for",
        "with",
        "from",
        "that",
        "this",
        "its",
        "his",
        "her",
        "their",
        "has",
        "have",
        "was",
        "were",
        "are",
        "will",
        "into",
        "over",
        "after",
        "about",
        "says",
        "said",
    }
)


def strict_findings(facts: FactSheet, text: str, report: Any) -> list[Finding]:
    """Findings over a draft's checked ``text`` that are errors in a model's items (the loop applies them to those only)."""
    out = [
        dataclasses.replace(f, severity="error")
        for f in report.findings
        if f.severity == "warning" and (f.kind in STRICT or (f.kind == "claim" and f.message.startswith(UNSUPPORTED)))
    ]
    out += lookalike_names(facts, text) + unknown_figures(facts, text)
    out += _unsupported_headline(facts, text)
    return out


def _unsupported_headline(facts: FactSheet, text: str) -> list[Finding]:
    """The headline (the first line, ``# …``) when the source lacks most of its words: the rules read headings for
    names, numbers and dates only, so a model's invented headline would otherwise pass."""
    first = text.split("\n", 1)[0]
    if not first.startswith("# "):
        return []
    words = {w.lower() for w in _WORD.findall(first)} - _SMALL
    if not words:
        return []
    source = {w.lower() for w in _WORD.findall(facts.text)}
    share = len(words & source) / len(words)
    if share >= HEADLINE_SUPPORT:
        return []
    return [
        Finding("claim", "error", 2, len(first), first[2:], UNSUPPORTED + ": the headline's words are not the source's")
    ]


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def grounded(facts: FactSheet, item: Item) -> Item:
    """``item`` with the source sentence it best matches as its source, when the model cited none."""
    if item.sources:
        return item
    mine = _words(item.text) | _words(item.label or "")
    best, best_score = None, 0.0
    for sentence in facts.sentences:
        theirs = _words(sentence.text)
        if not theirs or not mine:
            continue
        score = len(mine & theirs) / len(mine | theirs)
        if score > best_score:
            best, best_score = sentence.id, score
    return dataclasses.replace(item, sources=(best,)) if best is not None and best_score > 0.1 else item


__all__ = ["STRICT", "grounded", "strict_findings"]
