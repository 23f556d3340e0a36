"""Sentences: one spaCy pass, never crossing a block, Markdown markers outside every span."""

from __future__ import annotations

from retold.analyze import analyze
from retold.analyze.sentences import mask_markup
from retold.ingest.blocks import split_blocks


def masked(text: str) -> str:
    return mask_markup(text, split_blocks(text))


def texts(text: str) -> list[str]:
    return [s.text for s in analyze(text).sentences]


def test_mask_keeps_length_and_blanks_markers() -> None:
    text = "## Why it matters\n\n- **Bold** claim [1] and [a link](http://x.test/a).\n\n> Quoted words here."
    out = masked(text)
    assert len(out) == len(text)
    assert "#" not in out and "**" not in out and "[1]" not in out and "http" not in out and ">" not in out
    assert "Why it matters" in out and "Bold" in out and "a link" in out and "Quoted words here." in out


def test_heading_and_list_items_are_one_sentence_each_without_markers() -> None:
    text = (
        "## Why it matters. It does\n\n- First point. Still the first.\n- Second point.\n\n"
        "A body sentence. Another one."
    )
    facts = analyze(text)
    kinds = [(s.kind, s.text) for s in facts.sentences]
    assert kinds == [
        ("heading", "Why it matters. It does"),
        ("list", "First point. Still the first."),
        ("list", "Second point."),
        ("text", "A body sentence."),
        ("text", "Another one."),
    ]
    for s in facts.sentences:
        assert facts.text[s.start : s.end] == s.text
    assert facts.text[facts.sentences[1].start - 2 : facts.sentences[1].start] == "- "


def test_sentences_never_cross_a_block() -> None:
    text = "The first paragraph has no full stop\nThe second paragraph starts here and ends here."
    facts = analyze(text)
    paragraphs = facts.article.paragraphs
    for s in facts.sentences:
        block = paragraphs[s.paragraph]
        assert block.start <= s.start and s.end <= block.end
    assert len({s.paragraph for s in facts.sentences}) == 2


def test_ids_are_positions_and_bold_and_citations_stay_out_of_spans() -> None:
    facts = analyze("**Rutte** said it twice [1]. Then he left [2].")
    assert [s.id for s in facts.sentences] == list(range(len(facts.sentences)))
    first = facts.sentences[0]
    assert not first.text.startswith("**")
    assert facts.text[first.start : first.end] == first.text
    assert all(n.value not in (1.0, 2.0) for n in facts.numbers)  # "[1]" is a citation mark, not a number


def test_quote_block_marker_is_outside_the_span() -> None:
    facts = analyze("> This is what was said.")
    assert facts.sentences[0].kind == "quote"
    assert facts.sentences[0].text == "This is what was said."


def test_markdown_rewrite_facts_carry_no_markup() -> None:
    text = (
        "## What they're saying\n\n"
        "\u201cI urge you to endorse the decision,\u201d Sybiha said.\n\n"
        "- Kyiv cited the [Budapest Memorandum](https://example.test/Budapest_Memorandum) of 1994 [3]."
    )
    facts = analyze(text)
    assert [s.text for s in facts.sentences][:2] == [
        "What they're saying",
        "\u201cI urge you to endorse the decision,\u201d Sybiha said.",
    ]
    names = {m.text for e in facts.entities for m in e.mentions}
    assert "Budapest Memorandum" in names
    assert not any("http" in n or "[" in n or "]" in n for n in names)
    assert [d.text for d in facts.dates] == ["1994"] and facts.numbers == ()
