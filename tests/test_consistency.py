"""consistency: a rewrite sentence whose facts stand in its aligned source sentences scores above a planted swap."""

from __future__ import annotations

import sys
from pathlib import Path

from retold.analyze import analyze
from retold.check.align import align
from retold.check.consistency import SentenceSignals, sentence_signals
from retold.check.context import CheckContext
from retold.ingest import from_text

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # bench/ sits beside src/, outside the installed package
    sys.path.insert(0, str(ROOT))

from bench.consistency_weights import SIGNAL_NAMES, consistency_value, sentence_consistency  # noqa: E402

ARTICLE = (
    "Mary Doyle Keefe, the model for Norman Rockwell's painting Rosie the Riveter, has died in Connecticut. "
    "She was 92 and had been ill for a short time, her daughter said on Wednesday. "
    "As a 19-year-old telephone operator, Keefe posed for the painting in 1943. "
    "Rockwell paid her $10 for two mornings of modelling. "
    "The portrait appeared on the cover of the Saturday Evening Post on May 29, 1943. "
    "It became a symbol of the women who worked in factories during World War II. "
    "The painting was sold at auction in 2002 for nearly $5 million. "
    "A museum in Arkansas now owns the work and shows it to visitors. "
    "Keefe later married Robert Keefe and had four children. "
    "The family moved to Simsbury, where she lived for most of her life. "
    "She said she never thought of herself as famous. "
    "Rockwell died in 1978 at his home in Stockbridge, Massachusetts."
)


def context(rewrite: str) -> CheckContext:
    source = analyze(from_text(ARTICLE))
    facts = analyze(rewrite)
    return CheckContext(source=source, rewrite=facts, alignment=align(source, facts))


def test_one_value_per_rewrite_sentence_each_between_zero_and_one() -> None:
    ctx = context("Keefe posed for the painting in 1943. Rockwell paid her $10.")
    values = sentence_consistency(ctx)
    assert len(values) == len(ctx.rewrite.sentences) == 2
    assert all(0.0 <= v <= 1.0 for v in values)


def test_a_sentence_copied_from_the_source_is_fully_consistent() -> None:
    (value,) = sentence_consistency(context("The painting was sold at auction in 2002 for nearly $5 million."))
    assert value == 1.0


def test_a_name_swapped_in_from_another_sentence_scores_lower() -> None:
    (faithful,) = sentence_consistency(context("Keefe posed for the painting in 1943 as a telephone operator."))
    (swapped,) = sentence_signals(context("Rockwell posed for the painting in 1943 as a telephone operator."))
    assert swapped.fact_elsewhere >= 1
    assert consistency_value(swapped) < faithful


def test_a_number_moved_from_another_event_scores_lower() -> None:
    (faithful,) = sentence_consistency(context("Rockwell paid Keefe $10 for two mornings of modelling."))
    (moved,) = sentence_signals(context("Rockwell paid Keefe $5 million for two mornings of modelling."))
    assert moved.fact_elsewhere >= 1
    assert consistency_value(moved) < faithful


def test_doer_and_object_swapped_is_a_role_swap() -> None:
    (faithful,) = sentence_signals(context("Rockwell paid Keefe $10 for two mornings of modelling."))
    (swapped,) = sentence_signals(context("Keefe paid Rockwell $10 for two mornings of modelling."))
    assert faithful.role_swaps == 0
    assert swapped.role_swaps >= 1
    assert consistency_value(swapped) < consistency_value(faithful)


def test_a_negated_verb_is_a_polarity_flip() -> None:
    (flipped,) = sentence_signals(context("Keefe did not pose for the painting in 1943."))
    assert flipped.polarity_flips == 1
    assert consistency_value(flipped) < 1.0


def test_a_pronoun_for_nobody_named_is_unresolved() -> None:
    (named,) = sentence_signals(context("Keefe posed for the painting in 1943."))
    (pronoun,) = sentence_signals(context("She posed for the painting in 1943."))
    assert named.unresolved_pronouns == 0
    assert pronoun.unresolved_pronouns == 1


def test_signals_of_a_faithful_copy_are_all_zero() -> None:
    (signals,) = sentence_signals(context("As a 19-year-old telephone operator, Keefe posed for the painting in 1943."))
    assert all(getattr(signals, name) == 0 for name in SIGNAL_NAMES)
    assert consistency_value(SentenceSignals(0, *[0.0] * len(SIGNAL_NAMES))) == 1.0


def test_placements_tell_words_held_in_place_elsewhere_and_nowhere() -> None:
    from retold.check.align import profiles, weights
    from retold.check.consistency import carried_names, placements

    ctx = context("Rockwell paid Keefe $5 million for two mornings of tapdancing.")
    src = profiles(ctx.source)
    (profile,) = profiles(ctx.rewrite)
    placed = {p.word.lower: p for p in placements(profile, src, carried_names(ctx.source, src), weights(src))}
    assert placed["rockwell"].anywhere and placed["rockwell"].place == 1.0
    assert placed["#5e+06"].anywhere and placed["#5e+06"].place < 0.3  # the sale's price, not the fee
    assert not placed["tapdancing"].anywhere and placed["tapdancing"].place == 0.0
