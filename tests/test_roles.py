"""Roles from titles before a name and appositions either side of it."""

from __future__ import annotations

from retold.analyze import analyze


def roles(text: str, name: str) -> tuple[str, ...]:
    facts = analyze(text)
    for e in facts.entities:
        if e.name == name or name in e.aliases:
            return e.roles
    raise AssertionError(f"no entity {name!r} in {[e.name for e in facts.entities]}")


def test_title_before_the_name() -> None:
    assert roles("NATO Secretary General Mark Rutte arrived in Brussels.", "Mark Rutte") == ("NATO Secretary General",)


def test_long_title_with_of_phrases() -> None:
    text = "Minister of Foreign Affairs of Ukraine Andriy Sybiha met his counterpart."
    assert roles(text, "Andriy Sybiha") == ("Minister of Foreign Affairs of Ukraine",)


def test_possessive_title() -> None:
    text = "Ukraine\u2019s Foreign Minister Andrii Sybiha said on Friday that talks went well."
    assert roles(text, "Andrii Sybiha") == ("Ukraine\u2019s Foreign Minister",)


def test_apposition_after_the_name() -> None:
    text = "Keefe, a 19-year-old telephone operator, posed for the painting. Mary Doyle Keefe died this week."
    assert "19-year-old telephone operator" in roles(text, "Mary Doyle Keefe")


def test_apposition_with_an_organisation() -> None:
    text = "Jane Doe, the chief executive of Acme Corp, said profits rose."
    assert roles(text, "Jane Doe") == ("chief executive of Acme Corp",)


def test_roles_of_every_mention_gather_on_the_entity() -> None:
    text = (
        "Minister of Foreign Affairs of Ukraine Andriy Sybiha arrived. "
        "Ukraine\u2019s Foreign Minister Andrii Sybiha spoke later."
    )
    assert roles(text, "Andriy Sybiha") == ("Minister of Foreign Affairs of Ukraine", "Ukraine\u2019s Foreign Minister")


def test_clauses_and_honorifics_are_not_roles() -> None:
    assert roles("Mr Gupta, who was struck by lightning, recovered.", "Gupta") == ()
    assert roles("Keefe, she said, was petite. Mary Keefe smiled.", "Mary Keefe") == ()


def test_hyphenated_title_is_taken_whole() -> None:
    text = (
        "Vice-President Mike Pence told reporters in Washington on Tuesday that the talks would resume next week. "
        "Pence did not say who would attend."
    )
    assert roles(text, "Mike Pence") == ("Vice-President",)


def test_apposition_attached_to_the_name() -> None:
    text = "Mike Pence, the vice-president, said President Donald Trump would attend the summit in Singapore."
    assert roles(text, "Mike Pence") == ("vice-president",)
    assert roles(text, "Donald Trump") == ("President",)


def test_an_item_of_a_list_is_not_a_role() -> None:
    text = "President Donald Trump thanked Mike Pence, the first lady, and his cabinet for their work."
    assert roles(text, "Mike Pence") == ()
    text = "Guests at the dinner included Mike Pence, the senators, and their families."
    assert roles(text, "Mike Pence") == ()


def test_an_organisation_run_into_a_name_is_no_part_of_it() -> None:
    text = (
        "Chief Officer in the Ministry of Finance Brian Manning said the budget would show a surplus of "
        "$20 million this year. Manning told the Finance Committee that spending on roads would rise."
    )
    facts = analyze(text)
    names = {e.name: e for e in facts.entities}
    assert "Brian Manning" in names and names["Brian Manning"].label == "PERSON"
    assert "Ministry of Finance" in names and names["Ministry of Finance"].label == "ORG"
    assert not any("Ministry" in r for r in names["Brian Manning"].roles)
    assert not any("Brian Manning" in n for n in names if n != "Brian Manning")


def test_a_named_department_stays_whole() -> None:
    text = "The Department of Homeland Security said the border would reopen on Monday."
    assert "Department of Homeland Security" in {e.name for e in analyze(text).entities}


def test_a_title_does_not_run_across_another_name() -> None:
    # Nation News (Barbados), 2020: two officials named in one line
    text = (
        "Chief Education Officer Dr Ramona Archer-Bradshaw and Acting Chief Medical Officer Dr Anton Best "
        "addressed the media on Monday."
    )
    assert roles(text, "Anton Best") == ("Acting Chief Medical Officer",)
    assert roles(text, "Ramona Archer-Bradshaw") == ("Chief Education Officer",)


def test_an_honorific_after_the_title_is_not_part_of_the_role() -> None:
    text = "The hill station was founded by Major General Sir William Maynard Gomm in 1841."
    assert roles(text, "William Maynard Gomm") == ("Major General",)


def test_apposition_opened_by_a_possessor() -> None:
    text = "Jane Miller, Acme's president, said the deal would close in May."
    assert roles(text, "Jane Miller") == ("Acme's president",)


def test_a_title_set_before_the_name_by_a_comma() -> None:
    text = "The company's chief financial officer, Tom Reed, said costs rose."
    assert roles(text, "Tom Reed") == ("company's chief financial officer",)
    assert roles("Acme's former chief executive, Jane Miller, said no.", "Jane Miller") == (
        "Acme's former chief executive",
    )


def test_a_phrase_before_a_comma_that_is_no_title_of_the_name_is_no_role() -> None:
    assert roles("In a statement, Jane Miller said the deal would close.", "Jane Miller") == ()
    assert roles("His rival, Jane Miller, said no.", "Jane Miller") == ()  # a relation, not a title
    assert roles("Miller's deputy, Tom Reed, said no.", "Tom Reed") == ()  # another person's title
    assert roles("The company's founders, Jane Miller and Tom Reed, said no.", "Tom Reed") == ()


def test_a_hyphenated_title_is_one_word_before_the_name_and_after_it() -> None:
    # "founder" for "co-founder" shortened the role; "co" opening an apposition hid it
    assert roles("Acme co-founder Jane Roe said the firm would grow.", "Jane Roe") == ("co-founder",)
    assert roles("Jane Roe, co-founder of Acme, said the firm would grow.", "Jane Roe") == ("co-founder of Acme",)


def test_an_executive_title_is_taken_whole_before_the_name() -> None:
    text = "Acme's chief financial officer Jane Miller said the deal would close in May."
    assert roles(text, "Jane Miller") == ("Acme's chief financial officer",)  # not "officer"
    assert roles("Chief operating officer Tom Reed said costs rose.", "Tom Reed") == ("Chief operating officer",)
