"""A batch's INPUTs expanded into articles: files, directories, JSONL, CSV, RSS/Atom feeds and URL lists.

Each article becomes an :class:`Item` with a name that is unique in the batch (the stem of its
output file). An input that cannot be read whole (a directory that does not exist) is a usage
error; a single article that cannot be read is an :class:`Item` carrying its ``error``, reported
and skipped by the runner.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from retold.errors import InputError
from retold.ingest.read import decode, is_url, read_path, read_source

ARTICLE_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml"})
# An entry whose feed carries less text than this is fetched from its link instead.
FULL_ENTRY_CHARS = 800


@dataclass(frozen=True, slots=True)
class Fields:
    """Which JSONL keys or CSV columns hold what (``--text-field`` and friends)."""

    text: str = "text"
    id: str = "id"
    url: str = "url"
    title: str = "title"
    rewrite: str = "rewrite"


@dataclass(frozen=True, slots=True)
class Item:
    """One article of a batch: its text (or a URL to fetch in the worker) and, to check, a rewrite."""

    name: str  # unique in the batch: the stem of its output file
    origin: str  # the path, URL or "file.jsonl:12" it came from
    text: str | None = None  # None: fetch ``url`` in the worker
    url: str | None = None
    title: str | None = None
    rewrite: str | None = None  # check-only: the rewrite text to audit
    error: str | None = None  # could not be read: reported and skipped


def expand(
    inputs: Sequence[str],
    *,
    glob: str | None = None,
    fields: Fields = Fields(),
    max_bytes: int = 5_000_000,
    timeout: float = 15.0,
    allow_private_urls: bool = False,
) -> list[Item]:
    """Every article the INPUTs name, in order, each with a unique name.

    A feed or page named by URL is fetched here, through ingest's guarded fetch: a private address
    only with ``allow_private_urls``.
    """
    items: list[Item] = []
    for source in inputs:
        items.extend(
            _expand_one(
                source,
                glob=glob,
                fields=fields,
                max_bytes=max_bytes,
                timeout=timeout,
                allow_private_urls=allow_private_urls,
            )
        )
    return _unique_names(items)


def attach_rewrites(items: list[Item], directory: str | os.PathLike[str], *, max_bytes: int = 5_000_000) -> list[Item]:
    """Match each item with the rewrite in ``directory`` named like it (any extension), for ``--check-only``."""
    root = Path(directory)
    if not root.is_dir():
        raise InputError(f"--rewrites {root}: no such directory: pass the folder that holds the rewrites")
    by_stem: dict[str, Path] = {}
    for path in sorted(p for p in root.rglob("*") if p.is_file() and not p.name.startswith(".")):
        by_stem.setdefault(path.stem, path)
    matched = []
    for item in items:
        if item.rewrite is not None or item.error is not None:
            matched.append(item)
            continue
        found = by_stem.get(item.name)
        if found is None:
            matched.append(
                replace(item, error=f"no rewrite named {item.name}.* in {root}: add it, or leave the source out")
            )
            continue
        try:
            text, _ = decode(read_path(found, max_bytes=max_bytes))
        except InputError as error:
            matched.append(replace(item, error=str(error)))
            continue
        matched.append(replace(item, rewrite=text))
    return matched


# --------------------------------------------------------------------------- one INPUT


def _expand_one(
    source: str, *, glob: str | None, fields: Fields, max_bytes: int, timeout: float, allow_private_urls: bool
) -> Iterator[Item]:
    if is_url(source):
        yield from _from_url(source, max_bytes=max_bytes, timeout=timeout, allow_private_urls=allow_private_urls)
        return
    path = Path(source)
    if path.is_dir():
        yield from _from_directory(path, glob, fields=fields, max_bytes=max_bytes, timeout=timeout)
        return
    if not path.exists():
        raise InputError(f"{source}: no such file or directory: check the path")
    yield from _from_file(path, fields=fields, max_bytes=max_bytes, timeout=timeout, named_by=path.stem)


def _from_directory(root: Path, glob: str | None, **how: object) -> Iterator[Item]:
    pattern = glob or "*"
    found = sorted(p for p in root.rglob(pattern) if p.is_file() and not _hidden(p.relative_to(root)))
    if glob is None:
        found = [p for p in found if p.suffix.lower() in ARTICLE_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES | {".csv"}]
    for path in found:
        stem = str(path.relative_to(root).with_suffix("")).replace(os.sep, "__")
        yield from _from_file(path, named_by=stem, **how)  # type: ignore[arg-type]


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def _from_file(path: Path, *, fields: Fields, max_bytes: int, timeout: float, named_by: str) -> Iterator[Item]:
    origin = str(path)
    try:
        text, _ = decode(read_path(path, max_bytes=max_bytes))
    except InputError as error:
        yield Item(name=named_by, origin=origin, error=str(error))
        return
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from _from_jsonl(text, origin, fields, named_by)
    elif suffix == ".csv":
        yield from _from_csv(text, origin, fields, named_by)
    elif suffix in FEED_SUFFIXES or _looks_like_feed(text):
        yield from _from_feed(text, origin, named_by, max_bytes=max_bytes, timeout=timeout)
    elif _is_url_list(text):
        for number, url in enumerate(_url_lines(text), start=1):
            yield Item(name=_slug(url) or f"{named_by}-{number}", origin=url, url=url)
    else:
        yield Item(name=named_by, origin=origin, text=text)


def _from_url(url: str, *, max_bytes: int, timeout: float, allow_private_urls: bool) -> Iterator[Item]:
    """A URL is fetched here (through ingest's guarded fetch): a feed becomes its entries, a page one article."""
    try:
        raw = read_source(url, max_bytes=max_bytes, timeout=timeout, allow_private_urls=allow_private_urls)
        text, _ = decode(raw)
    except InputError as error:
        yield Item(name=_slug(url), origin=url, error=str(error))
        return
    if _looks_like_feed(text) or (raw.media_type or "").endswith(("rss+xml", "atom+xml")):
        yield from _from_feed(text, url, _slug(url), max_bytes=max_bytes, timeout=timeout)
    else:
        yield Item(name=_slug(url), origin=url, text=text, url=raw.url or url)


# --------------------------------------------------------------------------- records and feeds


def _record_item(record: Mapping[str, object], origin: str, fields: Fields, fallback: str) -> Item:
    def field(key: str) -> str | None:
        value = record.get(key)
        return None if value is None or value == "" else str(value)

    text, url = field(fields.text), field(fields.url)
    name = _slug(field(fields.id) or "") or fallback
    rewrite = field(fields.rewrite)
    if text is None and url is None:
        return Item(
            name=name,
            origin=origin,
            error=f"{origin}: no {fields.text!r} text and no {fields.url!r} URL: "
            "name the columns with --text-field/--url-field",
        )
    return Item(name=name, origin=origin, text=text, url=url, title=field(fields.title), rewrite=rewrite)


def _from_jsonl(text: str, origin: str, fields: Fields, stem: str) -> Iterator[Item]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield Item(name=f"{stem}-{number}", origin=where, error=f"{where}: not JSON ({error.msg}): fix the line")
            continue
        except RecursionError:
            yield Item(name=f"{stem}-{number}", origin=where, error=f"{where}: JSON nested too deeply: fix the line")
            continue
        except ValueError as error:  # a number of more digits than Python reads (4,300)
            yield Item(
                name=f"{stem}-{number}", origin=where, error=f"{where}: not readable JSON ({error}): fix the line"
            )
            continue
        if not isinstance(record, dict):
            yield Item(name=f"{stem}-{number}", origin=where, error=f"{where}: a JSON object per line is expected")
            continue
        yield _record_item(record, where, fields, f"{stem}-{number}")


CSV_CELL_LIMIT = 131_072  # characters: the csv module's default cap on one cell


def _from_csv(text: str, origin: str, fields: Fields, stem: str) -> Iterator[Item]:
    # The cap is lifted while this file is read (it is the whole process's setting), so a longer cell is
    # one skipped, reported row rather than an error that ends the reading of the file.
    previous = csv.field_size_limit(max(CSV_CELL_LIMIT, len(text) + 1))
    try:
        rows = list(_csv_rows(text, origin, fields))
    finally:
        csv.field_size_limit(previous)
    for number, row in rows:
        where = f"{origin}:{number}"
        longest = max((len(v) for v in row.values() if isinstance(v, str)), default=0)
        if longest > CSV_CELL_LIMIT:
            yield Item(
                name=f"{stem}-{number}",
                origin=where,
                error=f"{where}: a cell of {longest:,} characters is too long for CSV (at most {CSV_CELL_LIMIT:,}): "
                "put that article in a file or a JSONL line of its own",
            )
            continue
        yield _record_item(row, where, fields, f"{stem}-{number}")


def _csv_rows(text: str, origin: str, fields: Fields) -> Iterator[tuple[int, dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text))
    try:
        columns = set(reader.fieldnames or ())
    except csv.Error as error:
        raise InputError(f"{origin}: not readable as CSV ({error}): check the file") from None
    if fields.text not in columns and fields.url not in columns:
        raise InputError(
            f"{origin}: no {fields.text!r} or {fields.url!r} column (columns: {', '.join(sorted(columns)) or 'none'}): "
            "name them with --text-field/--url-field"
        )
    try:
        for number, row in enumerate(reader, start=2):  # line 1 is the header
            yield number, dict(row)
    except csv.Error as error:  # a NUL byte, or a quote left open: the rows read so far stand
        raise InputError(
            f"{origin}: not readable as CSV after line {reader.line_num} ({error}): fix the file"
        ) from None


_FEED_START = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)\b", re.DOTALL)


def _looks_like_feed(text: str) -> bool:
    return bool(_FEED_START.match(text[:4000]))


def _from_feed(text: str, origin: str, stem: str, *, max_bytes: int, timeout: float) -> Iterator[Item]:
    import feedparser  # only a feed needs it

    feed = feedparser.parse(text)
    if not feed.entries:
        reason = f" ({feed.bozo_exception})" if feed.get("bozo") else ""
        yield Item(name=stem, origin=origin, error=f"{origin}: a feed with no entries{reason}: check the feed")
        return
    for number, entry in enumerate(feed.entries, start=1):
        where = f"{origin}#{number}"
        title = entry.get("title") or None
        link = entry.get("link") or None
        body = _entry_body(entry)
        name = _slug(title or "") or f"{stem}-{number}"
        if len(body) >= FULL_ENTRY_CHARS or (body and not link):
            yield Item(name=name, origin=link or where, text=body, url=link, title=title)
        elif link:
            yield Item(name=name, origin=link, url=link, title=title)
        else:
            yield Item(name=name, origin=where, error=f"{where}: an entry with no text and no link")


def _entry_body(entry: object) -> str:
    contents = getattr(entry, "content", None) or []
    for content in contents:
        if content.get("value"):
            return str(content["value"])
    return str(getattr(entry, "summary", "") or "")


def _url_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def _is_url_list(text: str) -> bool:
    lines = _url_lines(text)
    return bool(lines) and all(is_url(line) and " " not in line for line in lines)


# --------------------------------------------------------------------------- names


def _slug(text: str, limit: int = 80) -> str:
    text = re.sub(r"^https?://(?:www\.)?", "", text.strip().lower())
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:limit].strip("-")


def _unique_names(items: list[Item]) -> list[Item]:
    """The second and later items of one name get ``-2``, ``-3``…: names are stable for the same INPUTs."""
    used: set[str] = set()
    unique = []
    for item in items:
        base = item.name or "article"
        name, count = base, 1
        while name in used:
            count += 1
            name = f"{base}-{count}"
        used.add(name)
        unique.append(item if name == item.name else replace(item, name=name))
    return unique
