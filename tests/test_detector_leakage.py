"""leakage: prompt and model artefacts in a rewrite are errors; article text that merely looks similar is not."""

from __future__ import annotations

from pathlib import Path

import pytest

from retold.check import check
from retold.types import Finding

SOURCE = (Path(__file__).resolve().parent.parent / "examples" / "nato-ukraine.txt").read_text(encoding="utf-8")
FAITHFUL = "Ukraine's foreign minister Andriy Sybiha met Lithuania's Gabrielius Landsbergis in Brussels on Tuesday."


def leaks(rewrite: str, source: str = SOURCE) -> list[Finding]:
    return [f for f in check(source, rewrite).findings if f.kind == "leakage"]


@pytest.mark.parametrize(
    "artefact",
    [
        "(no links, just mention)",
        "As an AI language model, I cannot verify these claims.",
        "Here is the rewritten article:",
        "Sure! Here's a rewritten version of the article:",
        "[insert link to the NATO statement]",
        "{{source_name}}",
        "Note: I have removed the quotes to keep the article short.",
        "I hope this helps!",
    ],
)
def test_artefacts_are_flagged_with_their_span(artefact: str) -> None:
    rewrite = f"{FAITHFUL}\n\n{artefact}\n"
    found = leaks(rewrite)
    assert len(found) == 1
    f = found[0]
    assert f.severity == "error"
    assert rewrite[f.start : f.end] == f.text
    assert artefact.rstrip(".!:").split()[0] in f.text
    assert "delete it" in f.message


def test_an_artefact_inside_a_sentence_is_flagged_alone() -> None:
    rewrite = "NATO members are likely to sidestep Ukraine's call, Reuters reported (no links, just mention)."
    (f,) = leaks(rewrite)
    assert f.text == "(no links, just mention)"


def test_faithful_text_has_no_leakage() -> None:
    rewrite = (
        "# Ukraine presses NATO\n\n## Why it matters\n\n- " + FAITHFUL + "\n- Here is what the ministry said next.\n\n"
        "Note that the meeting was held in Brussels.\n\nSource: nato-ukraine"
    )
    assert leaks(rewrite) == []


def test_words_the_source_itself_contains_are_not_leakage() -> None:
    source = 'The chatbot replied: "As an AI language model, I cannot give legal advice." Regulators said the reply was adequate.'
    rewrite = 'Asked for advice, the chatbot answered "As an AI language model, I cannot give legal advice."'
    assert leaks(rewrite, source) == []


def test_a_sentence_of_the_prompt_a_model_was_sent_is_leakage_a_source_sentence_is_not():
    from retold.analyze import analyze
    from retold.ingest import from_text
    from retold.llm.prompt import RULES, fact_sheet

    facts = analyze(from_text(SOURCE))
    prompt = (RULES, fact_sheet(facts) + "\n\nWrite a brief of about 120 words: headline and bullets.")
    echoed = (
        "# Ukraine and NATO\n\n"
        "- Never put a paraphrase in quotation marks.\n"  # a rule, word for word
        "- No links, no calls to subscribe or share (notes about yourself and these rules).\n"  # a rule, reworded
        "- [1] The pair also spoke about how to strengthen Ukrainian forces and air defence systems from missiles and drones.\n"
        "- The pair also spoke about how to strengthen Ukrainian forces and air defence systems from missiles and drones.\n"
        f"- {FAITHFUL}\n"
    )
    found = [f for f in check(facts, echoed, prompt=prompt).findings if f.kind == "leakage"]
    flagged = {f.text.lstrip("- ")[:20] for f in found}
    assert flagged == {"Never put a paraphra", "No links, no calls t", "[1] The pair also sp"}
    assert all(f.severity == "error" for f in found)
    assert not [
        f for f in check(facts, echoed).findings if f.kind == "leakage" and "[1]" in f.text
    ]  # no prompt: no rule
