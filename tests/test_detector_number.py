"""number: figures the source does not give, or gives differently, are errors; written forms do not matter."""

from __future__ import annotations

from retold.check import check
from retold.types import Finding

COCAINE = (
    "French customs officers say they have seized more than 2 tons of cocaine aboard a sailboat in the Caribbean. "
    "The drugs, whose value is estimated at more than $105 million, are the biggest cocaine seizure ever carried out "
    "by French authorities, said Michael Lachaux, director of customs operations in Martinique. Officers arrested one "
    "Venezuelan and two Spanish citizens who were on board the vessel. In November, French customs officials seized "
    "nearly 250 kilograms (550 pounds) of cocaine on a vessel off the coast of Martinique."
)
KEEFE = (
    "As a 19-year-old telephone operator, Keefe posed for the painting in 1943. "
    "The 92-year-old died this week at her home in Simsbury, Connecticut."
)
INFLATION = "Inflation rose 3.5% in May, the statistics agency said. Unemployment stayed at 4 percent."


def numbers(source: str, rewrite: str) -> list[Finding]:
    return [f for f in check(source, rewrite).findings if f.kind == "number"]


def test_a_figure_not_in_the_source_is_an_error() -> None:
    rewrite = "The drugs are worth more than $150 million, officials said."
    (f,) = numbers(COCAINE, rewrite)
    assert f.severity == "error" and f.text == "$150 million"
    assert rewrite[f.start : f.end] == f.text
    assert "$105 million" in f.evidence[0].text


def test_a_figure_moved_from_elsewhere_in_the_source_is_a_changed_figure() -> None:
    (f,) = numbers(KEEFE, "Keefe posed for the painting as a 92-year-old telephone operator.")
    assert f.text == "92-year-old"
    assert "changed figure" in f.message and "19-year-old" in f.message


def test_a_changed_percentage_is_an_error() -> None:
    (f,) = numbers(INFLATION, "Inflation rose 4.5% in May.")
    assert f.text == "4.5%"


def test_numbers_in_words_or_digits_match() -> None:
    assert numbers(INFLATION, "Inflation rose three and a half percent in May, the agency said.") == []
    assert numbers(COCAINE, "Customs seized over two tons of cocaine; officers arrested 1 Venezuelan and 2 Spaniards.") == []


def test_rounded_figures_with_a_hedge_match() -> None:
    assert numbers(COCAINE, "In November officials seized about 250 kilograms of cocaine.") == []
    assert numbers(COCAINE, "The haul was worth over $100 million.") == []


def test_a_faithful_figure_in_its_own_context_is_not_flagged() -> None:
    assert numbers(KEEFE, "Keefe, who died aged 92, posed as a 19-year-old telephone operator.") == []
