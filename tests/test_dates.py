"""Dates: absolute, partial, ranges and relative ones resolved against the publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from retold.analyze import analyze
from retold.analyze.dates import parse_date

PUBLISHED = dt.date(2024, 12, 4)  # a Wednesday


def isos(text: str, published: dt.date | None = PUBLISHED) -> list[str]:
    return [d.iso for d in analyze(text, published=published).dates]


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("May 29, 1943", "1943-05-29"),
        ("29 November", "--11-29"),
        ("November 29th", "--11-29"),
        ("September 2022", "2022-09"),
        ("1994", "1994"),
        ("2024-11-29", "2024-11-29"),
        ("3 December 2024", "2024-12-03"),
    ],
)
def test_absolute_and_partial_dates(text: str, iso: str) -> None:
    date = parse_date(text)
    assert date is not None and date.iso == iso and not date.relative


def test_a_range_gives_both_days() -> None:
    assert isos("The NATO Foreign Ministerial Meeting on Dec. 3-4 ended.") == ["--12-03", "--12-04"]


def test_relative_dates_resolve_against_publication() -> None:
    assert parse_date("today", PUBLISHED).resolved == PUBLISHED
    assert parse_date("tomorrow", PUBLISHED).resolved == dt.date(2024, 12, 5)
    assert parse_date("yesterday", PUBLISHED).resolved == dt.date(2024, 12, 3)
    this_year = parse_date("this year", PUBLISHED)
    assert this_year.relative and this_year.year == 2024
    assert parse_date("last month", PUBLISHED).month == 11


def test_weekday_resolves_to_the_latest_one_for_the_past_and_ahead_for_the_future() -> None:
    assert isos("The ministry said on Tuesday that it agreed.") == ["2024-12-03"]
    assert isos("The ministers will meet on Friday.") == ["2024-12-06"]
    assert isos("The ministry said on Tuesday that it agreed.", published=None) == ["W1"]


def test_durations_and_names_are_not_dates() -> None:
    assert isos("It took two mornings of work. It will take weeks and months to agree.") == []
    assert isos("It ran on the cover of the Saturday Evening Post.") == []
    assert isos("Theresa May may resign.") == []
    assert isos("They sent 1500 troops.") == []


def test_bare_month_needs_a_lead_word() -> None:
    assert isos("In July NATO confirmed the path.") == ["--07"]
    assert isos("Officials may agree soon.") == []


def test_spans_and_sentences() -> None:
    facts = analyze("First sentence here. Kyiv applied in September 2022.", published=PUBLISHED)
    (date,) = facts.dates
    assert facts.text[date.start : date.end] == date.text == "September 2022"
    assert date.sentence == 1


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The deal was signed last September.", [("September", "--09")]),
        ("They met in May.", [("May", "--05")]),
        ("It opened in May 2015.", [("May 2015", "2015-05")]),
        ("He died on March 3.", [("March 3", "--03-03")]),
        ("It ended in Sept. Then it resumed.", [("Sept.", "--09")]),
    ],
)
def test_a_date_that_ends_its_sentence(text: str, found: list[tuple[str, str]]) -> None:
    assert [(d.text, d.iso) for d in analyze(text, published=PUBLISHED).dates] == found


def test_may_the_verb_and_the_name_are_not_dates_before_a_full_stop() -> None:
    assert isos("Officials said they may.") == []
    assert isos("The speech was given by Theresa May.") == []
    assert isos("Theresa May may resign. She said she may.") == []


@pytest.mark.parametrize(
    ("text", "decade", "year"),
    [
        ("It closed in the 1940s.", "1940s", 1940),
        ("Sales peaked in the mid-1970s and fell.", "1970s", 1970),
        ("Back in the \u201990s, it was fine.", "\u201990s", 1990),
        ("Back in the '90s, it was fine.", "'90s", 1990),
        ("By the 1700s the island was known.", "1700s", 1700),
    ],
)
def test_a_decade_is_the_year_it_starts(text: str, decade: str, year: int) -> None:
    (date,) = analyze(text, published=PUBLISHED).dates
    assert (date.text, date.year, date.month, date.day) == (decade, year, None, None)
    assert not analyze(text).numbers  # its digits are not also a count


def test_a_changed_decade_differs_and_the_same_one_matches() -> None:
    (forties,) = analyze("They restored a 1940s control tower.").dates
    (fifties,) = analyze("They restored a 1950s control tower.").dates
    (abbreviated,) = analyze("They loved the \u201940s.").dates
    assert forties.iso != fifties.iso
    assert forties.iso == abbreviated.iso == "1940"
