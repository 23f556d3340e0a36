"""Numbers in digits or words, with units; the numbers of a date belong to the date."""

from __future__ import annotations

import pytest

from retold.analyze import analyze
from retold.analyze.numbers import parse_number, words_to_number


def numbers(text: str) -> list[tuple[str, float, str | None]]:
    return [(n.text, n.value, n.unit) for n in analyze(text).numbers]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("three and a half", 3.5),
        ("3.5", 3.5),
        ("1.5 million", 1_500_000),
        ("$10", 10),
        ("40%", 40),
        ("92-year-old", 92),
        ("twenty-one", 21),
        ("two hundred thousand", 200_000),
        ("a million", 1_000_000),
        ("1,500", 1500),
        ("2.5bn", 2_500_000_000),
    ],
)
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


def test_words_that_are_not_numbers() -> None:
    assert parse_number("several") is None
    assert words_to_number("half") is None
    assert parse_number("") is None


def test_units_are_normalised() -> None:
    found = numbers("Keefe pocketed $10 for the two mornings. The 92-year-old saw 40% of 1.5 million people.")
    assert ("$10", 10.0, "USD") in found
    assert ("two", 2.0, "mornings") in found
    assert ("92-year-old", 92.0, "year-old") in found
    assert ("40%", 40.0, "%") in found
    assert ("1.5 million", 1_500_000.0, "people") in found


def test_words_and_digits_give_the_same_value() -> None:
    words = numbers("The talks lasted three and a half days.")
    digits = numbers("The talks lasted 3.5 days.")
    assert [(v, u) for _, v, u in words] == [(v, u) for _, v, u in digits] == [(3.5, "days")]


def test_numbers_of_a_date_are_not_numbers() -> None:
    assert numbers("The cover ran on May 29, 1943, and again in 2015.") == []
    assert numbers("The meeting on Dec. 3-4 matters.") == []


def test_one_as_a_pronoun_is_not_a_count() -> None:
    assert numbers("It is one of the outcomes, and one day they will talk.") == []
    assert numbers("They waited for one day.") == [("one", 1.0, "day")]


def test_spans_point_into_the_text() -> None:
    facts = analyze("Over 60 people and twenty-one guns.")
    for n in facts.numbers:
        assert facts.text[n.start : n.end] == n.text
    assert [n.value for n in facts.numbers] == [60.0, 21.0]


def test_decades_ordinals_and_idioms_are_not_amounts() -> None:
    found = numbers("In the 1940s she came 21st; at one point one by one 5 men left for $300million.")
    assert found == [("5", 5.0, "men"), ("$300million", 300_000_000.0, "USD")]


def test_dozens_count_and_clock_times_do_not() -> None:
    assert parse_number("two dozen") == 24
    assert numbers("At 10:30 two dozen people left by 7pm.") == [("two dozen", 24.0, "people")]


def test_measures_written_against_the_digits() -> None:
    found = numbers("He ran 100m, then 3 km at 30mph carrying 10kg; the club paid $15m and 15m euros.")
    assert found == [
        ("100m", 100.0, "m"),
        ("3 km", 3.0, "km"),
        ("30mph", 30.0, "mph"),
        ("10kg", 10.0, "kg"),
        ("$15m", 15_000_000.0, "USD"),
        ("15m", 15_000_000.0, "EUR"),
    ]


def test_a_scale_in_capitals_multiplies_as_in_lower_case() -> None:
    # a title-cased headline writes "Million"; a capital "M" after digits is a million, never metres
    assert numbers("LVMH Pledges €15 Million to Help the Louvre") == [("€15 Million", 15_000_000.0, "EUR")]
    assert numbers("LVMH Gives the Louvre a $16M Boost") == [("$16M", 16_000_000.0, "USD")]
    assert numbers("The app has 100M users.") == [("100M", 100_000_000.0, "users")]
    assert numbers("She won the 100m sprint.") == [("100m", 100.0, "m")]
