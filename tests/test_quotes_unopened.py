"""Quotations whose opening mark is missing: closed before a speech credit, or nested in a single mark left open."""

from __future__ import annotations

import pytest

from retold.analyze import analyze
from retold.types import FactSheet


def quoted(facts: FactSheet) -> list[str]:
    return [q.text for q in facts.quotes]


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        (
            "She said the move had left her heartbroken. I loved that club and they treated me badly,' she told The Sun.",
            "I loved that club and they treated me badly,",
            "she",
        ),
        (
            'The lorry was going far too fast. We had no chance to get out of the way," the truck driver said.',
            "We had no chance to get out of the way,",
            "the truck driver",
        ),
        (
            "I loved that club and they treated me badly,\u2019 she told The Sun.",
            "I loved that club and they treated me badly,",
            "she",
        ),
    ],
)
def test_a_close_before_a_speech_credit_ends_a_quote_from_its_sentence_start(
    text: str, words: str, speaker: str
) -> None:
    facts = analyze(text)
    (q,) = facts.quotes
    assert q.text == words and facts.text[q.start : q.end] == words
    assert q.closed
    # the quotation starts where its sentence does, not at the paragraph's start
    assert q.start == facts.text.index(words)
    assert q.speaker_text == speaker


def test_a_close_after_an_exclamation_mark_ends_a_quote() -> None:
    facts = analyze("Police closed the road for hours. It was terrifying!' the driver told reporters.")
    assert quoted(facts) == ["It was terrifying!"]


def test_a_close_with_an_opening_mark_earlier_is_an_ordinary_quote() -> None:
    facts = analyze("She said the move hurt. 'I loved that club and they treated me badly,' she told The Sun.")
    (q,) = facts.quotes
    assert q.text == "I loved that club and they treated me badly,"


def test_a_close_with_no_speech_credit_after_it_is_not_a_quote() -> None:
    facts = analyze("The club said the contract had ended. The player was released,' and the fans were furious.")
    assert facts.quotes == ()


def test_double_quotes_inside_a_single_mark_that_never_closes_are_kept() -> None:
    text = (
        'Ms Jones wrote \'He told me: "I will fix it tomorrow." But he never came back. '
        'Later he said "It is not my job" to the council.'
    )
    facts = analyze(text)
    assert quoted(facts) == ["I will fix it tomorrow.", "It is not my job"]
    for q in facts.quotes:
        assert facts.text[q.start : q.end] == q.text and q.closed


def test_one_double_quote_inside_an_unclosed_single_mark_is_kept() -> None:
    facts = analyze('Her mother added \'my daughter said "I am scared of him" weeks before she died.')
    assert quoted(facts) == ["I am scared of him"]


def test_a_closed_single_quote_still_holds_its_nested_double_quote() -> None:
    # when the single mark does close, the double-quoted words stay inside it rather than standing alone
    facts = analyze("Her mother added 'my daughter said \"I am scared of him\" weeks before,' police said.")
    assert quoted(facts) == ['my daughter said "I am scared of him" weeks before,']


@pytest.mark.parametrize(
    "text",
    [
        "The band were big in the '90s, he said.",
        "Fans bought the '90s records in their thousands, he said.",
        "Police examined Jones' car near the scene of the crash, the officer said.",
        "The crash happened right outside the Joneses' house, she told reporters.",
    ],
)
def test_an_apostrophe_before_a_speech_credit_does_not_start_a_quote(text: str) -> None:
    assert analyze(text).quotes == ()
