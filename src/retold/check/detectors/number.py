"""``number``: a figure the source does not give, or gives for something else (rules in :mod:`retold.check.match.numbers`)."""

from __future__ import annotations

from retold.check.align import sentence_evidence
from retold.check.context import CheckContext
from retold.check.match.numbers import checkable_numbers, unsupported_number
from retold.types import EvidenceRelation, Finding, NumberFact


def detect(ctx: CheckContext) -> list[Finding]:
    return [finding for finding in (_check(ctx, n) for n in checkable_numbers(ctx.rewrite)) if finding is not None]


def _check(ctx: CheckContext, number: NumberFact) -> Finding | None:
    problem = unsupported_number(ctx, number)
    if problem is None:
        return None
    message, sentences, severity = problem
    return Finding.on(
        number, "number", severity, message, sentence_evidence(ctx.source, sentences), relation=_relation(message)
    )


def _relation(message: str) -> EvidenceRelation:
    """A source sentence giving another figure for the same thing contradicts; otherwise it is only the closest."""
    return "contradicts" if message.startswith(("changed", "“")) and "gives" in message else "closest"
