"""quote: quoted words must stand verbatim in the source; scare quotes the source lacks are warnings."""

from __future__ import annotations

from pathlib import Path

import pytest

from retold.check import check
from retold.ingest import from_text
from retold.types import Finding

SOURCE = (Path(__file__).resolve().parent.parent / "examples" / "nato-ukraine.txt").read_text(encoding="utf-8")
CLEAN = from_text(SOURCE).text  # evidence offsets point into the cleaned article text


def quotes(rewrite: str) -> list[Finding]:
    return [f for f in check(SOURCE, rewrite).findings if f.kind == "quote"]


def test_an_altered_quote_is_an_error_with_the_source_quote_as_evidence() -> None:
    rewrite = "Rutte said: “Allies agree that Ukraine's future lies in NATO.”"
    (f,) = quotes(rewrite)
    assert f.severity == "error" and "altered quote" in f.message
    assert rewrite[f.start : f.end] == f.text == "Allies agree that Ukraine's future lies in NATO."
    assert f.evidence[0].text.startswith("As you know, Allies agree that the future of Ukraine is in NATO")
    assert CLEAN[f.evidence[0].start : f.evidence[0].end] == f.evidence[0].text


def test_a_paraphrase_put_in_quotation_marks_is_an_error() -> None:
    (f,) = quotes('The ministry said Ukraine "will never accept a second-class membership deal."')
    assert f.severity == "error" and "no such words" in f.message


def test_one_or_two_words_in_scare_quotes_are_a_warning() -> None:
    (f,) = quotes("NATO members are likely to “sidestep” Ukraine’s call to join the alliance, Reuters reported.")
    assert (f.severity, f.text) == ("warning", "sidestep")


@pytest.mark.parametrize(
    "faithful",
    [
        # straight marks, a different case at the start, dropped closing punctuation
        'Rutte said "the future of Ukraine is in NATO", adding that allies have been building a bridge.',
        # an ellipsis skipping words
        "“As you know, Allies agree that the future of Ukraine is in NATO … Allies have been working on building the bridge.”",
        # an editor's bracketed insertion
        "“[Military aid] is now crucial for them to, if they decide to do so, enter into talks with the Russians.”",
        # words the source itself puts in quotation marks
        "NATO confirmed Ukraine's “irreversible path” in July 2024; Rutte is concentrating on what is “necessary now.”",
        # British and American spellings of one quote
        "“We also appreciate Lithuania’s investment in our defence industry,” Sybiha said.",
    ],
)
def test_verbatim_quotes_in_any_typography_are_not_flagged(faithful: str) -> None:
    assert quotes(faithful) == []


@pytest.mark.parametrize(
    "misquoted",
    [
        # "and" dropped, "the" dropped: a misquote that still says what was said
        "Rutte said: “Allies agree that future of Ukraine is in NATO during the Washington Summit.”",
        "“Having bitter experience of the Budapest Memorandum behind us, we will not settle for any alternatives,” the Ministry said.",
    ],
)
def test_a_quote_differing_in_function_words_only_is_a_warning(misquoted: str) -> None:
    (f,) = quotes(misquoted)
    assert f.severity == "warning" and "misquoted" in f.message
    assert CLEAN[f.evidence[0].start : f.evidence[0].end] == f.evidence[0].text


@pytest.mark.parametrize(
    "altered",
    [
        # a negation dropped, a content word changed, a pronoun for someone else: still errors
        "“Having the bitter experience of the Budapest Memorandum behind us, we will settle for any alternatives,” the Ministry said.",
        "“Having the bitter experience of the Budapest Memorandum behind us, we will not settle for any guarantees,” the Ministry said.",
        "“Having the bitter experience of the Budapest Memorandum behind them, we will not settle for any alternatives,” the Ministry said.",
    ],
)
def test_a_quote_changed_in_meaning_stays_an_error(altered: str) -> None:
    (f,) = quotes(altered)
    assert f.severity == "error"


def test_a_faithful_paraphrase_in_quotation_marks_is_its_own_error_kind() -> None:
    from retold.check import check

    source = (
        "The mayor said the city would reopen all of its public libraries next month after the repairs are finished. "
        "Officials expect the work to cost $2 million."
    )
    report = check(source, 'The mayor said "the city will reopen every public library next month once repairs finish".')
    kinds = {(f.kind, f.severity) for f in report.findings if f.kind in ("quote", "paraphrase-quote")}
    assert kinds == {("paraphrase-quote", "error")}
    invented = check(source, 'The mayor said "we will sell the stadium to a football club in Madrid".')
    assert {f.kind for f in invented.findings if f.severity == "error"} >= {"quote"}
    assert "paraphrase-quote" not in {f.kind for f in invented.findings}
