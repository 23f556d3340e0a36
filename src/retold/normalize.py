"""Length-preserving text folding, so offsets found in folded text hold in the original."""

from __future__ import annotations

import re
import unicodedata

# Each entry maps one character to exactly one character: folded text keeps every offset.
_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u00b4": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2007": " ",
        "\u2009": " ",
        "\u200a": " ",
        "\u202f": " ",
        "\u3000": " ",
        "\u200b": " ",
        "\ufeff": " ",
    }
)

OPEN_QUOTES = '"\u201c\u201e\u00ab'
CLOSE_QUOTES = '"\u201d\u00bb'
ELLIPSIS = ("\u2026", "...")


def fold(text: str) -> str:
    """Straighten quotes, unify dashes and spaces; ``len(fold(t)) == len(t)`` always."""
    return text.translate(_FOLD)


def fold_key(text: str) -> str:
    """A comparison key: folded, accents stripped, lower-cased, whitespace collapsed."""
    text = unicodedata.normalize("NFKD", fold(text))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.lower().split())


_SURROGATE = re.compile("[\ud800-\udfff]")


def scrub(text: str) -> str:
    """``text`` with each lone surrogate (which no encoding can write) replaced by U+FFFD; same length."""
    if text.isascii() or _SURROGATE.search(text) is None:
        return text
    return _SURROGATE.sub("\ufffd", text)


def clip(text: str, width: int) -> str:
    """``text`` on one line, cut to ``width`` characters with an ellipsis when longer."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "\u2026"


def display(name: str) -> str:
    """A file name as it can be shown: bytes that are not UTF-8 (kept as surrogates by the OS layer) become U+FFFD."""
    if _SURROGATE.search(name) is None:
        return name
    try:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # a surrogate that stands for no byte
        return scrub(name)


# Characters with no width and no meaning for analysis: the zero-width space, word joiner, soft hyphen, BOM
# (zero-width no-break space), Mongolian vowel separator and invisible math operators; and the zero-width
# (non-)joiners between ASCII characters, where no script needs them (Persian and Indic words keep theirs).
# Left in, they split or glue words for the parser ("said \u200bon" is not "said on").
_INVISIBLE = re.compile("[\u200b\u2060\ufeff\u00ad\u180e\u2061-\u2064]|(?<=[\x00-\x7f])[\u200c\u200d]+(?=[\x00-\x7f])")


def drop_invisible(text: str) -> str:
    """``text`` without the invisible characters of :data:`_INVISIBLE` (offsets then count in the new text)."""
    return text if text.isascii() else _INVISIBLE.sub("", text)


def read_text(data: bytes | str) -> str:
    """Universal newlines, as Python's text mode reads a file; lone surrogates scrubbed (see :func:`scrub`);
    invisible characters dropped (see :func:`drop_invisible`)."""
    if isinstance(data, bytes):
        data = data.decode("utf-8")
    return drop_invisible(scrub(data).replace("\r\n", "\n").replace("\r", "\n"))
