"""A person introduced at first mention with the role the article gives them, in the article's words."""

from __future__ import annotations

from retold import check
from retold.analyze import analyze
from retold.rewrite.editor import introduce
from retold.types import FactSheet, Item

# Sentences of the kind wire copy has: the title or the apposition once, the surname after.
TITLED = (
    "The United States will send 200 more troops to Poland next month, officials said on Tuesday. "
    "The announcement came after Vice-President Mike Pence met Polish leaders in Warsaw. "
    "Pence told reporters the troops would stay for at least a year."
)
APPOSED = (
    "The United States will send 200 more troops to Poland next month, officials said on Tuesday. "
    "Speaking in Warsaw, Mike Pence, the vice-president, praised Poland as a loyal ally. "
    "Pence told reporters the troops would stay for at least a year."
)


def first_mention(facts: FactSheet, text: str) -> str:
    sid = next(s.id for s in facts.sentences if s.text.startswith(text.split()[0]) and text[:20] in s.text)
    return introduce(Item(text=text, sources=(sid,)), facts, set()).text


def no_errors(source: str, rewrite: str) -> bool:
    return not [f for f in check(source, rewrite).findings if f.severity == "error"]


def test_a_title_before_the_name_comes_with_the_full_name():
    facts = analyze(TITLED)
    told = first_mention(facts, "Pence told reporters the troops would stay for at least a year.")
    assert told == "Vice-President Mike Pence told reporters the troops would stay for at least a year."
    assert no_errors(TITLED, told)


def test_an_apposition_comes_after_the_full_name():
    facts = analyze(APPOSED)
    told = first_mention(facts, "Pence told reporters the troops would stay for at least a year.")
    assert told == "Mike Pence, the vice-president, told reporters the troops would stay for at least a year."
    assert no_errors(APPOSED, told)


def test_the_role_is_left_out_where_it_would_break_the_grammar():
    source = TITLED + " Officials said the Pence visit was his first to Poland."
    facts = analyze(source)
    told = first_mention(facts, "Officials said the Pence visit was his first to Poland.")
    assert (
        told == "Officials said the Mike Pence visit was his first to Poland."
    )  # never "the Vice-President Mike Pence visit"
    source = APPOSED + " Pence's visit was his first to Poland."
    told = first_mention(analyze(source), "Pence's visit was his first to Poland.")
    assert told == "Mike Pence's visit was his first to Poland."  # never "Mike Pence, the vice-president,'s"


def test_a_title_reads_well_before_a_possessive():
    source = TITLED + " Pence's visit was his first to Poland."
    told = first_mention(analyze(source), "Pence's visit was his first to Poland.")
    assert told == "Vice-President Mike Pence's visit was his first to Poland."
    assert no_errors(source, told)


def test_no_role_when_the_article_gives_it_in_another_form():
    # "the vice-president" elsewhere in the text is not written as a title or an apposition of the name
    source = (
        "Mike Pence met Polish leaders in Warsaw on Tuesday. The vice-president praised Poland as a loyal ally. "
        "Pence told reporters the troops would stay for at least a year."
    )
    facts = analyze(source)
    told = first_mention(facts, "Pence told reporters the troops would stay for at least a year.")
    assert told == "Mike Pence told reporters the troops would stay for at least a year."


def test_only_the_first_mention_gets_the_role():
    facts = analyze(TITLED)
    introduced: set[int] = set()
    sid = facts.sentences[-1].id
    first = introduce(Item(text="Pence told reporters the troops would stay.", sources=(sid,)), facts, introduced)
    again = introduce(Item(text="Pence said the cost was fair.", sources=(sid,)), facts, introduced)
    assert first.text.startswith("Vice-President Mike Pence told")
    assert again.text == "Pence said the cost was fair."


def test_the_title_is_copied_with_the_honorific_the_article_puts_before_the_name():
    source = (
        "The hill station at Newcastle was founded in 1841. Major General Sir William Maynard Gomm chose the site. "
        "Gomm had asked London for the station in a letter to the governor."
    )
    facts = analyze(source)
    told = first_mention(facts, "Gomm had asked London for the station in a letter to the governor.")
    assert (
        told == "Major General Sir William Maynard Gomm had asked London for the station in a letter to the governor."
    )
    assert no_errors(source, told)


def test_no_role_inside_a_quotation():
    source = TITLED + " \u201cWe thank Pence for coming,\u201d the Polish president said."
    facts = analyze(source)
    told = first_mention(facts, "\u201cWe thank Pence for coming,\u201d the Polish president said.")
    assert "Vice-President" not in told
