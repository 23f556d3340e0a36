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


ARNOLD = (
    "Sherry Arnold was abducted on January 7 while jogging near her home. "
    "Spell was sentenced on Friday for the 2012 murder of the teacher."
)


def test_a_year_the_source_gives_elsewhere_may_complete_a_yearless_date() -> None:
    assert dates("Sherry Arnold was abducted on January 7, 2012 while jogging.", ARNOLD) == []
    (f,) = dates("Sherry Arnold was abducted on January 7, 2013 while jogging.", ARNOLD)
    assert f.text == "January 7, 2013"
    (f,) = dates("Sherry Arnold was abducted on January 9, 2012 while jogging.", ARNOLD)
    assert f.text == "January 9, 2012"


def test_a_fixed_date_holiday_is_a_date() -> None:
    source = "The singer had performed most recently in Istanbul on Valentine's Day, his family said."
    assert dates("He last performed in Istanbul in February.", source) == []
    assert dates("He last performed in Istanbul on February 14.", source) == []
    (f,) = dates("He last performed in Istanbul in March.", source)
    assert f.text == "March"


def test_a_weekday_set_on_a_date_is_judged_by_the_date() -> None:
    source = "The cookbook was due out on March 13 but its release was delayed over health concerns."
    assert dates("The cookbook was due out on Friday March 13 but was delayed.", source) == []
    (f,) = dates("The cookbook was due out on Friday March 20 but was delayed.", source)
    assert f.text == "March 20"


def test_a_weekday_for_the_sources_yesterday_is_only_a_warning_without_a_publication_date() -> None:
    source = "David Cameron took on Church of England bishops yesterday after they questioned his welfare policies."
    (f,) = dates("David Cameron took on the bishops on Sunday over his welfare policies.", source)
    assert (f.severity, f.text) == ("warning", "on Sunday")
    # when the source names its days, another day is a wrong one
    both = source + " He will meet them again on Monday, aides said."
    found = dates("David Cameron took on the bishops on Sunday over his welfare policies.", both)
    assert [(f.severity, f.text) for f in found] == [("error", "on Sunday")]


def test_an_invented_calendar_day_for_a_meeting_the_source_dates_by_weekday_is_an_error() -> None:
    source = "The board met on Tuesday to approve the budget. Members voted 7-2 in favour."
    found = [f for f in check(source, "The board met on Feb. 20 to approve the budget.").findings if f.kind == "date"]
    assert [f.severity for f in found] == ["error"] and found[0].text == "Feb. 20"


def test_a_year_on_the_sources_last_year_is_a_warning_without_a_publication_date() -> None:
    source = "The plant closed in March last year, and 300 workers lost their jobs."
    found = [
        f
        for f in check(source, "The plant closed in March 2023, and 300 workers lost their jobs.").findings
        if f.kind == "date"
    ]
    assert found and {f.severity for f in found} == {"warning"}
    other = [
        f
        for f in check(source, "The plant closed in June 2023, and 300 workers lost their jobs.").findings
        if f.kind == "date"
    ]
    assert "error" in {f.severity for f in other}


def test_a_weekday_with_nothing_to_anchor_it_is_a_warning() -> None:
    source = (
        "Alex: Wanna grab some beer? TGIF. Jacob: Where? Alex: I found a cool pub. Jacob: 7? Alex: Let's make it 7."
    )
    found = [
        f
        for f in check(source, "Alex and Jacob plan to grab beer on Friday at a new pub.").findings
        if f.kind == "date"
    ]
    assert [f.severity for f in found] == ["warning"]


def test_a_date_the_source_gives_for_another_event_moved_onto_its_last_year_is_an_error() -> None:
    source = "The firm opened its first store in 2012. Last year it closed the Leeds branch after heavy losses."
    moved = [
        f
        for f in check(source, "In 2012 it closed the Leeds branch after heavy losses.").findings
        if f.kind == "date" and f.severity == "error"
    ]
    assert moved
