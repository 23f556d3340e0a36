"""check: audit any rewrite against its source — every finding with a span in the rewrite and evidence in the source."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable

from retold.analyze import analyze
from retold.check.align import align as _align
from retold.check.context import CheckContext
from retold.check.detectors import DETECTORS, RAISERS, SECOND_OPINIONS
from retold.check.report import Report
from retold.check.score import faithfulness
from retold.check.unsettled import Unsettled, unsettled
from retold.ingest import from_text
from retold.ingest.boilerplate import without_own_footer
from retold.types import Article, FactSheet, Finding

__all__ = ["Report", "Unsettled", "check", "check_context", "is_hint", "run_detectors", "unsettled"]

_NOT_ARTICLE = frozenset({"leakage", "boilerplate"})


def check(
    source: str | Article | FactSheet,
    rewrite: str | FactSheet,
    *,
    published: dt.date | None = None,
    judge: Callable[[CheckContext, tuple[Finding, ...]], list[Finding]] | None = None,
    prompt: tuple[str, ...] = (),
    hints: bool = False,
) -> Report:
    """Check ``rewrite`` against ``source``: a ``str`` source is cleaned by ingest, a ``str`` rewrite is read as given
    but for the attribution footer retold puts under its own explainers (metadata, not claims).

    ``judge`` (e.g. :class:`retold.llm.judge.LLMJudge`) reads the sentences the rules left open; its
    findings are added to every rule finding. ``prompt`` is what a model was sent to write ``rewrite``: its
    own sentences in the rewrite are leakage.

    ``hints`` also lists the "invented claim" warnings (a predicate no source sentence has with the same
    doers): on SummEdits they mark faithful paraphrase about as often as real errors, so they are left out
    of the default report. The score reads them either way.
    """
    ctx = check_context(source, rewrite, published=published, prompt=prompt)
    findings = run_detectors(ctx)
    if judge is not None:
        findings = tuple(sorted((*findings, *judge(ctx, findings)), key=lambda f: (f.start, f.end, f.kind)))
    score = faithfulness(ctx, findings)
    if not hints:
        findings = tuple(f for f in findings if not is_hint(f))
    return Report(
        findings=findings,
        score=score,
        rewrite_text=ctx.rewrite.text,
        source_text=ctx.source.text,
    )


def is_hint(finding: Finding) -> bool:
    """A finding shown only on request: the "invented claim" warning (see :func:`check`)."""
    from retold.check.detectors.claim import UNBACKED

    return finding.kind == "claim" and finding.severity == "warning" and finding.message.startswith(UNBACKED)


def check_context(
    source: str | Article | FactSheet,
    rewrite: str | FactSheet,
    *,
    published: dt.date | None = None,
    prompt: tuple[str, ...] = (),
) -> CheckContext:
    """Both texts analysed and aligned: what every detector reads (and what :func:`unsettled` takes)."""
    source_facts = _source_facts(source, published)
    when = published or (source_facts.article.published if source_facts.article else None)
    rewrite_facts = rewrite if isinstance(rewrite, FactSheet) else analyze(without_own_footer(rewrite), published=when)
    return CheckContext(
        source=source_facts, rewrite=rewrite_facts, alignment=_align(source_facts, rewrite_facts), prompt=prompt
    )


def run_detectors(ctx: CheckContext) -> tuple[Finding, ...]:
    """Every detector's findings, sorted by where they start in the rewrite (omissions span nothing at 0)."""
    findings = [f for detect in DETECTORS for f in detect(ctx)]
    findings = _with_second_opinions(ctx, findings)
    for raise_severity in RAISERS:
        findings = raise_severity(ctx, findings)
    # Text that is not the article at all (leakage, boilerplate) is to be deleted whole: findings
    # of other kinds inside it would only repeat that.
    foreign = [(f.start, f.end) for f in findings if f.kind in _NOT_ARTICLE]
    findings = [
        f
        for f in findings
        if f.kind in _NOT_ARTICLE or not any(s <= f.start and f.end <= e and s < e for s, e in foreign)
    ]
    return tuple(sorted(findings, key=lambda f: (f.start, f.end, f.kind)))


def _with_second_opinions(ctx: CheckContext, findings: list[Finding]) -> list[Finding]:
    """Add the second opinions that no error of the same kind already covers (overlapping it).

    A misattribution is the exception: the attribution detector marks the quote, the swap detector the
    speaker's name put in place of the source's; the name is the fault, so that finding replaces the other
    in its sentence.
    """
    extra = [f for detect in SECOND_OPINIONS for f in detect(ctx)]
    kept = [f for f in extra if not any(_covers(f, other) for other in findings)]
    renamed = {_sentence_of(ctx, f.start) for f in kept if f.kind == "attribution" and f.severity == "error"}
    findings = [
        f
        for f in findings
        if not (f.kind == "attribution" and f.severity == "error" and _sentence_of(ctx, f.start) in renamed)
    ]
    return findings + kept


def _covers(finding: Finding, other: Finding) -> bool:
    return (
        other.kind == finding.kind
        and other.severity == "error"
        and other.kind != "attribution"
        and other.start < finding.end
        and finding.start < other.end
    )


def _sentence_of(ctx: CheckContext, offset: int) -> int:
    """The id of the rewrite sentence holding ``offset`` (-1 outside every sentence)."""
    for sentence in ctx.rewrite.sentences:
        if sentence.start <= offset < sentence.end:
            return sentence.id
    return -1


def _source_facts(source: str | Article | FactSheet, published: dt.date | None) -> FactSheet:
    if isinstance(source, FactSheet):
        return source
    if isinstance(source, str):
        return _analysed_text(source, published)
    return analyze(source, published=published or source.published)


@functools.lru_cache(maxsize=16)
def _analysed_text(text: str, published: dt.date | None) -> FactSheet:
    """A source text cleaned and analysed once: checking several rewrites of one article is the common case."""
    article = from_text(text)
    return analyze(article, published=published or article.published)
