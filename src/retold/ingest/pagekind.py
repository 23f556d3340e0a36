"""What kind of page this is: a news article, plainly something else (refused), or unsure (warned).

Refusing a real article is the worse mistake, so a page is refused only on a strong signal: what the
page declares about itself (a product for sale, a wiki, documentation, an about page at its address)
or a shape no article has (a front page of linked headlines, a long numbered listing, an FAQ, no
running prose). Weaker signals — the page speaking as "we", shop or software-project markers, a
newsletter sign-up, dense navigation — only earn the reader one warning line saying why the page
may not be a news article; the page is rewritten all the same. Every decision lists the signals it
used, so it can be read and measured.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from retold.ingest.boilerplate import boilerplate_reason
from retold.ingest.html import Extracted

# A page of one of these kinds is never a news article, whatever its text.
_ARTICLE_TYPES = frozenset(
    {"article", "newsarticle", "reportagenewsarticle", "blogposting", "liveblogposting", "report"}
)
_PRODUCT_TYPES = frozenset({"product", "offer", "aggregateoffer", "softwareapplication", "og:product", "product.item"})
_WIKI_GENERATOR = re.compile(r"\b(?:mediawiki|moinmoin|dokuwiki|tiddlywiki|confluence|xwiki)\b", re.IGNORECASE)
_ABOUT_PATH = re.compile(
    r"/(?:about|about-us|about_us|aboutus|who-we-are|what-we-do|our-mission|mission|team|contact)/?$"
)
_NUMBERED = re.compile(r"^(?:\d{1,4}[.)]|#\d{1,4}\b)\s*")
_QUESTION_LED = re.compile(r"^[^.!?]{3,120}\?(?:\s|$)")
_QUOTED = re.compile(r"[\u201c\"\u201e][^\u201d\"\u201c]*[\u201d\"\u201c]")
_READ_ON = re.compile(r"(?:\bread (?:more|on|the full story)|\bcontinue reading|\bfull story)\W*$", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?")
# First person plural in the languages a page of this kind is most often met in.
_WE = frozenset(
    "we our us ours ourselves we're we've we'll wir unser unsere unserer unseren unserem uns nous notre nos "
    "nosotros nuestro nuestra nuestros nuestras".split()
)
# A shop: a cart, a price, delivery terms (English and German, the shops met most often).
_SHOP = re.compile(
    r"\b(?:add to (?:cart|basket|bag)|shopping (?:cart|basket|bag)|checkout|buy now|in stock|out of stock"
    r"|free (?:shipping|delivery)|warenkorb|in den warenkorb|jetzt kaufen|auf lager|lieferzeit|versandkostenfrei"
    r"|zzgl\.? versand|inkl\.? mwst|ust\.?-id|impressum|gmbh)\b",
    re.IGNORECASE,
)
_PRICE = re.compile(r"(?:[$\u20ac\u00a3]\s?\d[\d.,]*|\b\d[\d.,]*\s?(?:\u20ac|eur|usd|gbp)\b)", re.IGNORECASE)
# A software project's own page: how to install it, where its code and releases are.
_SOFTWARE = re.compile(
    r"\b(?:(?:pip|npm|yarn|brew|cargo|gem|apt(?:-get)?|go) (?:install|get|add)|git clone|github\.com|"
    r"getting started|release notes|changelog|api reference|open[- ]source|source code|(?:mit|apache|gpl|bsd) licen[cs]e|"
    r"download(?:s| now| for| the latest)?|documentation|quick ?start|installation)\b",
    re.IGNORECASE,
)
_NEWSLETTER = re.compile(r"\bnewsletters?\b|\bsubscribe\b|\bsign[- ]?up\b|\binbox\b", re.IGNORECASE)

MIN_STORIES = 4  # linked headlines or "Read more" teasers: one page, several stories
WE_PER_100 = 2.5  # news narration says "we" only inside quotes; an organisation's own page says it throughout
MIN_NUMBERED = 20  # a numbered list this long, with little prose, is a listing ("317 jokes for kids")
MIN_QUESTIONS = 12  # paragraphs that open with a question: an FAQ or service-information page
PROSE_LINE = 15  # a paragraph this long is running prose (news writes short paragraphs: 15-30 words)
PROSE_SHARE = 0.15  # below this share of words in paragraphs of prose, a page has no running prose
MIN_SHOP = 2  # distinct shop words (cart, checkout, delivery terms), or one with prices
MIN_PRICES = 3
MIN_SOFTWARE = 3  # distinct software-project words: installing, code, releases, documentation
LINKED_SHARE = 0.35  # a page whose blocks are mostly links is navigation around little text
CALL_SHARE = 0.25  # words of sign-up prompts against the words of prose (lines of 8 words or more)
MIN_CALLS = 2


@dataclass(frozen=True, slots=True)
class PageKind:
    """The gate's decision on one page: ``refuse`` (a reason), or ``warn`` (why it may not be news), and its signals."""

    refuse: str | None = None
    warn: str | None = None
    signals: tuple[str, ...] = ()

    @property
    def decision(self) -> str:
        return "refused" if self.refuse else "warned" if self.warn else "rewritten"


def assess_page(extracted: Extracted) -> PageKind:
    """Refuse a page only on a strong signal; warn (one line) when weaker ones say it may not be a news article."""
    blocks = extracted.blocks
    types, generator = extracted.types, extracted.generator or ""
    parts = urlsplit(extracted.url or "")
    host, path = (parts.hostname or "").lower(), parts.path.lower()
    site = (extracted.site or "").lower()
    declared_article = bool(types & _ARTICLE_TYPES - {"article"}) or "newsarticle" in types
    signals: list[str] = []
    if extracted.byline:
        signals.append("byline")
    if extracted.published:
        signals.append("date")
    if declared_article:
        signals.append("declares a news article")

    def refuse(reason: str, signal: str) -> PageKind:
        return PageKind(refuse=reason, signals=tuple(signals + [signal]))

    if types & _PRODUCT_TYPES and not declared_article:
        return refuse("a product page (it declares a product for sale)", "declares a product")
    if not declared_article and (
        _WIKI_GENERATOR.search(generator) or host.startswith("wiki.") or "/wiki/" in path or site.endswith(" wiki")
    ):
        return refuse("a wiki page, not a news article", "wiki generator or address")
    if not declared_article and (
        host.startswith(("docs.", "developer.", "developers.")) or path.startswith("/docs/") or "documentation" in site
    ):
        return refuse("a documentation page, not a news article", "documentation address")
    if _ABOUT_PATH.search(path):
        return refuse("an organisation's page about itself", "about-page address")
    linked = extracted.linked or (False,) * len(blocks)
    story_links = sum(1 for b, link in zip(blocks, linked) if link and b.kind == "heading")
    teasers = sum(1 for b in blocks if _READ_ON.search(b.text))
    headings = sum(1 for b in blocks if b.kind == "heading")
    # An article's subheadings are rarely links; a front page's or a newsletter's headlines mostly are.
    if (story_links >= MIN_STORIES and 2 * story_links >= headings) or teasers >= MIN_STORIES:
        n = max(story_links, teasers)
        return refuse(
            f"a home, section or newsletter page ({n} stories, each a headline or teaser with a link)",
            f"{n} linked headlines or teasers",
        )
    words = [len(b.text.split()) for b in blocks]
    total = sum(words)
    if total == 0:
        return PageKind(signals=tuple(signals))
    prose_words = sum(w for b, w in zip(blocks, words) if b.kind in ("text", "quote") and w >= PROSE_LINE)
    prose = prose_words / total
    numbered = sum(1 for b in blocks if _NUMBERED.match(b.text))
    if numbered >= MIN_NUMBERED and prose < 0.3:
        return refuse(f"a listing of {numbered} numbered entries, not a news article", f"{numbered} numbered entries")
    questions = sum(1 for b in blocks if b.kind == "text" and _QUESTION_LED.match(b.text))
    # a news interview runs question by question too: with an author or a declared news article it is only a doubt
    interview = bool(extracted.byline) or declared_article
    if questions >= MIN_QUESTIONS and not interview:
        return refuse(
            f"a question-and-answer or service-information page ({questions} entries open with a question)",
            f"{questions} question-led entries",
        )
    if total >= 200 and prose < PROSE_SHARE:
        return refuse(
            "a page of short lines (navigation, steps or entries) with no running prose", f"prose {prose:.0%}"
        )
    doubts = weak_signals(extracted)
    if questions >= MIN_QUESTIONS:
        doubts.append(
            (f"{questions} question-led entries", "most of it is questions, as an FAQ's or an interview's is")
        )
    signals += [signal for signal, _ in doubts]
    if not doubts:
        return PageKind(signals=tuple(signals))
    why = "; ".join(reason for _, reason in doubts)
    if not extracted.byline:
        why += "; it names no author"
    return PageKind(
        warn=f"this page may not be a news article ({why}); it was rewritten as one", signals=tuple(signals)
    )


def weak_signals(extracted: Extracted) -> list[tuple[str, str]]:
    """Weak signals that the page is not news: (signal, the reason in a reader's words); none on most articles."""
    doubts: list[tuple[str, str]] = []
    blocks = extracted.blocks
    linked = extracted.linked or (False,) * len(blocks)
    prose_words = sum(len(b.text.split()) for b in blocks if b.kind in ("text", "quote") and len(b.text.split()) >= 8)
    text = "\n".join(b.text for b in blocks)
    narration = " ".join(_QUOTED.sub(" ", b.text) for b in blocks if b.kind != "heading").lower()
    tokens = _WORD.findall(narration.replace("\u2019", "'"))
    if len(tokens) >= 150:
        we = 100 * sum(t in _WE for t in tokens) / len(tokens)
        if we >= WE_PER_100:
            doubts.append(
                (
                    f"\u201cwe\u201d {we:.1f}/100 words",
                    "it speaks as \u201cwe\u201d throughout, as an organisation's own page does",
                )
            )
    shop = {m.lower() for m in _SHOP.findall(text)}
    prices = len(_PRICE.findall(text))
    if len(shop) >= MIN_SHOP or (shop and prices >= MIN_PRICES):
        doubts.append(
            (f"shop words ({', '.join(sorted(shop)[:3])}), {prices} prices", "it reads like a shop or company page")
        )
    software = {m.lower() for m in _SOFTWARE.findall(text)}
    if len(software) >= MIN_SOFTWARE and not extracted.byline:
        doubts.append(
            (f"software words ({', '.join(sorted(software)[:3])})", "it reads like a software project's own page")
        )
    reasons = [(boilerplate_reason(b.text), len(b.text.split())) for b in blocks]
    calls = [n for reason, n in reasons if reason in ("call-to-action", "newsletter-prompt")]
    paywall = any(reason == "paywall" for reason, _ in reasons)  # a paywall stub is warned about as one
    prompts = not paywall and len(calls) >= MIN_CALLS and sum(calls) >= CALL_SHARE * max(1, prose_words)
    if _NEWSLETTER.search(extracted.title or "") or prompts:
        doubts.append(("sign-up title or prompts", "it asks readers to sign up more than it tells a story"))
    if len(blocks) >= 8 and sum(linked) / len(blocks) >= LINKED_SHARE and not extracted.byline:
        share = sum(linked) / len(blocks)
        doubts.append((f"links {share:.0%} of blocks", "most of it is links"))
    return doubts
