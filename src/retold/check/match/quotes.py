"""``quote``: words inside quotation marks that the source does not hold verbatim (altered or fabricated quotes).

Matching ignores case, punctuation, curly/straight marks, dashes and spacing, and lets an ellipsis or an
editor's [bracketed insertion] skip words. Quotes of one or two words are scare quotes: a warning when the
source does not quote them. A quote that differs from a source passage only in small function words ("the",
"and", "I've") is a warning too: it misquotes, but says what was said.
"""

from __future__ import annotations

import bisect
import difflib
import functools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from retold.check.memo import per_object
from retold.normalize import fold
from retold.types import FactSheet, Quote

SCARE_QUOTE_WORDS = 2
NEAR_VERBATIM_SHARE = 0.6  # of a near-verbatim quote's words, at least this share stands in the source in order
# Words whose change leaves a quotation saying the same: articles, "and"/"or"/"but", and the small
# pronouns and verbs of a contraction ("I've", "it's"). Anything longer — "really", "with", "which" — counts.
_FUNCTION_WORDS = frozenset("a an the and or but of to i it is was we you".split())
_CONTRACTION_TAILS = frozenset("s ve re ll d m".split())
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_SKIP = re.compile(r"\.\s*\.\s*\.|\u2026|\[[^\]]*\]")  # an ellipsis or an [editor's insertion]
_MAX_GAP = 60  # words an ellipsis may skip
# British and American spellings of the same word are the same quote.
_SPELLING = (
    (re.compile(r"our$"), "or"),
    (re.compile(r"is(e|ed|es|ing|ation)$"), r"iz\1"),
    (re.compile(r"ence$"), "ense"),
)


@functools.lru_cache(maxsize=16384)
def normalise_word(word: str) -> str:
    """Accents stripped and British spellings folded to American, so "defence" meets "defense"."""
    word = "".join(ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch))
    for pattern, repl in _SPELLING:
        word = pattern.sub(repl, word)
    return word


def words(text: str) -> list[str]:
    """Lower-case normalised words of ``text``: the unit quotes are compared in."""
    return [normalise_word(w) for w in _WORD.findall(fold(text).lower())]


@dataclass(frozen=True, slots=True)
class SourceWords:
    """The source text as a word sequence, with each word's character span for evidence."""

    words: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]

    @classmethod
    def of(cls, text: str) -> SourceWords:
        return _source_words(text)


@functools.lru_cache(maxsize=8)
def _source_words(text: str) -> SourceWords:
    # fold() keeps every offset; lower() does too for the scripts news is written in.
    found = list(_WORD.finditer(fold(text).lower()))
    return SourceWords(tuple(normalise_word(m.group(0)) for m in found), tuple((m.start(), m.end()) for m in found))


def locate(quote_text: str, source: SourceWords) -> tuple[int, int] | None:
    """Character span in the source covering ``quote_text`` verbatim (ellipses may skip words), or None if absent."""
    segments = [words(part) for part in _SKIP.split(quote_text)]
    segments = [s for s in segments if s]
    if not segments:
        return None
    for first in _find_all(source.words, segments[0], 0, len(source.words)):
        end = first + len(segments[0])
        ok = True
        for segment in segments[1:]:
            hit = next(
                iter(_find_all(source.words, segment, end, min(len(source.words), end + _MAX_GAP + len(segment)))), None
            )
            if hit is None:
                ok = False
                break
            end = hit + len(segment)
        if ok:
            return source.spans[first][0], source.spans[end - 1][1]
    return None


def _find_all(haystack: tuple[str, ...], needle: list[str], lo: int, hi: int) -> Iterator[int]:
    """Where ``needle`` starts in ``haystack[lo:hi]``, in order, found lazily from the places its first word
    is (a scan of the whole source for every quote made a text of many quotes quadratic)."""
    n = len(needle)
    places = _places(haystack).get(needle[0], [])
    for k in range(bisect.bisect_left(places, lo), bisect.bisect_right(places, hi - n)):
        i = places[k]
        if list(haystack[i : i + n]) == needle:
            yield i


@per_object
def _places(haystack: tuple[str, ...]) -> dict[str, list[int]]:
    """Each word's positions in ``haystack``, ascending."""
    places: dict[str, list[int]] = {}
    for i, word in enumerate(haystack):
        places.setdefault(word, []).append(i)
    return places


def is_quoted_in_source(quote_words: list[str], source: FactSheet) -> bool:
    """True when some quotation in the source holds these words in this order."""
    joined = " " + " ".join(quote_words) + " "
    return any(joined in " " + " ".join(words(q.text)) + " " for q in source.quotes)


def closest_source_quote(quote_words: list[str], source: FactSheet) -> tuple[Quote | None, float]:
    """The source quotation sharing the most words with ``quote_words``, and the share of them it holds."""
    if not quote_words:
        return None, 0.0
    wanted = set(quote_words)
    best: tuple[Quote | None, float] = (None, 0.0)
    for q in source.quotes:
        share = len(wanted & set(words(q.text))) / len(wanted)
        if share > best[1]:
            best = (q, share)
    return best


def near_verbatim(quote_words: list[str], source: SourceWords) -> tuple[int, int] | None:
    """Character span of a source passage that differs from ``quote_words`` in function words only, or None.

    Every content word of the quote must stand in the passage in order, and whatever the passage has
    between them that the quote lacks, or the quote has that the passage lacks, must be function words.
    """
    content = [i for i, w in enumerate(quote_words) if not is_function_word(w)]
    if not content:
        return None
    anchor = quote_words[content[0]]
    n = len(quote_words)
    for at in (i for i, w in enumerate(source.words) if w == anchor):
        lo = max(0, at - content[0] - 2)
        window = source.words[lo : at + n + 2]
        blocks = [
            b
            for b in difflib.SequenceMatcher(None, quote_words, window, autojunk=False).get_matching_blocks()
            if b.size
        ]
        if not blocks:
            continue
        matched = {b.a + k for b in blocks for k in range(b.size)}
        if len(matched) < NEAR_VERBATIM_SHARE * n or any(i not in matched for i in content):
            continue
        first, last = blocks[0].b, blocks[-1].b + blocks[-1].size  # the passage, in window indices
        held = {b.b + k for b in blocks for k in range(b.size)}
        extra = [window[j] for j in range(first, last) if j not in held]
        missing = [quote_words[i] for i in range(n) if i not in matched]
        if all(is_function_word(w) for w in extra + missing):
            return source.spans[lo + first][0], source.spans[lo + last - 1][1]
    return None


def is_function_word(word: str) -> bool:
    """ "the", "and", "I've": a word whose change leaves a quote saying the same."""
    parts = word.split("'")
    return all(p in _FUNCTION_WORDS or (i and p in _CONTRACTION_TAILS) for i, p in enumerate(parts))


def quoted_around(text: str, span: tuple[int, int] | None) -> bool:
    """True when the source has ``span`` inside quotation marks: right around it, or opened earlier in its paragraph."""
    if span is None:
        return False
    before = fold(text[max(0, span[0] - 2) : span[0]])
    after = fold(text[span[1] : span[1] + 2])
    if any(m in before for m in "\"'") and any(m in after for m in "\"'"):
        return True
    # Walk back to the paragraph start: an opening mark not closed before the span means the span is quoted.
    start = text.rfind("\n", 0, span[0]) + 1
    folded = fold(text[start : span[0]])
    depth = 0
    for i, ch in enumerate(folded):
        if ch == '"':
            depth = 0 if depth else 1
        elif (
            ch == "'"
            and (i == 0 or not folded[i - 1].isalnum())
            and i + 1 < len(folded)
            and not folded[i + 1].isspace()
        ):
            depth = 1  # an opening single mark (an apostrophe sits between letters)
    return depth == 1
