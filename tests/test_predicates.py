"""match/predicates: a clause whose predicate no source sentence states with its arguments is an invented claim."""

from __future__ import annotations

from retold.check import check, check_context
from retold.check.match.predicates import unbacked_predicates
from retold.types import Finding

RING = (
    "Police in Manchester arrested five men on Tuesday in connection with a human trafficking ring. "
    "Officers said they had freed 12 women from a house in Salford. "
    "About 40 officers took part in the raids, which followed a two-year investigation."
)


def invented(rewrite: str) -> list[Finding]:
    return [f for f in check(RING, rewrite, hints=True).findings if f.kind == "claim" and "invented claim" in f.message]


def test_a_predicate_the_source_never_states_with_that_figure_is_a_warning() -> None:
    rewrite = "More than 40 women were trafficked by the ring, police said."
    (f,) = invented(rewrite)
    assert f.severity == "warning"
    assert f.text == rewrite
    assert f.evidence, "the closest source sentence is given as evidence"
    (claim,) = unbacked_predicates(check_context(RING, rewrite))
    assert "#40" in claim.arguments  # "more than 40" is read as the number 40
    assert claim.predicate == "trafficked"


def test_a_predicate_stated_in_the_source_in_another_word_form_is_backed() -> None:
    assert invented("Officers freed 12 women from a house in Salford.") == []
    assert invented("Police said 12 women had been freed from a house in Salford.") == []


def test_a_predicate_of_the_same_sense_is_backed() -> None:
    assert invented("Police in Manchester apprehended five men on Tuesday.") == []


def test_a_claim_without_arguments_to_look_for_is_not_read() -> None:
    assert unbacked_predicates(check_context(RING, "They did it.")) == []


def test_the_invented_claim_warning_is_left_out_of_the_default_report() -> None:
    rewrite = "More than 40 women were trafficked by the ring, police said."
    shown = check(RING, rewrite, hints=True)
    default = check(RING, rewrite)
    assert [f for f in shown.findings if "invented claim" in f.message]
    assert not [f for f in default.findings if "invented claim" in f.message]
    assert shown.score == default.score
