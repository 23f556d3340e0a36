"""Reading an input's bytes (a path, stdin or an http(s) URL) and decoding them to text.

Every read stops at ``max_bytes``: files are checked by size first, streams and downloads
are read in chunks and abandoned as soon as they pass the cap.
"""

from __future__ import annotations

import codecs
import os
import re
import sys
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO
from urllib.parse import urljoin, urlsplit

from retold.errors import FetchError, InputError
from retold.normalize import read_text

if TYPE_CHECKING:
    import httpx  # imported where a URL is fetched: it is slow to import, and files do not need it

MAX_REDIRECTS = 10
USER_AGENT = "retold/0.1 (article reader)"
_REDIRECTS = (301, 302, 303, 307, 308)
_TEXT_TYPES = ("application/xhtml+xml", "application/xml", "application/rss+xml", "application/atom+xml")
_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"RIFF", "a RIFF (WebP, WAV or AVI) file"),
    (b"PK\x03\x04", "a ZIP archive (or a Word, Excel or EPUB file)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "a program"),
)
# Control characters that text never holds; tab, newline, \v and \f are fine.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,100}?encoding\s*=\s*["']([\w.:-]+)""", re.IGNORECASE)
# WHATWG: pages that declare Latin-1 or ASCII are decoded as windows-1252, a superset browsers use.
_ALIASES = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252"}


@dataclass(frozen=True, slots=True)
class Raw:
    """An input's bytes and what its origin says about them."""

    data: bytes
    origin: str  # the path, URL or "-" as given
    url: str | None = None  # the final URL after redirects
    media_type: str | None = None  # from Content-Type, lower case, no parameters
    charset: str | None = None  # declared in the HTTP header
    name: str | None = None  # the file name, whose extension hints at the format


def is_url(source: str | os.PathLike) -> bool:
    return isinstance(source, str) and source.lower().startswith(("http://", "https://"))


def read_source(
    source: str | os.PathLike, *, max_bytes: int, timeout: float, client: httpx.Client | None = None
) -> Raw:
    """The bytes of a path, ``"-"`` (stdin) or an http(s) URL."""
    if max_bytes <= 0:
        raise InputError(f"The size cap must be positive, not {max_bytes}: pass --max-bytes N with N > 0")
    if is_url(source):
        return fetch(str(source), max_bytes=max_bytes, timeout=timeout, client=client)
    if str(source) == "-":
        return read_stream(sys.stdin.buffer, max_bytes=max_bytes)
    return read_path(source, max_bytes=max_bytes)


def read_path(path: str | os.PathLike, *, max_bytes: int) -> Raw:
    name = os.fspath(path)
    if not name:
        raise InputError("No input given: pass a file path, a URL, or - to read stdin")
    try:
        if os.path.isdir(name):
            raise InputError(f"{name} is a directory: pass one article file (retold batch reads directories)")
        size = os.path.getsize(name)
        if size > max_bytes:
            raise InputError(_too_large(name, max_bytes))
        with open(name, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        if re.match(r"^(?:www\.|[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}/)", name, re.IGNORECASE):
            raise InputError(f"{name}: no such file: to fetch it as a URL, start it with https://") from None
        raise InputError(f"{name}: no such file: check the path, or pass a URL or - for stdin") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied: make the file readable") from None
    except OSError as exc:
        raise InputError(f"Cannot read {name} ({exc.strerror or exc}): check the path") from exc
    if len(data) > max_bytes:  # the file grew while we read it
        raise InputError(_too_large(name, max_bytes))
    return Raw(data=data, origin=name, name=os.path.basename(name))


def read_stream(stream: BinaryIO, *, max_bytes: int, origin: str = "-") -> Raw:
    """At most ``max_bytes`` from a byte stream; one byte more means the input is too large."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(_too_large("stdin" if origin == "-" else origin, max_bytes))
    return Raw(data=data, origin=origin)


def fetch(url: str, *, max_bytes: int, timeout: float, client: httpx.Client | None = None) -> Raw:
    """Download a page, following at most :data:`MAX_REDIRECTS` redirects, never reading past ``max_bytes``.

    ``timeout`` bounds the whole download, redirects included; an injected ``client`` is used and left open.
    """
    import httpx

    if client is not None:
        return _fetch(client, url, max_bytes=max_bytes, timeout=timeout)
    with httpx.Client(headers={"User-Agent": USER_AGENT}) as own:
        return _fetch(own, url, max_bytes=max_bytes, timeout=timeout)


def _fetch(client: httpx.Client, url: str, *, max_bytes: int, timeout: float) -> Raw:
    import httpx

    deadline = time.monotonic() + timeout
    seen = [url]
    current = url
    try:
        while True:
            request_timeout = httpx.Timeout(max(0.01, deadline - time.monotonic()))
            with client.stream("GET", current, follow_redirects=False, timeout=request_timeout) as response:
                if response.status_code in _REDIRECTS and "location" in response.headers:
                    target = urljoin(current, response.headers["location"])
                    if target in seen:
                        raise FetchError(f"{url} redirects in a loop (back to {target}): pass the final article URL")
                    if len(seen) > MAX_REDIRECTS:
                        raise FetchError(
                            f"{url} redirected more than {MAX_REDIRECTS} times: pass the final article URL"
                        )
                    seen.append(target)
                    current = target
                    continue
                _check_status(url, response)
                media_type, charset = _content_type(response.headers.get("content-type"))
                if media_type and not (media_type.startswith("text/") or media_type in _TEXT_TYPES):
                    raise FetchError(
                        f"{url} serves {media_type}, not an HTML or text page: pass the URL of an article page"
                    )
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > max_bytes:
                    raise FetchError(_too_large(url, max_bytes))
                data = _read_capped(response, url, max_bytes=max_bytes, deadline=deadline, timeout=timeout)
                return Raw(data=data, origin=url, url=str(response.url), media_type=media_type, charset=charset)
    except httpx.TimeoutException:
        raise FetchError(_timed_out(url, timeout)) from None
    except httpx.ConnectError as exc:
        host = urlsplit(current).netloc
        reason = "connection refused" if "refused" in str(exc).lower() else str(exc) or "connection failed"
        raise FetchError(f"Cannot connect to {host} ({reason}): check the URL and that the site is up") from None
    except httpx.InvalidURL as exc:
        raise FetchError(f"{url} is not a valid URL ({exc}): check it") from None
    except httpx.HTTPError as exc:
        reason = f"{type(exc).__name__}: {exc}"
        raise FetchError(f"Fetching {url} failed ({reason}): try again, or save the page and pass the file") from None


def _read_capped(response: httpx.Response, url: str, *, max_bytes: int, deadline: float, timeout: float) -> bytes:
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():  # as the bytes arrive: a fixed chunk size would wait to fill it
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(_too_large(url, max_bytes))
        if time.monotonic() > deadline:  # a server that trickles bytes never trips the read timeout
            raise FetchError(_timed_out(url, timeout))
        chunks.append(chunk)
    return b"".join(chunks)


def _check_status(url: str, response: httpx.Response) -> None:
    status = response.status_code
    if status < 400 and status not in _REDIRECTS:
        return
    phrase = response.reason_phrase or ""
    if status in _REDIRECTS:
        hint = "a redirect without a Location header: pass the final article URL"
    elif status == 404 or status == 410:
        hint = "the page does not exist: check the URL"
    elif status in (401, 403):
        hint = "the site refused access: save the page from a browser and pass the file"
    elif status == 429:
        hint = "the site is rate-limiting: wait and try again"
    elif status >= 500:
        hint = "the site failed: try again later"
    else:
        hint = "check the URL"
    raise FetchError(f"{url} returned HTTP {status} {phrase}".rstrip() + f": {hint}")


def _content_type(header: str | None) -> tuple[str | None, str | None]:
    if not header:
        return None, None
    media_type, _, params = header.partition(";")
    match = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", params, re.IGNORECASE)
    return media_type.strip().lower() or None, match.group(1) if match else None


# --------------------------------------------------------------------------- decoding


def decode(raw: Raw) -> tuple[str, tuple[str, ...]]:
    """Text with universal newlines, and any warning about how it was decoded.

    Order: a byte-order mark, the declared charset (HTTP header, then ``<meta charset>``),
    UTF-8, then detection with charset_normalizer; refuse when nothing decodes cleanly.
    """
    data, origin = raw.data, _label(raw.origin)
    if not data.strip():
        raise InputError(f"{origin} is empty: pass a file or page that holds the article text")
    warnings: list[str] = []
    text = _decode_bom(data)
    if text is None:
        _refuse_binary(data, origin)
        text = _decode_declared(data, raw.charset or _declared_in_markup(data), warnings)
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _detect(data, origin, warnings)
    text = read_text(text.lstrip("\ufeff"))
    controls = len(_CONTROL.findall(text))
    if controls > max(2, 0.01 * len(text)):
        raise InputError(
            f"{origin} is binary, not text (control characters): pass the article as text, Markdown or HTML"
        )
    if not text.strip():
        raise InputError(f"{origin} holds only whitespace: pass a file or page that holds the article text")
    return text, tuple(warnings)


def _decode_bom(data: bytes) -> str | None:
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                return None
    return None


def _refuse_binary(data: bytes, origin: str) -> None:
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"{origin} looks like {what}, not text: pass the article as text, Markdown or HTML")
    if b"\x00" in data[:65536]:
        raise InputError(f"{origin} is binary (it contains NUL bytes): pass the article as text, Markdown or HTML")


def _declared_in_markup(data: bytes) -> str | None:
    head = data[:4096]
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii", "replace") if match else None


def _decode_declared(data: bytes, declared: str | None, warnings: list[str]) -> str | None:
    if not declared:
        return None
    name = declared.strip().lower()
    try:
        codec = codecs.lookup(_ALIASES.get(name, name)).name
    except LookupError:
        warnings.append(f"the declared charset {declared!r} is unknown; decoded by detection instead")
        return None
    if codec != "utf-8" and not data.isascii() and _is_utf8(data):
        # Valid multi-byte UTF-8 almost never occurs by chance in a legacy code page: the label is wrong.
        warnings.append(f"the text is UTF-8 although it declares the charset {declared!r}; decoded as UTF-8")
        return data.decode("utf-8")
    for candidate in (codec, "latin-1") if codec == "cp1252" else (codec,):
        try:
            return data.decode(candidate)
        except UnicodeDecodeError:
            continue
    warnings.append(f"the text does not match its declared charset {declared!r}; decoded by detection instead")
    return None


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _detect(data: bytes, origin: str, warnings: list[str]) -> str:
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None or best.encoding is None:
        raise InputError(
            f"Cannot decode {origin}: it is not UTF-8 and its encoding could not be detected; "
            "convert it to UTF-8 (iconv -f ENCODING -t UTF-8)"
        )
    text, encoding = str(best), best.encoding
    # Western text fits several code pages equally well; windows-1252 is by far the likeliest of them.
    # (``could_be_from_charset`` lists the code pages that decode these bytes to the same text.)
    for match in matches:
        if "cp1252" in match.could_be_from_charset and match.chaos <= best.chaos and match.coherence >= best.coherence:
            text, encoding = str(match), "cp1252"
            break
    warnings.append(f"the input is not UTF-8; decoded as {encoding} (detected)")
    return text


def _label(origin: str) -> str:
    return "stdin" if origin == "-" else origin


def _too_large(origin: str, max_bytes: int) -> str:
    return f"{_label(origin)} is larger than {max_bytes:,} bytes: pass --max-bytes N to raise it"


def _timed_out(url: str, timeout: float) -> str:
    return f"{url} timed out after {timeout:g} s: try again later or pass --timeout N to wait longer"
