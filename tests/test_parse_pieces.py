"""A long text is parsed in pieces of whole blocks: the same Doc and facts as one pass, in bounded memory."""

from __future__ import annotations

import json
from pathlib import Path

from retold.analyze import analyze, sentences
from retold.ingest import from_text
from retold.types import Paragraph

BUMP = Path(__file__).resolve().parent.parent / "bench" / "data" / "bump" / "task1_dataset.json"


def long_article(count: int) -> str:
    """``count`` real news articles of BUMP (MIT) one after the other, as one long text."""
    seen: dict[int, str] = {}
    for row in json.loads(BUMP.read_text(encoding="utf-8")):
        seen.setdefault(row["article_id"], row["article"])
    return "\n\n".join(list(seen.values())[:count])


def token_view(doc) -> list[tuple]:
    return [(t.idx, t.text, t.tag_, t.dep_, t.head.i, t.lemma_, t.ent_type_, t.ent_iob_, t.is_sent_start) for t in doc]


def test_pieces_give_the_same_parse_and_facts_as_one_pass(monkeypatch):
    article = from_text(long_article(4))
    assert len(article.text) > 9_000
    whole = analyze(article)
    monkeypatch.setattr(sentences, "PIECE_CHARS", 2_000)
    assert len(sentences._piece_starts(article.text, article.paragraphs, 2_000)) >= 4
    pieces = analyze(article)
    assert pieces.doc.text == whole.doc.text
    assert token_view(pieces.doc) == token_view(whole.doc)
    for name in ("sentences", "entities", "numbers", "dates", "quotes"):
        assert getattr(pieces, name) == getattr(whole, name), name


def test_pieces_end_where_a_block_ends_after_white_space():
    text = "aaaa bbbb.\n\ncccc dddd.\n\neeee ffff gggg hhhh iiii.\nx"
    paragraphs = (Paragraph(0, 10), Paragraph(12, 22), Paragraph(24, 48), Paragraph(48, 50))
    # the third block would take a piece past 12 characters: a new piece starts with it; the fourth
    # follows no white space (a cut there could split a token), so it stays with the third, long as that is
    assert sentences._piece_starts(text, paragraphs, 12) == [0, 12, 24]
    assert sentences._piece_starts(text, paragraphs, 1_000) == [0]
