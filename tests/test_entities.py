"""Entities: spaCy's slips repaired, one entity per referent, and the alias keys the checker matches on."""

from __future__ import annotations

from retold.analyze import analyze
from retold.analyze.entities import name_keys
from retold.types import Entity, FactSheet


def entity_named(facts: FactSheet, name: str) -> Entity:
    matches = [e for e in facts.entities if e.name == name]
    assert matches, f"no entity {name!r} in {[e.name for e in facts.entities]}"
    return matches[0]


def same(a: str, b: str) -> bool:
    return bool(name_keys(a) & name_keys(b))


def test_name_keys_match_the_matching_rules() -> None:
    assert same("Mark Rutte", "Rutte")
    assert same("Andriy Sybiha", "Andrii Sybiha")
    assert same("Ukraine\u2019s", "Ukraine")
    assert same("Ukrainian", "Ukraine")
    assert same("Lithuanian", "Lithuania")
    assert same("NATO", "North Atlantic Treaty Organization")
    assert same("U.S.", "United States") and same("US", "U.S.")
    assert same("European Union", "EU")
    assert same("Kiev", "Kyiv")
    assert same("Zelenskyy", "Zelensky")


def test_name_keys_keep_different_referents_apart() -> None:
    assert not same("Lithuania", "Latvia")
    assert not same("NATO", "UN")
    assert not same("Mark Rutte", "Mark Smith")
    assert not same("Austria", "Australia")
    assert name_keys("") == set()


def test_country_glued_to_a_name_is_split_into_place_and_person() -> None:
    facts = analyze(
        "Minister of Foreign Affairs of Ukraine Andriy Sybiha met his Lithuanian counterpart Gabrielius Landsbergis."
    )
    sybiha = entity_named(facts, "Andriy Sybiha")
    assert sybiha.label == "PERSON"
    ukraine = entity_named(facts, "Ukraine")
    assert ukraine.label == "GPE"
    lithuania = next(e for e in facts.entities if "Lithuania" in e.aliases)
    assert [m.text for m in lithuania.mentions] == ["Lithuanian"]
    assert all(e.name != "Ukraine Andriy Sybiha" for e in facts.entities)


def test_one_entity_per_person_across_surname_and_spelling() -> None:
    facts = analyze(
        "Andriy Sybiha spoke first. NATO Secretary General Mark Rutte answered. "
        "Rutte said more later. Ukraine\u2019s Foreign Minister Andrii Sybiha closed the talks. Sybiha left."
    )
    sybiha = entity_named(facts, "Andriy Sybiha")
    assert {m.text for m in sybiha.mentions} == {"Andriy Sybiha", "Andrii Sybiha", "Sybiha"}
    assert "Andrii Sybiha" in sybiha.aliases
    rutte = entity_named(facts, "Mark Rutte")
    assert [m.text for m in rutte.mentions] == ["Mark Rutte", "Rutte"]
    assert sum(e.label == "PERSON" for e in facts.entities) == 2


def test_demonym_possessive_and_place_are_one_entity() -> None:
    facts = analyze("Ukraine\u2019s army grew. Ukrainian forces held the line in Ukraine.")
    ukraine = entity_named(facts, "Ukraine")
    assert len(ukraine.mentions) == 3
    assert {"Ukraine", "Ukrainian", "Ukraine\u2019s"} <= set(ukraine.aliases)
    for m in ukraine.mentions:
        assert facts.text[m.start : m.end] == m.text
        assert not m.text.endswith("s") or m.text == "Ukraine"


def test_acronym_and_expansion_are_one_entity() -> None:
    facts = analyze(
        "The North Atlantic Treaty Organization met in Brussels. NATO ministers agreed. "
        "The U.S. and the United States delegation agreed."
    )
    nato = entity_named(facts, "North Atlantic Treaty Organization")
    assert {m.text for m in nato.mentions} == {"North Atlantic Treaty Organization", "NATO"}
    us = [e for e in facts.entities if "United States" in e.aliases]
    assert len(us) == 1


def test_pronouns_are_not_entities() -> None:
    facts = analyze("He said she would go. They agreed with him. It rained in Paris.")
    surfaces = {m.text.lower() for e in facts.entities for m in e.mentions}
    assert not surfaces & {"he", "she", "they", "him", "it"}
    assert entity_named(facts, "Paris").label == "GPE"


def test_missed_places_and_bracketed_datelines_are_repaired() -> None:
    facts = analyze("(CNN)Kyiv submitted an application. Officials in Kyiv waited.")
    kyiv = entity_named(facts, "Kyiv")
    assert len(kyiv.mentions) == 2
    assert all(")" not in m.text for e in facts.entities for m in e.mentions)


def test_demonym_or_possessive_place_inside_a_name() -> None:
    assert same("Ukrainian Foreign Ministry", "Ukraine\u2019s Foreign Ministry")
    assert not same("Ukrainian Foreign Ministry", "Lithuanian Foreign Ministry")


def test_honorifics_tell_apart_two_people_of_one_surname() -> None:
    facts = analyze("Last month, Mr and Mrs Prudham were seen. Mr Prudham works. Mrs Prudham took him back.")
    people = {e.name: [m.text for m in e.mentions] for e in facts.entities if e.label == "PERSON"}
    assert people == {"Mrs Prudham": ["Mrs Prudham", "Mrs Prudham"], "Mr Prudham": ["Mr Prudham"]}


def test_party_and_titles_are_not_part_of_a_name() -> None:
    facts = analyze("Labour\u2019s Simon Danczuk spoke. Paediatrician Amy Gray said Luke was weak.")
    names = {e.name for e in facts.entities if e.label == "PERSON"}
    assert {"Simon Danczuk", "Amy Gray"} <= names
    assert entity_named(facts, "Amy Gray").roles == ("Paediatrician",)
