"""``date``: a date the source does not give, or gives for another event (rules in :mod:`retold.check.match.dates`)."""

from __future__ import annotations

from retold.check.align import sentence_evidence
from retold.check.context import CheckContext
from retold.check.match.dates import checkable_dates, unsupported_date
from retold.types import EvidenceRelation, Finding


def detect(ctx: CheckContext) -> list[Finding]:
    findings = []
    for date in checkable_dates(ctx.rewrite):
        problem = unsupported_date(ctx, date)
        if problem is None:
            continue
        message, severity, sentences = problem
        findings.append(
            Finding.on(
                date, "date", severity, message, sentence_evidence(ctx.source, sentences), relation=_relation(message)
            )
        )
    return _merge_ranges(findings)


def _relation(message: str) -> EvidenceRelation:
    """A source sentence that dates the event otherwise contradicts; one that only comes closest does not support."""
    contradicts = message.startswith("wrong date") or "here it gives" in message or "but the source says" in message
    return "contradicts" if contradicts else "closest"


def _merge_ranges(findings: list[Finding]) -> list[Finding]:
    """ "Dec. 3-4" yields one fact per day over one span: report the span once."""
    seen: set[tuple[int, int]] = set()
    out = []
    for f in findings:
        if (f.start, f.end) in seen:
            continue
        seen.add((f.start, f.end))
        out.append(f)
    return out
