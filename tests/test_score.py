"""score: exp(−Σ evidence of unfaithfulness); paraphrase costs little, a planted error much."""

from __future__ import annotations

import math

import pytest

from retold.analyze import analyze
from retold.check import check, run_detectors
from retold.check.align import align
from retold.check.context import CheckContext
from retold.check.score import breakdown, faithfulness
from retold.ingest import from_text

ARTICLE = (
    "Mary Doyle Keefe, the model for Norman Rockwell's painting Rosie the Riveter, has died in Connecticut. "
    "She was 92 and had been ill for a short time, her daughter said on Wednesday. "
    "As a 19-year-old telephone operator, Keefe posed for the painting in 1943. "
    "Rockwell paid her $10 for two mornings of modelling. "
    "The painting was sold at auction in 2002 for nearly $5 million. "
    "Rockwell died in 1978 at his home in Stockbridge, Massachusetts."
)
SUMMARY = (
    "Mary Doyle Keefe, who modelled for Rockwell's Rosie the Riveter, has died aged 92. "
    "She posed for the painting in 1943 as a telephone operator. "
    "Rockwell paid her $10 for two mornings of work."
)


def context(rewrite: str) -> CheckContext:
    source = analyze(from_text(ARTICLE))
    facts = analyze(rewrite)
    return CheckContext(source=source, rewrite=facts, alignment=align(source, facts))


def test_the_score_is_exp_of_minus_the_evidence() -> None:
    ctx = context(SUMMARY.replace("$10", "$50"))
    findings = run_detectors(ctx)
    evidence = breakdown(ctx, findings)
    assert evidence.findings > 0
    assert faithfulness(ctx, findings) == round(math.exp(-evidence.total), 4)


@pytest.mark.parametrize(
    "planted",
    [
        SUMMARY.replace("$10", "$50"),  # extrinsic number
        SUMMARY.replace("in 1943", "in 1978"),  # intrinsic date
        SUMMARY.replace("Rockwell paid", "Keefe paid"),  # intrinsic name
        SUMMARY.replace("Rockwell paid", "Picasso paid"),  # extrinsic name
        SUMMARY.replace("She posed", "He posed"),  # coreference
        SUMMARY.replace("has died", "has not died"),  # negation
    ],
)
def test_a_planted_twin_scores_below_its_faithful_original(planted: str) -> None:
    assert check(ARTICLE, planted).score < check(ARTICLE, SUMMARY).score


def test_a_paraphrased_verb_costs_less_than_an_invented_name() -> None:
    paraphrased = check(ARTICLE, SUMMARY.replace("posed for", "sat for"))
    invented = check(ARTICLE, SUMMARY.replace("telephone operator", "Boeing operator"))
    assert invented.score < paraphrased.score < 1.0


def test_a_faithful_abstractive_summary_keeps_a_high_score() -> None:
    assert check(ARTICLE, SUMMARY).score > 0.6
