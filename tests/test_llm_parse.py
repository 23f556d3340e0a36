"""Reading a model's answer: JSON however broken, Markdown, prose, refusals."""

from __future__ import annotations

import json

from retold.llm.parse import loads_lenient, parse_answer, repaired_items, sentences_of
from retold.styles import get_style

EXPLAINER = get_style("explainer")
ANSWER = {
    "headline": {"text": "A headline", "sources": [0]},
    "sections": {
        "driving-the-news": [{"text": "The news.", "sources": [1, "S2", "[3]", 99]}],
        "what-theyre-saying": [{"quote": "Exact words here.", "speaker": "Ann Lee, mayor", "sources": [4]}],
        "timeline": [{"date": "May 2020", "text": "It began", "sources": [5]}],
        "whos-who": [{"name": "Ann Lee", "role": "mayor", "sources": [4]}],
        "made-up-section": [{"text": "Ignored."}],
    },
}


def test_json_items_take_their_sections_form_and_valid_ids():
    parsed = parse_answer(json.dumps(ANSWER), EXPLAINER, 10)
    assert parsed.shape == "json" and parsed.headline.text == "A headline"
    (news,) = parsed.sections["driving-the-news"]
    assert news.sources == (1, 2, 3)  # 99 is not a source sentence
    (quote,) = parsed.sections["what-theyre-saying"]
    assert (quote.kind, quote.text, quote.label) == ("quote", "Exact words here.", "Ann Lee, mayor")
    (event,) = parsed.sections["timeline"]
    assert (event.kind, event.label, event.text) == ("event", "May 2020", "It began")
    (person,) = parsed.sections["whos-who"]
    assert (person.kind, person.label, person.text) == ("person", "Ann Lee", "mayor")
    assert "made-up-section" not in parsed.sections


def test_fenced_truncated_and_trailing_comma_json_are_recovered():
    text = json.dumps(ANSWER)
    assert loads_lenient("Sure!\n```json\n" + text + "\n```")[0] == ANSWER
    assert loads_lenient(text.replace("]}", "],}", 1))[1] is True
    cut, repaired = loads_lenient(text[: text.index("It began")])
    assert repaired and cut["sections"]["what-theyre-saying"][0]["quote"] == "Exact words here."
    assert loads_lenient("no braces at all") is None


def test_sections_given_as_a_list_and_titles_as_keys():
    data = {"sections": [{"title": "Why it matters", "items": ["Because."]}, {"key": "whats_next", "items": ["Then."]}]}
    parsed = parse_answer(json.dumps(data), EXPLAINER, 3)
    assert parsed.sections["why-it-matters"][0].text == "Because."
    assert parsed.sections["whats-next"][0].text == "Then."


def test_markdown_headings_bullets_quotes_and_timeline():
    text = (
        "# The headline\n\n## Driving the news\n- First **bold** fact.\n- Second fact.\n\n"
        "## What they're saying\n> \u201cWords said.\u201d \u2014 Bo Diaz\n\n## Timeline\n- **2020** \u2014 It began\n"
    )
    parsed = parse_answer(text, EXPLAINER, 3)
    assert parsed.shape == "markdown" and parsed.headline.text == "The headline"
    assert [i.text for i in parsed.sections["driving-the-news"]] == ["First bold fact.", "Second fact."]
    assert parsed.sections["what-theyre-saying"][0].label == "Bo Diaz"
    assert parsed.sections["timeline"][0].label == "2020"


def test_prose_is_split_into_sentences():
    parsed = parse_answer("Mr. Lee met the U.S. envoy on Monday. They spoke for an hour! Talks go on.", EXPLAINER, 3)
    assert parsed.shape == "prose"
    assert [i.text for i in parsed.sections["driving-the-news"]] == [
        "Mr. Lee met the U.S. envoy on Monday.",
        "They spoke for an hour!",
        "Talks go on.",
    ]
    assert sentences_of("He said \u201cNo.\u201d Then he left.") == ["He said \u201cNo.\u201d", "Then he left."]


def test_refusals_and_empty_answers_have_no_items():
    assert parse_answer("I'm sorry, but I can't help with that request.", EXPLAINER, 3).shape == "refusal"
    assert parse_answer("As an AI, I cannot rewrite news.", EXPLAINER, 3).shape == "refusal"
    assert parse_answer("  \n", EXPLAINER, 3).shape == "empty"
    assert parse_answer("{}", EXPLAINER, 3, refusal="No.").shape == "refusal"


def test_repair_answers_by_item_id():
    specs = {"0.0": EXPLAINER.section("driving-the-news"), "2.1": EXPLAINER.section("what-theyre-saying")}
    text = json.dumps(
        {
            "items": [
                {"id": "0.0", "text": "Fixed.", "sources": [1]},
                {"id": "2.1", "text": ""},
                {"id": "9.9", "text": "Not asked for."},
            ]
        }
    )
    got = repaired_items(text, 3, specs)
    assert got["0.0"].text == "Fixed." and got["2.1"] is None and "9.9" not in got


def _texts(parsed, key):
    return [i.text for i in parsed.sections.get(key, [])]


def test_bold_labels_pick_sections_and_leave_the_text_alone():
    answer = (
        "**Driving the news:** Ann Lee won the vote on Tuesday.\n"
        "The council met in May.\n\n"
        "- **Why it matters**: The vote sets the budget.\n"
        "__The big picture__\n"
        "The city has grown.\n"
        "What's next: A second vote follows in June.\n"
    )
    parsed = parse_answer(answer, EXPLAINER, 10)
    assert _texts(parsed, "driving-the-news") == ["Ann Lee won the vote on Tuesday.", "The council met in May."]
    assert _texts(parsed, "why-it-matters") == ["The vote sets the budget."]
    assert _texts(parsed, "big-picture") == ["The city has grown."]
    assert _texts(parsed, "whats-next") == ["A second vote follows in June."]
    assert parsed.placed


def test_headings_at_any_level_numbered_lists_preamble_closing_and_think_blocks():
    answer = (
        "<think>The user wants sections. Let me plan: why it matters first.</think>\n"
        "Sure! Here is the rewritten article:\n\n"
        "## Ukraine asks allies for a path\n\n"  # a headline at level 2, before any section
        "#### Driving the news\n"
        "1. Ann Lee won the vote on Tuesday.\n"
        "2) The council met in May.\n"
        "### Why it matters ###\n"
        "* The vote sets the budget.\n\n"
        "Let me know if you'd like any changes!\n"
    )
    parsed = parse_answer(answer, EXPLAINER, 10)
    assert parsed.headline.text == "Ukraine asks allies for a path"
    everything = " ".join(i.text for items in parsed.sections.values() for i in items)
    assert "Sure" not in everything and "Let me know" not in everything and "plan" not in everything
    assert _texts(parsed, "driving-the-news") == ["Ann Lee won the vote on Tuesday.", "The council met in May."]
    assert _texts(parsed, "why-it-matters") == ["The vote sets the budget."]
    assert parse_answer("<think>only thinking, cut off", EXPLAINER, 10).shape == "empty"


def test_json_inside_prose_is_found_where_it_opens_a_line_not_at_the_first_brace():
    answer = (
        "I will fill the {sections} field as asked.\n"
        "Here is the JSON:\n" + json.dumps(ANSWER, indent=2) + "\nThat is all."
    )
    parsed = parse_answer(answer, EXPLAINER, 10)
    assert parsed.shape == "json" and parsed.headline.text == "A headline"
    think = '<think>{"draft": 1}</think>\n```json\n' + json.dumps(ANSWER) + "\n```"
    assert parse_answer(think, EXPLAINER, 10).headline.text == "A headline"


def test_page_metadata_is_no_rewrite():
    answer = json.dumps({"title": "Ukraine-Lithuania: The EU's role", "url": "https://example.com/a", "source": "x"})
    parsed = parse_answer(answer, EXPLAINER, 10)
    assert parsed.shape == "metadata" and parsed.headline is None and not parsed.sections
