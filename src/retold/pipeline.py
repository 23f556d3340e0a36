"""One article from its input to the printed explainer: ingest → analyze → rewrite (with its audit) → render.

``retold rewrite``, each ``retold batch`` worker and ``retold serve`` go through :func:`run`; they only turn
their own options into :class:`Settings` and print, write or answer what comes back, so the three give the
same output for the same input. The rewrite stage checks its own draft and mends what the check finds:
``result.report`` is that check, and nothing here checks the draft again.

    result = run(Source(location="examples/nato-ukraine.txt"), Settings(style="brief"))
    print(result.output)             # Markdown; result.render("json") for another format
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

# The stages load when this module does (a front end imports it when it has an article to rewrite), so a
# server's worker threads find them loaded: a lazily registered stage package must not be first used by two
# threads at once.
from retold import render as formats
from retold.analyze import analyze
from retold.errors import InputError
from retold.extras import missing_extra
from retold.ingest import from_text, ingest
from retold.rewrite import get_engine, get_style, rewrite
from retold.types import Article, Draft, FactSheet, Options

if TYPE_CHECKING:
    from retold.check import Report
    from retold.render import Format

__all__ = ["Result", "Settings", "Source", "read", "run"]

TEXT_WIDTH = 100  # columns of the plain-text format


@dataclass(frozen=True, slots=True)
class Source:
    """Where the article comes from: a path, an http(s) URL or ``"-"`` (``location``), or text in hand
    (``text``; ``location`` then says where it was read from, and is credited as a file read directly is)."""

    location: str | None = None
    text: str | None = None
    url: str | None = None  # the text's address, when it came from one (a feed entry, a JSON line)
    title: str | None = None  # used when the article gives none (a feed entry's title)


@dataclass(frozen=True, slots=True)
class Settings:
    """What decides the output (style, engine, length, citations, format) and how the input is read."""

    style: str = "explainer"
    engine: str = "builtin"
    words: int | None = None
    cite: bool = False
    format: Format = "md"
    extra: tuple[tuple[str, str], ...] = ()  # the engine's settings (--model, --repair…)
    published: dt.date | None = None  # resolves "on Tuesday"; overrides the page's own date
    max_bytes: int = 5_000_000
    timeout: float = 15.0
    allow_private_urls: bool = False


@dataclass(frozen=True, slots=True)
class Result:
    """The article as read, its facts, the audited draft and the output in the chosen format."""

    article: Article
    facts: FactSheet
    draft: Draft
    settings: Settings
    output: str

    @property
    def report(self) -> Report:
        """The draft's self-check (the rewrite stage ran it on the final draft)."""
        report = self.draft.report
        assert report is not None, "rewrite() returns a checked draft"
        return report

    def render(self, fmt: Format) -> str:
        """The draft in another format, exactly as a front end that chose ``fmt`` prints it."""
        return render(self.draft, fmt, cite=self.settings.cite)


def read(source: Source, settings: Settings) -> Article:
    """The cleaned article, with the given title and publication date applied."""
    if source.text is not None:
        article = from_text(source.text, url=source.url, origin=source.location)
    elif source.location is not None:
        article = ingest(
            source.location,
            max_bytes=settings.max_bytes,
            timeout=settings.timeout,
            allow_private_urls=settings.allow_private_urls,
        )
    else:
        raise InputError("No article given: pass a path, a URL, - for stdin, or the article's text")
    if source.title and not article.title:
        article = dataclasses.replace(article, title=source.title)
    if settings.published is not None:
        article = dataclasses.replace(article, published=settings.published)
    return article


def run(source: Source, settings: Settings = Settings()) -> Result:
    """Read, analyse, rewrite (checked and mended) and render one article."""
    get_style(settings.style), get_engine(settings.engine)  # an unknown name fails before any reading
    article = read(source, settings)
    facts = analyze(article)
    options = Options(words=settings.words, cite=settings.cite, extra=settings.extra)
    try:
        draft = rewrite(facts, style=settings.style, engine=settings.engine, options=options)
    except ModuleNotFoundError as error:  # an engine whose extra is missing (in a batch worker or the server too)
        fix = missing_extra(error)
        if fix is None:
            raise
        raise fix from None
    output = render(draft, settings.format, cite=settings.cite)
    return Result(article=article, facts=facts, draft=draft, settings=settings, output=output)


def render(draft: Draft, fmt: Format, *, cite: bool = False) -> str:
    """The printed form of an audited draft: Markdown bare, JSON with its report, a whole HTML page with the
    report below the explainer, or plain text for a file or a pipe (a terminal gets colour from the CLI)."""
    report = draft.report
    if fmt == "html":
        return formats.html_page(formats.render(draft, "html", cite=cite, report=report), draft.headline.text)
    if fmt == "text":
        return plain(formats.draft_rich(draft, cite=cite))
    return formats.render(draft, fmt, cite=cite, report=report)


def plain(renderable: object, width: int = TEXT_WIDTH) -> str:
    """A rich renderable as uncoloured text ``width`` columns wide."""
    from rich.console import Console

    buffer = io.StringIO()
    # markup and emoji codes off: article text is printed literally ("[bold]x[/bold]", ":fire:")
    Console(
        file=buffer, width=width, no_color=True, highlight=False, color_system=None, markup=False, emoji=False
    ).print(renderable)
    return buffer.getvalue()
