"""entity / entity-form: invented or swapped names are errors, misspellings warnings; the matching rules forgive form."""

from __future__ import annotations

from pathlib import Path

import pytest

from retold.check import check
from retold.ingest import from_text
from retold.types import Finding

SOURCE = (Path(__file__).resolve().parent.parent / "examples" / "nato-ukraine.txt").read_text(encoding="utf-8")
CLEAN = from_text(SOURCE).text  # evidence offsets point into the cleaned article text
BASE = "Ukraine's Foreign Minister Andriy Sybiha met his Lithuanian counterpart Gabrielius Landsbergis in Brussels on Tuesday."


def names(rewrite: str) -> list[Finding]:
    return [f for f in check(SOURCE, rewrite).findings if f.kind in ("entity", "entity-form")]


@pytest.mark.parametrize(
    ("planted", "wrong"),
    [
        (BASE.replace("Lithuanian", "Latvian"), "Latvian"),  # a look-alike neighbour
        (BASE.replace("Brussels", "Vienna"), "Vienna"),
        (BASE.replace("Ukraine's", "Austria's"), "Austria"),
        (BASE.replace("on Tuesday", "on Tuesday to advance Ukraine's EU integration"), "EU"),  # a wrong acronym
        (BASE.replace("in Brussels", "and Boris Johnson in Brussels"), "Boris Johnson"),
    ],
)
def test_names_the_source_never_mentions_are_errors(planted: str, wrong: str) -> None:
    found = names(planted)
    assert [(f.kind, f.severity) for f in found] == [("entity", "error")]
    f = found[0]
    assert wrong in f.text and planted[f.start : f.end] == f.text
    assert f.evidence and "Landsbergis" in f.evidence[0].text  # the aligned source sentence
    assert CLEAN.count(f.evidence[0].text) == 1


def test_a_misspelt_name_is_a_warning_pointing_at_the_source_form() -> None:
    (f,) = names(BASE.replace("Landsbergis", "Landsbergas"))
    assert (f.kind, f.severity) == ("entity-form", "warning")
    assert "Landsbergis" in f.message
    assert f.evidence[0].text == "Gabrielius Landsbergis"


def test_a_mis_cased_acronym_is_a_warning() -> None:
    (f,) = names(BASE + " The meeting was about Nato integration.")
    assert (f.kind, f.text) == ("entity-form", "Nato")
    assert "NATO" in f.message


@pytest.mark.parametrize(
    "faithful",
    [
        BASE,
        "Ukrainian Foreign Minister Andrii Sybiha met Lithuania's Gabrielius Landsbergis in Brussels.",  # spelling, demonym
        "Sybiha thanked Landsbergis for rallying support for Ukraine.",  # surnames
        "The North Atlantic Treaty Organization is unlikely to invite Ukraine soon, Reuters reported.",  # expansion
        "Mark Rutte, NATO's Secretary General, said the future of Ukraine is in NATO.",  # possessive
        "The Ukrainians gave up their Soviet-era nuclear weapons under the Budapest Memorandum.",  # plural demonym
        "# Ukraine's NATO Bid\n\nThe Kyiv Independent reported the ministry's statement.",  # heading in title case
    ],
)
def test_faithful_forms_of_source_names_are_not_flagged(faithful: str) -> None:
    assert names(faithful) == []


def errors(source: str, rewrite: str) -> list[Finding]:
    return [f for f in check(source, rewrite).findings if f.kind == "entity" and f.severity == "error"]


def test_a_leading_title_is_not_part_of_the_name() -> None:
    source = "Senator Elizabeth Warren criticised the trade deal, and Ian Lambert, the principal, agreed."
    assert errors(source, "Sen. Elizabeth Warren criticised the deal. Dr Ian Lambert agreed.") == []
    (f,) = errors(source, "Sen. Elizabeth Warren criticised the deal. Dr Ian Fraser agreed.")
    assert "Fraser" in f.text


def test_short_forms_of_source_words_are_known() -> None:
    source = "Manchester United have offered £21.5million for Hummels. Her husband Robert, 30, is a builder."
    assert errors(source, "Man Utd have offered £21.5million for Hummels. Her husband Rob is a builder.") == []
    (f,) = errors(source, "Man City have offered £21.5million for Hummels.")
    assert f.text == "Man City"


def test_initials_match_the_words_they_stand_for() -> None:
    source = "New Zealand police were satisfied. Students could skip their HSC and go to university."
    rewrite = "NZ Police were satisfied. Students could skip the Higher School Certificate."
    assert errors(source, rewrite) == []
    (f,) = errors(source, "NZ Police were satisfied. Students could skip their GCSE.")
    assert f.text == "GCSE"


def test_a_swap_of_two_letters_is_a_misspelling_of_a_word_of_a_source_name() -> None:
    source = "Williams helped England win the Tokyo Sevens earlier this month."
    found = [f for f in check(source, "Williams helped England win in Toyko.").findings if f.kind.startswith("entity")]
    assert [(f.kind, f.severity, f.text) for f in found] == [("entity-form", "warning", "Toyko")]
    (f,) = errors(source, "Williams helped England win in Kyoto.")
    assert f.text == "Kyoto"


def test_a_demonym_of_a_place_the_source_names_is_known() -> None:
    source = "A man from Texas and a woman from London were arrested in Paris on Friday."
    assert errors(source, "A Texan and a Londoner were arrested in Paris on Friday.") == []
    (f,) = errors(source, "A Texan and an Austrian were arrested in Paris on Friday.")
    assert f.text == "Austrian"


def test_a_mixed_case_abbreviation_of_a_source_phrase_is_known() -> None:
    from retold.check import check

    source = (
        "Organic revenues in the second quarter were up 19% year-over-year. Conditions remain uncertain due to COVID."
    )
    found = [
        f
        for f in check(source, "Revenues were up 19% YoY, and COVID-19 keeps conditions uncertain.").findings
        if f.kind == "entity" and f.severity == "error"
    ]
    assert found == []
    invented = [
        f
        for f in check(source, "Revenues were up 19% QoQ at Acme Corp.").findings
        if f.kind == "entity" and f.severity == "error"
    ]
    assert {f.text for f in invented} >= {"Acme Corp."} or {f.text for f in invented} >= {"Acme Corp"}


def test_a_rewrites_own_title_cased_headings_are_not_names() -> None:
    from retold.check import check

    source = "The council voted 7-2 to raise bus fares by 10% from June. Mayor Ann Cole said the city had no choice."
    rewrite = "Current State of Affairs\n\nThe council voted 7-2 to raise fares.\n\nTakeaway\n\nFares rise in June."
    assert [f for f in check(source, rewrite).findings if f.kind == "entity"] == []
    invented = check(source, "Why Latvia Objects\n\nLatvia objects. The council voted 7-2 to raise fares.")
    assert {f.text for f in invented.findings if f.kind == "entity" and f.severity == "error"} == {"Latvia"}


def test_a_surname_written_in_lower_case_is_a_miscased_name_not_a_missing_person() -> None:
    from retold.check import check

    source = "Mayor Ann Cole said the city had no choice. Cole said fares would rise by 10% in June."
    report = check(source, "Mayor Ann cole said the city had no choice.")
    forms = [f for f in report.findings if f.kind == "entity-form"]
    assert [(f.text, f.severity) for f in forms] == [("cole", "warning")] and "Cole" in forms[0].message
    assert not [
        f for f in check(source, "Mayor Ann Cole said the city had no choice.").findings if f.kind == "entity-form"
    ]


def test_a_title_case_headline_is_judged_by_the_names_it_holds_in_sentence_case() -> None:
    from retold.check import check

    source = (
        "The museum is receiving help in the form of 15 million euros from LVMH, the luxury conglomerate led by "
        "French billionaire Bernard Arnault. The Louvre wants to buy a painting by Jean Siméon Chardin."
    )
    body = "\n\nLVMH is giving the Louvre 15 million euros toward a painting by Chardin."

    def invented(headline: str) -> list[str]:
        found = check(source, f"# {headline}{body}").findings
        return [f.text for f in found if f.kind in ("entity", "number") and f.severity == "error"]

    # the parser reads "LVMH Pledges" as one name; "€15 Million" is the source's 15 million euros
    assert invented("LVMH Pledges €15 Million to Help the Louvre Buy a Chardin") == []
    assert invented("Bernard Arnault Gives the Louvre a Boost") == []
    # a name no sentence of the source gives, which the parser missed in the capitals, is still caught
    assert invented("Gucci Pledges €15 Million to Help the Louvre Buy a Chardin") == ["Gucci"]
    assert invented("LVMH Pledges €15 Million to Help the Prado Buy a Chardin") == ["Prado"]
    assert invented("Francois Pinault Gives the Louvre a Boost") == ["Francois Pinault"]
    # function words no dictionary of names or things lists are words, not names
    assert invented("What Happens Next for LVMH and the Louvre") == []
    assert invented("It's Not Over Yet: How LVMH Helps the Louvre") == []
