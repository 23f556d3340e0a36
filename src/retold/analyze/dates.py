"""Date expressions: absolute, partial and relative, normalised as far as the text allows."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from retold.analyze.spans import SpanSet
from retold.normalize import fold
from retold.types import DateFact

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}  # fmt: skip

_MONTH = (
    r"(?P<{name}>(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
)
_DAY = r"(?P<{name}>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?P<{name}>1[5-9]\d\d|20\d\d)"
_RANGE = r"(?:\s?-\s?|\s(?:to|and|through)\s)"


def _f(pattern: str, **names: str) -> str:
    out = pattern
    for key, value in names.items():
        out = out.replace("{" + key + "}", value)
    return out


_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # 2024-11-29
    ("iso", re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b")),
    # May 29, 1943 · Dec. 3-4 · November 29th · Dec. 3-4, 2024
    (
        "mdy",
        re.compile(
            _MONTH.format(name="mon") + r"\s" + _DAY.format(name="d")
            + r"(?:" + _RANGE + _DAY.format(name="d2") + r")?"
            + r"(?:,?\s" + _YEAR.format(name="y") + r")?\b(?!\s?%|[.,]\d)"
        ),
    ),
    # 29 November · 3-4 December 2024
    (
        "dmy",
        re.compile(
            r"\b" + _DAY.format(name="d") + r"(?:" + _RANGE + _DAY.format(name="d2") + r")?\s(?:of\s)?"
            + _MONTH.format(name="mon") + r"(?:,?\s" + _YEAR.format(name="y") + r")?\b"
        ),
    ),
    # September 2022
    ("my", re.compile(_MONTH.format(name="mon") + r",?\s(?:of\s)?" + _YEAR.format(name="y") + r"\b")),
    # in July · since March (a bare month needs a lead word: "May" is also a verb)
    (
        "m",
        re.compile(
            r"\b(?:in|In|on|since|Since|until|by|By|from|From|early|late|mid|last|next|this|of|through)[\s-]"
            + _MONTH.format(name="mon") + r"(?!\w|\.\w)"  # "last September." ends a sentence
        ),
    ),
    # the 1940s · the mid-1970s · the '90s: a decade, kept as the year it starts
    (
        "decade",
        re.compile(r"(?<![\w$€£.,/])(?<!\d-)(?:(?P<y>1[5-9]\d0|20\d0)|'(?P<yy>\d0))s\b"),
    ),
    # 1994 · in 2015 (a bare year, not an amount)
    (
        "y",
        re.compile(r"(?<![\w$€£.,/-])" + _YEAR.format(name="y") + r"(?![\w%.,/]\d|\d|%|\s?(?:percent|per cent)\b)"),
    ),
]  # fmt: skip

_RELATIVE = re.compile(
    r"\b(?P<rel>today|tonight|tomorrow|yesterday|(?:last|this|next)\s(?:week|month|year|weekend)"
    r"|(?:this|yesterday|tomorrow)\s(?:morning|afternoon|evening))\b"
    r"|\b(?:(?P<lead>last|next|this|on|On|Last|Next|This)\s)?"
    r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?\b",
    re.IGNORECASE,
)


def find_dates(
    text: str,
    sentence_of: Callable[[int], int] = lambda _: 0,
    published: dt.date | None = None,
    future_at: Callable[[int], bool] = lambda _: False,
) -> list[DateFact]:
    """Every date expression in ``text``, in order; overlapping matches keep the longest.

    ``future_at(offset)`` tells whether the sentence there speaks of the future, so that a bare
    weekday resolves forward from the publication date instead of back.
    """
    folded = fold(text)
    found: list[DateFact] = []
    taken = SpanSet()

    def free(a: int, b: int) -> bool:
        return not taken.overlaps(a, b)

    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(folded):
            start = m.start("mon") if kind == "m" else m.start()
            if not free(start, m.end()):
                continue
            facts = _absolute(kind, m, start, text, sentence_of(start))
            if facts:
                taken.add(start, m.end())
                found.extend(facts)
    for m in _RELATIVE.finditer(folded):
        if not free(m.start(), m.end()):
            continue
        fact = _relative(m, text, sentence_of(m.start()), published, future_at(m.start()))
        if fact:
            taken.add(m.start(), m.end())
            found.append(fact)
    found.sort(key=lambda d: (d.start, d.day or 0))
    return found


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _century_of(two_digits: int) -> int:
    """The year an abbreviated decade starts: the '90s are 1990, the '00s and '10s this century's."""
    return (2000 if two_digits < 20 else 1900) + two_digits


def _absolute(kind: str, m: re.Match[str], start: int, text: str, sentence: int) -> list[DateFact]:
    groups = m.groupdict()
    year = int(groups["y"]) if groups.get("y") else None
    if groups.get("yy"):
        year = _century_of(int(groups["yy"]))
    if kind == "iso":
        month: int | None = int(groups["m"])
    else:
        month = _month(groups["mon"]) if groups.get("mon") else None
    days = [int(groups[k]) for k in ("d", "d2") if groups.get(k)]
    span = text[start : m.end()]
    if len(days) == 2 and days[1] <= days[0]:
        days = days[:1]  # "May 3 and 2" is not a range
    if not days:
        return [DateFact(start, m.end(), span, sentence, year=year, month=month)]
    return [DateFact(start, m.end(), span, sentence, year=year, month=month, day=d) for d in days]


def _relative(
    m: re.Match[str], text: str, sentence: int, published: dt.date | None, future: bool = False
) -> DateFact | None:
    span = text[m.start() : m.end()]
    rel = (m.group("rel") or "").lower()
    if m.group("wd"):
        weekday = WEEKDAYS[m.group("wd").lower()]
        lead = (m.group("lead") or "").lower()
        if span.lower().endswith("s") and not lead:  # "on Tuesdays": a habit, not a date
            return None
        if (
            not lead
            and re.match(r"\s[A-Z][a-z]", text[m.end() : m.end() + 3])
            and not re.match(r"\s(?:" + "|".join(k.capitalize() for k in MONTHS) + r")\b", text[m.end() : m.end() + 11])
        ):
            return None  # part of a name: "Saturday Evening Post", "Sunday Times"
        resolved = None
        if published is not None:
            back = (published.weekday() - weekday) % 7
            if lead == "next" or (future and lead != "last"):
                ahead = (weekday - published.weekday()) % 7
                resolved = published + dt.timedelta(days=ahead or (7 if lead == "next" else 0))
            elif lead == "last":
                resolved = published - dt.timedelta(days=back or 7)
            else:
                # a news report's bare weekday is most often the latest one on or before publication
                resolved = published - dt.timedelta(days=back)
        return DateFact(m.start(), m.end(), span, sentence, weekday=weekday, relative=True, resolved=resolved)
    shift = {"today": 0, "tonight": 0, "tomorrow": 1, "yesterday": -1}
    head = rel.split()[0] if rel else ""
    if head in shift:
        resolved = published + dt.timedelta(days=shift[head]) if published else None
        return DateFact(m.start(), m.end(), span, sentence, relative=True, resolved=resolved)
    if head == "this" and rel.split()[1] in ("morning", "afternoon", "evening"):
        return DateFact(m.start(), m.end(), span, sentence, relative=True, resolved=published)
    which, unit = rel.split()
    year = month = None
    if published is not None:
        step = {"last": -1, "this": 0, "next": 1}[which]
        if unit == "year":
            year = published.year + step
        elif unit == "month":
            index = published.year * 12 + published.month - 1 + step
            year, month = divmod(index, 12)
            month += 1
    return DateFact(m.start(), m.end(), span, sentence, year=year, month=month, relative=True)


def parse_date(text: str, published: dt.date | None = None) -> DateFact | None:
    """The first date expression in ``text``, or None when it holds none."""
    facts = find_dates(text, published=published)
    return facts[0] if facts else None
