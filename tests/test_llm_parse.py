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
    news, = parsed.sections["driving-the-news"]
    assert news.sources == (1, 2, 3)  # 99 is not a source sentence
    quote, = parsed.sections["what-theyre-saying"]
    assert (quote.kind, quote.text, quote.label) == ("quote", "Exact words here.", "Ann Lee, mayor")
    event, = parsed.sections["timeline"]
    assert (event.kind, event.label, event.text) == ("event", "May 2020", "It began")
    person, = parsed.sections["whos-who"]
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
        "Mr. Lee met the U.S. envoy on Monday.", "They spoke for an hour!", "Talks go on."
    ]
    assert sentences_of("He said \u201cNo.\u201d Then he left.") == ["He said \u201cNo.\u201d", "Then he left."]


def test_refusals_and_empty_answers_have_no_items():
    assert parse_answer("I'm sorry, but I can't help with that request.", EXPLAINER, 3).shape == "refusal"
    assert parse_answer("As an AI, I cannot rewrite news.", EXPLAINER, 3).shape == "refusal"
    assert parse_answer("  \n", EXPLAINER, 3).shape == "empty"
    assert parse_answer("{}", EXPLAINER, 3, refusal="No.").shape == "refusal"


def test_repair_answers_by_item_id():
    specs = {"0.0": EXPLAINER.section("driving-the-news"), "2.1": EXPLAINER.section("what-theyre-saying")}
    text = json.dumps({"items": [{"id": "0.0", "text": "Fixed.", "sources": [1]}, {"id": "2.1", "text": ""},
                                 {"id": "9.9", "text": "Not asked for."}]})
    got = repaired_items(text, 3, specs)
    assert got["0.0"].text == "Fixed." and got["2.1"] is None and "9.9" not in got
