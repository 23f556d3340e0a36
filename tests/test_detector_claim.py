"""claim: unsupported sentences are warnings (errors with an invented name, number or date); flips are errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from retold.check import check
from retold.ingest import from_text
from retold.types import Finding

SOURCE = (Path(__file__).resolve().parent.parent / "examples" / "nato-ukraine.txt").read_text(encoding="utf-8")
CLEAN = from_text(SOURCE).text  # evidence offsets point into the cleaned article text
PARAPHRASE = """# Ukraine refuses any substitute for NATO membership

Ukraine's foreign minister, Andrii Sybiha, met Lithuania's Gabrielius Landsbergis in Brussels on Tuesday. The two discussed how to move Ukraine's NATO integration forward and how to strengthen Ukrainian forces and air defences against missiles and drones.

NATO Secretary General Mark Rutte said allies agree Ukraine's future is in NATO, but that the focus over the next two days would be on what is "necessary now": making sure military aid reaches Ukraine so that it can negotiate from a position of strength.

The Ukrainian Foreign Ministry said Kyiv would not accept any security guarantees offered as an alternative to full NATO membership. Under the 1994 Budapest Memorandum, Ukraine gave up its Soviet-era nuclear weapons in exchange for security guarantees.

According to Reuters, which cited several diplomats, NATO members are likely to sidestep Ukraine's request to join the alliance.

Source: Kyiv Independent
"""


def claims(rewrite: str) -> list[Finding]:
    return [f for f in check(SOURCE, rewrite).findings if f.kind == "claim"]


def claim_errors(source: str, rewrite: str) -> list[Finding]:
    return [f for f in check(source, rewrite).findings if f.kind == "claim" and f.severity == "error"]


def test_an_invented_consequence_is_a_warning() -> None:
    rewrite = (
        PARAPHRASE + "\nAnalysts fear the decision will deeply anger voters and trigger a long political crisis.\n"
    )
    (f,) = claims(rewrite)
    assert f.severity == "warning" and f.text.startswith("Analysts fear")
    assert rewrite[f.start : f.end] == f.text


def test_an_unsupported_sentence_with_an_invented_name_is_an_error() -> None:
    (f,) = claims("Hungarian officials threatened to veto the plan at a summit in Budapest next spring.")
    assert f.severity == "error" and "“Hungarian”" in f.message and "the source lacks" in f.message


@pytest.mark.parametrize(
    ("planted", "word"),
    [
        (
            "The Ukrainian Foreign Ministry said Ukraine will not refuse security guarantees that substitute NATO membership.",
            "not",
        ),
        (
            "Reuters reported that NATO members are unlikely to sidestep Ukraine's call to join the alliance.",
            "unlikely",
        ),
        ("The pair also spoke about how to weaken Ukrainian forces and air defence systems.", "weaken"),
    ],
)
def test_a_flip_against_the_supporting_sentence_is_an_error(planted: str, word: str) -> None:
    (f,) = claims(planted)
    assert (f.severity, f.text) == ("error", word)
    assert f.evidence and CLEAN[f.evidence[0].start : f.evidence[0].end] == f.evidence[0].text


def test_a_faithful_paraphrase_has_no_claim_findings() -> None:
    assert claims(PARAPHRASE) == []


def test_a_negation_paid_for_by_a_refusing_verb_is_not_a_flip() -> None:
    # "will refuse … guarantees" said as "will not accept … guarantees"; "refused to settle" as "will not settle"
    assert (
        claims(
            "The Ukrainian Foreign Ministry said Ukraine will not accept security guarantees that substitute NATO membership."
        )
        == []
    )
    assert (
        claims(
            "The Ministry said Ukraine refuses to settle for any alternatives or substitutes for full membership in NATO."
        )
        == []
    )


def test_headings_are_not_checked_for_support() -> None:
    assert claims("# A bold new era for the whole continent\n\nSybiha met Landsbergis in Brussels on Tuesday.") == []


def test_a_negated_word_for_its_negated_antonym_is_not_a_flip() -> None:
    # "has not been able" says what "has been unable" says; "has been able" says the opposite
    source = "Moore cannot walk, and he has been unable to receive medical treatment for his illness."
    report = check(source, "Moore has not been able to receive medical treatment for his illness.")
    assert [f for f in report.findings if f.kind == "claim"] == []
    flipped = check(source, "Moore cannot walk, but he has been able to receive medical treatment for his illness.")
    assert any(f.kind == "claim" and f.severity == "error" and f.text == "able" for f in flipped.findings)


@pytest.mark.parametrize(
    ("source", "rewrite", "word"),
    [
        (
            "A man vying to become the next Kentucky governor has legally changed his name to Gatewood Galbraith.",
            "The Kentucky governor hopeful has illegally changed his name to Gatewood Galbraith.",
            "illegally",
        ),
        (
            "That was the scene in a tent outside the Mater Dei Hospital in Valletta, Malta, a chance for citizens "
            "and dignitaries to remember 24 of the migrants killed when their boat sank.",
            "A funeral is held inside the Mater Dei Hospital in Valletta, Malta, for migrants killed in the sinking.",
            "inside",
        ),
        (
            "Did you know that the tea bag was accidentally invented by a New York tea merchant?",
            "The tea bag was intentionally invented by a New York tea merchant.",
            "intentionally",
        ),
        (
            "Scientists in Belgium say all sweet potatoes contain 'foreign DNA' from bacteria.",
            "Belgian scientists say some sweet potatoes hold foreign DNA.",
            "some",
        ),
    ],
)
def test_an_opposite_in_a_reworded_sentence_is_an_error(source: str, rewrite: str, word: str) -> None:
    found = claim_errors(source, rewrite)
    assert [f.text for f in found] == [word]
    assert "opposite meaning" in found[0].message


def test_an_adverb_and_its_own_adjective_are_not_opposites() -> None:
    source = "Officials said the vote was held legally and the result was final."
    rewrite = "Officials said the vote was legal and the result final."
    assert [f for f in check(source, rewrite).findings if f.kind == "claim"] == []


@pytest.mark.parametrize(
    ("source", "rewrite", "word"),
    [
        (
            "Judy Murray dazzled at her son Andy's wedding, wearing a belted dress-coat.",
            "Judy Murray wore a belted dress-coat to her daughter Andy's wedding.",
            "daughter",
        ),
        (
            "The Italy striker celebrates after netting the opener in Tuesday's 1-1 friendly draw with England.",
            "The Italy defender celebrates after netting the opener in the friendly draw with England.",
            "defender",
        ),
        (
            "The company's shares fell sharply last month after the chairman resigned.",
            "The company's shares fell sharply last year after the chairman resigned.",
            "year",
        ),
    ],
)
def test_another_member_of_a_closed_class_is_a_changed_word(source: str, rewrite: str, word: str) -> None:
    found = claim_errors(source, rewrite)
    assert [f.text for f in found] == [word]
    assert "changed word" in found[0].message


@pytest.mark.parametrize(
    ("source", "rewrite"),
    [
        # The same marriage said from the other side.
        (
            "Bonnie Freundel has been living with the shame of her husband Barry, a rabbi in Washington.",
            "Bonnie Freundel is the wife of Barry, a rabbi in Washington.",
        ),
        # "the day" is an occasion here, not a length of time.
        (
            "Murray has left most of the planning of the big week to his fiancee Kim Sears.",
            "Murray has left the planning of the day to his fiancee Kim Sears.",
        ),
    ],
)
def test_a_converse_relation_or_an_occasion_is_not_a_changed_word(source: str, rewrite: str) -> None:
    assert claim_errors(source, rewrite) == []


def test_cannot_help_but_is_not_a_negation() -> None:
    from retold.check import check

    source = "As a sales representative, I cannot help but notice that your company has grown quickly."
    report = check(source, "The sales representative notices that the company has grown quickly.")
    assert not [f for f in report.findings if f.kind == "claim" and "negation" in f.message]


def test_a_not_before_the_verbs_subject_does_not_negate_it() -> None:
    from retold.check import check

    source = "You can make some side money as they send you sponsorship and one not so I highly recommend this app."
    report = check(source, "The speaker highly recommends this app for side money.")
    assert not [f for f in report.findings if f.kind == "claim" and f.severity == "error"]
    flipped = check(
        "I highly recommend this app for making side money.", "I do not recommend this app for making side money."
    )
    assert [f for f in flipped.findings if f.kind == "claim" and f.severity == "error" and "negation" in f.message]


def _claim_errors(source: str, rewrite: str) -> list:
    from retold.check import check

    return [f for f in check(source, rewrite).findings if f.kind == "claim" and f.severity == "error"]


def test_a_negation_inside_reported_speech_is_compared() -> None:
    source = (
        "The spear was found near the river in 2019. Researchers note it was not used for hunting, but for fishing."
    )
    (f,) = _claim_errors(source, "The spear was found near the river in 2019. It was used for hunting.")
    assert "negation" in f.message and f.evidence_relation == "contradicts"
    assert _claim_errors(source, "The spear was found near the river in 2019. It was not used for hunting.") == []


def test_a_verb_whose_wordnet_antonym_shares_a_sense_is_an_opposite() -> None:
    source = "All 12 crew members survived the crash of the cargo plane near Lagos on Monday, officials said."
    (f,) = _claim_errors(source, "All 12 crew members perished in the crash of the cargo plane near Lagos on Monday.")
    assert f.text == "perished" and "survive" in f.message
    assert (
        _claim_errors(source, "All 12 crew members lived through the crash of the cargo plane near Lagos on Monday.")
        == []
    )


def test_an_aim_is_not_a_negation_flip_of_what_did_not_happen() -> None:
    source = "Reporters could not get hold of the mayor on Tuesday. The council met without him."
    assert not [
        f
        for f in _claim_errors(source, "Reporters tried to get hold of the mayor on Tuesday.")
        if "negation" in f.message
    ]
    (f,) = [f for f in _claim_errors(source, "Reporters got hold of the mayor on Tuesday.") if "negation" in f.message]
    assert f.severity == "error"


def test_a_compound_negation_is_not_a_flip() -> None:
    source = "The museum showed details of the painting that had never been seen before, curators said."
    assert _claim_errors(source, "The museum showed never-before-seen details of the painting, curators said.") == []
    flipped = _claim_errors(
        "The museum showed details of the painting that had been seen before, curators said.",
        "The museum showed details of the painting that had never been seen before, curators said.",
    )
    assert flipped and "negation" in flipped[0].message


def test_a_headings_dont_is_not_a_negation_flip() -> None:
    source = "Officials say residents should panic about the water supply. The reservoir holds 9 days of water."
    for heading in ("## Why officials say don't panic", "What You Don't Need to Worry About"):
        rewrite = f"{heading}\n\nThe reservoir holds 9 days of water."
        assert not [f for f in _claim_errors(source, rewrite) if "negation" in f.message]
