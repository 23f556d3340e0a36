"""roles: who said a reworded claim, who holds a role, and doer/object exchanged under a reworded verb."""

from __future__ import annotations

from retold.check import check
from retold.types import Finding

RING = (
    "Police in Manchester arrested five men on Tuesday in connection with a human trafficking ring. "
    "Han Lee, 45, is the alleged ringleader, detectives said. His brother James Lee, 41, was also charged. "
    "Officers said they had freed 12 women from a house in Salford."
)
VACCINE = (
    "Dr Anthony Fauci said the vaccine would be available to most Americans by April. "
    "Vice President Mike Pence praised the work of the task force on Monday."
)
MATCH = "Arsenal beat Chelsea 2-1 at the Emirates on Saturday. The win lifted Arsenal to third in the table."
KITCHEN = "The prison's contractors accused the prisoners of damaging the new kitchen. An inquiry is under way."
FIRED = "The company fired chief executive Tom Brown in March after an audit. Shares rose 4%."


def errors(source: str, rewrite: str) -> list[Finding]:
    return [f for f in check(source, rewrite).findings if f.severity == "error"]


def test_a_role_the_source_gives_another_person_is_a_wrong_person() -> None:
    rewrite = "Detectives said James Lee was the alleged ringleader."
    (f,) = errors(RING, rewrite)
    assert (f.kind, f.text) == ("entity", "James Lee")
    assert "Han Lee" in f.message and "ringleader" in f.message
    assert f.evidence[0].text == "Han Lee, 45, is the alleged ringleader"


def test_a_role_as_an_apposition_is_read_too() -> None:
    (f,) = errors(RING, "The ringleader, James Lee, ran the ring from Salford, detectives said.")
    assert (f.kind, f.text) == ("entity", "James Lee")


def test_the_role_given_to_its_holder_in_other_words_passes() -> None:
    assert errors(RING, "Detectives named Han Lee as the alleged ringleader.") == []
    assert errors(RING, "Han Lee, the alleged ringleader, was arrested in Manchester.") == []


def test_a_reworded_claim_credited_to_another_person_of_the_source_is_misattributed() -> None:
    rewrite = "Pence said most Americans could get the vaccine by April."
    (f,) = errors(VACCINE, rewrite)
    assert (f.kind, f.text) == ("attribution", "Pence")
    assert "Anthony Fauci" in f.message
    assert f.evidence[0].text == "Anthony Fauci"


def test_the_same_claim_credited_to_its_speaker_in_other_words_passes() -> None:
    assert errors(VACCINE, "Fauci warned that most Americans could get the vaccine by April.") == []
    assert (
        errors(
            VACCINE,
            "Pence praised the task force's work, and Fauci said the vaccine would reach most Americans by April.",
        )
        == []
    )


def test_doer_and_object_exchanged_under_a_verb_of_the_same_sense() -> None:
    (f,) = errors(MATCH, "Chelsea defeated Arsenal 2-1 at the Emirates on Saturday.")
    assert (f.kind, f.text) == ("claim", "Chelsea defeated Arsenal 2-1")
    (f,) = errors(KITCHEN, "The prisoners blamed the prison's contractors for damage to the new kitchen.")
    assert f.kind == "claim" and "turned around" in f.message


def test_the_same_roles_in_other_words_pass() -> None:
    assert errors(MATCH, "Chelsea were defeated by Arsenal 2-1 on Saturday.") == []
    assert errors(MATCH, "Chelsea lost to Arsenal 2-1 on Saturday.") == []
    assert errors(KITCHEN, "The prisoners were blamed by the contractors for damage to the new kitchen.") == []


def test_passive_and_active_are_read_as_one() -> None:
    assert errors(FIRED, "Tom Brown was dismissed by the company in March after an audit.") == []
    (f,) = errors(FIRED, "The company was dismissed by Tom Brown in March after an audit.")
    assert f.kind == "claim" and "turned around" in f.message


def test_a_symmetric_verb_is_never_a_swap() -> None:
    source = "Foreign Minister Andrii Sybiha met Mark Rutte in Brussels on Tuesday. They discussed air defence."
    assert errors(source, "Mark Rutte met Foreign Minister Andrii Sybiha in Brussels on Tuesday.") == []


TATE = (
    "A Romanian court extended Andrew Tate's detention for another 30 days on Tuesday. "
    "Tate was arrested in December with his brother Tristan and two Romanian women."
)


def test_a_relative_the_article_never_mentions_is_a_wrong_person() -> None:
    (f,) = errors(TATE, "Andrew Tate and his sister were arrested in December.")
    assert (f.kind, f.text) == ("entity", "sister")
    assert f.evidence[0].text == "brother"


def test_the_relative_the_article_names_passes() -> None:
    assert errors(TATE, "Andrew Tate and his brother Tristan were arrested in December.") == []


TRIP = (
    "The lawmakers met Ukrainian Prosecutor General Andriy Kostin in Bucha on Tuesday. "
    "They also met President Volodymyr Zelenskyy before a press conference in Kyiv. "
    "Ozy Media's chief executive Carlos Watson was arrested on fraud charges."
)


def test_an_office_the_article_never_names_is_a_wrong_person() -> None:
    (f,) = errors(TRIP, "The lawmakers met the Ukrainian prime minister and President Zelenskyy in Kyiv.")
    assert (f.kind, f.text) == ("entity", "prime minister")
    assert f.evidence, "the supporting sentence is the evidence"


def test_an_office_the_article_names_another_way_passes() -> None:
    assert errors(TRIP, "Ozy Media CEO Carlos Watson was arrested on fraud charges.") == []
    assert errors(TRIP, "The lawmakers met the Ukrainian prosecutor general, Andriy Kostin, in Bucha on Tuesday.") == []


def test_an_office_in_the_plural_or_inside_a_name_is_nobody_in_particular() -> None:
    source = "Arsenal beat Chelsea 2-1 at the Emirates on Saturday. Police arrested two fans after the match."
    found = errors(source, "Prosecutors said Arsenal beat Chelsea 2-1 in the Premier League on Saturday.")
    assert [f.text for f in found if "office" in f.message] == []


def test_a_named_persons_title_is_checked_against_the_titles_the_source_gives_them() -> None:
    from retold.check import check

    source = (
        "Acme Corp president Jane Miller said the company would cut 200 jobs. "
        "Chief financial officer Tom Reed said costs rose 5%."
    )
    wrong = [
        f
        for f in check(source, "Acme CFO Jane Miller said the company would cut 200 jobs.").findings
        if f.kind == "entity" and f.severity == "error"
    ]
    assert [f.text for f in wrong] == ["Jane Miller"] and "wrong title" in wrong[0].message
    assert wrong[0].evidence_relation == "contradicts"
    right = check(source, "Acme president Jane Miller said the company would cut 200 jobs.")
    assert not [f for f in right.findings if "title" in f.message]


def test_a_title_the_source_gives_in_apposition_is_checked_too() -> None:
    from retold.check import check

    source = (
        "Acme Corp said on Tuesday that profits rose 12 percent. Jane Miller, Acme's president, said the deal "
        "would close in May. The company's chief financial officer, Tom Reed, said costs rose by 4 percent."
    )

    def wrong_titles(rewrite: str) -> list[str]:
        return [f.text for f in check(source, rewrite).findings if f.severity == "error" and "wrong title" in f.message]

    assert wrong_titles("Jane Miller, Acme's chief financial officer, said the deal would close in May.") == [
        "Jane Miller"
    ]
    assert wrong_titles("Acme's president, Tom Reed, said costs rose by 4 percent.") == ["Tom Reed"]
    assert wrong_titles("Acme president Jane Miller said the deal would close in May.") == []
    assert wrong_titles("Chief financial officer Tom Reed said costs rose by 4 percent.") == []


def test_title_offices_compare_by_office_not_by_words() -> None:
    from retold.check.match.titles import offices

    assert offices("Acme's chief financial officer") == offices("CFO") == {"cfo"}
    assert offices("chief executive") == {"ceo"} and offices("vice president") == {"vice president"}


def test_a_title_at_another_organisation_is_a_wrong_title() -> None:
    from retold.check import check

    source = (
        "Nasa released satellite images on Monday. “Fire activity is well above average,” said Mark Parrington, "
        "a senior scientist working on wildfire emissions at the European Centre for Medium-Range Weather Forecasts."
    )

    def wrong(rewrite: str) -> list[str]:
        return [f.text for f in check(source, rewrite).findings if f.severity == "error" and "wrong title" in f.message]

    assert wrong("Mark Parrington, a senior scientist at Nasa, said fire activity was well above average.") == [
        "Mark Parrington"
    ]
    # the same body, whole or in part, is no other employer
    assert (
        wrong("Mark Parrington, a senior scientist at the European Centre, said fire activity was above average.") == []
    )
    assert wrong("Mark Parrington, a scientist, said fire activity was well above average on Monday.") == []
