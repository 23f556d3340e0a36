"""Real paraphrase: faithful rewordings raise no error, and the changes that rewordings hide are still caught."""

from __future__ import annotations

from retold.check import check
from retold.types import Finding


def errors(source: str, rewrite: str) -> list[Finding]:
    return [f for f in check(source, rewrite).findings if f.severity == "error"]


INQUIRY = (
    "Hundreds of schoolgirls have fallen sick in the city of Qom in recent months, officials said on Monday. "
    "The authorities, which have launched an investigation into the wave of illnesses, have not found any "
    "evidence of poison. None of the staff were charged."
)


def test_a_negation_moved_onto_the_object_is_not_a_flip() -> None:
    rewrite = "The authorities, which have launched an investigation, have found no evidence of poison."
    assert errors(INQUIRY, rewrite) == []


def test_a_negative_subject_reads_as_the_negated_verb() -> None:
    assert errors(INQUIRY, "The staff have not been charged.") == []


def test_a_dropped_negation_is_still_a_flip() -> None:
    rewrite = "The authorities, which have launched an investigation, have found evidence of poison."
    (f,) = [f for f in errors(INQUIRY, rewrite) if f.kind == "claim"]
    assert "not" in f.message or "negation" in f.message


def test_a_time_unit_that_measures_nothing_is_not_a_changed_fact() -> None:
    rewrite = "Hundreds of schoolgirls have fallen sick in the city of Qom in recent weeks, officials said on Monday."
    assert errors(INQUIRY, rewrite) == []


FLU = (
    "Avian influenza was not deemed to be a threat to humans until a 1997 outbreak in Hong Kong. "
    "In total, 870 people worldwide have been infected, and 457 deaths have been reported in 21 countries. "
    "But in the last seven years, the pace has slowed, with only around 170 infections and 50 deaths."
)


def test_a_figure_counts_its_noun_said_as_a_verb() -> None:
    rewrite = "Since then, around 870 infections have been reported worldwide, with 457 deaths in 21 countries."
    assert errors(FLU, rewrite) == []


TATE = (
    "A court on Tuesday agreed to extend Andrew Tate's detention for another 30 days. "
    "On Jan. 20, a judge rejected his appeal."
)


def test_a_figure_is_not_found_inside_a_date() -> None:
    (f,) = errors(TATE, "A court ordered Andrew Tate to spend another 20 days in detention.")
    assert f.kind == "number" and f.text == "20" and "30" in f.message


def test_a_figure_is_not_found_inside_another_amount() -> None:
    source = "The company guided for sales of $5bn in 2023."
    (f,) = errors(source, "The company guided for sales of $5mn in 2023.")
    assert f.kind == "number" and f.text == "$5mn"


PAINT = (
    "Activists in London dumped gallons of yellow and blue paint in front of the Russian embassy on Thursday "
    "morning. The protest comes on the eve of the one-year anniversary of Russia's invasion of Ukraine."
)


def test_a_colour_the_article_never_uses_is_caught_in_a_rewording() -> None:
    rewrite = "Activists in London poured gallons of yellow and white paint outside the Russian embassy on the eve."
    (f,) = [f for f in errors(PAINT, rewrite) if f.kind == "claim"]
    assert f.text == "white" and "blue" in f.message


def test_a_time_of_day_in_a_rewording_is_not_an_error() -> None:
    rewrite = "On the evening before the anniversary, activists poured yellow and blue paint outside the embassy."
    assert [f for f in errors(PAINT, rewrite) if f.kind == "claim"] == []


def test_a_class_word_inside_a_compound_is_read() -> None:
    source = "Hundreds of schoolgirls have fallen sick in the city of Qom in recent months, officials said."
    rewrite = "Hundreds of boys have fallen sick in the city of Qom in recent months, officials said."
    (f,) = [f for f in errors(source, rewrite) if f.kind == "claim"]
    assert f.text == "boys" and "girl" in f.message


def test_a_name_swap_without_a_quotation_is_not_called_a_misattributed_quote() -> None:
    source = "Lewis Hamilton said the car felt fast in practice on Friday. Max Verstappen finished second."
    rewrite = "Max Verstappen said the car felt fast in practice on Friday."
    found = [f for f in errors(source, rewrite) if f.text == "Max Verstappen"]
    assert found and all(f.kind != "attribution" and "quote" not in f.message for f in found)


def test_omission_notes_skip_a_number_inside_a_name_and_a_title_in_quotation_marks() -> None:
    source = (
        "Covid-19 cases rose in the city last week, officials said. "
        'The film "The Last Of The Great Summer Days In Town" opened in 120 cinemas on Friday.'
    )
    notes = [f.message for f in check(source, "Cases rose in the city.").findings if f.kind == "omission"]
    assert not any("“19”" in n for n in notes)
    assert not any("key quote" in n for n in notes)


def test_a_nil_score_matches_a_goalless_draw() -> None:
    assert (
        errors("Chelsea and Arsenal played out a goalless draw on Sunday.", "Chelsea and Arsenal drew 0-0 on Sunday.")
        == []
    )
    (f,) = [f for f in errors("Chelsea and Arsenal drew 2-2 on Sunday.", "Chelsea and Arsenal drew 0-0 on Sunday.")][:1]
    assert f.kind == "number"


PROTEST = "Activists dumped paint in front of the Russian embassy on Thursday morning. The protest drew a crowd."


def test_a_weekday_resolved_against_the_publication_date_backs_its_calendar_day() -> None:
    import datetime as dt

    rewrite = "Activists dumped paint in front of the Russian embassy on February 23."
    assert [f for f in check(PROTEST, rewrite, published=dt.date(2023, 2, 24)).findings if f.kind == "date"] == []
    # Without the publication date nothing anchors "Thursday": a calendar day the source never gives is invented.
    (f,) = [f for f in check(PROTEST, rewrite).findings if f.kind == "date"]
    assert f.severity == "error" and "Thursday" in f.message


def test_a_relative_date_with_a_publication_date_does_not_ask_for_one() -> None:
    import datetime as dt

    report = check(PROTEST, "Next week the activists will protest again.", published=dt.date(2023, 2, 24))
    (f,) = [f for f in report.findings if f.kind == "date"]
    assert f.severity == "warning" and "without the publication date" not in f.message


def test_a_calendar_day_is_read_against_the_weekday_in_the_year_the_source_gives() -> None:
    source = PROTEST + " The invasion began on Feb. 24, 2022, and the war goes on in 2023."
    assert [
        f
        for f in check(source, "Activists dumped paint outside the embassy on February 23.").findings
        if f.kind == "date" and f.severity == "error"
    ] == []  # 23 February 2023 was a Thursday
    (f,) = [
        f
        for f in check(source, "Activists dumped paint outside the Russian embassy on February 21.").findings
        if f.kind == "date" and f.severity == "error"
    ]
    assert "Tuesday" in f.message and "Thursday" in f.message
