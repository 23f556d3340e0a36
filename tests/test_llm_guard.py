"""The stricter reading of a model's text: look-alike names and figures the source never gives."""

from __future__ import annotations

from llm_helpers import nato_facts
from retold.llm.guard import lookalike_names, unknown_figures


def test_a_name_one_letter_off_is_an_error_and_source_sentences_are_clean():
    facts = nato_facts()
    found = lookalike_names(facts, "Foreign minister Andriy Sybiga met Gabrielius Landsbergis.")
    assert [(f.kind, f.severity, f.text) for f in found] == [("entity", "error", "Sybiga")]
    assert "Sybiha" in found[0].message
    assert all(lookalike_names(facts, s.text) == [] for s in facts.sentences)


def test_a_figure_the_source_never_gives_is_an_error_in_digits_or_words():
    facts = nato_facts()
    found = unknown_figures(facts, "Rutte spoke for nine minutes about 17 allies over the next two days.")
    assert [f.text for f in found] == ["nine", "17"]
    assert all(unknown_figures(facts, s.text) == [] for s in facts.sentences)
