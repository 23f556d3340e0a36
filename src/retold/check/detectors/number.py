"""``number``: a figure the source does not give, or gives for something else (rules in :mod:`retold.check.match.numbers`)."""

from __future__ import annotations

from retold.check.align import sentence_evidence
from retold.check.context import CheckContext
from retold.check.match.numbers import checkable_numbers, unsupported_number
from retold.types import Finding, NumberFact


def detect(ctx: CheckContext) -> list[Finding]:
    return [finding for finding in (_check(ctx, n) for n in checkable_numbers(ctx.rewrite)) if finding is not None]


def _check(ctx: CheckContext, number: NumberFact) -> Finding | None:
    problem = unsupported_number(ctx, number)
    if problem is None:
        return None
    message, sentences = problem
    return Finding.on(number, "number", "error", message, sentence_evidence(ctx.source, sentences))
