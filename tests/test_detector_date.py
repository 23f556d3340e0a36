"""date: dates the source does not give, or gives for another event, are errors; formats and partial dates match."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from retold.check import check
from retold.types import Finding

SOURCE = (Path(__file__).resolve().parent.parent / "examples" / "nato-ukraine.txt").read_text(encoding="utf-8")
MEETING = "The minister spoke on Tuesday in Brussels about the new rules for farmers."


def dates(rewrite: str, source: str = SOURCE, published: dt.date | None = None) -> list[Finding]:
    return [f for f in check(source, rewrite, published=published).findings if f.kind == "date"]


def test_a_shifted_month_is_an_error() -> None:
    rewrite = "Kyiv submitted its application to join the alliance in October 2022."
    (f,) = dates(rewrite)
    assert (f.severity, f.text) == ("error", "October 2022")
    assert rewrite[f.start : f.end] == f.text
    assert "September 2022" in f.evidence[0].text


def test_a_wrong_weekday_is_an_error() -> None:
    (f,) = dates("On Wednesday, the minister spoke in Brussels about new rules for farmers.", MEETING)
    assert f.text == "On Wednesday"


def test_a_source_date_attached_to_another_event_is_an_error() -> None:
    rewrite = "In September 2022, Ukraine gave up its Soviet-era nuclear weapons under the Budapest Memorandum."
    (f,) = dates(rewrite)
    assert f.text == "September 2022"
    assert "wrong date for this event" in f.message and "1994" in f.message


def test_an_invented_day_is_an_error() -> None:
    (f,) = dates("On 14 September 2022 Kyiv submitted an application to join the alliance.")
    assert f.text.startswith("14 September 2022")


def test_other_formats_and_partial_dates_match() -> None:
    rewrite = (
        "Kyiv applied to join in 2022, and NATO confirmed the irreversible path in July 2024. "
        "On November 29, Sybiha urged NATO to invite Ukraine at the meeting on December 3."
    )
    assert dates(rewrite) == []


def test_relative_dates_resolve_against_the_publication_date() -> None:
    published = dt.date(2024, 12, 5)  # a Thursday: "on Tuesday" is December 3
    assert dates("On December 3, the minister spoke in Brussels about farm rules.", MEETING, published) == []
    (f,) = dates("On December 4, the minister spoke in Brussels about farm rules.", MEETING, published)
    assert f.text == "December 4"


def test_a_bare_weekday_matches_without_a_publication_date() -> None:
    assert dates("On Tuesday, the minister spoke in Brussels about new rules for farmers.", MEETING) == []


def test_headings_are_checked_for_dates() -> None:
    (f,) = dates("# NATO ministers meet in January 2025\n\nSybiha urged NATO to invite Ukraine.")
    assert f.text == "January 2025"
