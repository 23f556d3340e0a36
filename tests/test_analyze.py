"""Golden test: the development example, analysed end to end."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from retold.analyze import analyze
from retold.analyze.nlp import load_nlp
from retold.errors import InputError
from retold.types import Entity, FactSheet

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "nato-ukraine.txt"
PUBLISHED = dt.date(2024, 12, 3)  # the Tuesday of the meeting


@pytest.fixture(scope="module")
def facts() -> FactSheet:
    return analyze(EXAMPLE.read_text(encoding="utf-8"), published=PUBLISHED)


def entity(facts: FactSheet, name: str) -> Entity:
    return next(e for e in facts.entities if e.name == name)


def test_quotes_have_their_speakers(facts: FactSheet) -> None:
    expected = [
        ("During my meeting with G", "Andriy Sybiha", False),
        ("We also appreciate Lith", "Andriy Sybiha", False),  # the paragraph-spanning continuation
        ("necessary now.", "Mark Rutte", False),
        ("dire threat", "NATO chief", True),
        ("As you know, Allies agre", "Mark Rutte", True),
        ("the bridge consists, for", "Mark Rutte", True),  # "The Secretary General added"
        ("So, this is happening st", "Mark Rutte", True),
        ("what is necessary now is", "Mark Rutte", False),  # "He insisted"
        ("Having the bitter experi", "Ukrainian Foreign Ministry", True),  # "The Ministry said in a statement"
        ("the U.S. and Great Brita", "Ukrainian Foreign Ministry", True),
        ("all the states participa", "Ukrainian Foreign Ministry", True),
        ("It will take weeks and m", "An unnamed senior NATO diplomat", False),
        ("I don\u2019t see that happenin", "An unnamed senior NATO diplomat", True),
        ("irreversible path to ful", "NATO", True),
        ("I urge you to endorse th", "Andriy Sybiha", True),
    ]
    assert len(facts.quotes) == len(expected)
    for q, (opening, who, closed) in zip(facts.quotes, expected):
        said_by = facts.entities[q.speaker].name if q.speaker is not None else q.speaker_text
        assert (q.text.startswith(opening), said_by, q.closed) == (True, who, closed), q.text
    for q in facts.quotes:
        assert facts.text[q.start : q.end] == q.text
        assert q.speaker_text


def test_people_with_aliases_and_roles(facts: FactSheet) -> None:
    sybiha = entity(facts, "Andriy Sybiha")
    assert sybiha.label == "PERSON"
    assert {"Sybiha", "Andrii Sybiha"} <= set(sybiha.aliases)
    assert sybiha.roles == ("Minister of Foreign Affairs of Ukraine", "Ukraine\u2019s Foreign Minister")
    rutte = entity(facts, "Mark Rutte")
    assert rutte.roles == ("NATO Secretary General",)
    assert [m.text for m in rutte.mentions] == ["Mark Rutte", "Rutte", "Rutte"]
    assert entity(facts, "Gabrielius Landsbergis").roles == ("Lithuanian counterpart",)


def test_places_groups_and_acronyms(facts: FactSheet) -> None:
    ukraine = entity(facts, "Ukraine")
    assert ukraine.label == "GPE" and {"Ukrainian", "Ukraine\u2019s"} <= set(ukraine.aliases)
    assert "Lithuanian" in entity(facts, "Lithuania").aliases
    assert "North Atlantic Treaty Organization" in entity(facts, "NATO").aliases
    assert entity(facts, "Ukrainian Foreign Ministry").label == "ORG"
    assert all(e.name != "Ukraine Andriy Sybiha" for e in facts.entities)
    names = {e.name for e in facts.entities}
    assert {"Brussels", "Kyiv", "Russia", "France", "China", "Reuters", "Budapest Memorandum"} <= names


def test_dates_and_numbers(facts: FactSheet) -> None:
    assert [(d.text, d.iso) for d in facts.dates] == [
        ("on Tuesday", "2024-12-03"),
        ("on Tuesday", "2024-12-03"),
        ("1994", "1994"),
        ("today", "2024-12-03"),
        ("on Wednesday", "2024-12-04"),
        ("tomorrow", "2024-12-04"),
        ("September 2022", "2022-09"),
        ("July 2024", "2024-07"),
        ("29 November", "--11-29"),
        ("Dec. 3-4", "--12-03"),
        ("Dec. 3-4", "--12-04"),
    ]
    assert [(n.text, n.value, n.unit) for n in facts.numbers] == [("two", 2.0, "days")]


def test_sentences_stay_in_their_blocks(facts: FactSheet) -> None:
    paragraphs = facts.article.paragraphs
    assert {s.paragraph for s in facts.sentences} == set(range(len(paragraphs)))
    for s in facts.sentences:
        assert paragraphs[s.paragraph].start <= s.start < s.end <= paragraphs[s.paragraph].end
    for e in facts.entities:
        for m in e.mentions:
            sentence = facts.sentences[m.sentence]
            assert sentence.start <= m.start and m.end <= sentence.end


def test_fact_sheet_serialises(facts: FactSheet) -> None:
    data = json.loads(json.dumps(facts.to_dict()))
    assert len(data["quotes"]) == 15 and data["quotes"][0]["speaker"] == "Andriy Sybiha"


def test_text_past_the_model_limit_is_refused_with_the_fix() -> None:
    nlp = load_nlp()
    with pytest.raises(InputError, match="split it into separate articles"):
        analyze("word " * (nlp.max_length // 5 + 1))


def test_speakers_hold_after_ingest_removes_the_related_links() -> None:
    from retold.ingest import from_text

    facts = analyze(from_text(EXAMPLE.read_text(encoding="utf-8")), published=PUBLISHED)
    said_by = [facts.entities[q.speaker].name if q.speaker is not None else q.speaker_text for q in facts.quotes]
    assert said_by == [
        "Andriy Sybiha", "Andriy Sybiha", "Mark Rutte", "Mark Rutte", "Mark Rutte", "Mark Rutte", "Mark Rutte",
        "Ukrainian Foreign Ministry", "Ukrainian Foreign Ministry", "Ukrainian Foreign Ministry",
        "An unnamed senior NATO diplomat", "An unnamed senior NATO diplomat", "NATO", "Andriy Sybiha",
    ]  # fmt: skip


def test_a_dateline_run_into_the_first_word_leaves_the_name_whole() -> None:
    facts = analyze("(CNN)Hillary Clinton said on Monday that she would run for president.")
    assert [t.text for t in facts.doc][:5] == ["(", "CNN", ")", "Hillary", "Clinton"]
    assert any(e.label == "PERSON" and [m.text for m in e.mentions] == ["Hillary Clinton"] for e in facts.entities)
