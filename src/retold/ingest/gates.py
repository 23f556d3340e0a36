"""Is it an article? Index pages are refused; stubs, cut-off and non-English text get a warning."""

from __future__ import annotations

import re

from retold.errors import InputError
from retold.ingest.blocks import Block
from retold.ingest.boilerplate import CREDIT_LEAD, boilerplate_reason
from retold.ingest.html import Extracted
from retold.normalize import fold
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


def require_article(extracted: Extracted, origin: str) -> None:
    """Refuse a page with no article: nothing extracted, a list of short (link) lines, or a page of another kind."""
    other = not_an_article(extracted)
    if other is not None:
        raise InputError(f"No article found in {origin}: it is {other}; pass the URL or file of a single news article")
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


# A page of one of these kinds is never a news article, whatever its text.
_ARTICLE_TYPES = frozenset({"article", "newsarticle", "reportagenewsarticle", "blogposting", "liveblogposting", "report"})
_PRODUCT_TYPES = frozenset({"product", "offer", "aggregateoffer", "softwareapplication", "og:product", "product.item"})
_WIKI_GENERATOR = re.compile(r"\b(?:mediawiki|moinmoin|dokuwiki|tiddlywiki|confluence|xwiki)\b", re.IGNORECASE)
_ABOUT_PATH = re.compile(r"/(?:about|about-us|about_us|aboutus|who-we-are|what-we-do|our-mission|mission|team|contact)/?$")
_NUMBERED = re.compile(r"^(?:\d{1,4}[.)]|#\d{1,4}\b)\s*")
_QUESTION_LED = re.compile(r"^[^.!?]{3,120}\?(?:\s|$)")
_WE = frozenset({"we", "our", "us", "ours", "ourselves", "we're", "we've", "we'll"})
_QUOTED = re.compile(r"[\u201c\"][^\u201d\"]*[\u201d\"]")
_READ_ON = re.compile(r"(?:\bread (?:more|on|the full story)|\bcontinue reading|\bfull story)\W*$", re.IGNORECASE)
MIN_STORIES = 4  # linked headlines or "Read more" teasers: one page, several stories
WE_PER_100 = 2.5  # news narration says "we" only inside quotes; an organisation's own page says it throughout
MIN_NUMBERED = 20  # a numbered list this long, with little prose, is a listing ("317 jokes for kids")
MIN_QUESTIONS = 12  # paragraphs that open with a question: an FAQ or service-information page
PROSE_SHARE = 0.15  # below this share of words in paragraphs of 25+ words, a page has no running prose


def not_an_article(extracted: Extracted) -> str | None:
    """What kind of page this is when it is plainly not a news article (a short phrase), else None.

    Product, wiki, documentation and about pages are known by what the page declares (schema.org
    types, generator, address); listings, question-and-answer pages and pages without running prose
    by the shape of their text.
    """
    from urllib.parse import urlsplit

    blocks = extracted.blocks
    types, generator = extracted.types, extracted.generator or ""
    parts = urlsplit(extracted.url or "")
    host, path = (parts.hostname or "").lower(), parts.path.lower()
    declared_article = bool(types & _ARTICLE_TYPES - {"article"}) or "newsarticle" in types
    if types & _PRODUCT_TYPES and not declared_article:
        return "a product page (it declares a product for sale)"
    site = (extracted.site or "").lower()
    if not declared_article and (
        _WIKI_GENERATOR.search(generator) or host.startswith("wiki.") or "/wiki/" in path or site.endswith(" wiki")
    ):
        return "a wiki page, not a news article"
    if not declared_article and (
        host.startswith(("docs.", "developer.", "developers.")) or path.startswith("/docs/") or "documentation" in site
    ):
        return "a documentation page, not a news article"
    if _ABOUT_PATH.search(path):
        return "an organisation's page about itself"
    linked = extracted.linked or (False,) * len(blocks)
    story_links = sum(1 for b, link in zip(blocks, linked) if link and b.kind == "heading")
    teasers = sum(1 for b in blocks if _READ_ON.search(b.text))
    headings = sum(1 for b in blocks if b.kind == "heading")
    # An article's subheadings are rarely links; a front page's or a newsletter's headlines mostly are.
    if (story_links >= MIN_STORIES and 2 * story_links >= headings) or teasers >= MIN_STORIES:
        n = max(story_links, teasers)
        return f"a home, section or newsletter page ({n} stories, each a headline or teaser with a link)"
    words = [_words(b.text) for b in blocks]
    total = sum(words)
    if total == 0:
        return None
    narration = " ".join(_QUOTED.sub(" ", b.text) for b in blocks if b.kind != "heading").lower()
    tokens = _WORD.findall(narration.replace("\u2019", "'"))
    if len(tokens) >= 150 and 100 * sum(t in _WE for t in tokens) / len(tokens) >= WE_PER_100:
        return "an organisation's page about itself (it speaks as \u201cwe\u201d throughout)"
    prose = sum(w for b, w in zip(blocks, words) if b.kind in ("text", "quote") and w >= 25) / total
    numbered = sum(1 for b in blocks if _NUMBERED.match(b.text))
    if numbered >= MIN_NUMBERED and prose < 0.3:
        return f"a listing of {numbered} numbered entries, not a news article"
    questions = sum(1 for b in blocks if b.kind == "text" and _QUESTION_LED.match(b.text))
    if questions >= MIN_QUESTIONS:
        return f"a question-and-answer or service-information page ({questions} entries open with a question)"
    if total >= 200 and prose < PROSE_SHARE:
        return "a page of short lines (navigation, steps or entries) with no running prose"
    return None


def article_warnings(blocks: list[Block], removed: list[RemovedBlock]) -> list[str]:
    """Warnings about a likely paywall stub, cut-off text, a very short body, or non-English text."""
    warnings: list[str] = []
    # Boilerplate removal takes every paywall prompt out of the body, so the removed list holds them all.
    paywall = [r.text for r in removed if r.reason == "paywall"]
    if paywall:
        warnings.append(
            f"the page asks readers to subscribe to continue (\u201c{_clip(paywall[0])}\u201d): "
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


def _clip(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "\u2026"
