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
    assert (
        numbers(COCAINE, "Customs seized over two tons of cocaine; officers arrested 1 Venezuelan and 2 Spaniards.")
        == []
    )


def test_rounded_figures_with_a_hedge_match() -> None:
    assert numbers(COCAINE, "In November officials seized about 250 kilograms of cocaine.") == []
    assert numbers(COCAINE, "The haul was worth over $100 million.") == []


def test_a_faithful_figure_in_its_own_context_is_not_flagged() -> None:
    assert numbers(KEEFE, "Keefe, who died aged 92, posed as a 19-year-old telephone operator.") == []


WILDFIRE = (
    "The fire destroyed 2,950 homes and 298,000 acres, officials said. The couple met in 2013 and married in 2015."
)


def test_a_round_figure_matches_the_source_figure_it_rounds() -> None:
    assert numbers(WILDFIRE, "The fire destroyed 3,000 homes and 300,000 acres, officials said.") == []
    (f,) = numbers(WILDFIRE, "The fire destroyed 4,000 homes and 298,000 acres, officials said.")
    assert f.text == "4,000"


def test_rounding_goes_half_up_and_stays_close() -> None:
    source = "Some 1,250 people and 2,500 cattle were evacuated from the valley on Monday."
    assert numbers(source, "The valley saw 1,300 people evacuated on Monday.") == []
    (f,) = numbers(source, "The valley saw 1,200 people evacuated on Monday.")  # 1,250 rounds up, not down
    assert f.text == "1,200"
    (f,) = numbers(source, "The valley saw 3,000 cattle evacuated on Monday.")  # a fifth off: not a rounding
    assert f.text == "3,000"


def test_durations_compare_in_one_measure() -> None:
    source = "The driver was jailed for 18 months by the court on Monday."
    assert numbers(source, "The driver was jailed for one and a half years.") == []
    (f,) = numbers(source, "The driver was jailed for two and a half years.")
    assert f.text.startswith("two and a half")


def test_a_count_of_years_between_source_years_is_backed() -> None:
    assert numbers(WILDFIRE, "The couple married two years after they met.") == []
    (f,) = numbers(WILDFIRE, "The couple married five years after they met.")
    assert f.text.startswith("five")


def test_an_estimated_figure_is_a_hedge() -> None:
    assert numbers(COCAINE, "The drugs are worth an estimated $110 million.") == []
    (f,) = numbers(COCAINE, "The drugs are worth an estimated $150 million.")
    assert f.text == "$150 million"


BIRD_FLU = (
    "On Monday, health leaders in Iowa said more than 5 million hens would have to be euthanized after bird flu "
    "was detected at a commercial laying facility there. "
    "In the United States, some 3.5 million birds had already been euthanized to prevent the spread of the disease, "
    "according to the USDA. "
    "As of Friday, 142 people have tested positive for the virus in the state, with 136 confirmed cases."
)


def test_a_figure_the_source_gives_for_another_noun_is_a_changed_figure() -> None:
    (f,) = numbers(BIRD_FLU, "So far 5 million birds have been euthanized in the United States.")
    assert f.severity == "error" and f.text == "5 million"
    assert "“3.5 million” birds" in f.message and "hens" in f.message
    assert any("3.5 million birds" in e.text for e in f.evidence)


def test_the_figure_the_source_gives_for_that_noun_is_not_flagged() -> None:
    assert numbers(BIRD_FLU, "So far 3.5 million birds have been euthanized in the United States.") == []


def test_two_counts_of_one_sentence_read_either_way_are_not_flagged() -> None:
    assert numbers(BIRD_FLU, "The number of infections in the state has grown to 142 cases.") == []


LISTING = (
    "He recommended our services: Custom CRM Development, Data Analysis, and Workflow Automation. "
    "Prices start at $500 per month."
)


def test_a_small_count_of_what_the_source_lists_is_a_warning_not_an_error() -> None:
    (f,) = numbers(LISTING, "He recommended three services, starting at $500 per month.")
    assert f.severity == "warning" and f.text == "three" and "count" in f.message


def test_a_small_count_against_another_count_of_the_same_thing_is_an_error() -> None:
    source = "Officers arrested two Spanish citizens on board the vessel."
    (f,) = numbers(source, "Officers arrested three Spanish citizens on board the vessel.")
    assert f.severity == "error" and f.text == "three"


def test_a_figure_a_speaker_says_in_words_is_in_the_source() -> None:
    source = "Professor C: So all twenty - five people were sending things. Keep the cost under twelve dot fifty Euros."
    assert numbers(source, "All 25 people sent things, and the cost must stay under 12.50 Euros.") == []
    (f,) = numbers(source, "All 35 people sent things.")
    assert f.severity == "error" and f.text == "35"


def test_a_figure_taken_into_a_merged_sentence_with_its_own_words_is_not_moved() -> None:
    source = (
        "Net of this adjusting item, earnings per share in the quarter were $6.86. "
        "In the third quarter, Capital One earned $3.1 billion or $6.78 per diluted common share."
    )
    assert (
        numbers(source, "Capital One reported earnings per share of $6.86 in the quarter and earned $3.1 billion.")
        == []
    )
    (f,) = numbers(source, "Capital One earned $3.1 billion or $6.86 per diluted common share in the third quarter.")
    assert f.severity == "error" and "changed figure" in f.message


def test_a_price_per_another_unit_of_the_same_measure_is_an_error() -> None:
    source = "Wholesale power sold for $45 per megawatt-hour on Monday, the grid operator said."
    (f,) = numbers(source, "Wholesale power sold for $45 per kilowatt-hour on Monday.")
    assert f.severity == "error" and "changed unit" in f.message and f.evidence_relation == "contradicts"
    assert numbers(source, "Wholesale power sold for $45 per megawatt-hour on Monday.") == []
    # the unit or currency written out between the figure and its rate
    worded = "Electricity will cost 45 euros per megawatt-hour under the new contract, the company said."
    (f,) = numbers(worded, "Electricity will cost 45 euros per kilowatt-hour under the new contract.")
    assert "changed unit: the source gives “45” per megawatt-hour, not per kilowatt-hour" in f.message
    assert numbers(worded, "Electricity will cost 45 euros a megawatt-hour under the new contract.") == []


def test_a_figure_that_is_not_in_the_source_shows_its_evidence_as_closest_only() -> None:
    (f,) = numbers(COCAINE, "Officers boarded the vessel after a chase of 40 miles.")
    assert f.text == "40" and f.evidence_relation == "closest"
    (g,) = numbers(INFLATION, "Inflation rose 4.5% in May.")
    assert g.evidence_relation == "contradicts"


def test_a_scale_written_short_in_the_source_is_the_same_figure() -> None:
    source = "James: if we're late we may loose 5 mln bucks ."
    assert numbers(source, "James may lose 5 million dollars if they are late.") == []
    (f,) = numbers(source, "James may lose 6 million dollars if they are late.")
    assert f.severity == "error"
