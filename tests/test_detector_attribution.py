"""attribution: a verbatim quote credited to the wrong speaker is an error; "sources say" for a named source a warning."""

from __future__ import annotations

from pathlib import Path

import pytest

from retold.check import check
from retold.ingest import from_text
from retold.types import Finding

SOURCE = (Path(__file__).resolve().parent.parent / "examples" / "nato-ukraine.txt").read_text(encoding="utf-8")
CLEAN = from_text(SOURCE).text  # evidence offsets point into the cleaned article text
RUTTE_QUOTE = "As you know, Allies agree that the future of Ukraine is in NATO."


def attributions(rewrite: str) -> list[Finding]:
    return [f for f in check(SOURCE, rewrite).findings if f.kind == "attribution"]


@pytest.mark.parametrize(
    ("rewrite", "credited"),
    [
        (f"Sybiha said, “{RUTTE_QUOTE}”", "Sybiha"),
        (f"> “{RUTTE_QUOTE}” — Andriy Sybiha, Minister of Foreign Affairs of Ukraine", "Andriy Sybiha"),
        ("“It will take weeks and months to get consensus,” Rutte told Reuters.", "Rutte"),  # an unnamed source named
    ],
)
def test_a_quote_credited_to_someone_else_is_an_error(rewrite: str, credited: str) -> None:
    (f,) = attributions(rewrite)
    assert f.severity == "error" and "misattributed quote" in f.message and credited in f.message
    assert rewrite[f.start : f.end] == f.text
    assert CLEAN[f.evidence[0].start : f.evidence[0].end] == f.evidence[0].text


@pytest.mark.parametrize(
    "faithful",
    [
        f"Rutte said, “{RUTTE_QUOTE}”",
        f"> “{RUTTE_QUOTE}” — Mark Rutte, NATO Secretary General",
        "“It will take weeks and months to get consensus,” a senior NATO diplomat told Reuters.",
        "> “I urge you to endorse the decision to invite Ukraine to join the Alliance.” — Andrii Sybiha",
    ],
)
def test_quotes_credited_to_their_speaker_are_not_flagged(faithful: str) -> None:
    assert attributions(faithful) == []


def test_a_named_source_turned_vague_is_a_warning() -> None:
    rewrite = "Sources say NATO members are likely to sidestep Ukraine's call to join the alliance."
    (f,) = attributions(rewrite)
    assert (f.severity, f.text) == ("warning", "Sources say")
    assert "Reuters" in f.message and "Reuters reported" in f.evidence[0].text


def test_keeping_the_named_source_is_not_flagged() -> None:
    assert (
        attributions(
            "Citing several diplomats, Reuters reported that NATO members are likely to sidestep Ukraine's call."
        )
        == []
    )


def test_a_name_that_is_not_speaking_credits_no_quote() -> None:
    from retold.analyze import analyze
    from retold.check.detectors.attribution import credited_names

    # "Cord" is what is done to, not who speaks: the quote is credited to nobody
    passive = analyze("Cord should not be routinely clamped “earlier than one minute from the birth of the baby”.")
    assert [credited_names(passive, q) for q in passive.quotes] == [[]]
    speaking = analyze(f"Sybiha told reporters: “{RUTTE_QUOTE}”")
    assert [credited_names(speaking, q)[0] for q in speaking.quotes] == ["Sybiha"]
