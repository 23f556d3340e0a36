"""match/phrases: a modifier the article never uses, put where it gives the same noun another of the class."""

from __future__ import annotations

from retold.check import check, check_context
from retold.check.match.phrases import foreign_modifiers
from retold.types import Finding

EARNINGS = (
    "Moderna reported fourth quarter revenues of $5.1bn on Thursday. "
    "The company expects a safety review before the end of the first quarter. "
    "Protesters marked the one-year anniversary of the merger with yellow and blue banners."
)


def changed(rewrite: str) -> list[Finding]:
    return [f for f in check(EARNINGS, rewrite).findings if f.severity == "error" and "changed word" in f.message]


def test_an_ordinal_the_article_never_uses_for_its_noun_is_an_error() -> None:
    (f,) = changed("In a reworded summary, Moderna said its third quarter sales fell.")
    assert (f.kind, f.text) == ("claim", "third")
    assert f.evidence[0].text == "fourth quarter"


def test_a_time_unit_counted_in_a_compound_is_read() -> None:
    (modifier,) = foreign_modifiers(check_context(EARNINGS, "A month on, protesters marked the one-month anniversary."))
    assert (modifier.word, modifier.source_word, modifier.noun) == ("month", "year", "anniversary")


def test_the_article_own_words_in_another_order_pass() -> None:
    assert (
        changed("Moderna's revenues for the fourth quarter were $5.1bn; a safety review is due in the first quarter.")
        == []
    )
    assert changed("Protesters marked a year since the merger with blue and yellow banners.") == []


def test_a_class_word_for_a_noun_the_article_never_qualifies_is_not_read() -> None:
    assert (
        foreign_modifiers(check_context(EARNINGS, "Moderna reported revenues of $5.1bn on a third day of trading."))
        == []
    )
