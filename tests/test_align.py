"""Alignment: each rewrite sentence meets the source sentences that support it, with a 0–1 score."""

from __future__ import annotations

from pathlib import Path

import pytest

from retold.analyze import analyze
from retold.check.align import align, coverage, profiles, stem, weights
from retold.ingest import from_text
from retold.types import FactSheet

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "nato-ukraine.txt"


@pytest.fixture(scope="module")
def source() -> FactSheet:
    return analyze(from_text(EXAMPLE.read_text(encoding="utf-8")))


def source_id(source: FactSheet, fragment: str) -> int:
    return next(s.id for s in source.sentences if fragment in s.text)


def best(source: FactSheet, rewrite: str) -> list[tuple[int, float]]:
    alignment = align(source, analyze(rewrite))
    return [(s.sentence, s.score) for s in alignment[0].support]


def test_one_alignment_per_rewrite_sentence_best_first(source: FactSheet) -> None:
    rewrite = analyze(
        "The pair spoke about air defence.\n\nIt will take weeks and months to get consensus, a diplomat said."
    )
    alignment = align(source, rewrite)
    assert [a.sentence for a in alignment] == [s.id for s in rewrite.sentences]
    for a in alignment:
        scores = [s.score for s in a.support]
        assert scores == sorted(scores, reverse=True)
        assert all(0 < s <= 1 for s in scores) and len(scores) <= 3


def test_a_paraphrase_meets_its_source_sentence(source: FactSheet) -> None:
    support = best(
        source, "Reuters, citing several diplomats, said NATO members will probably sidestep Ukraine's call to join."
    )
    assert support[0][0] == source_id(source, "Citing multiple diplomats Reuters reported")
    assert support[0][1] > 0.6


def test_a_verbatim_sentence_scores_near_one(source: FactSheet) -> None:
    sentence = (
        "The pair also spoke about how to strengthen Ukrainian forces and air defence systems from missiles and drones."
    )
    support = best(source, sentence)
    assert support[0] == (source_id(source, "The pair also spoke"), 1.0)


def test_an_unrelated_sentence_finds_little_support(source: FactSheet) -> None:
    support = best(source, "The recipe calls for flour, butter and a pinch of salt.")
    assert not support or support[0][1] < 0.2


def test_demonym_meets_its_country_through_the_stem(source: FactSheet) -> None:
    assert stem("ukrainian") == stem("ukraine") == "ukrain"
    assert stem("austria") != stem("australia")


def test_rare_words_weigh_more_than_common_ones(source: FactSheet) -> None:
    rarity = weights(profiles(source))
    assert rarity["budapest"] > rarity["nato"]
    assert rarity[""] >= rarity["budapest"]  # a word the source never uses weighs the most


def test_coverage_aggregates_several_source_sentences(source: FactSheet) -> None:
    rewrite = analyze("Sybiha met Landsbergis in Brussels, and the pair spoke about missiles and drones.")
    words = profiles(rewrite)[0].words
    src = profiles(source)
    first = src[source_id(source, "Minister of Foreign Affairs of Ukraine")]
    second = src[source_id(source, "The pair also spoke")]
    rarity = weights(src)
    assert coverage(words, [first, second], rarity) > max(
        coverage(words, [first], rarity), coverage(words, [second], rarity)
    )
    assert coverage(words, [first, second], rarity) > 0.8
