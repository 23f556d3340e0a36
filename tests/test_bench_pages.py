"""bench/pages.py's editor's lint on small cases, and `retold rewrite` on two of its real pages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # bench/ sits beside src/, outside the installed package
    sys.path.insert(0, str(ROOT))

from bench.pages import (  # noqa: E402
    PAGES_DIR,
    Tally,
    bare_surname_first_mentions,
    dangling_opener,
    dropped_attribution,
    has_finite_verb,
)
from retold.analyze import analyze  # noqa: E402
from retold.ingest.blocks import article_from_text  # noqa: E402
from retold.types import Item  # noqa: E402


def test_fragments_are_items_without_a_finite_verb():
    assert not has_finite_verb("Heartfelt open letter written by a host of stars including fitness guru Joe Wicks.")
    assert has_finite_verb("The total number of cases increased by six percent in the week to 28th September.")
    assert has_finite_verb("Storage sites are now 62% full.")


def test_dangling_openers():
    assert dangling_opener("Both of those amounts were paid in cash.")
    assert dangling_opener("He said the water was cold.")
    assert dangling_opener("The two men are presently in police custody.")
    assert not dangling_opener("The two men are presently in police custody.", "Police arrested two men on Monday.")
    assert not dangling_opener("It is expected to rain on Friday.")
    assert not dangling_opener("This year the festival moved to June.")
    assert not dangling_opener("The report by the University and College Union claims staff are underpaid.")


def test_bare_surname_first_mentions():
    facts = analyze(
        article_from_text(
            "Vice-President Mike Pence visited the plant in Ohio on Monday.\n\nPence said the jobs would stay."
        )
    )
    assert bare_surname_first_mentions("Pence said the jobs would stay.", facts) == ["Pence (the article: Mike Pence)"]
    assert bare_surname_first_mentions("Mike Pence visited the plant.\nPence said the jobs would stay.", facts) == []


def test_a_claim_told_without_the_credit_its_sentence_gives_is_counted():
    facts = analyze(
        article_from_text(
            'Carrier will keep "about 1,000 jobs" in Indiana, Mike Pence said after the meeting.\n\n'
            "The plan, which Smith said would cost $5 million, was approved on Tuesday.\n\n"
            "Emissions fell 2 percent, according to the Rhodium Group."
        )
    )
    pence, plan, rhodium = (0,), (1,), (2,)
    assert dropped_attribution(Item('Carrier will keep "about 1,000 jobs" in Indiana.', pence), facts)
    assert not dropped_attribution(
        Item('Carrier will keep "about 1,000 jobs" in Indiana, Mike Pence said.', pence), facts
    )
    assert not dropped_attribution(Item("The plan was approved on Tuesday.", plan), facts)  # no credit of the claim
    assert dropped_attribution(Item("Emissions fell 2 percent.", rhodium), facts)
    assert not dropped_attribution(Item("Emissions fell 2 percent, according to the Rhodium Group.", rhodium), facts)


def test_tally_counts_snippets_found_and_leaked():
    tally = Tally()
    tally.add(
        "The plan was approved. Sign up for our newsletter",
        {"with": ["plan was  approved", "missing"], "without": ["Sign up"]},
    )
    assert (tally.tp, tally.fn, tally.fp, tally.tn) == (1, 1, 1, 0)
    assert tally.figures()["precision"] == 0.5


def retold(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "retold.cli", *args], capture_output=True, text=True, timeout=300)


def test_rewrite_of_a_real_page_with_date_and_address_exits_0():
    # The page's date and address sit in the attribution footer: metadata, never checked as claims.
    result = retold("rewrite", str(PAGES_DIR / "wsvn.com-crash.html"))
    assert result.returncode == 0, result.stderr
    assert "self-check: 0 errors" in result.stderr
    assert "Source: 15-year-old driver killed" in result.stdout and "2023-11-08" in result.stdout
    assert "WSVN 7News | Miami" not in result.stdout  # the title and site are cleaned of the tagline


def test_a_real_non_article_page_is_refused_with_one_line():
    result = retold("rewrite", str(PAGES_DIR / "redtri.com.jokes.html"))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "a listing of" in lines[0] and "Traceback" not in result.stderr


def _draft(whos: list[tuple[str, str]], told: list[str], headline: str = "Council approves park"):
    from retold.types import Attribution, Draft, Section

    sections = (
        Section(
            key="driving-the-news", title="Driving the news", items=tuple(Item(text=t, sources=(0,)) for t in told)
        ),
        Section(
            key="whos-who",
            title="Who's who",
            items=tuple(Item(text=r, sources=(0,), kind="person", label=n) for n, r in whos),
        ),
    )
    return Draft(headline=Item(text=headline, sources=()), sections=sections, attribution=Attribution(None, None, None))


def test_whos_who_lint_finds_repeats_and_people_no_item_names():
    from bench.pages import Lint, lint_whos_who

    lint = Lint()
    told = ["Mayor Jane Roe said the council approved the park on Tuesday."]
    lint_whos_who(
        _draft([("Jane Roe", "Mayor"), ("Dr. Jane Roe", "Mayor"), ("Tim Brausen", "Council member")], told), lint
    )
    assert lint.whos_who_repeats == ["Dr. Jane Roe"] and lint.whos_who_untold == ["Tim Brausen — Council member"]
    clean = Lint()
    lint_whos_who(_draft([("Jane Roe", "Mayor")], told), clean)
    assert clean.whos_who_repeats == [] and clean.whos_who_untold == []


def test_caption_and_citation_lint():
    from bench.pages import Lint, lint_not_story

    lint = Lint()
    lint_not_story(
        _draft(
            [],
            ["Retrieved May 2, 2024, from https://example.org/report"],
            "Jane Roe, left, and Tim Brausen, right, at the park",
        ),
        lint,
    )
    assert len(lint.not_story) == 2
    clean = Lint()
    lint_not_story(_draft([], ["Mayor Jane Roe said the council approved the park on Tuesday."]), clean)
    assert clean.not_story == []
