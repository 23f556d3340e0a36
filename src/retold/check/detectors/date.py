"""``date``: a date or time of day the source does not give, or gives for another event (rules in
:mod:`retold.check.match.dates` and :mod:`retold.check.match.times`)."""

from __future__ import annotations

from retold.check.align import sentence_evidence
from retold.check.context import CheckContext
from retold.check.match.dates import checkable_dates, unsupported_date
from retold.check.match.roles import _sentence_index
from retold.check.match.times import unsupported_times
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
    findings.extend(_clock_times(ctx))
    return _merge_ranges(findings)


def _clock_times(ctx: CheckContext) -> list[Finding]:
    """A time of day the source does not give: "around 5:15 PM" where it says 3:15 PM."""
    findings = []
    for time, theirs in unsupported_times(ctx):
        support = [s.sentence for s in ctx.alignment[_sentence_index(ctx.rewrite, time.start)].support]
        # the source's time in the sentence this rests on, else its only time
        near = [t for t in theirs if _sentence_index(ctx.source, t.start) in support]
        given = near[:1] or (theirs if len(theirs) == 1 else [])
        if given:
            at = _sentence_index(ctx.source, given[0].start)
            message = f"“{time.text}” is not in the source (here it gives “{given[0].text}”): give the source's time or drop it"
            relation: EvidenceRelation = "contradicts"
            sentences = [at] if at in support else support[:1]
        else:
            message = f"“{time.text}” is not in the source: give the time the source gives, or drop it"
            relation = "closest"
            sentences = support[:1]
        findings.append(
            Finding(
                "date",
                "error",
                time.start,
                time.end,
                time.text,
                message,
                sentence_evidence(ctx.source, sentences),
                relation,
            )
        )
    return findings


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
