"""The work on one article, as a worker process (or a Ray actor) does it: the pipeline `retold rewrite` runs.

A worker calls :func:`warm` once (the spaCy pipeline, the engine and the style load there), then
:func:`process` per article. Neither touches the store: the parent records what comes back.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, cast

from retold.batch.inputs import Item
from retold.errors import RetoldError

if TYPE_CHECKING:
    from retold.render import Format

MODES = ("rewrite", "check")
FORMAT_SUFFIX = {"md": ".md", "html": ".html", "json": ".json", "text": ".txt"}


@dataclass(frozen=True, slots=True)
class Job:
    """What every article of a batch goes through: the same options make the same input key."""

    mode: str = "rewrite"  # "rewrite" | "check" (--check-only)
    style: str = "explainer"
    engine: str = "builtin"
    format: str = "md"
    words: int | None = None
    cite: bool = False
    max_bytes: int = 5_000_000
    timeout: float = 15.0
    allow_private_urls: bool = False  # --allow-private-urls: fetch from loopback and private addresses too
    published: str | None = None  # --published YYYY-MM-DD: every article's publication date (resolves "on Tuesday")
    extra: tuple[
        tuple[str, str], ...
    ] = ()  # the engine's settings, as `retold rewrite` passes them (--model, --repair...)

    def options(self) -> dict[str, Any]:
        """The options that change an output (not the read limits, nor how an engine's server is reached)."""
        data = asdict(self)
        del data["max_bytes"], data["timeout"], data["allow_private_urls"], data["extra"]
        if self.published is None:  # absent, not null: the input keys of earlier runs still match
            del data["published"]
        if self.mode == "check":  # a check has no style, engine or length of its own
            for key in ("style", "engine", "words", "cite"):
                del data[key]
        else:
            settings = {k: v for k, v in self.extra if k not in _HOW_TO_REACH}
            if settings:
                data["engine_settings"] = dict(sorted(settings.items()))
        return data

    def input_key(self, item: Item) -> str:
        """The same article (by content, or by URL when fetched later) under the same options."""
        basis = {
            "article": _digest(item.text) if item.text is not None else item.url,
            "rewrite": _digest(item.rewrite) if item.rewrite is not None else None,
            **self.options(),
        }
        return "batch:" + _digest(json.dumps(basis, sort_keys=True))

    @property
    def suffix(self) -> str:
        return FORMAT_SUFFIX[self.format]


# engine settings that change how long an answer takes or where it is kept, never what it says
_HOW_TO_REACH = frozenset({"timeout", "stream", "cache", "retries", "db", "log"})


@dataclass(frozen=True, slots=True)
class Outcome:
    """What came of one article: its output and verdict, or the reason it failed."""

    ok: bool
    seconds: float
    error: str | None = None
    output: str = ""  # the article's output file, in the batch's format
    verdict: str | None = None
    score: float | None = None
    findings: dict[str, int] = field(default_factory=dict)  # errors and warnings by kind
    words: int = 0
    article_text: str = ""
    title: str | None = None
    url: str | None = None
    stored: dict[str, Any] = field(default_factory=dict)  # what the store keeps (``retold show`` prints it)


def warm(job: Job) -> None:
    """Load what every article needs once per worker: the stages, the model, the engine and the style."""
    from retold.analyze.nlp import load_nlp
    from retold.rewrite import get_engine, get_style

    load_nlp()
    if job.mode == "rewrite":
        get_style(job.style)
        get_engine(job.engine)
    import retold.check  # noqa: F401  (imports every detector)


def process(job: Job, item: Item) -> Outcome:
    """Read, analyse, rewrite and check one article; a :class:`RetoldError` is a failure, never a crash."""
    started = time.perf_counter()
    try:
        if item.error is not None:
            raise RetoldError(item.error)
        return _process(job, item, started)
    except RetoldError as error:
        return Outcome(
            ok=False, seconds=time.perf_counter() - started, error=str(error), title=item.title, url=item.url
        )
    except Exception as error:  # one broken article must not end the batch
        reason = f"internal error ({type(error).__name__}: {error}); please report it with this article"
        return Outcome(ok=False, seconds=time.perf_counter() - started, error=reason, title=item.title, url=item.url)


def _process(job: Job, item: Item, started: float) -> Outcome:
    from retold import pipeline

    source = pipeline.Source(location=item.url or item.origin, text=item.text, url=item.url, title=item.title)
    settings = pipeline.Settings(
        style=job.style,
        engine=job.engine,
        words=job.words,
        cite=job.cite,
        format=cast("Format", job.format),
        extra=job.extra,
        published=dt.date.fromisoformat(job.published) if job.published is not None else None,
        max_bytes=job.max_bytes,
        timeout=job.timeout,
        allow_private_urls=job.allow_private_urls,
    )
    if job.mode == "check":
        from retold.analyze import analyze
        from retold.check import check

        article = pipeline.read(source, settings)
        if item.rewrite is None:
            raise RetoldError(f"no rewrite to check for {item.origin}: pass --rewrites DIR")
        report = check(analyze(article), item.rewrite)
        output, stored = _report_outputs(job, report)
    else:
        result = pipeline.run(source, settings)
        article, report, output = result.article, result.report, result.output
        # the store keeps Markdown and JSON besides the batch's format, for `retold show` and the web page
        formats: tuple[Format, ...] = ("md", "json", settings.format)
        rendered = {fmt: result.output if fmt == job.format else result.render(fmt) for fmt in dict.fromkeys(formats)}
        stored = {"rendered": rendered, "notes": list(result.draft.notes)}
    counts: dict[str, int] = {}
    for finding in report.findings:
        if finding.severity in ("error", "warning"):
            key = f"{finding.kind} {finding.severity}"
            counts[key] = counts.get(key, 0) + 1
    return Outcome(
        ok=True,
        seconds=time.perf_counter() - started,
        output=output,
        verdict=report.verdict,
        score=report.score,
        findings=counts,
        words=len(article.text.split()),
        article_text=article.text,
        title=article.title,
        url=article.url,
        stored=stored,
    )


def _report_outputs(job: Job, report: Any) -> tuple[str, dict[str, Any]]:
    from retold.pipeline import plain

    rendered = {"md": report.to_markdown(), "json": json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"}
    if job.format == "html":
        from retold.render import html_page

        rendered["html"] = html_page(report.to_html(), f"retold check: {report.verdict}")
    elif job.format == "text":
        rendered["text"] = plain(report)
    # the rewrite the findings point into, so the web page's history can mark them
    return rendered[job.format], {"rendered": rendered, "rewrite_text": report.rewrite_text}


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
