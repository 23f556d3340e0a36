"""What each API call does: read the input, call the stages, and answer the CLI's JSON (plus what the page needs).

These functions are blocking and CPU-bound; the app runs them on its work queue, never on the event loop.
No fact logic lives here: a rewrite goes through :func:`retold.pipeline.run`, as the CLI's does; a check
through the check stage.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from retold.check import check
from retold.errors import InputError
from retold.ingest import from_text, ingest
from retold.normalize import read_text
from retold.pipeline import Settings, Source, run
from retold.types import Article, FactSheet


@dataclass(frozen=True, slots=True)
class Fetching:
    """How URLs are fetched: through ingest's guard (private addresses only with the opt-in), the byte cap
    and the time allowed."""

    allow_private_urls: bool
    max_bytes: int
    timeout: float


@dataclass(frozen=True, slots=True)
class Outcome:
    """An answer and the one-line summary its run is listed under in the history."""

    result: dict[str, Any]
    title: str
    verdict: str | None = None
    score: float | None = None


def _fetch_options(fetching: Fetching) -> dict[str, Any]:
    return {
        "max_bytes": fetching.max_bytes,
        "timeout": fetching.timeout,
        "allow_private_urls": fetching.allow_private_urls,
    }


def read_article(text: str | None, url: str | None, fetching: Fetching, published: dt.date | None = None) -> Article:
    """The cleaned article from pasted text (or HTML) or from a URL."""
    if url:
        article = ingest(url, **_fetch_options(fetching))
    else:
        article = from_text(text or "")
    return dataclasses.replace(article, published=published) if published else article


def read_rewrite(text: str | None, url: str | None, fetching: Fetching) -> str:
    """A rewrite under check, read as given (its boilerplate is what the check is for)."""
    if url:
        return ingest(url, clean=False, **_fetch_options(fetching)).text
    text = read_text(text or "")
    if not text.strip():
        raise InputError("The rewrite is empty: paste the rewrite to check")
    return text


def title_of(article: Article) -> str:
    if article.title:
        return article.title
    words = article.text.split()
    return " ".join(words[:12]) + (" …" if len(words) > 12 else "")


def source_view(facts: FactSheet) -> dict[str, Any]:
    """The source text and its sentences, for the page to show evidence and citations in place."""
    return {"text": facts.text, "sentences": [{"id": s.id, "start": s.start, "end": s.end} for s in facts.sentences]}


def do_extract(text: str | None, url: str | None, fetching: Fetching, published: dt.date | None = None) -> Outcome:
    article = read_article(text, url, fetching, published)
    return Outcome(result=article.to_dict(), title=title_of(article))


def do_rewrite(
    text: str | None,
    url: str | None,
    fetching: Fetching,
    *,
    style: str,
    engine: str,
    model: str | None = None,
    words: int | None = None,
    published: dt.date | None = None,
) -> Outcome:
    """``retold rewrite --format json``: the draft and its self-check report, with its Markdown, the article's
    details and its source sentences."""
    settings = Settings(
        style=style,
        engine=engine,
        words=words,
        format="json",
        extra=(("model", model),) if model else (),
        published=published,
        **_fetch_options(fetching),
    )
    done = run(Source(location=url) if url else Source(text=text or ""), settings)
    result = json.loads(done.output)
    result["markdown"] = done.render("md")  # as `retold rewrite --format md` prints it
    result["article"] = _article_meta(done.article)
    result["source"] = source_view(done.facts)
    report = done.report
    return Outcome(result=result, title=title_of(done.article), verdict=report.verdict, score=round(report.score, 4))


def do_check(
    source: str | None,
    source_url: str | None,
    rewrite_text: str | None,
    rewrite_url: str | None,
    fetching: Fetching,
    *,
    published: dt.date | None = None,
) -> Outcome:
    """``retold check --format json``, with the two texts the offsets point into."""
    rewritten = read_rewrite(rewrite_text, rewrite_url, fetching)
    if source_url:
        article = read_article(None, source_url, fetching, published)
        report = check(article, rewritten)
    else:
        # A pasted source goes to check as text: the stage keeps the analysis of a source it has seen,
        # so checking several rewrites of one article analyses it once.
        article = from_text(source or "")
        report = check(read_text(source or ""), rewritten, published=published)
    result = report.to_dict()
    result["source_text"] = report.source_text
    result["rewrite_text"] = report.rewrite_text
    result["markdown"] = report.to_markdown()
    result["article"] = _article_meta(article)
    return Outcome(result=result, title=title_of(article), verdict=report.verdict, score=round(report.score, 4))


def _article_meta(article: Article) -> dict[str, Any]:
    data = article.to_dict()
    data.pop("text")
    data.pop("paragraphs")
    return data


def warm_up() -> None:
    """Load the language model and every stage once, so the first request is not the slow one."""
    source = "Anna Berg, the mayor of Oslo, opened the bridge on 3 May 2024. \u201cIt is a fine day,\u201d she said."
    run(Source(text=source))  # reads, analyses, rewrites and checks: every stage loads
