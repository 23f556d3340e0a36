"""Clock times ("3:15 PM", "9 a.m.", "noon"): a time of day the source does not give, or gives otherwise.

Only times written as times of day count: with a.m. or p.m., or "noon" and "midnight". A bare "3:15" may be
a score, a race time or a ratio, and is left alone. A source time with no a.m. or p.m. ("at 15:15 local time")
backs the rewrite's time at either half of the day it can be, and a bare hour ("Let's make it 7.") backs
that hour ("7 pm").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from retold.check.context import CheckContext
from retold.normalize import fold

_CLOCK = re.compile(
    r"(?<![\w:.])(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s?(?P<half>[ap])(?:\.\s?m\.|\s?m\b)"
    r"|(?<![\w:.])(?P<h24>[01]?\d|2[0-3]):(?P<m24>\d{2})(?![\d:])"
    r"|\b(?P<word>noon|midday|midnight)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class ClockTime:
    start: int
    end: int
    text: str
    minutes: frozenset[int]  # minutes past midnight it can be (two for "15:15"-style times without a half)
    told: bool  # a time of day for certain: a.m./p.m. or a word, not a bare "3:15"


def clock_times(text: str) -> list[ClockTime]:
    found = []
    for m in _CLOCK.finditer(fold(text)):
        if m.group("word"):
            minutes = frozenset({0 if m.group("word").lower() == "midnight" else 12 * 60})
            found.append(ClockTime(m.start(), m.end(), text[m.start() : m.end()], minutes, True))
            continue
        if m.group("half"):
            hour, minute = int(m.group("h")), int(m.group("m") or 0)
            if not 1 <= hour <= 12 or minute > 59:
                continue
            hour = hour % 12 + (12 if m.group("half").lower() == "p" else 0)
            found.append(
                ClockTime(m.start(), m.end(), text[m.start() : m.end()], frozenset({hour * 60 + minute}), True)
            )
            continue
        hour, minute = int(m.group("h24")), int(m.group("m24"))
        if minute > 59:
            continue
        both = {hour * 60 + minute} | ({(hour + 12) * 60 + minute} if hour < 12 else set())
        found.append(ClockTime(m.start(), m.end(), text[m.start() : m.end()], frozenset(both), False))
    return found


def unsupported_times(ctx: CheckContext) -> list[tuple[ClockTime, list[ClockTime]]]:
    """Each time of day the rewrite states that no time of the source matches, with the source's times."""
    theirs = clock_times(ctx.source.text)
    quoted = [(q.start, q.end) for q in ctx.rewrite.quotes]
    out = []
    for time in clock_times(ctx.rewrite.text):
        if not time.told or any(a <= time.start and time.end <= b for a, b in quoted):
            continue  # words inside quotation marks are the quote detector's
        if any(time.minutes & t.minutes for t in theirs) or _bare_hour(ctx.source.text, time):
            continue
        out.append((time, theirs))
    return out


def _bare_hour(source: str, time: ClockTime) -> bool:
    """The source gives the hour as a bare number ("Let's make it 7.", "at 7 or 8"), which a rewrite may
    write as "7 pm": consistent, if not provable. Only a whole hour."""
    minutes = next(iter(time.minutes))
    if minutes % 60:
        return False
    hour = minutes // 60 % 12 or 12
    return re.search(rf"(?<![\w.,:$£€-]){hour}(?![\w.,:%]\w|\d|:|%)", source) is not None
