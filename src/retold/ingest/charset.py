"""Guessing the charset of bytes that are not clean UTF-8, preferring what articles are written in.

Three cases, in order:

* Mostly UTF-8: valid multi-byte UTF-8 with a few stray bytes (a bad paste, a cut-off character) stays
  UTF-8. The stray bytes become U+FFFD and the warning says how many and where the first one is.
* Western text: if windows-1252 decodes the bytes to Latin letters and typographic marks, and those are
  a minority of the letters (as accents are in French, German or Spanish), it is windows-1252 — the
  code page browsers use for Latin-1 too. Statistical detectors often name a rarer code page that fits
  a short text as well (cp775, cp1257, mac_iceland), which turns "café" into "cafķ".
* Otherwise charset_normalizer decides, among the code pages text on the web is actually written in.
"""

from __future__ import annotations

import re

# The code pages worth considering for an article: web and national standards, not DOS or Mac relics.
PLAUSIBLE = (
    "utf_8",
    "cp1252",
    "iso8859_15",
    "cp1250",
    "iso8859_2",
    "cp1251",
    "koi8_r",
    "koi8_u",
    "iso8859_5",
    "cp1253",
    "iso8859_7",
    "cp1254",
    "iso8859_9",
    "cp1255",
    "iso8859_8",
    "cp1256",
    "iso8859_6",
    "cp1257",
    "iso8859_13",
    "cp1258",
    "cp874",
    "tis_620",
    "shift_jis",
    "euc_jp",
    "iso2022_jp",
    "gb18030",
    "big5",
    "euc_kr",
    "utf_16",
    "utf_32",
)
# Letters of Latin-1 and the typographic marks windows-1252 adds ("smart" quotes, dashes, euro, ellipsis).
_WESTERN = re.compile(
    "[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e"
    "\u2018\u2019\u201a\u201c\u201d\u201e\u2013\u2014\u2026\u2022\u20ac\u2122"
    "\u00a0-\u00bf\u00d7\u00f7]"
)
_SURROGATE = re.compile("[\udc80-\udcff]+")


def mostly_utf8(data: bytes) -> tuple[str, str] | None:
    """(text, warning) when ``data`` is UTF-8 but for a few stray bytes, which become U+FFFD; else None."""
    text = data.decode("utf-8", "surrogateescape")
    runs = list(_SURROGATE.finditer(text))
    if not runs:
        return None
    stray = sum(len(run.group()) for run in runs)
    valid = sum(1 for ch in text if ord(ch) > 127) - stray
    if valid < 2 * stray:  # legacy text decodes to stray bytes almost everywhere; UTF-8 with a glitch does not
        return None
    first = runs[0].start()
    line = text.count("\n", 0, first) + 1
    column = first - (text.rfind("\n", 0, first) + 1) + 1
    noun = "byte is" if stray == 1 else "bytes are"
    warning = (
        f"{stray} {noun} not valid UTF-8 (the first at line {line}, column {column}); "
        "read as UTF-8 with each replaced by \ufffd"
    )
    return _SURROGATE.sub(lambda m: "\ufffd" * len(m.group()), text), warning


def western(data: bytes) -> str | None:
    """The text, when ``data`` reads as Western European windows-1252 (see the module's docstring)."""
    text = _cp1252_strict(data)
    if text is None:
        return None
    foreign = [ch for ch in text if ord(ch) > 127]
    if not foreign or any(_WESTERN.match(ch) is None for ch in foreign):
        return None
    letters = sum(ch.isalpha() for ch in text)
    accented = sum(ch.isalpha() for ch in foreign)
    return text if accented <= 0.25 * max(1, letters) else None


def _cp1252_strict(data: bytes) -> str | None:
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:  # the five bytes cp1252 leaves undefined
        return None


def detect(data: bytes) -> tuple[str, str] | None:
    """(text, encoding) by charset_normalizer among :data:`PLAUSIBLE`, windows-1252 preferred on a tie."""
    from charset_normalizer import from_bytes

    matches = from_bytes(data, cp_isolation=list(PLAUSIBLE))
    best = matches.best()
    if best is None or best.encoding is None:
        return None
    for match in matches:
        if "cp1252" in match.could_be_from_charset and match.chaos <= best.chaos and match.coherence >= best.coherence:
            return str(match), "cp1252"
    return str(best), best.encoding


def utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text with no byte-order mark: ASCII-range text leaves a NUL in every other byte."""
    sample = data[:4096]
    if len(sample) < 8 or len(sample) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    for codec, zeros, chars in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros.count(0) >= 0.6 * len(zeros) and chars.count(0) <= 0.05 * len(chars):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                return None
    return None
