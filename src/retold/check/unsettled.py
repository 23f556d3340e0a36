"""The rewrite sentences the rules could not settle, with the source sentences that best support them.

A judge that reads meaning (an LLM) takes these: each is a claim sentence that carries only warnings (a
reworded opposite, an unsupported sentence without an invented fact, a dropped hedge, a weekday that cannot
be placed) or no error at all while its best support is weak. A sentence with an error is settled.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from retold.check.context import CheckContext, Support
from retold.check.match.meaning import STRONG_SUPPORT, is_claim
from retold.types import Finding


@dataclass(frozen=True, slots=True)
class Unsettled:
    """One rewrite sentence the rules leave open: its span, its warnings, and its best source sentences."""

    sentence: int  # rewrite Sentence.id
    start: int
    end: int
    text: str
    warnings: tuple[Finding, ...]
    support: tuple[Support, ...]  # best first; Support.sentence indexes ctx.source.sentences


def unsettled(ctx: CheckContext, findings: Sequence[Finding], *, max_support: int = 3) -> list[Unsettled]:
    """Claim sentences with a warning and no error, or with no finding and support below :data:`STRONG_SUPPORT`."""
    out = []
    for sentence, alignment in zip(ctx.rewrite.sentences, ctx.alignment):
        if not is_claim(sentence):
            continue
        inside = [f for f in findings if f.end > f.start and sentence.start <= f.start < sentence.end]
        if any(f.severity == "error" for f in inside):
            continue
        warnings = tuple(f for f in inside if f.severity == "warning")
        if warnings or alignment.best < STRONG_SUPPORT:
            out.append(
                Unsettled(
                    sentence.id, sentence.start, sentence.end, sentence.text, warnings, alignment.support[:max_support]
                )
            )
    return out
