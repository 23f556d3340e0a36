"""The stage functions as ``retold`` exports them: ``retold.ingest``, ``extract``, ``analyze``, ``rewrite``, ``check``.

Each imports its stage when first called, so ``import retold`` (and ``retold --help``) loads neither spaCy nor the
checker. They share their names with the stage packages (``retold.check`` the function, ``retold.check.align``
a module of the package); ``retold/__init__.py`` says how both stay reachable.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # at run time each function imports its stage (and the types) when first called
    from retold.check.context import CheckContext
    from retold.check.report import Report
    from retold.types import Article, Draft, FactSheet, Finding, Options

__all__ = ["analyze", "check", "extract", "ingest", "rewrite"]


def ingest(
    source: str | os.PathLike[str],
    *,
    max_bytes: int = 5_000_000,
    timeout: float = 15.0,
    clean: bool = True,
    allow_private_urls: bool = False,
) -> Article:
    """Read a path, an http(s) URL or ``"-"`` (stdin) into a cleaned :class:`Article` (boilerplate removed and
    listed in ``article.removed``). ``clean=False`` keeps the text exactly as read."""
    from retold.ingest import ingest as read

    return read(source, max_bytes=max_bytes, timeout=timeout, clean=clean, allow_private_urls=allow_private_urls)


def extract(text: str, *, format: str = "auto", url: str | None = None) -> Article:
    """The article in a page or text already in memory: ``format`` is "auto" (sniffed), "text", "markdown" or
    "html"; ``url`` is where it came from (credited, and used to resolve its links)."""
    from retold.ingest import from_text

    return from_text(text, format=format, url=url)


def analyze(article: Article | str, *, published: dt.date | None = None) -> FactSheet:
    """The facts of one text: sentences, names, numbers, dates, quotes and who said them."""
    from retold.analyze import analyze as read_facts

    return read_facts(article, published=published)


def rewrite(
    source: Article | FactSheet | str,
    *,
    style: str = "explainer",
    engine: str = "builtin",
    options: Options | None = None,
) -> Draft:
    """``source`` rewritten in ``style`` by ``engine``, checked and mended: ``draft.report`` is its self-check.
    ``options`` (:class:`retold.Options`) sets the length, citations and the engine's own settings."""
    from retold.rewrite import rewrite as write
    from retold.types import Options

    return write(source, style=style, engine=engine, options=options or Options())


def check(
    source: str | Article | FactSheet,
    rewrite: str | FactSheet,
    *,
    published: dt.date | None = None,
    judge: Callable[[CheckContext, tuple[Finding, ...]], list[Finding]] | None = None,
) -> Report:
    """Check ``rewrite`` against ``source``: every finding has a span in the rewrite and evidence in the source."""
    from retold.check import check as audit

    return audit(source, rewrite, published=published, judge=judge)
