"""ingest end to end: formats, titles, blocks and their offsets, the golden example."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from retold.errors import InputError
from retold.ingest import from_text, ingest
from retold.ingest.blocks import article_from_text

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "nato-ukraine.txt"
DATA = Path(__file__).parent / "data" / "ingest"
BODY = [
    "Foreign ministers of the alliance met in Brussels on Tuesday to discuss support for Ukraine, officials said.",
    "The ministers agreed to send more air defence systems before the winter, according to a statement.",
    "A senior diplomat said it would take weeks and months to reach a consensus on membership.",
]


def write(tmp_path: Path, text: str, name: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def block_texts(article) -> list[tuple[str, str]]:
    return [(p.kind, article.text[p.start : p.end]) for p in article.paragraphs]


def test_golden_example(monkeypatch):
    monkeypatch.chdir(ROOT)
    article = ingest("examples/nato-ukraine.txt")
    golden = json.loads((DATA / "nato-ukraine.golden.json").read_text("utf-8"))
    assert article.to_dict() == golden


def test_example_keeps_every_other_line_byte_for_byte():
    article = ingest(EXAMPLE)
    source = EXAMPLE.read_text("utf-8").split("\n")
    removed = [r.text for r in article.removed]
    assert removed == ["Read more related news:", source[6]]
    assert source[6].startswith("NATO chief warns US will face a \u2018dire threat\u2019")
    assert article.text.split("\n") == [line for line in source if line not in removed]
    assert [article.text[p.start : p.end] for p in article.paragraphs] == article.text.split("\n")
    assert article.origin == str(EXAMPLE) and article.title is None


def test_markdown_title_headings_and_lists(tmp_path):
    md = (
        "# Ministers agree a plan\n\n"
        + BODY[0]
        + "\n\n## What was agreed\n\n- Two batteries by February.\n- Training in January.\n\n"
        + BODY[1]
        + "\n"
    )
    article = ingest(write(tmp_path, md, "story.md"))
    assert article.source_format == "markdown"
    assert article.title == "Ministers agree a plan"
    assert block_texts(article) == [
        ("text", BODY[0]),
        ("heading", "## What was agreed"),
        ("list", "- Two batteries by February."),
        ("list", "- Training in January."),
        ("text", BODY[1]),
    ]


def test_markdown_is_sniffed_from_content(tmp_path):
    article = ingest(write(tmp_path, "# A title here\n\n" + "\n\n".join(BODY), "story.txt"))
    assert article.source_format == "markdown" and article.title == "A title here"


def test_plain_text_headline_becomes_the_title():
    article = from_text("Ministers agree air defence plan for Ukraine\n\n" + "\n".join(BODY))
    assert article.title == "Ministers agree air defence plan for Ukraine"
    assert article.text == "\n".join(BODY)


@pytest.mark.parametrize(
    "first",
    [
        "The ministers met on Tuesday.",  # a sentence, not a headline
        "\u201cWe will not settle for alternatives\u201d",  # a quote
        "Brussels",  # one word over a list is a dateline or a heading, not a title
    ],
)
def test_plain_text_without_a_clear_headline_has_no_title(first):
    article = from_text(first + "\n" + "\n".join(BODY))
    assert article.title is None
    assert article.text.split("\n")[0] == first


def test_headline_needs_body_text_under_it():
    article = from_text("Ministers agree a plan\n- Two batteries by February.\n" + BODY[0])
    assert article.title is None


def test_hard_wrapped_paragraphs_are_rejoined():
    wrapped = (
        "Foreign ministers of the alliance met in Brussels on Tuesday to\n"
        "discuss support for Ukraine, officials said, and agreed to send more\n"
        "air defence systems before the winter.\n\n" + BODY[2] + "\n"
    )
    article = from_text(wrapped, format="text")
    assert block_texts(article)[0][1] == (
        "Foreign ministers of the alliance met in Brussels on Tuesday to discuss support for Ukraine, "
        "officials said, and agreed to send more air defence systems before the winter."
    )
    assert len(article.paragraphs) == 2


def test_html_file_is_sniffed_whatever_its_extension(tmp_path):
    html = (DATA / "article.html").read_text("utf-8")
    article = ingest(write(tmp_path, html, "saved-page.txt"))
    assert article.source_format == "html"
    assert article.title == "Ministers agree air defence plan for Ukraine"
    assert article.published.isoformat() == "2024-12-03"
    assert ("heading", "## What was agreed") in block_texts(article)
    assert ("list", "- Training for Ukrainian crews will start in January.") in block_texts(article)
    assert not any("Ministers agree air defence plan" in text for _, text in block_texts(article))  # title not in body


def test_html_boilerplate_is_listed():
    article = from_text((DATA / "article.html").read_text("utf-8"), url="https://news.example.com/world/x")
    assert [(r.reason, r.text) for r in article.removed] == [
        ("related-links", "Read more: NATO chief warns of a dire threat"),
        ("call-to-action", "Subscribe to our newsletter for the latest updates from Brussels."),
    ]
    assert article.url == "https://news.example.com/world/x"
    assert article.text.endswith(
        "A senior diplomat said it would take weeks and months to reach a consensus on membership."
    )


def test_format_can_be_forced():
    html_as_text = from_text("<p>" + BODY[0] + "</p>\n<p>" + BODY[1] + "</p>\n<p>" + BODY[2] + "</p>", format="text")
    assert html_as_text.source_format == "text" and html_as_text.text.startswith("<p>")
    with pytest.raises(InputError, match="Unknown format 'pdf': use one of auto, text, markdown, html"):
        from_text(BODY[0], format="pdf")


def test_paragraph_offsets_and_universal_newlines():
    article = from_text("  " + BODY[0] + "  \r\n\r\n" + BODY[1] + "\r" + BODY[2])
    assert article.text == "\n".join(BODY)
    for paragraph, expected in zip(article.paragraphs, BODY):
        assert article.text[paragraph.start : paragraph.end] == expected


def test_input_that_is_all_boilerplate_is_refused():
    with pytest.raises(InputError, match=r"everything in it is boilerplate \(advertisement, share-prompt\)"):
        from_text("Advertisement\nShare this article\n")


def test_empty_text_is_refused():
    with pytest.raises(InputError, match="The text is empty"):
        from_text(" \n\n ")


def test_article_from_text_keeps_everything():
    text = "Read more related news:\nA headline\n"
    article = article_from_text(text)
    assert article.text == text and article.removed == ()


def test_byline_under_the_headline_is_metadata():
    article = from_text("Ministers agree a plan\n\nBy Jane Doe and John Roe\n\n" + "\n".join(BODY))
    assert (article.title, article.byline) == ("Ministers agree a plan", "Jane Doe and John Roe")
    assert article.text == "\n".join(BODY)


def test_sentence_starting_with_by_is_body_text():
    first = "By the way, the ministers had agreed on a plan."
    article = from_text(first + "\n" + "\n".join(BODY))
    assert article.byline is None and article.text.startswith(first)


def test_html_structure_becomes_blocks_in_reading_order():
    filler = " ".join(BODY)
    page = (
        f"<html><body><article><p>{filler}</p>"
        '<p>Alpha <b>bravo <a href="/x">charlie</a> delta</b> echo.</p>'
        "<ol><li>First <b>point</b><ul><li>nested a</li><li>nested b</li></ul></li><li>Second</li></ol>"
        "<blockquote><p>We will not settle for any alternatives.</p></blockquote>"
        f"<p>Line one<br>Line two</p><p>{filler}</p></article></body></html>"
    )
    assert block_texts(from_text(page))[1:-1] == [
        ("text", "Alpha bravo charlie delta echo."),
        ("list", "1. First point"),
        ("list", "- nested a"),
        ("list", "- nested b"),
        ("list", "2. Second"),
        ("quote", "> We will not settle for any alternatives."),
        ("text", "Line one"),
        ("text", "Line two"),
    ]


def test_html_fragment_is_sniffed():
    article = from_text("".join(f"<p>{sentence}</p>\n" for sentence in BODY * 2))
    assert article.source_format == "html"
    assert article.text.split("\n")[:3] == BODY


def test_news_page_keeps_the_story_and_nothing_else():
    page = (DATA / "news-page.html").read_text("utf-8")
    article = from_text(page, url="https://www.marchescourier.example/news/2024/02/14/ludlow-flood")
    assert (article.title, article.byline, article.site) == (
        "Flood defences fail as river bursts banks in Ludlow",
        "Tom Price",
        "The Marches Courier",
    )
    assert article.published.isoformat() == "2024-02-14"
    texts = block_texts(article)
    assert texts[0][1].startswith("Temporary flood barriers gave way in Ludlow")
    assert texts[-1][1].startswith("The Met Office has issued a yellow weather warning")
    assert ("heading", "## Residents moved to the leisure centre") in texts
    assert len(texts) == 7
    noise = ("cookies", "Subscribe", "newsletter", "Related", "River Teme levels rise", "Follow us", "rights reserved")
    assert not [word for word in noise if word in article.text]
    assert [(r.reason, r.text) for r in article.removed] == [("advertisement", "Advertisement")]


def test_markdown_with_a_few_inline_tags_stays_markdown(tmp_path):
    md = "# A title here\n\n" + BODY[0] + "<br>\n\n<a href='x'>link</a> and <b>bold</b>\n\n" + BODY[1]
    assert ingest(write(tmp_path, md, "story.md")).source_format == "markdown"
    assert from_text(md).source_format == "markdown"


def test_markdown_setext_heading_rule_and_list_continuation():
    md = (
        BODY[0]
        + "\n\n---\n\nWhat was agreed\n---------------\n\n- Two batteries, delivered\n  by February.\n- Training.\n\n"
        + BODY[1]
    )
    assert block_texts(from_text(md, format="markdown")) == [
        ("text", BODY[0]),
        ("heading", "What was agreed"),
        ("list", "- Two batteries, delivered by February."),
        ("list", "- Training."),
        ("text", BODY[1]),
    ]
