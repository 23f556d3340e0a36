"""Is it an article? Index pages are refused; stubs, cut-off and non-English text get a warning."""

from __future__ import annotations

import re

from retold.errors import InputError
from retold.ingest.blocks import Block
from retold.ingest.boilerplate import CREDIT_LEAD, boilerplate_reason
from retold.ingest.html import Extracted
from retold.ingest.pagekind import PageKind, assess_page
from retold.normalize import clip, fold
from retold.types import RemovedBlock

SHORT_WORDS = 80  # fewer words than a wire brief: likely a teaser or paywall stub
MIN_PROSE_WORDS = 15  # below this a page holds no article at all
ENGLISH_RATIO = 0.15  # English prose runs 35–50% function words; other languages stay under 10%

_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?")
_ENDS_SENTENCE = re.compile(r"""[.!?]["'\u201d\u2019)\]]*$|["'\u201d\u2019)]$""")
# Wire-service credit lines end without a full stop and are not cut-off text.
_CREDIT = re.compile(CREDIT_LEAD, re.IGNORECASE)
_STOPWORDS = frozenset(
    """a about after all also an and any are as at be because been before being but by can could did do does
    for from had has have he her his how i if in into is it its it's just more most my no not now of on one only
    or other our out over said says she so some than that the their them then there these they this those to
    under up us was we were what when where which while who will with would you your""".split()
)


def require_article(extracted: Extracted, origin: str) -> PageKind:
    """Refuse a page with no article: nothing extracted, a list of short (link) lines, or a page of another kind.

    Returns the gate's decision on a page it lets through: its ``warn`` is the one line to show the
    reader when the page may not be a news article.
    """
    kind = assess_page(extracted)
    if kind.refuse is not None:
        raise InputError(
            f"No article found in {origin}: it is {kind.refuse}; pass the URL or file of a single news article"
        )
    blocks, linked = extracted.blocks, extracted.linked or (False,) * len(extracted.blocks)
    prose = [b for b, link in zip(blocks, linked) if not link and b.kind in ("text", "quote") and _words(b.text) >= 8]
    prose_words = sum(_words(b.text) for b in prose)
    short_share = sum(_words(b.text) < 8 or link for b, link in zip(blocks, linked)) / max(1, len(blocks))
    link_words = sum(_words(b.text) for b, link in zip(blocks, linked) if link)
    # Articles have short lines too (list items, subheadings), so short lines alone must be overwhelming.
    no_article = (
        prose_words < MIN_PROSE_WORDS
        or (sum(linked) >= 5 and link_words >= 2 * prose_words)
        or (len(blocks) >= 10 and short_share >= 0.85 and prose_words < 80)
    )
    # A paywall stub is an article cut short, not an index: it passes with a warning.
    if no_article and not any(boilerplate_reason(b.text) == "paywall" for b in blocks):
        raise InputError(
            f"No article found in {origin}: it looks like an index or list page; pass the URL of a single article"
        )
    return kind


def article_warnings(blocks: list[Block], removed: list[RemovedBlock]) -> list[str]:
    """Warnings about a likely paywall stub, cut-off text, a very short body, or non-English text."""
    warnings: list[str] = []
    # Boilerplate removal takes every paywall prompt out of the body, so the removed list holds them all.
    paywall = [r.text for r in removed if r.reason == "paywall"]
    if paywall:
        warnings.append(
            f"the page asks readers to subscribe to continue (\u201c{clip(paywall[0], 60)}\u201d): "
            "the text is likely cut off by a paywall"
        )
    words = sum(_words(b.text) for b in blocks if b.kind != "heading")
    if words < SHORT_WORDS:
        warnings.append(
            f"the article is very short ({words} words): it may be a teaser or paywall stub, not the full story"
        )
    last = blocks[-1] if blocks else None
    if last is not None and last.kind == "text" and _words(last.text) >= 8 and not _CREDIT.match(last.text):
        ending = fold(last.text).rstrip()
        if ending.endswith(("...", "\u2026")) or not _ENDS_SENTENCE.search(ending):
            tail = last.text[-40:].lstrip()
            warnings.append(f"the text ends mid-sentence (\u201c\u2026{tail}\u201d): it may be truncated")
    ratio = english_ratio(" ".join(b.text for b in blocks))
    if ratio is not None and ratio < ENGLISH_RATIO:
        warnings.append(
            f"the text does not look like English ({ratio:.0%} common English words): "
            "retold's analysis is built for English"
        )
    return warnings


def english_ratio(text: str) -> float | None:
    """Share of words that are common English function words; None when the text is too short to judge."""
    words = [w.lower().replace("\u2019", "'") for w in _WORD.findall(text)]
    if len(words) < 20:
        return None
    return sum(w in _STOPWORDS for w in words) / len(words)


def _words(text: str) -> int:
    return len(text.split())
