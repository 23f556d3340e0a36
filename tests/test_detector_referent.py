"""The ``referent`` detector: a hand-made rewrite that puts a fact on the wrong person is flagged, read from
the source's own referent links whatever the rewrite chose."""

from __future__ import annotations

from retold.analyze import analyze
from retold.check import check

TWO_WOMEN = (
    "Maria Lopez won the council seat on Tuesday, defeating Sarah Johnson. "
    "She has served on the City Council since 2019, when she was first elected."
)
SAME_SURNAME = (
    "Rep. John Smith voted against the bill on Monday. His wife, Mary Smith, runs a charity in Ohio. "
    "Smith said the bill would hurt farmers."
)
TWO_DOCTORS = "Dr. Anna Cole treated the patient on Friday. Dr. Mark Reyes ran the tests the next morning."


def test_the_checker_flags_an_assembled_name() -> None:
    source = analyze(TWO_DOCTORS)
    report = check(source, analyze("Dr. Anna Reyes treated the patient on Friday."))
    found = [f for f in report.findings if f.kind == "referent"]
    assert found and found[0].severity == "error" and found[0].evidence_relation == "contradicts"
    assert "Anna Cole" in found[0].message and "Mark Reyes" in found[0].message


def test_the_checker_does_not_flag_a_name_the_source_gives_with_a_title_or_initial() -> None:
    source = analyze("President Joe Biden met Joseph R. Biden Sr.'s biographer in Delaware on Monday.")
    for rewrite in ("Joe Biden met a biographer in Delaware.", "Biden's meeting was in Delaware on Monday."):
        report = check(source, analyze(rewrite))
        assert not [f for f in report.findings if f.kind == "referent"], rewrite


def test_the_checker_warns_when_the_source_does_not_say_who() -> None:
    source = analyze(TWO_WOMEN)
    # "She" is Lopez or Johnson; the likeliest reading (the subject before) is Lopez, so a rewrite that says
    # Johnson is told the source does not settle it, and one that follows the likeliest reading is not
    report = check(source, analyze("Sarah Johnson has served on the City Council since 2019."))
    found = [f for f in report.findings if f.kind == "referent"]
    assert found and found[0].severity == "warning" and "does not say who" in found[0].message
    assert found[0].evidence_relation == "closest"
    report = check(source, analyze("Maria Lopez has served on the City Council since 2019."))
    assert not [f for f in report.findings if f.kind == "referent" and f.severity == "error"]


def test_the_checker_flags_a_name_where_the_source_pronoun_is_someone_else() -> None:
    source = analyze(
        "Amit Gupta said he was ready for the vote. He told reporters the count would be close. "
        "Priya Shah, his rival, declined to comment."
    )
    report = check(source, analyze("Priya Shah told reporters the count would be close."))
    found = [f for f in report.findings if f.kind == "referent" and f.severity == "error"]
    assert found and "Gupta" in found[0].message and found[0].evidence_relation == "contradicts"


def test_the_checker_warns_on_a_full_name_for_a_surname_two_people_share() -> None:
    source = analyze(SAME_SURNAME)
    report = check(source, analyze("Mary Smith said the bill would hurt farmers."))
    found = [f for f in report.findings if f.kind == "referent"]
    assert found and found[0].severity == "warning" and "“Smith”" in found[0].message
    report = check(source, analyze("Smith said the bill would hurt farmers."))
    assert not [f for f in report.findings if f.kind == "referent"]
