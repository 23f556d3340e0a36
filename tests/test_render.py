"""render(): a Draft as Markdown, HTML, JSON and terminal text."""

from __future__ import annotations

import functools
import io
import json
import re

import pytest
from rich.console import Console

from retold.analyze import analyze
from retold.errors import RetoldError
from retold.ingest.blocks import article_from_text
from retold.render import draft_rich, draft_text, render
from retold.rewrite import rewrite
from retold.types import Attribution, Draft, Item, Section

STORY = (
    "Mayor Ana Lopez opened the new library in Springfield on Monday.",
    "The library was first planned in March 2015 by the city council.",
    "Construction began in June 2019 after years of delay.",
    "The building cost $12 million and has three floors and a garden on the roof.",
    "Lopez said, \u201cThis library belongs to every child in Springfield, rich or poor.\u201d",
)


@functools.lru_cache(maxsize=1)
def story_draft() -> Draft:
    article = article_from_text(
        "\n\n".join(STORY),
        title="Springfield opens <its> library",
        site="Springfield News",
        url="https://news.example/lib",
    )
    return rewrite(analyze(article))


def hand_draft(*items: Item, style: str = "explainer") -> Draft:
    """A draft built by hand, with no source sentences attached."""
    return Draft(
        headline=Item("A & B <script>", ()),
        sections=(Section("driving-the-news", "Driving the news", items),),
        attribution=Attribution(title=None, site=None, url=None, origin="/tmp/story.txt"),
        style=style,
    )


def test_markdown_layout():
    md = render(story_draft(), "md")
    assert md.startswith("# Springfield opens &lt;its> library\n\n## Driving the news\n\n")  # no live HTML
    assert "> \u201cThis library belongs to every child in Springfield, rich or poor.\u201d — Ana Lopez, Mayor" in md
    assert "- **March 2015** — The library was first planned by the city council" in md
    assert "## Go deeper\n\n- [Springfield opens &lt;its> library](<https://news.example/lib>)" in md
    assert md.rstrip().endswith(
        "Source: Springfield opens &lt;its> library, Springfield News, <https://news.example/lib>."
    )
    # the text a check runs on holds the words as written; only the published Markdown is escaped
    assert draft_text(story_draft()).startswith("# Springfield opens <its> library\n")


def test_markdown_citations_and_sources_list():
    draft = story_draft()
    md = render(draft, "md", cite=True)
    marks = re.findall(r"\[\^(\d+)\](?!:)", md)
    assert marks and marks[0] == "1"
    sources = md.split("## Sources\n\n", 1)[1]
    for line in sources.strip().splitlines():
        n, text = re.match(r"\[\^(\d+)\]: (.*)", line).groups()
        assert text in [" ".join(s.text.split()) for s in draft.facts.sentences]
    assert "[^" not in draft_text(draft)  # the text a check runs on carries no marks


def test_html_is_an_escaped_self_contained_fragment():
    out = render(story_draft(), "html", cite=True)
    assert out.startswith('<article class="retold-draft" data-style="explainer" data-engine="builtin">')
    assert "<h1>Springfield opens &lt;its&gt; library" in out
    assert "<blockquote><p>\u201cThis library belongs" in out and "— Ana Lopez, Mayor</footer>" in out
    assert '<a href="https://news.example/lib">' in out
    assert '<li id="retold-src-1" value="1">' in out
    assert "<script" not in out and "http://" not in out.replace("https://", "")
    assert out.rstrip().endswith("</article>")


def test_html_refuses_non_web_links():
    link = Item("click", (), label="javascript:alert(1)")
    draft = Draft(hand_draft().headline, (Section("go-deeper", "Go deeper", (link,)),), hand_draft().attribution)
    out = render(draft, "html")
    assert "<li>click</li>" in out and "javascript" not in out
    assert "<h1>A &amp; B &lt;script&gt;</h1>" in out


def test_json_carries_items_source_ids_and_source_texts():
    draft = story_draft()
    data = json.loads(render(draft, "json"))
    assert data["style"] == "explainer" and data["engine"] == "builtin"
    keys = [s["key"] for s in data["sections"]]
    assert keys[0] == "driving-the-news" and "timeline" in keys
    cited = {sid for s in data["sections"] for i in s["items"] for sid in i["sources"]}
    assert {s["id"] for s in data["sources"]} == cited | set(data["headline"]["sources"])
    assert all(isinstance(sid, int) for sid in cited) and len(cited) >= 4
    texts = {s["id"]: s["text"] for s in data["sources"]}
    for sid, text in texts.items():
        assert text == " ".join(draft.facts.sentences[sid].text.split())
    assert data["attribution"]["url"] == "https://news.example/lib"
    assert data["text"] == draft_text(draft)


def test_terminal_text_through_rich():
    console = Console(file=io.StringIO(), width=100, color_system=None)
    console.print(draft_rich(story_draft(), cite=True))
    out = console.file.getvalue()
    lines = out.splitlines()
    assert lines[0] == "Springfield opens <its> library"  # a title is no source sentence: no mark
    assert "Driving the news" in lines
    assert "  \u201cThis library belongs to every child in Springfield, rich or poor.\u201d — Ana Lopez, Mayor" in out
    assert "  • March 2015 — The library was first planned by the city council" in out
    assert "Sources" in lines and re.search(r"^\[1\] ", out, re.M)
    assert all(len(line) <= 100 for line in lines)
    assert render(story_draft(), "text").splitlines()[0] == "Springfield opens <its> library"


def test_origin_credited_when_nothing_else_is_known():
    md = render(hand_draft(Item("One thing happened.", ())), "md")
    assert md.rstrip().endswith("Source: story.txt.")


def test_citing_a_sentence_the_draft_does_not_carry_is_an_error():
    with pytest.raises(RetoldError, match="build it with retold.rewrite"):
        render(hand_draft(Item("One thing happened.", (3,))), "md", cite=True)


def test_unknown_format():
    with pytest.raises(RetoldError, match="choose one of md, html, json, text"):
        render(hand_draft(Item("x y z.", ())), "pdf")  # type: ignore[arg-type]


def test_report_goes_into_json_html_and_text_but_not_markdown():
    from retold.check import check

    draft = story_draft()
    report = check(draft.facts, draft_text(draft))
    assert render(draft, "md", report=report) == render(draft, "md")
    data = json.loads(render(draft, "json", report=report))
    assert data["report"]["verdict"] == report.verdict == "pass"
    assert render(draft, "html", report=report).startswith(render(draft, "html"))
    assert len(render(draft, "text", report=report)) > len(render(draft, "text"))


def test_terminal_bullets_wrap_with_a_hanging_indent():
    long = Item("word " * 40 + "end.", (), kind="text")
    draft = hand_draft(long, Item("Second item.", ()))
    console = Console(file=io.StringIO(), width=60, color_system=None)
    console.print(draft_rich(draft))
    lines = [line.rstrip() for line in console.file.getvalue().splitlines()]
    first = next(i for i, line in enumerate(lines) if line.startswith("  \u2022 word"))
    assert lines[first + 1].startswith("    word")  # continuation sits under the text, not the bullet
    assert "  \u2022 Second item." in lines
    assert all(not line.endswith(" ") for line in render(draft, "text").splitlines())
