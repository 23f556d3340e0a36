"""``date``: a date the source does not give, or one the source gives for a different event.

Dates compare by their parts: a partial date ("November", "2024") agrees with any source date it is part of;
a rewrite date more precise than every source date is invented — except for a year the source gives
elsewhere, added to a day it gives without one ("January 7" and "the 2012 murder" back "January 7, 2012").
Fixed-date holidays are dates ("Valentine's Day" backs "February"). Relative dates ("on Tuesday", "today")
compare by their resolved day when the publication date is known, else by their words; without that date, a
weekday set on a date ("Friday March 13") is judged by the date, and a weekday where the source names no day
of the week but the sentence it rests on says "yesterday" or "this week" cannot be judged (a warning).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from typing import Any

from retold.check.align import STRONG_SUPPORT, stated_in_support
from retold.check.context import CheckContext
from retold.check.memo import per_object
from retold.normalize import fold_key
from retold.types import DateFact, FactSheet, Severity

_URL = re.compile(r"https?://\S+|\]\([^)]*\)|www\.\S+")
# Holidays on a fixed day of the year, written as the source may name them.
_HOLIDAYS = {
    r"new year'?s day": (1, 1), r"burns night": (1, 25), r"valentine'?s day": (2, 14),
    r"st\.? patrick'?s day": (3, 17), r"anzac day": (4, 25), r"may day": (5, 1), r"independence day": (7, 4),
    r"fourth of july": (7, 4), r"bastille day": (7, 14), r"hallowe'?en": (10, 31), r"bonfire night": (11, 5),
    r"guy fawkes night": (11, 5), r"armistice day": (11, 11), r"remembrance day": (11, 11),
    r"christmas eve": (12, 24), r"christmas(?: day)?": (12, 25), r"boxing day": (12, 26),
    r"new year'?s eve": (12, 31),
}  # fmt: skip
_HOLIDAY = re.compile(r"\b(?:" + "|".join(f"({p})" for p in _HOLIDAYS) + r")(?!\w)", re.IGNORECASE)
_HOLIDAY_DAYS = tuple(_HOLIDAYS.values())
# Words that set an event in days around publication without naming the day.
_UNDATED_DAYS = re.compile(
    r"\b(?:today|tonight|yesterday|tomorrow|last night|(?:this|last|next) (?:week|weekend)"
    r"|this (?:morning|afternoon|evening)|days? (?:ago|earlier|later))\b",
    re.IGNORECASE,
)


def checkable_dates(rewrite: FactSheet) -> list[DateFact]:
    """Rewrite dates outside quotations (the quote detector owns those) and links."""
    skip = [(q.start, q.end) for q in rewrite.quotes] + [(m.start(), m.end()) for m in _URL.finditer(rewrite.text)]
    return [d for d in rewrite.dates if not any(s <= d.start < e for s, e in skip)]


def unsupported_date(ctx: CheckContext, date: DateFact) -> tuple[str, Severity, list[int]] | None:
    """(message, severity, source sentences to show) when the source does not back ``date``, else None."""
    support = ctx.alignment[date.sentence].support if date.sentence < len(ctx.alignment) else ()
    best = [support[0].sentence] if support else []
    published = ctx.source.article.published if ctx.source.article else None
    year = published.year if published else None
    dates = source_dates(ctx.source)
    matching = _agreeing(date, ctx.source, year)
    if not matching and year is None and date.year is not None and any(s.year == date.year for s in dates):
        # "January 7, 2012" where the source gives "January 7" and, elsewhere, the year 2012
        matching = [s for s in dates if s.year is None and agrees(date, s, date.year)]
    if not matching and _written_in(date, ctx.source.text):
        return None  # the source writes it word for word where its parse missed it ("said last September.")
    if not matching and published is None and date.weekday is not None and not date.resolved:
        if _date_after(date, ctx.rewrite) is not None:
            return None  # "Friday March 13": the date is checked on its own; the weekday needs a year to check
        names_days = any(s.weekday is not None for s in dates)  # then another weekday is a wrong one
        calendar = any(s.day is not None and s.month is not None for s in dates)
        relative = any(_UNDATED_DAYS.search(ctx.source.sentences[s.sentence].text) for s in support)
        if not names_days and (relative or not calendar):
            # Nothing to anchor a weekday to: the source names no day of the week, and either no calendar day
            # or a "yesterday" where the rewrite sentence rests; the publication date is unknown.
            return (
                f"“{date.text}” cannot be matched to a day the source gives without the publication date: "
                "give the day as the source does",
                "warning",
                best,
            )
    if not matching and published is None and date.year is not None and date.day is None:
        unanchored = _unanchored_year(date, dates, ctx.source, support)
        if unanchored is not None:
            return unanchored, "warning", best
    if not matching:
        if _unresolved_relative(date):
            # A date resolved on either side shows the publication date was known.
            known = published is not None or any(d.resolved for d in (*dates, *ctx.rewrite.dates))
            why = "from what the source gives" if known else "without the publication date"
            return (
                f"“{date.text}” cannot be matched to a source date {why}: give the date as the source does",
                "warning",
                best,
            )
        weekdays = [s for s in dates if s.weekday is not None and s.resolved is None and s.sentence in best]
        if published is None and date.day is not None and date.month is not None and weekdays:
            # "February 23" where the sentence it rests on says "on Thursday": read in the year the rewrite or,
            # failing that, the source's latest year gives; with no year at all it cannot be told.
            years = [s.year for s in dates if s.year is not None]
            in_year = date.year or (max(years) if years else None)
            day = _calendar_day(in_year, date.month, date.day)
            if day is None:
                # The source dates it only by weekday ("on Tuesday"): a calendar day it never gives is invented.
                return (
                    f"“{date.text}” is not in the source (it dates this only “{weekdays[0].text}”): give the day as "
                    "the source does",
                    "error",
                    best,
                )
            if any(s.weekday == day.weekday() for s in weekdays):
                return None
            return (
                f"“{date.text}” was a {day.strftime('%A')} in {day.year}, but the source says “{weekdays[0].text}”: "
                "give the day as the source does",
                "error",
                best,
            )
        here = [s.text for s in dates if best and s.sentence == best[0] and _comparable(date, s)]
        given = f" (here it gives “{here[0]}”)" if here else ""
        return f"“{date.text}” is not in the source{given}: give the source's date or drop it", "error", best
    if not support or support[0].score < STRONG_SUPPORT:
        return None
    if stated_in_support(ctx.source, date.text, support, {s.sentence for s in matching}):
        return None
    rivals = [s for s in _dates_by_sentence(ctx.source).get(support[0].sentence, ()) if _comparable(date, s)]
    if not rivals:
        return None
    given = ", ".join(f"“{r.text}”" for r in rivals)
    return f"wrong date for this event: the source dates it {given}", "error", best


_RELATIVE_YEAR = re.compile(
    r"\b(?:(?:last|this|next|past|previous|coming) year|a year (?:ago|earlier|later|before)|years? ago)\b",
    re.IGNORECASE,
)


def _unanchored_year(date: DateFact, dates: list[DateFact], source: FactSheet, support: tuple) -> str | None:
    """A year the rewrite puts on a month or an event the source dates only relatively ("in March last year",
    "last year") while the publication date is unknown: consistent with the source, not provable from it.
    The month, when the rewrite gives one, must be the source's."""
    if date.month is not None:
        months = [s for s in dates if s.month == date.month and s.year is None]
        if not months:
            return None
        near = {s.sentence for s in months}
    else:
        near = {s.sentence for s in support}
        if any(s.year is not None and s.sentence in near for s in dates):
            return None  # the sentences it rests on give a year of their own: another one is wrong
    if not any(_RELATIVE_YEAR.search(source.sentences[i].text) for i in near):
        return None
    return (
        f"“{date.text}” cannot be matched to the source's relative year without the publication date: "
        "give the date as the source does"
    )


def _calendar_day(year: int | None, month: int, day: int) -> dt.date | None:
    if year is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


@per_object
def source_dates(source: FactSheet) -> list[DateFact]:
    """The source's dates, with the fixed-date holidays it names ("on Valentine's Day") as month and day.

    Computed once per source (every rewrite date asks for them)."""
    holidays = []
    starts = [s.start for s in source.sentences]
    for m in _HOLIDAY.finditer(source.text):
        month, day = _HOLIDAY_DAYS[m.lastindex - 1]  # type: ignore[operator]
        at = bisect.bisect_right(starts, m.start()) - 1  # sentences are in text order
        sentence = source.sentences[at].id if at >= 0 and m.start() < source.sentences[at].end else None
        if sentence is not None:
            holidays.append(DateFact(m.start(), m.end(), m.group(), sentence, month=month, day=day))
    return [*source.dates, *holidays]


def _signature(date: DateFact) -> tuple:
    """Everything :func:`agrees` reads of the source side: dates alike in it agree alike."""
    relative_words = fold_key(date.text).removeprefix("on ") if _unresolved_relative(date) else None
    return (date.resolved, date.relative, date.year, date.month, date.day, date.weekday, relative_words)


@per_object
def _dates_alike(source: FactSheet) -> list[list[DateFact]]:
    """The source's dates grouped by :func:`_signature` (a news text repeats a few dates many times)."""
    groups: dict[tuple, list[DateFact]] = {}
    for d in source_dates(source):
        groups.setdefault(_signature(d), []).append(d)
    return list(groups.values())


@per_object
def _dates_by_sentence(source: FactSheet) -> dict[int, list[DateFact]]:
    by_sentence: dict[int, list[DateFact]] = {}
    for d in source_dates(source):
        by_sentence.setdefault(d.sentence, []).append(d)
    return by_sentence


def _agreeing(date: DateFact, source: FactSheet, year: int | None) -> list[DateFact]:
    """The source dates that back ``date`` (as ``[s for s in source_dates(source) if agrees(date, s, year)]``,
    in another order): one :func:`agrees` per kind of date, not per date."""
    return [d for group in _dates_alike(source) if agrees(date, group[0], year) for d in group]


def _date_after(weekday: DateFact, rewrite: FactSheet) -> DateFact | None:
    """The rewrite's month-and-day date that a weekday is written onto ("Friday March 13", "Wednesday, 25 March")."""
    for other in rewrite.dates:
        gap = rewrite.text[weekday.end : other.start]
        if other.start >= weekday.end and len(gap) <= 2 and gap.strip(" ,") == "" and other.day and other.month:
            return other
    return None


def agrees(ours: DateFact, theirs: DateFact, year: int | None = None) -> bool:
    """True when ``theirs`` backs ``ours``: every part ``ours`` states, ``theirs`` states the same.

    ``year`` (the publication year) stands in for a source date written without one ("29 November").
    """
    if ours.resolved and theirs.resolved:
        return ours.resolved == theirs.resolved
    if _unresolved_relative(ours) or _unresolved_relative(theirs):
        return fold_key(ours.text).removeprefix("on ") == fold_key(theirs.text).removeprefix("on ")
    mine = _parts(ours)
    known = _parts(theirs)
    if year is not None and "year" not in known and "month" in known:
        known["year"] = year
    if ours.weekday is not None and not ours.resolved:
        if theirs.weekday is not None and not theirs.resolved:
            return ours.weekday == theirs.weekday
        full = known.get("date")
        return full is not None and full.weekday() == ours.weekday
    if not mine:
        return False
    return all(known.get(k) == v for k, v in mine.items() if k != "date")


def _parts(date: DateFact) -> dict[str, Any]:
    if date.resolved:
        d = date.resolved
        return {"year": d.year, "month": d.month, "day": d.day, "date": d}
    parts: dict[str, Any] = {
        k: v for k, v in (("year", date.year), ("month", date.month), ("day", date.day)) if v is not None
    }
    if len(parts) == 3:
        try:
            parts["date"] = dt.date(date.year, date.month, date.day)  # type: ignore[arg-type]
        except ValueError:
            pass  # "February 30" has no weekday; its parts still compare
    return parts


def _written_in(date: DateFact, text: str) -> bool:
    words = re.sub(r"^(?:on|in|since|by|from|until|last|next|this)\s+", "", fold_key(date.text))
    return bool(words) and re.search(r"(?<!\w)" + re.escape(words) + r"(?!\w)", fold_key(text)) is not None


def _unresolved_relative(date: DateFact) -> bool:
    return date.relative and date.resolved is None and date.year is None and date.month is None and date.weekday is None


def _comparable(ours: DateFact, theirs: DateFact) -> bool:
    """Two dates that could describe the same moment at the same grain (a year against a year, a day against a day)."""
    a, b = _parts(ours), _parts(theirs)
    if not a and not b:
        return ours.weekday is not None and theirs.weekday is not None  # "on Monday" against "on Tuesday"
    shared = set(a) & set(b) - {"date"}
    return bool(shared) and ("day" in a) == ("day" in b)
