"""The text edits bench/plants.py plants errors with (the parts that need no language model)."""

from __future__ import annotations

import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # bench/ sits beside src/, outside the installed package
    sys.path.insert(0, str(ROOT))

from bench.additions import _append  # noqa: E402
from bench.controls import _CLAUSE, _balanced  # noqa: E402
from bench.plants import (  # noqa: E402
    ANTONYMS,
    Case,
    _inside_longer_name,
    _same_measure,
    changed_date,
    changed_number,
    transplant,
)
from retold.types import NumberFact  # noqa: E402


def rng(seed: int = 0) -> random.Random:
    return random.Random(seed)


def test_changed_number_keeps_the_format() -> None:
    for seed in range(5):
        assert changed_number("$105 million", rng(seed)).startswith("$")
        assert changed_number("$105 million", rng(seed)).endswith(" million")
        assert changed_number("$105 million", rng(seed)) != "$105 million"
        assert "," in changed_number("2,500 people", rng(seed))
        new = changed_number("three", rng(seed))
        assert new != "three" and new.isalpha()
    assert changed_number("this week", rng()) is None


def test_changed_number_changes_a_decimal_and_a_capitalised_word() -> None:
    assert changed_number("3.5 percent", rng()) not in {"3.5 percent", None}
    assert changed_number("Three", rng())[0].isupper()


def test_changed_date_moves_the_day_before_the_month_and_year() -> None:
    for seed in range(5):
        new = changed_date("May 29, 1943", rng(seed))
        assert new.startswith("May ") and new.endswith(", 1943") and new != "May 29, 1943"
        assert changed_date("September 2022", rng(seed)).endswith(" 2022")
        assert changed_date("September 2022", rng(seed)) != "September 2022"
        assert changed_date("1994", rng(seed)) != "1994"
        assert changed_date("on Tuesday", rng(seed)).startswith("on ")


def test_changed_date_moves_a_day_range_as_a_whole() -> None:
    for seed in range(10):
        new = changed_date("Dec. 3-4", rng(seed))
        if new is None:  # a shift past the 28th is refused rather than turned into a backwards range
            continue
        first, last = (int(d) for d in new.removeprefix("Dec. ").split("-"))
        assert last == first + 1 and first != 3


def test_changed_date_refuses_text_without_a_date() -> None:
    assert changed_date("this week", rng()) is None


def test_antonyms_go_both_ways() -> None:
    assert ANTONYMS["rose"] == "fell" and ANTONYMS["fell"] == "rose"


def test_a_fragment_of_a_longer_name_is_recognised() -> None:
    text = "He spoke to the radio station France Info on Saturday."
    start = text.index("Info")
    assert _inside_longer_name(text, start, start + 4)
    start = text.index("France")
    assert _inside_longer_name(text, start, start + 6)
    text = "The minister met France on Saturday."
    start = text.index("France")
    assert not _inside_longer_name(text, start, start + 6)


def test_append_spans_exactly_the_added_block() -> None:
    case = _append(("reference", "Base text. "), "Subscribe now!", "\n\n", "call-to-action", "")
    assert isinstance(case, Case) and case.base == "reference"
    assert case.text == "Base text.\n\nSubscribe now!"
    assert case.text[case.start : case.end] == "Subscribe now!"


class FakeFacts:
    """Just the text a transplant reads."""

    def __init__(self, text: str) -> None:
        self.text = text


def test_transplant_makes_the_same_edit_where_the_rewrite_copies_the_source() -> None:
    source = "Officers seized more than 2 tons of cocaine aboard a sailboat off Martinique."
    start = source.index("2 tons")
    window = Case("number", "irrelevant", edit=(start, start + 1, "4"))
    rewrite = "# Seizure\n\n- Officers seized more than 2 tons of cocaine aboard a sailboat.\n"
    moved = transplant(window, FakeFacts(source), rewrite)
    assert moved is not None and moved.base == "rewrite"
    assert moved.text == rewrite.replace("2 tons", "4 tons")
    assert moved.text[moved.start : moved.end] == "4"
    assert transplant(window, FakeFacts(source), "Nothing copied here.") is None


def test_balanced_quotes() -> None:
    assert _balanced('He said "yes" and left.')
    assert not _balanced("\u201cIt will take weeks and months to get consensus.")


def test_single_marks_open_or_close_a_quote_only_at_the_edges() -> None:
    assert _balanced("'I will go,' he said.") and _balanced("He said: 'I will go.'")
    assert _balanced("The players' union agreed.")
    assert not _balanced("'I've never felt more open minded, I've never appreciated life more.")
    assert not _balanced("So I wore the bikini that made me feel beautiful.'")


def test_clause_drop_leaves_thousands_alone() -> None:
    text = "The man, who earned 10,000 a year, died. The man, who was old, died."
    assert _CLAUSE.sub(" ", text, count=1) == "The man, who earned 10,000 a year, died. The man died."


def test_a_moved_figure_keeps_its_measure() -> None:
    def n(unit: str | None) -> NumberFact:
        return NumberFact(0, 1, "5", 5.0, unit, 0)

    assert _same_measure(n("birds"), n("hens")) and _same_measure(n(None), n("people"))
    assert _same_measure(n("USD"), n("USD")) and _same_measure(n("%"), n("%"))
    assert not _same_measure(n("USD"), n("GBP")) and not _same_measure(n("%"), n("people"))
    assert not _same_measure(n("year-old"), n("years"))


def test_a_bare_title_or_a_month_is_not_a_name_to_plant() -> None:
    from bench.plants import is_name

    assert is_name("Andriy Sybiha") and is_name("Bank of England") and is_name("Sergeant Pepper")
    assert not is_name("Sergeant") and not is_name("Prime Minister") and not is_name("May")
