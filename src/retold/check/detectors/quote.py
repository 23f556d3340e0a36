"""``quote``: words in quotation marks that the source does not hold verbatim (rules in :mod:`retold.check.match.quotes`)."""

from __future__ import annotations

from retold.check.align import sentence_evidence
from retold.check.context import CheckContext
from retold.check.match.quotes import (
    SCARE_QUOTE_WORDS,
    SourceWords,
    closest_source_quote,
    is_quoted_in_source,
    locate,
    near_verbatim,
    quoted_around,
    words,
)
from retold.types import Evidence, EvidenceRelation, Finding, Quote


def detect(ctx: CheckContext) -> list[Finding]:
    source_words = SourceWords.of(ctx.source.text)
    findings = []
    for quote in ctx.rewrite.quotes:
        finding = _check_quote(ctx, quote, source_words)
        if finding is not None:
            findings.append(finding)
    return findings


def _check_quote(ctx: CheckContext, quote: Quote, source_words: SourceWords) -> Finding | None:
    quote_words = words(quote.text)
    if not quote_words:
        return None
    span = locate(quote.text, source_words)
    if len(quote_words) <= SCARE_QUOTE_WORDS:
        if is_quoted_in_source(quote_words, ctx.source) or quoted_around(ctx.source.text, span):
            return None
        evidence = (Evidence(span[0], span[1], ctx.source.text[span[0] : span[1]]),) if span else ()
        return Finding.on(
            quote,
            "quote",
            "warning",
            "scare quotes the source does not use: remove the quotation marks",
            evidence,
        )
    if span is not None:
        return None
    if not quote.closed and locate(" ".join(quote_words[:8]), source_words) is not None:
        # An unclosed quotation may run past what was said; its opening words match, so judge no further.
        return None
    close = near_verbatim(quote_words, source_words)
    if close is not None:
        return Finding.on(
            quote,
            "quote",
            "warning",
            "misquoted: the source's words differ in small words only; quote them exactly",
            (Evidence(close[0], close[1], ctx.source.text[close[0] : close[1]]),),
            "contradicts",
        )
    near, share = closest_source_quote(quote_words, ctx.source)
    relation: EvidenceRelation | None = None
    if near is not None and share >= 0.5:
        message = "altered quote: the source's words differ; quote them exactly or drop the quotation marks"
        evidence: tuple[Evidence, ...] = (Evidence(near.start, near.end, near.text),)
        relation = "contradicts"
    else:
        message = "the source has no such words: quote only what was said, or drop the quotation marks"
        sentence_ids = [s.sentence for s in ctx.alignment[quote.sentences[0]].support[:1]] if quote.sentences else []
        evidence = sentence_evidence(ctx.source, sentence_ids)
    return Finding.on(quote, "quote", "error", message, evidence, relation)
