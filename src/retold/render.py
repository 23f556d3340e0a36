"""Drafts (and optionally their check report) as Markdown, HTML, JSON or terminal text."""

from __future__ import annotations

import html
import io
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from retold import escape
from retold.errors import RetoldError
from retold.styles import section_form
from retold.types import Attribution, Draft, Item

Format = Literal["md", "html", "json", "text"]
FORMATS: tuple[str, ...] = ("md", "html", "json", "text")
TEXT_WIDTH = 100


def render(draft: Draft, fmt: Format, *, cite: bool = False, report: Any | None = None) -> str:
    """``draft`` in ``fmt``; ``cite`` adds source references.

    ``report`` (the draft's check report) is embedded in JSON, appended to HTML and terminal
    text; Markdown stays the bare explainer, so a saved ``.md`` can be published or re-checked as is.
    """
    if fmt == "md":
        return _markdown(draft, cite=cite, esc=escape.markdown)
    if fmt == "html":
        out = _html(draft, cite=cite)
        return out + report.to_html() if report is not None else out
    if fmt == "json":
        return json.dumps(draft_dict(draft, report=report), ensure_ascii=False, indent=2) + "\n"
    if fmt == "text":
        buffer = io.StringIO()
        Console(
            file=buffer, width=TEXT_WIDTH, color_system=None, force_terminal=False, markup=False, emoji=False
        ).print(draft_rich(draft, cite=cite, report=report))
        return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())  # no cell padding
    raise RetoldError(f"Unknown output format {fmt!r}: choose one of {', '.join(FORMATS)}.")


def draft_text(draft: Draft) -> str:
    """The Markdown of ``draft`` without citation marks, attribution footer included, its words as
    written (not escaped for publishing).

    Its self-check reads :func:`draft_layout`'s text, which is this without the footer.
    """
    return _markdown(draft, cite=False, esc=_verbatim)


def _verbatim(text: str) -> str:
    return text


# --------------------------------------------------------------------------- shared


def _citations(draft: Draft) -> dict[int, int]:
    """Source sentence id → reference number, numbered in order of first citation."""
    numbers: dict[int, int] = {}
    for item in _all_items(draft):
        for sid in item.sources:
            numbers.setdefault(sid, len(numbers) + 1)
    return numbers


def _all_items(draft: Draft) -> list[Item]:
    return [draft.headline] + [item for section in draft.sections for item in section.items]


def _source_text(draft: Draft, sid: int) -> str:
    facts = draft.facts
    if facts is None or not 0 <= sid < len(facts.sentences):
        raise RetoldError(
            f"Draft cites source sentence {sid} but does not carry that sentence: build it with retold.rewrite()."
        )
    return " ".join(facts.sentences[sid].text.split())


def attribution_parts(attribution: Attribution) -> list[str]:
    """The pieces of the source credit, in reading order; the origin file name when nothing else is known."""
    parts = [p for p in (attribution.title, attribution.site) if p]
    if attribution.byline:
        parts.append(attribution.byline if attribution.byline.lower().startswith("by ") else f"by {attribution.byline}")
    if attribution.published:
        parts.append(attribution.published.isoformat())
    if attribution.url:
        parts.append(attribution.url)
    if not parts and attribution.origin:
        parts.append("standard input" if attribution.origin == "-" else os.path.basename(attribution.origin))
    return parts or ["the original article"]


# --------------------------------------------------------------------------- markdown


def _md_item(item: Item, form: str, mark: str, esc: Callable[[str], str]) -> str:
    if item.kind == "quote":
        credit = f" — {esc(item.label)}" if item.label else ""
        return f"> \u201c{esc(item.text)}\u201d{credit}{mark}"
    if item.kind in ("event", "person") and item.label:
        return f"- **{esc(item.label)}** — {esc(item.text)}{mark}"
    if form == "links":
        url = escape.safe_url(item.label)
        return f"- [{esc(item.text)}](<{url}>){mark}" if url else f"- {esc(item.text)}{mark}"
    return f"- {esc(item.text)}{mark}"


@dataclass(frozen=True, slots=True)
class ItemSpan:
    """Where one item stands in :func:`draft_layout`'s text; ``section`` is -1 for the headline."""

    section: int
    index: int
    start: int
    end: int


def draft_layout(draft: Draft) -> tuple[str, tuple[ItemSpan, ...]]:
    """The Markdown of ``draft``'s claims (headline and sections, no attribution footer) and each item's span.

    This is the text a draft's self-check reads: the footer and the *Go deeper* link are metadata
    (a date, a host name, the source's address), never claims, so they are left out; each finding
    maps back to the item it falls in.
    """
    return _markdown_body(draft, cite=False, refs={}, esc=_verbatim, claims_only=True)


def _markdown_body(
    draft: Draft, *, cite: bool, refs: dict[int, int], esc: Callable[[str], str], claims_only: bool = False
) -> tuple[str, tuple[ItemSpan, ...]]:
    """The headline and sections as Markdown; ``esc`` makes the article's words literal (or leaves them
    as written); ``claims_only`` leaves out link lists (the source's own address)."""

    def mark(item: Item) -> str:
        return "".join(f"[^{refs[s]}]" for s in item.sources) if cite else ""

    out = io.StringIO()
    spans: list[ItemSpan] = []

    def put(
        piece: str, section: int | None = None, index: int = 0, item_from: int = 0, item_to: int | None = None
    ) -> None:
        """Write ``piece``; when ``section`` is given, ``piece[item_from:item_to]`` is that item's span."""
        at = out.tell()
        if section is not None:
            end = len(piece) if item_to is None else item_to
            spans.append(ItemSpan(section, index, at + item_from, at + end))
        out.write(piece)

    put(f"# {esc(draft.headline.text)}", -1, 0, 2)
    put(f"{mark(draft.headline)}")
    for si, section in enumerate(draft.sections):
        if not section.items:
            continue
        form = section_form(draft.style, section.key)
        if claims_only and form == "links":
            continue
        if section.title:
            put(f"\n\n## {esc(section.title)}")
        items = section.items
        if form == "paragraph":
            put("\n\n")
            for ii, item in enumerate(items):
                if ii:
                    put(" ")
                put(esc(item.text), si, ii)
                put(mark(item))
            continue
        if form == "posts":  # a thread: numbered posts, each its own
            for ii, item in enumerate(items):
                put("\n\n" if ii == 0 else "\n")
                put(f"{ii + 1}. {item.text}", si, ii, len(f"{ii + 1}. "))
                put(mark(item))
            continue
        if len(items) == 1 and items[0].kind == "text" and form == "bullets" and len(draft.sections) > 1:
            put("\n\n")
            put(esc(items[0].text), si, 0)
            put(mark(items[0]))
            continue
        separate = all(i.kind == "quote" for i in items)  # quotes are blocks of their own
        for ii, item in enumerate(items):
            put("\n\n" if separate or ii == 0 else "\n")
            line = _md_item(item, form, "", esc)
            lead = 2 if line.startswith(("> ", "- ")) else 0
            put(line, si, ii, lead)
            put(mark(item))
    return out.getvalue(), tuple(spans)


def _markdown(draft: Draft, *, cite: bool, esc: Callable[[str], str]) -> str:
    """The explainer as Markdown, attribution footer included."""
    refs = _citations(draft) if cite else {}
    body, _ = _markdown_body(draft, cite=cite, refs=refs, esc=esc)
    blocks = [
        body,
        "---",
        "Source: " + ", ".join(_md_credit(part, esc) for part in attribution_parts(draft.attribution)) + ".",
    ]
    if cite and refs:
        blocks.append("## Sources")
        blocks.append("\n".join(f"[^{n}]: {esc(_source_text(draft, sid))}" for sid, n in refs.items()))
    return "\n\n".join(blocks) + "\n"


def _md_credit(part: str, esc: Callable[[str], str]) -> str:
    """One piece of the source credit: a web address as an autolink, anything else as (escaped) text."""
    if esc is _verbatim:
        return part
    url = escape.safe_url(part)
    return f"<{url}>" if url and url == part else esc(part)


# --------------------------------------------------------------------------- html

_CSS = (
    ".retold-draft{font:16px/1.5 system-ui,sans-serif;max-width:42em}"
    ".retold-draft h2{font-size:1em;margin:1.2em 0 .3em}"
    ".retold-draft blockquote{margin:.5em 0;padding-left:1em;border-left:3px solid #999}"
    ".retold-draft .credit{color:#555}"
    ".retold-draft .attribution,.retold-draft .sources{font-size:.85em;color:#444}"
)


def _html(draft: Draft, *, cite: bool) -> str:
    esc = html.escape
    refs = _citations(draft) if cite else {}

    def mark(item: Item) -> str:
        if not cite:
            return ""
        return "".join(f'<sup><a href="#retold-src-{refs[s]}">[{refs[s]}]</a></sup>' for s in item.sources)

    def li(item: Item, form: str) -> str:
        if item.kind in ("event", "person") and item.label:
            return f"<li><strong>{esc(item.label)}</strong> — {esc(item.text)}{mark(item)}</li>"
        url = escape.safe_url(item.label) if form == "links" else None
        if url:
            return f'<li><a href="{esc(url)}">{esc(item.text)}</a>{mark(item)}</li>'
        return f"<li>{esc(item.text)}{mark(item)}</li>"

    out = [
        f'<article class="retold-draft" data-style="{esc(draft.style)}" data-engine="{esc(draft.engine)}">',
        f"<style>{_CSS}</style>",
        f"<h1>{esc(draft.headline.text)}{mark(draft.headline)}</h1>",
    ]
    for section in draft.sections:
        if not section.items:
            continue
        form = section_form(draft.style, section.key)
        out.append(f'<section class="{esc(section.key)}">')
        if section.title:
            out.append(f"<h2>{esc(section.title)}</h2>")
        quotes = [i for i in section.items if i.kind == "quote"]
        others = [i for i in section.items if i.kind != "quote"]
        for q in quotes:
            credit = f'<footer class="credit">— {esc(q.label)}</footer>' if q.label else ""
            out.append(f"<blockquote><p>\u201c{esc(q.text)}\u201d{mark(q)}</p>{credit}</blockquote>")
        lone = len(others) == 1 and others[0].kind == "text" and form == "bullets" and len(draft.sections) > 1
        if form == "posts":
            out.append("<ol>" + "".join(f"<li>{esc(i.text)}{mark(i)}</li>" for i in others) + "</ol>")
        elif form == "paragraph" or lone:
            if others:
                out.append("<p>" + " ".join(f"{esc(i.text)}{mark(i)}" for i in others) + "</p>")
        elif others:
            out.append("<ul>" + "".join(li(i, form) for i in others) + "</ul>")
        out.append("</section>")
    credit = ", ".join(esc(p) for p in attribution_parts(draft.attribution))
    url = escape.safe_url(draft.attribution.url)
    if url:
        credit = credit.replace(esc(url), f'<a href="{esc(url)}">{esc(url)}</a>')
    out.append(f'<footer class="attribution">Source: {credit}.</footer>')
    if cite and refs:
        out.append('<ol class="sources">')
        out.extend(
            f'<li id="retold-src-{n}" value="{n}">{esc(_source_text(draft, sid))}</li>' for sid, n in refs.items()
        )
        out.append("</ol>")
    out.append("</article>")
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- json


def item_dict(item: Item) -> dict[str, Any]:
    return {"text": item.text, "kind": item.kind, "label": item.label, "sources": list(item.sources)}


def draft_dict(draft: Draft, *, report: Any | None = None) -> dict[str, Any]:
    """The draft as plain data: items with their source ids, the cited source sentences, and its Markdown."""
    a = draft.attribution
    data: dict[str, Any] = {
        "style": draft.style,
        "engine": draft.engine,
        "headline": item_dict(draft.headline),
        "sections": [
            {"key": s.key, "title": s.title, "items": [item_dict(i) for i in s.items]} for s in draft.sections
        ],
        "attribution": {
            "title": a.title,
            "site": a.site,
            "url": a.url,
            "byline": a.byline,
            "published": a.published.isoformat() if a.published else None,
            "origin": a.origin,
        },
        "notes": list(draft.notes),
        # what ingest warned about the source (a stub, cut-off text, a page that may not be a news article)
        "warnings": list(draft.facts.article.warnings) if draft.facts is not None and draft.facts.article else [],
        "sources": [{"id": sid, "text": _source_text(draft, sid)} for sid in sorted(_citations(draft))],
        "text": draft_text(draft),
    }
    if draft.stats is not None:
        data["engine_stats"] = draft.stats
    if report is not None:
        data["report"] = report.to_dict()
    return data


# --------------------------------------------------------------------------- terminal


def draft_rich(draft: Draft, *, cite: bool = False, report: Any | None = None) -> RenderableType:
    """A rich renderable of ``draft`` for the terminal (the CLI prints it with its own console)."""
    refs = _citations(draft) if cite else {}

    def mark(item: Item) -> str:
        return "".join(f" [{refs[s]}]" for s in item.sources) if cite else ""

    parts: list[RenderableType] = [Text(draft.headline.text + mark(draft.headline), style="bold")]
    for section in draft.sections:
        if not section.items:
            continue
        form = section_form(draft.style, section.key)
        parts.append(Text(""))
        if section.title:
            parts.append(Text(section.title, style="bold cyan"))
        if form == "paragraph":
            parts.append(Text(" ".join(i.text + mark(i) for i in section.items)))
            continue
        # a two-column grid gives wrapped lines a hanging indent under the item's first word
        grid = Table.grid(padding=(0, 1))
        grid.add_column(width=5 if form == "posts" else 3, justify="right")
        grid.add_column()
        for n, item in enumerate(section.items, 1):
            if form == "posts":
                grid.add_row(f"{n}/{len(section.items)}", Text(f"{item.text}{mark(item)}"))
            elif item.kind == "quote":
                line = Text(f"\u201c{item.text}\u201d", style="italic")
                if item.label:
                    line.append(f" — {item.label}", style="dim")
                line.append(mark(item))
                grid.add_row("", line)
            elif item.kind in ("event", "person") and item.label:
                line = Text(item.label, style="bold")
                line.append(f" — {item.text}{mark(item)}")
                grid.add_row("\u2022", line)
            else:
                link = f" ({item.label})" if form == "links" and item.label else ""
                grid.add_row("\u2022", Text(f"{item.text}{link}{mark(item)}"))
        parts.append(grid)
    parts.append(Text(""))
    parts.append(Text("Source: " + ", ".join(attribution_parts(draft.attribution)) + ".", style="dim"))
    if cite and refs:
        parts.append(Text(""))
        parts.append(Text("Sources", style="bold cyan"))
        for sid, n in refs.items():
            parts.append(Text(f"[{n}] {_source_text(draft, sid)}", style="dim"))
    if report is not None:
        parts.append(Text(""))
        parts.append(report)
    return Group(*parts)


def html_page(fragment: str, title: str) -> str:
    """A self-contained HTML document around a fragment: what a file written with ``-o x.html`` needs."""
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n</head>\n<body>\n{fragment}\n</body>\n</html>\n"
    )
