"""Genders are worked out once, by analyze, and read from FactSheet.genders by the checker and the rewriter."""

from __future__ import annotations

import dataclasses

from retold.analyze import analyze
from retold.check import check, check_context
from retold.check.consistency_syntax import syntax_signals
from retold.types import Genders

SOURCE = (
    "Maria Lopez won the city marathon on Sunday. She said the last mile was the hardest. "
    "Lopez, 34, trained in the hills for a year. "
    "Her coach, Daniel Reyes, said he had never seen a runner so calm."
)


def _entity(facts, name):
    return next(e for e in facts.entities if e.name.endswith(name))


def test_analyze_gives_each_person_the_pronoun_the_text_uses() -> None:
    facts = analyze(SOURCE)
    assert facts.genders.names.get("lopez") == "f"
    lopez = _entity(facts, "Lopez")
    assert facts.genders.people.get(lopez.id) in (None, "f")  # never the other one
    assert "m" not in {facts.genders.names.get(w) for w in ("maria", "lopez")}


def test_a_rewrite_that_changes_her_to_him_clashes_through_the_source_facts() -> None:
    source = analyze(SOURCE)
    rewrite = "Maria Lopez won the city marathon on Sunday. He said the last mile was the hardest."
    ctx = check_context(source, rewrite)
    clashes = sum(
        syntax_signals(ctx, s, [a.support[0].sentence] if a.support else []).gender_clashes
        for s, a in zip(ctx.rewrite.sentences, ctx.alignment)
    )
    assert clashes == 1.0
    # the checker reads what analyze stored: with no genders on the source there is nothing to clash with
    blind = dataclasses.replace(source, genders=Genders())
    ctx = check_context(blind, rewrite)
    clashes = sum(
        syntax_signals(ctx, s, [a.support[0].sentence] if a.support else []).gender_clashes
        for s, a in zip(ctx.rewrite.sentences, ctx.alignment)
    )
    assert clashes == 0.0
    assert check(source, rewrite).score < check(blind, rewrite).score


def test_the_rewriters_pronoun_resolution_reads_the_stored_genders() -> None:
    from retold.rewrite.pronouns import person_antecedent

    facts = analyze("Amit Gupta said he was ready for the vote. She told reporters the count would be close.")
    gupta = _entity(facts, "Gupta")
    assert facts.genders.people.get(gupta.id) == "m"
    assert person_antecedent(facts, 1, "she") is None  # "she" is not the man the text calls "he"
    facts = analyze("Amit Gupta said he was ready for the vote. He told reporters the count would be close.")
    name = person_antecedent(facts, 1, "he")
    assert name is not None and name.endswith("Gupta")
