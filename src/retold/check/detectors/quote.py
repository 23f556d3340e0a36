"""``quote``: words in quotation marks that the source does not hold verbatim (rules in :mod:`retold.check.match.quotes`).

``paraphrase-quote``: the quoted words are not the source's, but the sentences the rewrite rests on say the same
thing in other words — a faithful paraphrase put inside quotation marks. Still an error by newsroom standards
(quotation marks promise the speaker's own words), reported apart from a quote the source has nothing like.
"""

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
from retold.types import Evidence, Finding, Quote


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
        scare: tuple[Evidence, ...] = (Evidence(span[0], span[1], ctx.source.text[span[0] : span[1]]),) if span else ()
        return Finding.on(
            quote,
            "quote",
            "warning",
            "scare quotes the source does not use: remove the quotation marks",
            scare,
            relation="supports" if scare else None,  # the words stand in the source, unquoted
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
            relation="contradicts",
        )
    near, share = closest_source_quote(quote_words, ctx.source)
    if (near is None or share < 0.5) and (said := _said_otherwise(ctx, quote)) is not None:
        return Finding.on(
            quote,
            "paraphrase-quote",
            "error",
            "paraphrase in quotation marks: the source says this, but not in these words; quote the source exactly "
            "or drop the quotation marks",
            sentence_evidence(ctx.source, [said]),
            relation="closest",
        )
    if near is not None and share >= 0.5:
        message = "altered quote: the source's words differ; quote them exactly or drop the quotation marks"
        return Finding.on(quote, "quote", "error", message, (Evidence(near.start, near.end, near.text),), "contradicts")
    message = "the source has no such words: quote only what was said, or drop the quotation marks"
    sentence_ids = [s.sentence for s in ctx.alignment[quote.sentences[0]].support[:1]] if quote.sentences else []
    return Finding.on(quote, "quote", "error", message, sentence_evidence(ctx.source, sentence_ids))


PARAPHRASE_COVERAGE = 0.75  # share of the quote's content words one supporting source sentence holds


def _said_otherwise(ctx: CheckContext, quote: Quote) -> int | None:
    """The supporting source sentence that holds most of the quote's content words (lemmas), if one holds
    :data:`PARAPHRASE_COVERAGE` of them: the quote restates it in other words."""
    span = ctx.rewrite.doc.char_span(quote.start, quote.end, alignment_mode="expand")
    if span is None or not quote.sentences:
        return None
    ours = {t.lemma_.lower() for t in span if t.is_alpha and not t.is_stop}
    if len(ours) < 3:
        return None
    for support in ctx.alignment[quote.sentences[0]].support:
        sentence = ctx.source.sentences[support.sentence]
        theirs = ctx.source.doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        if theirs is None:
            continue
        lemmas = {t.lemma_.lower() for t in theirs} | {t.lower_ for t in theirs}
        if len(ours & lemmas) / len(ours) >= PARAPHRASE_COVERAGE:
            return support.sentence
    return None
