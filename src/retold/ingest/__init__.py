"""ingest: any input (path, URL, stdin, text in memory) → a cleaned :class:`~retold.types.Article`.

read (bytes, capped) → decode (charset) → sniff format → blocks (text, Markdown or trafilatura)
→ gate (no article?) → boilerplate out, listed → title → warnings → Article
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING

from retold.errors import InputError
from retold.ingest.blocks import (
    article_from_text,
    assemble,
    markdown_title,
    plain_title,
    split_byline,
    text_blocks,
)
from retold.ingest.boilerplate import boilerplate_reason, strip_boilerplate
from retold.ingest.gates import article_warnings, require_article
from retold.ingest.html import extract_html, leading_links, looks_like_html
from retold.ingest.read import Raw, decode, read_source
from retold.normalize import read_text
from retold.types import Article, RemovedBlock

if TYPE_CHECKING:
    import httpx  # only a URL needs httpx, and it is slow to import

__all__ = ["ingest", "from_text", "article_from_text"]

FORMATS = ("auto", "text", "markdown", "html")
_MARKDOWN_EXT = (".md", ".markdown", ".mdown", ".mkd")
_MARKDOWN_SIGNS = re.compile(r"^(?:#{1,6} \S|[-*] \S.*\n[-*] \S|\[[^\]\n]+\]\(\S+\))", re.MULTILINE)


def ingest(
    source: str | os.PathLike,
    *,
    max_bytes: int = 5_000_000,
    timeout: float = 15.0,
    client: httpx.Client | None = None,
    clean: bool = True,
    allow_private_urls: bool = False,
) -> Article:
    """Read a path, an http(s) URL or ``"-"`` (stdin) into a cleaned :class:`Article`.

    ``clean=False`` reads and decodes the input but keeps its text exactly as read (for a
    rewrite under check, whose boilerplate is what the check looks for). A URL whose host resolves
    to a loopback, private, link-local or reserved address is refused unless ``allow_private_urls``.
    """
    raw = read_source(
        source, max_bytes=max_bytes, timeout=timeout, client=client, allow_private_urls=allow_private_urls
    )
    text, notes = decode(raw)
    if not clean:
        return article_from_text(text, url=raw.url, origin=raw.origin, warnings=notes)
    label = "stdin" if raw.origin == "-" else raw.origin
    return _build(text, _sniff(text, raw), url=raw.url, origin=raw.origin, label=label, notes=notes)


def from_text(text: str, *, format: str = "auto", url: str | None = None, origin: str | None = None) -> Article:
    """Clean an article already in memory; ``format`` is "auto" (sniffed), "text", "markdown" or "html".

    ``origin`` is where the text was read from (a path), credited as :func:`ingest` credits a file it reads."""
    if format not in FORMATS:
        raise InputError(f"Unknown format {format!r}: use one of {', '.join(FORMATS)}")
    text = read_text(text).lstrip("\ufeff")
    if not text.strip():
        raise InputError("The text is empty: pass the article text")
    fmt = _sniff(text, Raw(data=b"", origin="")) if format == "auto" else format
    return _build(text, fmt, url=url, origin=origin, label=url or origin or "the text", notes=())


def _sniff(text: str, raw: Raw) -> str:
    """The input's format, judged by its content first, then by its extension or media type."""
    if text.lstrip()[:1] == "<" and looks_like_html(text):
        return "html"
    name = (raw.name or "").lower()
    if name.endswith(_MARKDOWN_EXT) or raw.media_type in ("text/markdown", "text/x-markdown"):
        return "markdown"
    if text.lstrip().startswith("# "):  # a Markdown title, even when a few HTML tags follow
        return "markdown"
    if looks_like_html(text):
        return "html"
    if len(_MARKDOWN_SIGNS.findall(text[:20_000])) >= 3:  # Markdown headings, lists or links throughout
        return "markdown"
    return "text"


def _build(text: str, fmt: str, *, url: str | None, origin: str | None, label: str, notes: tuple[str, ...]) -> Article:
    meta: dict[str, object] = {}
    if fmt == "html":
        page = extract_html(text, url=url)
        kind = require_article(page, label)
        if kind.warn:
            notes = (*notes, kind.warn)
        others, kept = leading_links(page)
        blocks, removed = strip_boilerplate(kept)
        removed = [RemovedBlock(b.text, "related-links") for b in others] + removed
        title = page.title
        meta = {"byline": page.byline, "published": page.published, "site": page.site}
        url = page.url
    else:
        blocks = text_blocks(text)
        title = None
        if fmt == "markdown":
            title, blocks = markdown_title(blocks)
        blocks, removed = strip_boilerplate(blocks)
        if fmt == "text":
            title, blocks = plain_title(blocks)
        byline, blocks = split_byline(blocks)
        meta = {"byline": byline}
    if title and boilerplate_reason(title) in ("caption", "credits", "citation"):
        removed.append(
            RemovedBlock(title, boilerplate_reason(title) or "caption")
        )  # a picture's caption names no story
        title = None
    if not blocks:
        raise InputError(_nothing_left(label, removed))
    warnings = list(notes) + article_warnings(blocks, removed)
    body, paragraphs = assemble(blocks)
    return Article(
        text=body,
        paragraphs=paragraphs,
        title=title,
        url=url,
        source_format=fmt,  # type: ignore[arg-type]
        removed=tuple(removed),
        warnings=tuple(warnings),
        origin=origin,
        **meta,  # type: ignore[arg-type]
    )


def _nothing_left(label: str, removed: list[RemovedBlock]) -> str:
    if removed:
        reasons = ", ".join(sorted({r.reason for r in removed}))
        return f"No article text in {label}: everything in it is boilerplate ({reasons}); pass the article itself"
    return f"No article text in {label}: pass a file or page that holds the article"
