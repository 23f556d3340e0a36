"""Roles from titles before a name and appositions after it."""

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
