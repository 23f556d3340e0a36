"""Article text made inert for Markdown: what a renderer would turn into markup (or a live link) is escaped.

Text a page showed as ``&lt;script&gt;`` arrives here as ``<script>``; written verbatim into Markdown it
would run wherever that Markdown is rendered with HTML allowed. Links are written only to http(s) URLs.
"""

from __future__ import annotations

import re
from urllib.parse import quote

# Inline markup: emphasis, code, links and images, raw HTML and autolinks, strikethrough, escapes, entities.
_INLINE = re.compile(r"([\\`*_\[\]~|]|&(?=#?\w+;))")
# Markup that counts only at the start of a line: headings, quote blocks, list items, rules, tables.
_LINE_START = re.compile(r"^(\s*)(#|>|[-+=]|\d{1,9}(?=[.)]))")
_UNSAFE_IN_URL = re.compile(r"[\s<>\"'`\\]")


def markdown(text: str) -> str:
    """``text`` as literal Markdown: one line, every markup character escaped with a backslash."""
    text = " ".join(text.split("\n"))
    text = _INLINE.sub(r"\\\1", text).replace("<", "&lt;")  # no raw HTML, no autolink
    return _LINE_START.sub(_escape_line_start, text)


def _escape_line_start(match: re.Match[str]) -> str:
    lead, mark = match.group(1), match.group(2)
    return f"{lead}{mark}\\" if mark[0].isdigit() else f"{lead}\\{mark}"  # "1\." and "\#", "\-"


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an http(s) address (made safe to stand inside ``<…>``), else None."""
    if not url or not re.match(r"https?://[^/\s]", url, re.IGNORECASE):
        return None
    return _UNSAFE_IN_URL.sub(lambda m: quote(m.group()), url)


def link(text: str, url: str | None) -> str:
    """A Markdown link to ``url`` when it is an http(s) address; the escaped text alone otherwise."""
    target = safe_url(url)
    return f"[{markdown(text)}](<{target}>)" if target else markdown(text)
