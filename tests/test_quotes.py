"""Quotations: marks of every kind, nesting, paragraph-spanning quotes, and their speakers."""

from __future__ import annotations

from retold.analyze import analyze
from retold.types import FactSheet, Quote


def quotes(text: str) -> FactSheet:
    return analyze(text)


def speaker(facts: FactSheet, quote: Quote) -> str | None:
    return facts.entities[quote.speaker].name if quote.speaker is not None else None


def test_curly_and_straight_marks() -> None:
    facts = quotes('Rutte said, \u201cWe agree.\u201d Sybiha said, "We do too."')
    assert [q.text for q in facts.quotes] == ["We agree.", "We do too."]
    for q in facts.quotes:
        assert facts.text[q.start : q.end] == q.text and q.closed


def test_nested_quote_stays_inside_its_outer_quote() -> None:
    facts = quotes("Rutte said, \u201cThey call it a \u2018dire threat\u2019 and we agree.\u201d")
    (q,) = facts.quotes
    assert q.text == "They call it a \u2018dire threat\u2019 and we agree."


def test_apostrophes_are_not_quote_marks() -> None:
    facts = quotes("Ukraine\u2019s bid and Ukraine\u2018s army, back in the \u201990s, were the allies\u2019 topic.")
    assert facts.quotes == ()


def test_single_quotes_alone_are_quotes() -> None:
    facts = quotes("NATO chief warns US will face a \u2018dire threat\u2019 from allies.")
    assert [q.text for q in facts.quotes] == ["dire threat"]


def test_quote_running_over_paragraphs() -> None:
    text = (
        "Sybiha said on X, \u201cI thanked him for his leadership.\n"
        "\u201cWe also appreciate Lithuania\u2019s investment. We coordinated next steps,\n"
        "Andriy Sybiha then left the room."
    )
    facts = quotes(text)
    first, second = facts.quotes
    assert not first.closed and not second.closed
    assert first.text == "I thanked him for his leadership."
    assert second.text.startswith("We also appreciate") and second.text.endswith("next steps,")
    assert speaker(facts, first) == speaker(facts, second) == "Andriy Sybiha"
    assert first.speaker_text == second.speaker_text == "Sybiha"


def test_continuation_closed_in_the_next_paragraph() -> None:
    text = (
        "An unnamed senior NATO diplomat told Reuters, \u201cIt will take weeks and months to get consensus.\n"
        "\u201cI don\u2019t see that happening tomorrow, I would be very surprised.\u201d"
    )
    first, second = quotes(text).quotes
    assert (first.closed, second.closed) == (False, True)
    assert first.speaker is None and second.speaker is None
    assert first.speaker_text == second.speaker_text == "An unnamed senior NATO diplomat"


def test_speaker_after_the_quote() -> None:
    facts = quotes("\u201cOther than the red hair, he embellished it,\u201d Mary Keefe said in a 2012 interview.")
    (q,) = facts.quotes
    assert speaker(facts, q) == "Mary Keefe"


def test_pronoun_speaker_is_the_person_before() -> None:
    text = "Mark Rutte spoke to reporters. He insisted, \u201cwhat is necessary now is aid.\u201d"
    facts = quotes(text)
    (q,) = facts.quotes
    assert speaker(facts, q) == "Mark Rutte" and q.speaker_text == "He"


def test_pronoun_between_two_men_credits_neither_when_the_text_does_not_settle_it() -> None:
    text = (
        "Dr Permesh Dhillon, a colleague of Mr Gupta, said the case was rare. "
        "He told LiveScience: 'In the future, patients should see a specialist.'"
    )
    facts = quotes(text)
    (q,) = facts.quotes
    # "He" is most likely Dhillon, but nothing in the text rules Gupta out: a quote is better left
    # uncredited than credited to the wrong man
    assert speaker(facts, q) is None and q.speaker_text == "He"


def test_organisation_named_by_its_head_noun() -> None:
    text = (
        "The Ukrainian Foreign Ministry said on Tuesday that Ukraine will refuse.\n"
        "The Ministry said in a statement, \u201cWe will not settle for any alternatives,\u201d "
        "the Kyiv Independent reports."
    )
    facts = quotes(text)
    (q,) = facts.quotes
    assert speaker(facts, q) == "Ukrainian Foreign Ministry" and q.speaker_text == "The Ministry"


def test_role_names_the_speaker() -> None:
    text = (
        "NATO Secretary General Mark Rutte arrived.\n"
        "The Secretary General added, \u201cthe bridge consists of bilateral agreements.\u201d"
    )
    facts = quotes(text)
    assert speaker(facts, facts.quotes[0]) == "Mark Rutte"


def test_quote_without_a_speaker_verb_has_no_speaker() -> None:
    facts = quotes("The poster shows a woman under the slogan \u201cWe Can Do It.\u201d")
    (q,) = facts.quotes
    assert q.speaker is None and q.speaker_text is None


def test_markdown_quote_block_with_attribution() -> None:
    facts = quotes("Mark Rutte spoke.\n\n> We will concentrate on what is necessary now. \u2014 Rutte")
    (q,) = facts.quotes
    assert q.text == "We will concentrate on what is necessary now."
    assert speaker(facts, q) == "Mark Rutte"


def test_a_quote_lines_own_credit_wins_over_the_voice_before() -> None:
    text = (
        "Rutte insisted, \u201cwhat is necessary now is aid.\u201d\n\n"
        "> \u201cI thanked him for his leadership.\u201d \u2014 Andriy Sybiha, Minister of Foreign Affairs of Ukraine"
    )
    facts = quotes(text)
    first, second = facts.quotes
    assert speaker(facts, first) == "Rutte"
    assert speaker(facts, second) == "Andriy Sybiha"
    assert second.speaker_text == "Andriy Sybiha, Minister of Foreign Affairs of Ukraine"


def test_according_to_names_the_source() -> None:
    before_and_after = (
        "According to Reuters, \u201cthe talks failed.\u201d",
        "\u201cThe talks failed,\u201d according to Reuters.",
    )
    for text in before_and_after:
        facts = quotes(text)
        (q,) = facts.quotes
        assert speaker(facts, q) == "Reuters" and q.speaker_text == "Reuters"
    facts = quotes("According to Reuters, Mark Rutte said, \u201cthe talks failed.\u201d")
    assert speaker(facts, facts.quotes[0]) == "Mark Rutte"


def test_a_quote_lines_credit_wins_over_an_unclosed_quote_before() -> None:
    text = (
        "Rutte insisted, \u201cwhat is necessary now is aid.\n\n"
        "> \u201cDuring my meeting \u2026 I thanked him.\u201d \u2014 Andriy Sybiha, Minister of Foreign Affairs of Ukraine"
    )
    facts = quotes(text)
    first, second = facts.quotes
    assert speaker(facts, first) == "Rutte"
    assert speaker(facts, second) == "Andriy Sybiha"
    assert second.speaker_text == "Andriy Sybiha, Minister of Foreign Affairs of Ukraine"


def test_a_list_items_dash_credit_names_its_speaker() -> None:
    text = (
        "## What they're saying\n\n"
        "- Andriy Sybiha met Mark Rutte. Sybiha said, \u201cwe will help.\u201d\n"
        "- \u201cWe will concentrate on what is necessary now.\u201d \u2014 Rutte\n"
        "- \u201cDuring my meeting I thanked him.\u201d \u2014 Andriy Sybiha, Minister of Foreign Affairs of Ukraine"
    )
    facts = quotes(text)
    helps, necessary, meeting = facts.quotes
    assert speaker(facts, necessary) == "Mark Rutte" and necessary.speaker_text == "Rutte"
    assert speaker(facts, meeting) == "Andriy Sybiha"
    assert meeting.speaker_text == "Andriy Sybiha, Minister of Foreign Affairs of Ukraine"


def test_a_dash_after_narration_is_not_a_credit() -> None:
    facts = quotes("- Mark Rutte said \u201cwe will help\u201d \u2014 Sybiha agreed")
    (q,) = facts.quotes
    assert speaker(facts, q) == "Mark Rutte"


def test_quote_opening_with_a_bracketed_insertion() -> None:
    for text, said in (
        ("Mark Rutte spoke. \u2018[It] is just disgraceful,\u2019 he said.", "[It] is just disgraceful,"),
        ("Mark Rutte spoke. '[It] is just disgraceful,' he said.", "[It] is just disgraceful,"),
        ("Mark Rutte said \u201c[The plan] will fail\u201d today.", "[The plan] will fail"),
    ):
        facts = quotes(text)
        (q,) = facts.quotes
        assert q.text == said and speaker(facts, q) == "Mark Rutte"


def test_quoted_fragment_inside_a_sentence() -> None:
    for mark_open, mark_close in (("\u201c", "\u201d"), ('"', '"')):
        facts = quotes(f"Mark Rutte called it {mark_open}a disgrace{mark_close} and left.")
        (q,) = facts.quotes
        assert q.text == "a disgrace" and speaker(facts, q) == "Mark Rutte"


def test_single_quote_over_several_sentences_is_found_whole() -> None:
    said = "I was there. It was awful,"
    for text in (
        f"Mary Keefe spoke. '{said}' she said.",
        f"Mary Keefe spoke. \u2018{said}\u2019 she said.",
        f"- Mary Keefe spoke. '{said}' she said.",  # the same quote in a rewrite's list
    ):
        facts = quotes(text)
        (q,) = facts.quotes
        assert q.text == said and speaker(facts, q) == "Mary Keefe"


def test_plural_possessive_inside_a_single_quote_does_not_close_it() -> None:
    facts = quotes("\u2018I was there. It was the players\u2019 fault,\u2019 Mary Keefe said.")
    (q,) = facts.quotes
    assert q.text == "I was there. It was the players\u2019 fault,"
    assert speaker(facts, q) == "Mary Keefe"


def test_long_quote_whose_paragraph_marks_were_run_together() -> None:
    text = (
        "'After that it was not so good, we had too few chances. 'Bayern sat deep. "
        "'In many small moments Bayern were better,' Klopp told Sky. 'We lacked focus,' he added."
    )
    facts = quotes(text)
    assert [q.text for q in facts.quotes] == [
        "After that it was not so good, we had too few chances. 'Bayern sat deep. "
        "'In many small moments Bayern were better,",
        "We lacked focus,",
    ]


def test_an_unclosed_single_quote_does_not_swallow_the_next_one() -> None:
    text = "'I sold my stuff on eBay. He left the next day (left) 'I always befriend locals,' he said."
    facts = quotes(text)
    assert [q.text for q in facts.quotes] == ["I always befriend locals,"]


def test_abbreviated_decade_is_not_a_quote_mark() -> None:
    facts = quotes("Back in the '90s, Mary Keefe said 'it was fine' to us.")
    assert [q.text for q in facts.quotes] == ["it was fine"]


def test_a_short_single_quote_nested_in_a_single_quote() -> None:
    facts = quotes("'I hate the word 'sorry' now. It means nothing,' Mary Keefe said.")
    (q,) = facts.quotes
    assert q.text == "I hate the word 'sorry' now. It means nothing,"


def test_curly_double_marks_run_together_from_paragraphs() -> None:
    text = "\u201cWe had too few chances. \u201cBayern sat deep,\u201d Klopp said. \u201cWe lacked focus.\u201d"
    facts = quotes(text)
    assert [q.text for q in facts.quotes] == ["We had too few chances. \u201cBayern sat deep,", "We lacked focus."]
    assert all(speaker(facts, q) == "Klopp" for q in facts.quotes)


def test_a_caption_between_quote_marks_is_not_quoted() -> None:
    text = (
        "'I kept telling myself to stay patient. McIlroy held his nerve at Augusta . "
        "'I feel the way I'm driving the ball well,' McIlroy said."
    )
    facts = quotes(text)
    assert [q.text for q in facts.quotes] == ["I feel the way I'm driving the ball well,"]


def test_a_long_credit_after_the_quote_still_names_the_speaker() -> None:
    # "23-year-old" is five tokens and the nickname is quoted: the verb stands ten tokens past the quote
    facts = quotes(
        "Susan Monica was found guilty on Tuesday.\n\n"
        "'I got chills from the birthday card,' 23-year-old inmate Jordan 'Janae' Farris testified.\n"
    )
    first = facts.quotes[0]
    assert first.text == "I got chills from the birthday card,"
    assert first.speaker_text is not None and "Jordan" in first.speaker_text
    assert "Monica" not in (speaker(facts, first) or "")


def test_a_quoted_title_has_no_speaker_and_a_quote_keeps_its_own() -> None:
    facts = quotes(
        "Brad Pitt won the award on Sunday for his role in the film \u201cOnce Upon A Time in Hollywood\u201d, "
        "the academy announced.\n\n"
        "Pitt said, \u201cI will share this with everyone who worked on the film.\u201d\n\n"
        "Joe Pesci was nominated for \u201cThe Irishman\u201d but did not win, he said.\n\n"
        "\u201cAbsolutely,\u201d Pesci said."
    )
    by_text = {q.text: q for q in facts.quotes}
    for title in ("Once Upon A Time in Hollywood", "The Irishman"):
        assert by_text[title].speaker is None and by_text[title].speaker_text is None
    assert speaker(facts, by_text["I will share this with everyone who worked on the film."]) == "Brad Pitt"
    assert by_text["Absolutely,"].speaker is not None  # one word is no title
