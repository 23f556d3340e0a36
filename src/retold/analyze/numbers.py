"""Numbers with their units, written as digits or words."""

from __future__ import annotations

import re
from collections.abc import Callable

from retold.analyze.spans import SpanSet
from retold.normalize import fold
from retold.types import NumberFact

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {
    "dozen": 12, "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "trillion": 10**12,
}  # fmt: skip
_SHORT_SCALES = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000, "b": 1_000_000_000, "tn": 10**12}
_FRACTIONS = {"half": 0.5, "quarter": 0.25, "third": 1 / 3}

_WORD = r"(?:" + "|".join(sorted([*_UNITS, *_TENS, *_SCALES], key=len, reverse=True)) + r")"
_WORDS = re.compile(
    r"\b(?:a\s|an\s)?" + _WORD + r"(?:(?:-|\s|\sand\s)" + _WORD + r")*"
    r"(?:\s(?:and\s)?(?:a\s)?(?:half|quarter))?\b",
    re.IGNORECASE,
)
_DIGITS = re.compile(
    r"(?<![\w.,:])(?P<cur>US\$|\$|€|£|¥)?\s?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
    r"(?:\s?(?P<scale>(?i:hundred|thousand|million|billion|trillion|bn|mn|tn)|[kmbKMB])\b)?"
    r"(?P<pct>\s?%|\s(?:percent|per\scent)\b)?"
)
_CURRENCY = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
_CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP", "pounds": "GBP",
    "yen": "JPY", "rupees": "INR", "yuan": "CNY", "hryvnias": "UAH", "roubles": "RUB", "rubles": "RUB",
}  # fmt: skip
_AGE = re.compile(r"^(?:-|\s)year(?:s)?(?:-|\s)old\b", re.IGNORECASE)
_AFTER_WORD = re.compile(r"^[\s-]*([A-Za-z]+)")


def words_to_number(words: str) -> float | None:
    """``"three and a half"`` → 3.5, ``"two hundred thousand"`` → 200000; None when not a number."""
    tokens = [t for t in re.split(r"[\s-]+", words.lower().strip()) if t and t != "and"]
    if not tokens:
        return None
    total = 0.0
    current = 0.0
    fraction = 0.0
    seen = False
    for i, tok in enumerate(tokens):
        if tok in ("a", "an"):
            if i + 1 < len(tokens) and tokens[i + 1] in _FRACTIONS and seen:
                continue
            current = current or 1  # "a million", "a hundred"
            continue
        if tok in _UNITS:
            current += _UNITS[tok]
        elif tok in _TENS:
            current += _TENS[tok]
        elif tok in ("hundred", "dozen"):
            current = (current or 1) * _SCALES[tok]
        elif tok in _SCALES:
            total += (current or 1) * _SCALES[tok]
            current = 0
        elif tok in _FRACTIONS and seen:
            fraction = _FRACTIONS[tok]
        else:
            return None
        seen = True
    return total + current + fraction if seen else None


def parse_number(text: str) -> float | None:
    """The value of a number written in digits or words (``"1.5 million"``, ``"40%"``, ``"three"``)."""
    folded = fold(text).strip().rstrip(".")
    m = _DIGITS.match(folded)
    if m:
        value = _digit_value(m)
        rest = folded[m.end() :].strip().lower()
        return value * _SCALES[rest] if rest in _SCALES else value
    return words_to_number(folded)


def _digit_value(m: re.Match[str]) -> float:
    value = float(m.group("num").replace(",", ""))
    scale = (m.group("scale") or "").lower()
    if scale:
        value *= _SCALES.get(scale) or _SHORT_SCALES[scale]
    return value


UnitOf = Callable[[int], str | None]


def find_numbers(
    text: str,
    sentence_of: Callable[[int], int] = lambda _: 0,
    skip: list[tuple[int, int]] | None = None,
    unit_after: UnitOf | None = None,
) -> list[NumberFact]:
    """Every number in ``text`` outside the ``skip`` spans (dates), with a unit where one is written.

    ``unit_after(offset)`` names the noun a bare count counts ("days", "people"); without it a
    plain next word is used.
    """
    folded = fold(text)
    taken = SpanSet(skip or ())
    found: list[NumberFact] = []

    def free(a: int, b: int) -> bool:
        return not taken.overlaps(a, b)

    unit: str | None
    value: float | None

    for m in _DIGITS.finditer(folded):
        start = m.start("cur") if m.group("cur") else m.start("num")
        if not free(start, m.end()):
            continue
        measure = _measure(folded, m)
        if measure is not None:
            unit, end = measure
            value = float(m.group("num").replace(",", ""))
        elif _glued(folded, m):
            continue
        else:
            value = _digit_value(m)
            unit, end = _unit(m, folded, m.end(), unit_after)
        found.append(NumberFact(start, end, text[start:end], value, unit, sentence_of(start)))
        taken.add(start, end)
    for m in _WORDS.finditer(folded):
        start, end = m.start(), m.end()
        phrase = folded[start:end]
        scaled = re.search(r"dozen|hundred|thousand|million|billion|trillion", phrase, re.I)
        if phrase.lower().startswith(("a ", "an ")) and not scaled:
            start += phrase.index(" ") + 1  # "a two-day" — the article is not part of the number
            phrase = folded[start:end]
        if not free(start, end) or _pronoun_one(phrase, folded, end) or _someday(phrase, folded, start, end):
            continue
        value = words_to_number(phrase)
        if value is None:
            continue
        unit, end = _unit(None, folded, end, unit_after)
        found.append(NumberFact(start, end, text[start:end], value, unit, sentence_of(start)))
        taken.add(start, end)
    found.sort(key=lambda n: n.start)
    return found


# abbreviations written against the digits: "3km", "100m", "10kg", "30mph", "7-inch" is handled as a noun
_MEASURES = frozenset(
    "km m cm mm kg g mg lb lbs oz ft mi mph kph kmh ml l gb mb tb kb kw mw gw kwh hz ghz mhz sq".split()
)
_GLUED_WORD = re.compile(r"[A-Za-z]+")


def _measure(folded: str, m: re.Match[str]) -> tuple[str, int] | None:
    """(unit, end) when the digits carry a measure abbreviation ("3km", "100m"); None otherwise.

    A bare "m", "k" or "b" after a currency amount ("$15m") or before a currency word ("15m euros")
    is a multiplier, not a measure.
    """
    if m.group("cur") or m.group("pct"):
        return None
    scale = m.group("scale") or ""
    if scale and scale not in ("m", "k", "b"):
        return None  # a word, or a capital "M", "K", "B" ("100M users"): a multiplier, never metres
    at = m.end("num")
    spaced = folded[at : at + 1] == " "
    word = _GLUED_WORD.match(folded, at + 1 if spaced else at)
    if word is None:
        return None
    abbr = word.group().lower()
    if abbr not in _MEASURES or (spaced and abbr in ("m", "g", "l", "b", "k")):
        return None  # "5 m" is too ambiguous spaced out; "3 km" is not
    after = _AFTER_WORD.match(folded[word.end() :])
    if abbr in ("m", "k", "b") and after and after.group(1).lower() in _CURRENCY_WORDS:
        return None
    return abbr, word.end()


def _glued(folded: str, m: re.Match[str]) -> bool:
    """Digits that run into letters or a colon are a decade, an ordinal, a code or a time ("1940s", "21st",
    "F16", "10:30"), not an amount."""
    nxt = folded[m.end() : m.end() + 2]
    if nxt[:1] == ":" and nxt[1:].isdigit():
        return True  # a clock time, "10:30"
    return nxt[:1].isalnum() and not m.group("scale") and not m.group("pct")


def _someday(phrase: str, folded: str, start: int, end: int) -> bool:
    """ "one day" meaning some day, not a day's length ("talks with the Russians one day")."""
    if phrase.lower() != "one" or not folded[end : end + 4].lower() == " day":
        return False
    before = folded[max(0, start - 12) : start].lower().split()
    return not before or before[-1] not in ("for", "in", "within", "only", "just", "after", "than", "a", "of", "over")


def _pronoun_one(phrase: str, folded: str, end: int) -> bool:
    """ "one of", "the one", "one another": the word one is not a count there."""
    if phrase.lower() != "one":
        return False
    after = folded[end : end + 9].lower()
    before = folded[max(0, end - 12) : end - 3].lower()
    if after.startswith((" of ", " another", "'s", " who", " that", " by one", " point")):
        return True
    return before.rstrip().endswith(("the", "no", "any", "each", "every", "this", "that", "at", "one by"))


def _unit(m: re.Match[str] | None, folded: str, end: int, unit_after: UnitOf | None) -> tuple[str | None, int]:
    """The unit of the number ending at ``end``, and where the number's span ends."""
    if m is not None and m.group("cur"):
        return _CURRENCY[m.group("cur")], end
    if m is not None and m.group("pct"):
        return "%", end
    rest = folded[end:]
    age = _AGE.match(rest)
    if age:
        return "year-old", end + age.end()
    pct = re.match(r"^\s?(?:%|percent\b|per cent\b)", rest)
    if pct:
        return "%", end + pct.end()
    word = _AFTER_WORD.match(rest)
    if word and word.group(1).lower() in _CURRENCY_WORDS:
        return _CURRENCY_WORDS[word.group(1).lower()], end
    if unit_after is not None:
        return unit_after(end), end
    if word and rest[: word.start(1)].strip(" -") == "":
        return word.group(1).lower(), end
    return None, end
