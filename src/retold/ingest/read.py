"""Reading an input's bytes (a path, stdin or an http(s) URL) and decoding them to text.

Every read stops at ``max_bytes``: files are checked by size first, streams and downloads
are read in chunks and abandoned as soon as they pass the cap.
"""

from __future__ import annotations

import codecs
import fcntl
import math
import os
import re
import stat
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO

from retold.errors import InputError
from retold.ingest.charset import detect, mostly_utf8, utf16_without_bom, western
from retold.ingest.limits import too_large
from retold.normalize import display, read_text

if TYPE_CHECKING:
    import httpx  # imported where a URL is fetched (retold.ingest.fetch): slow to import, files do not need it

__all__ = ["Raw", "decode", "is_url", "read_path", "read_source", "read_stream"]
MAX_TIMEOUT = 86_400.0  # seconds: a day; beyond that a number is a typo, and sockets cannot wait that long
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
    source: str | os.PathLike,
    *,
    max_bytes: int,
    timeout: float,
    client: httpx.Client | None = None,
    allow_private_urls: bool = False,
) -> Raw:
    """The bytes of a path, ``"-"`` (stdin) or an http(s) URL (private addresses only with ``allow_private_urls``)."""
    check_limits(max_bytes, timeout)
    if is_url(source):
        url = str(source)
        from retold.ingest.fetch import fetch

        data, final, media_type, charset = fetch(
            url, max_bytes=max_bytes, timeout=timeout, client=client, allow_private_urls=allow_private_urls
        )
        return Raw(data=data, origin=url, url=final, media_type=media_type, charset=charset)
    if str(source) == "-":
        if sys.stdin is None:  # started with stdin closed (`<&-`)
            raise InputError("Cannot read stdin: it is closed; pass a file path or a URL, or give retold a stdin")
        try:
            return read_stream(sys.stdin.buffer, max_bytes=max_bytes)
        except OSError as exc:  # a descriptor that cannot be read (closed under Python, or a directory)
            raise InputError(f"Cannot read stdin ({exc.strerror or exc}): pass a file path or a URL") from None
    return read_path(source, max_bytes=max_bytes)


def check_limits(max_bytes: object, timeout: object) -> None:
    """Refuse a size cap or a timeout no read could honour, before any work starts."""
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes <= 0:
        raise InputError(
            f"The size cap must be a whole number above 0, not {max_bytes!r}: pass --max-bytes N with N > 0"
        )
    if (
        isinstance(timeout, bool)
        or not isinstance(timeout, (int, float))
        or not math.isfinite(timeout)
        or not 0 < timeout <= MAX_TIMEOUT
    ):
        raise InputError(
            f"The timeout must be a number of seconds above 0 and at most {MAX_TIMEOUT:g}, not {timeout!r}: "
            "pass --timeout S, e.g. --timeout 30"
        )


def read_path(path: str | os.PathLike, *, max_bytes: int) -> Raw:
    name = os.fsdecode(path) if isinstance(path, (bytes, os.PathLike)) else path
    shown = display(name)
    if not name:
        raise InputError("No input given: pass a file path, a URL, or - to read stdin")
    try:
        info = os.stat(name)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(f"{shown} is a directory: pass one article file, not a directory")
        if info.st_size > max_bytes and stat.S_ISREG(info.st_mode):
            raise InputError(too_large(shown, max_bytes))
        data = _read_file(name, info, max_bytes)
    except FileNotFoundError:
        if re.match(r"^(?:www\.|[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}/)", name, re.IGNORECASE):
            raise InputError(f"{shown}: no such file: to fetch it as a URL, start it with https://") from None
        raise InputError(f"{shown}: no such file: check the path, or pass a URL or - for stdin") from None
    except PermissionError:
        raise InputError(f"{shown}: permission denied: make the file readable") from None
    except OSError as exc:
        raise InputError(f"Cannot read {shown} ({exc.strerror or exc}): check the path") from None
    if len(data) > max_bytes:  # the file grew while we read it, or a device never ends
        raise InputError(too_large(shown, max_bytes))
    return Raw(data=data, origin=shown, name=os.path.basename(shown))


def _read_file(name: str, info: os.stat_result, max_bytes: int) -> bytes:
    """At most ``max_bytes + 1`` bytes. A named pipe is opened without waiting for a writer, so a pipe
    no one writes to reads as empty instead of hanging; once open, reads wait for what a writer sends."""
    if not stat.S_ISFIFO(info.st_mode):
        with open(name, "rb") as handle:
            return handle.read(max_bytes + 1)
    fd = os.open(name, os.O_RDONLY | os.O_NONBLOCK)
    flags = fcntl.fcntl(fd, fcntl.F_GETFL)
    fcntl.fcntl(fd, fcntl.F_SETFL, flags & ~os.O_NONBLOCK)
    with os.fdopen(fd, "rb") as handle:
        data = handle.read(max_bytes + 1)
    if not data:
        raise InputError(
            f"{display(name)} is a named pipe with nothing written to it: write the article into it, or pass a file"
        )
    return data


def read_stream(stream: BinaryIO, *, max_bytes: int, origin: str = "-") -> Raw:
    """At most ``max_bytes`` from a byte stream; one byte more means the input is too large."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(too_large(origin, max_bytes))
    return Raw(data=data, origin=origin)


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
    text = _decode_bom(data) or utf16_without_bom(data)
    if text is None:
        _refuse_binary(data, origin)
        text = _decode_declared(data, raw.charset or _declared_in_markup(data), warnings)
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _undeclared(data, origin, warnings)
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


def _undeclared(data: bytes, origin: str, warnings: list[str]) -> str:
    """Bytes that are not UTF-8 and declare no charset: mostly UTF-8, Western, or detected."""
    almost = mostly_utf8(data)
    if almost is not None:
        warnings.append(almost[1])
        return almost[0]
    text = western(data)
    if text is not None:
        warnings.append("the input is not UTF-8; decoded as cp1252 (detected)")
        return text
    found = detect(data)
    if found is None:
        raise InputError(
            f"Cannot decode {origin}: it is not UTF-8 and its encoding could not be detected; "
            "convert it to UTF-8 (iconv -f ENCODING -t UTF-8)"
        )
    warnings.append(f"the input is not UTF-8; decoded as {found[1]} (detected)")
    return found[0]


def _label(origin: str) -> str:
    return "stdin" if origin == "-" else origin
