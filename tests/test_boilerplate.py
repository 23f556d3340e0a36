"""Boilerplate comes out whole, listed with its reason; sentences of reporting stay."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from retold.ingest import from_text
from retold.ingest.blocks import Block, text_blocks
from retold.ingest.boilerplate import boilerplate_reason, strip_boilerplate

# The public human-labelled benchmark (BUMP, MIT), bundled with its licence in bench/data/bump/.
BUMP = Path(__file__).resolve().parents[1] / "bench" / "data" / "bump" / "task1_dataset.json"
STORY = "The ministers met in Brussels on Tuesday and agreed to send more air defence systems before the winter."
QUOTE = "\u201cWe will not settle for any alternatives,\u201d the ministry said in a statement on Tuesday evening."


def lines(*texts: str) -> list[Block]:
    return text_blocks("\n".join(texts))


def reasons(*texts: str) -> list[tuple[str, str]]:
    _, removed = strip_boilerplate(lines(*texts))
    return [(r.reason, r.text) for r in removed]


def test_related_lead_in_takes_the_headlines_under_it_and_stops_at_the_story():
    removed = reasons(
        STORY,
        "Related coverage:",
        "NATO chief warns US will face a \u2018dire threat\u2019 from Putin\u2019s allies",
        "- Floods hit northern Italy as rivers burst their banks",
        QUOTE,
    )
    assert [r for r, _ in removed] == ["related-links"] * 3
    kept, _ = strip_boilerplate(lines(STORY, "Also read", "A headline about something else", QUOTE))
    assert [b.text for b in kept] == [STORY, QUOTE]


@pytest.mark.parametrize(
    "line, reason",
    [
        ("Read more: Ministers agree air defence plan for Ukraine", "related-links"),
        ("READ MORE", "related-links"),
        ("You may also like", "related-links"),
        ("More from Europe:", "related-links"),
        ("Subscribe to our newsletter for the latest updates from Brussels.", "call-to-action"),
        ("Sign up for our free morning briefing, delivered to your inbox.", "call-to-action"),
        ("Get our newsletter in your inbox every weekday", "call-to-action"),
        ("Share this article", "share-prompt"),
        ("Follow us on Twitter and Facebook", "share-prompt"),
        ("Facebook Twitter LinkedIn Email", "share-prompt"),
        ("Advertisement", "advertisement"),
        ("Story continues below advertisement", "advertisement"),
        ("\u00a9 2024 Example News. All rights reserved.", "copyright"),
        ("Copyright 2023 The Associated Press.", "copyright"),
        ("Subscribe to continue reading.", "paywall"),
        ("Already a subscriber? Log in", "paywall"),
        ("Scroll down for video .", "media-prompt"),
        ("**Share this article**", "share-prompt"),
        ("## Related", "related-links"),
    ],
)
def test_boilerplate_lines(line, reason):
    assert boilerplate_reason(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        STORY,
        QUOTE,
        "The company said its newsletter had two million subscribers by the end of the year.",
        "He said the talks were related to trade and would continue on Friday.",
        "Readers were asked to share their stories of the flood with the local council.",
        "The paper, which sold advertising to local firms, closed in 2019.",
        "More than 300 people were evacuated from the village overnight.",
        "Related talks in Geneva ended without a deal, diplomats said.",
        "Scroll down for video . The mayor said the town would rebuild the bridge.",
        "Copyright law was changed in 2019 after a long campaign by musicians.",
    ],
)
def test_sentences_of_reporting_are_kept(line):
    assert boilerplate_reason(line) is None


def test_nothing_is_removed_silently():
    source = [STORY, "Advertisement", QUOTE, "Share this article", "Related:", "A headline about another story"]
    kept, removed = strip_boilerplate(lines(*source))
    assert len(kept) + len(removed) == len(source)
    assert sorted([b.text for b in kept] + [r.text for r in removed]) == sorted(source)


def test_markdown_and_html_blocks_are_judged_the_same():
    assert boilerplate_reason("- Share on Facebook") == "share-prompt"
    assert boilerplate_reason("[Read more](https://example.com/other): The other story") == "related-links"


def bump_articles() -> list[str]:
    return sorted({row["article"] for row in json.loads(BUMP.read_text("utf-8"))})


def test_bump_articles_lose_nothing():
    articles = bump_articles()
    assert len(articles) == 99
    losing = [a[:60] for a in articles if from_text(a).removed]
    assert losing == []


def test_bump_articles_one_sentence_per_line_lose_only_video_prompts():
    import re

    removed = []
    for article in bump_articles():
        sentences = re.split(r"(?<=[.!?'\"])\s+(?=[A-Z\"'])", article)
        removed += from_text("\n".join(sentences), format="text").removed
    assert removed  # the Daily Mail's "Scroll down for video ." lines are boilerplate
    assert {(r.reason, r.text) for r in removed} == {("media-prompt", "Scroll down for video .")}


@pytest.mark.parametrize(
    "title",
    ["Related talks collapse in Geneva", "Read the statement in full", "Watch the skies for meteors tonight"],
)
def test_headlines_that_start_like_a_lead_in_are_kept(title):
    article = from_text(title + "\n\n" + STORY + "\n" + QUOTE)
    assert article.removed == ()
    assert article.title == title


def test_a_section_heading_ends_a_related_list():
    kept, removed = strip_boilerplate(
        lines("## Related", "A headline about another story", "## What happens next", STORY)
    )
    assert [r.text for r in removed] == ["## Related", "A headline about another story"]
    assert [b.text for b in kept] == ["## What happens next", STORY]
