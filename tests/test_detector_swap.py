"""swap: a name, speaker or meaning word changed in a copied sentence, reported through check()."""

from __future__ import annotations

from pathlib import Path

import pytest

from retold.analyze import analyze
from retold.check import check
from retold.check.align import align
from retold.check.context import CheckContext
from retold.check.detectors import swap
from retold.ingest import from_text
from retold.types import Finding

CRASH = (
    "Police arrested Tom Harris, 34, in Leeds on Friday after a car crashed into a shop. "
    "His neighbour John Smith called the emergency services after hearing a loud bang. "
    "The shop owner said nobody was hurt."
)
NATO = (
    "Ukrainian Foreign Minister Andrii Sybiha met NATO Secretary General Mark Rutte in Brussels on Tuesday. "
    "Sybiha said, “Ukraine will never accept any substitute for full membership of the alliance.” "
    "Rutte said allies agreed that Ukraine's future was in NATO."
)
PARTY = (
    "She was the first woman to lead the party in its 90-year history. "
    "The party has never won a general election in the north of the country."
)
HOMES = (
    "The city council approved a controversial plan to build 500 new homes on the site of the old steelworks on Monday. "
    "Residents said they were worried about traffic."
)
COURT = (
    "The singer Adele Brown spoke to reporters outside the court in Manchester on Thursday. "
    "She said she was relieved the case was over and thanked her fans for their support."
)


def findings(source: str, rewrite: str) -> list[Finding]:
    return [f for f in check(source, rewrite).findings if f.kind != "omission"]


def swaps(source: str, rewrite: str) -> list[Finding]:
    """The swap detector's own findings, before check() weighs them against the primary detectors."""
    src = analyze(from_text(source))
    rw = analyze(rewrite)
    return swap.detect(CheckContext(source=src, rewrite=rw, alignment=align(src, rw)))


def test_a_name_swapped_for_another_person_in_the_article_is_an_entity_error() -> None:
    rewrite = "His neighbour Tom Harris called the emergency services after hearing a loud bang."
    (f,) = findings(CRASH, rewrite)
    assert (f.kind, f.severity, f.text) == ("entity", "error", "Tom Harris")
    assert rewrite[f.start : f.end] == f.text
    assert f.evidence[0].text == "John Smith"  # the name the copied sentence has
    assert any("His neighbour John Smith called" in e.text for e in f.evidence)
    assert "John Smith" in f.message


def test_a_quote_credited_to_the_other_speaker_is_one_attribution_error_on_the_name() -> None:
    rewrite = "Rutte said, “Ukraine will never accept any substitute for full membership of the alliance.”"
    found = findings(NATO, rewrite)
    assert [(f.kind, f.severity) for f in found] == [("attribution", "error")]
    (f,) = found
    assert f.text == "Rutte" and rewrite[f.start : f.end] == "Rutte"
    assert "misattributed quote" in f.message and "Sybiha" in f.message
    assert f.evidence[0].text == "Sybiha"


def test_the_right_speaker_is_not_flagged() -> None:
    rewrite = "Sybiha said, “Ukraine will never accept any substitute for full membership of the alliance.”"
    assert [f for f in findings(NATO, rewrite) if f.severity in ("error", "warning")] == []


@pytest.mark.parametrize(
    ("rewrite", "word"),
    [
        ("She was the last woman to lead the party in its 90-year history.", "last"),
        ("The party has always won a general election in the north of the country.", "always"),
    ],
)
def test_a_meaning_word_turned_around_is_a_claim_error(rewrite: str, word: str) -> None:
    found = findings(PARTY, rewrite)
    assert [(f.kind, f.severity) for f in found] == [("claim", "error")]
    assert word in found[0].text and rewrite[found[0].start : found[0].end] == found[0].text
    # the swap detector sees it on its own too (check() keeps the primary detector's overlapping error)
    own = swaps(PARTY, rewrite)
    assert [(f.kind, f.severity, f.text) for f in own] == [("claim", "error", word)]


def test_a_dropped_hedge_is_a_claim_warning_from_the_swap_detector() -> None:
    source = "The fire destroyed almost 300 homes in the valley, officials said on Sunday."
    (f,) = swaps(source, "The fire destroyed 300 homes in the valley, officials said on Sunday.")
    assert (f.kind, f.severity) == ("claim", "warning")
    assert f.evidence[0].text == "almost" and "almost" in f.message


@pytest.mark.parametrize(
    "faithful",
    [
        # tense changed, an adjective dropped
        "The city council approves a plan to build 500 new homes on the site of the old steelworks on Monday.",
        "The city council has approved a plan to build 500 new homes on the site of the old steelworks on Monday.",
    ],
)
def test_a_faithful_near_copy_has_no_errors_or_warnings(faithful: str) -> None:
    assert [(f.kind, f.severity, f.text) for f in findings(HOMES, faithful) if f.severity != "info"] == []
    assert swaps(HOMES, faithful) == []


def test_an_invented_quote_closed_but_never_opened_is_a_quote_error() -> None:
    invented = "I was treated terribly by the club and I will never forgive them for it,"
    rewrite = f"Adele Brown spoke outside the court in Manchester on Thursday. {invented}' she told reporters."
    quote_errors = [f for f in findings(COURT, rewrite) if f.kind == "quote" and f.severity == "error"]
    assert len(quote_errors) == 1
    (f,) = quote_errors
    assert f.text.startswith("I was treated terribly") and f.text.rstrip(",").endswith("forgive them for it")
    assert rewrite[f.start : f.end] == f.text


def test_a_dropped_negation_marks_the_verb_group() -> None:
    source = (
        "The goalkeeper did not take part in training on Thursday because of a knee injury. "
        "The manager said he hoped the player would be fit for the weekend."
    )
    rewrite = "The goalkeeper did take part in training on Thursday because of a knee injury."
    found = [f for f in findings(source, rewrite) if f.kind == "claim"]
    assert [(f.severity, f.text) for f in found] == [("error", "did take")]


def test_an_added_negation_marks_the_negation() -> None:
    source = "The goalkeeper took part in training on Thursday despite a knee injury. The manager said he was pleased."
    rewrite = "The goalkeeper did not take part in training on Thursday despite a knee injury."
    found = [f for f in findings(source, rewrite) if f.kind == "claim"]
    assert [(f.severity, f.text) for f in found] == [("error", "not")]


def test_an_aside_cut_from_a_negated_sentence_is_no_flip() -> None:
    source = (
        "In just a few days, the clip gets 120 views, suggesting no one in their class — or perhaps their "
        "school — has missed it. The girls say they were upset."
    )
    rewrite = "In just a few days, the clip gets 120 views, suggesting no one in their class has missed it."
    assert [f for f in findings(source, rewrite) if f.kind == "claim" and f.severity == "error"] == []


def test_only_a_cut_that_keeps_every_negation_is_read_as_a_cut() -> None:
    from retold.analyze.nlp import load_nlp
    from retold.check.match.meaning import _cut_from

    def words(text: str) -> list:
        return [t for t in load_nlp()(text) if not t.is_space]

    source = words("The goalkeeper, who was injured, refused to take part in training.")
    assert _cut_from(words("The goalkeeper refused to take part in training."), source)
    assert not _cut_from(words("The goalkeeper to take part in training."), source)  # "refused" cut
    assert not _cut_from(words("The goalkeeper took part in training."), source)  # a word changed


EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "nato-ukraine.txt"


def test_a_rephrased_passage_around_another_persons_name_is_an_entity_error() -> None:
    # The source opens "Minister of Foreign Affairs of Ukraine Andriy Sybiha along with his Lithuanian
    # counterpart Gabrielius Landsbergis to coordinate next steps …": the rewrite rewords the start and
    # puts Rutte, whom the article names elsewhere, in Sybiha's place.
    rewrite = "Rutte met his Lithuanian counterpart Gabrielius Landsbergis to coordinate next steps."
    found = [f for f in findings(EXAMPLE.read_text(encoding="utf-8"), rewrite) if f.severity == "error"]
    assert [(f.kind, f.text) for f in found] == [("entity", "Rutte")]
    assert found[0].evidence[0].text == "Andriy Sybiha"


def test_a_rephrased_passage_around_the_same_person_is_not_a_swap() -> None:
    rewrite = "Sybiha, Ukraine's foreign minister, met his Lithuanian counterpart Gabrielius Landsbergis to coordinate next steps."
    found = [f for f in findings(EXAMPLE.read_text(encoding="utf-8"), rewrite) if f.severity == "error"]
    assert found == []


def test_a_statement_credited_to_another_speaker_without_closing_marks_is_an_attribution_error() -> None:
    source = (
        "George Osborne and Nick Clegg clashed over spending on Sunday. "
        "Osborne said: 'I think people want to know the sums add up. "
        "Clegg said his party had a plan."
    )
    rewrite = "Clegg said: 'I think people want to know the sums add up."
    found = [f for f in findings(source, rewrite) if f.severity == "error"]
    assert [(f.kind, f.text) for f in found] == [("attribution", "Clegg")]
    assert "Osborne" in found[0].message


def test_names_of_different_lengths_trading_places_are_one_claim_error() -> None:
    source = (
        "Inter director Beppe Marotta told La Gazzetta dello Sport that the club would not sell the striker. "
        "The player has two years left on his contract."
    )
    rewrite = "La Gazzetta dello Sport told Inter director Beppe Marotta that the club would not sell the striker."
    found = [f for f in findings(source, rewrite) if f.severity == "error"]
    assert [f.kind for f in found] == ["claim"]
    assert found[0].text.startswith("La Gazzetta dello Sport told") and "turned around" in found[0].message


def test_a_name_beside_the_title_the_source_gives_that_person_is_no_swap() -> None:
    source = (
        "On Thursday, investigators held Fahie and the BVI's port director, Oleanvine Maynard, at a Miami airport. "
        "Andrew Fahie is the premier."
    )

    def names(rewrite: str) -> list[str]:
        return [f.text for f in check(source, rewrite).findings if f.kind == "entity" and f.severity == "error"]

    # a who's who line aligns with "Fahie and the BVI's port director": Maynard seemed to take Fahie's place
    assert names("- **Oleanvine Maynard** — BVI's port director") == []
    assert names("Investigators held Maynard, the BVI's port director, at a Miami airport on Thursday.") == []
    # the name put where the other person stands, away from its own title, is still a swap
    assert names("Investigators held Oleanvine Maynard and the BVI's port director at a Miami airport.") == [
        "Oleanvine Maynard"
    ]
    # and a name beside another person's title is still the wrong person
    swapped = "Acme president Jane Miller met Beta chief executive Tom Reed on Monday. Miller agreed to the deal."
    wrong = [f for f in check(swapped, "Acme president Tom Reed agreed to the deal on Monday.").findings]
    assert [(f.kind, f.text) for f in wrong if f.severity == "error"] == [("entity", "Tom Reed")]


def test_a_cause_put_where_the_source_only_sets_things_in_time_is_an_invented_cause() -> None:
    source = (
        "The suspect was arrested after a two-hour chase, police said on Friday. "
        "Shares in the firm fell 4 percent and the chief executive resigned on Monday. "
        "Prices rose since the storm closed the port, traders said."
    )

    def causes(rewrite: str) -> list[str]:
        return [f.text for f in check(source, rewrite).findings if "invented cause" in f.message]

    (found,) = [
        f
        for f in check(source, "The suspect was arrested because of a two-hour chase, police said on Friday.").findings
        if "invented cause" in f.message
    ]
    assert (found.kind, found.severity, found.text) == ("claim", "error", "because of")
    assert "“after”" in found.message and found.evidence_relation == "contradicts"
    assert causes("Shares in the firm fell 4 percent, so the chief executive resigned on Monday.") == ["so"]
    # the source's own words, or a word of the source that may give a cause, are no invention
    assert causes("The suspect was arrested following a two-hour chase, police said on Friday.") == []
    assert causes("Prices rose because the storm closed the port, traders said.") == []
    assert causes("Shares in the firm fell 4 percent and the chief executive resigned on Monday.") == []
