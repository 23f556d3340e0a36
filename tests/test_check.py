"""check end to end: faithful rewrites pass, planted errors fail and score lower, and the JSON contract holds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from retold.analyze import analyze
from retold.check import Report, check
from retold.errors import InputError
from retold.ingest import from_text
from retold.types import KINDS

SOURCE = (Path(__file__).resolve().parent.parent / "examples" / "nato-ukraine.txt").read_text(encoding="utf-8")
BUILTIN_STYLE = """# Ukraine presses NATO for membership

## Driving the news

- Ukraine's Foreign Minister Andriy Sybiha met his Lithuanian counterpart Gabrielius Landsbergis in Brussels on Tuesday to coordinate next steps on Ukraine's NATO integration.
- The Ukrainian Foreign Ministry said Ukraine will refuse all security guarantees that substitute NATO membership.

## What they're saying

> “It will take weeks and months to get consensus.” — An unnamed senior NATO diplomat, speaking to Reuters

## Timeline

- **September 2022** — Kyiv submitted an application to join the alliance.
- **July 2024** — NATO confirmed Ukraine's “irreversible path to full Euro-Atlantic integration, including NATO membership.”

## Who's who

- **Andriy Sybiha** — Minister of Foreign Affairs of Ukraine
- **Mark Rutte** — NATO Secretary General

---

Source: the original article.
"""
SPUN = """Here is the rewritten article:

Ukraine's foreign minister Andriy Sybiha met his Latvian counterpart Gabrielius Landsbergis in Brussels on Monday to coordinate next steps on Ukraine's NATO integration.

Rutte said the alliance "will never abandon Ukraine" and that what matters is what is "necessary now."

Kyiv submitted its application to join the alliance in October 2022, and NATO confirmed Ukraine's irreversible path in July 2024.

This sets the stage for a dramatic showdown that could redraw the map of Europe.

Sources say NATO members are likely to sidestep Ukraine's call to join the alliance.

Read more related news:
NATO chief warns US will face a 'dire threat' from Putin's allies over unfavourable peace deal

Subscribe to our newsletter for the latest updates!
"""
COCAINE = (
    "(CNN)French customs officers say they have seized more than 2 tons of cocaine aboard a sailboat that was falsely "
    "flying an American flag in the Caribbean. The drugs, whose value is estimated at more than $105 million, are the "
    "biggest cocaine seizure ever carried out by French authorities, said Michael Lachaux, director of customs "
    "operations in Martinique. Officers arrested one Venezuelan and two Spanish citizens who were on board the vessel "
    "off the coast of Martinique on Wednesday, Lachaux said in an interview with the radio station France Info on "
    "Saturday. Martinique is an overseas department of France."
)
COCAINE_SUMMARY = (
    "The value of the drugs is estimated at more than $105 million . "
    "Officers arrested one Venezuelan and two Spanish citizens on board the vessel ."
)


def errors(report: Report) -> list[str]:
    return [f"{f.kind}: {f.text}" for f in report.findings if f.severity == "error"]


def test_a_rewrite_in_the_builtin_markdown_structure_passes_clean() -> None:
    report = check(SOURCE, BUILTIN_STYLE)
    assert report.verdict == "pass"
    assert [f for f in report.findings if f.severity != "info"] == []
    assert report.score > 0.9


def test_the_builtin_rewriters_own_output_passes() -> None:
    from retold.render import draft_text
    from retold.rewrite import rewrite

    text = draft_text(rewrite(from_text(SOURCE)))
    report = check(SOURCE, text)
    assert errors(report) == []


def test_a_spun_rewrite_is_caught_on_every_count() -> None:
    report = check(SOURCE, SPUN)
    assert report.verdict == "fail" and report.exit_code() == 1
    caught = {(f.kind, f.text.split("\n")[0]) for f in report.findings}
    assert ("leakage", "Here is the rewritten article:") in caught
    assert ("entity", "Latvian") in caught
    assert ("date", "on Monday") in caught
    assert ("date", "October 2022") in caught
    assert ("quote", "will never abandon Ukraine") in caught
    assert ("attribution", "Sources say") in caught
    assert ("boilerplate", "Read more related news:") in caught
    assert ("boilerplate", "Subscribe to our newsletter for the latest updates!") in caught
    assert any(f.kind == "claim" and f.text.startswith("This sets the stage") for f in report.findings)
    assert report.score < 0.05


@pytest.mark.parametrize(
    ("source", "faithful", "planted"),
    [
        (SOURCE, BUILTIN_STYLE, BUILTIN_STYLE.replace("September 2022", "September 2021")),
        (SOURCE, BUILTIN_STYLE, BUILTIN_STYLE.replace("Lithuanian", "Estonian")),
        (SOURCE, BUILTIN_STYLE, BUILTIN_STYLE.replace("will refuse", "will accept")),
        (COCAINE, COCAINE_SUMMARY, COCAINE_SUMMARY.replace("more than", "less than")),
        (COCAINE, COCAINE_SUMMARY, COCAINE_SUMMARY.replace("two Spanish", "four Spanish")),
        (COCAINE, COCAINE_SUMMARY, COCAINE_SUMMARY.replace("arrested", "released")),
    ],
)
def test_one_planted_error_scores_below_its_faithful_twin(source: str, faithful: str, planted: str) -> None:
    good, bad = check(source, faithful), check(source, planted)
    assert good.verdict == "pass"
    assert bad.score < good.score


def test_json_contract_keys_types_and_offsets() -> None:
    report = check(SOURCE, SPUN)
    data = json.loads(json.dumps(report.to_dict()))
    assert set(data) == {"verdict", "summary", "findings"}
    assert data["verdict"] in ("pass", "fail")
    summary = data["summary"]
    assert isinstance(summary["score"], float) and 0 <= summary["score"] <= 1
    assert set(summary["by_kind"]) == set(KINDS)
    assert sum(summary["by_severity"].values()) == summary["total"] == len(data["findings"])
    for f in data["findings"]:
        assert set(f) == {"kind", "severity", "start", "end", "text", "message", "evidence", "evidence_relation"}
        assert f["evidence_relation"] == ("none" if not f["evidence"] else f["evidence_relation"])
        assert f["kind"] in KINDS and f["severity"] in ("error", "warning", "info")
        assert isinstance(f["start"], int) and isinstance(f["end"], int) and isinstance(f["message"], str)
        assert SPUN[f["start"] : f["end"]] == f["text"]
        for ev in f["evidence"]:
            assert set(ev) == {"start", "end", "text"}
            assert report.source_text[ev["start"] : ev["end"]] == ev["text"]
    starts = [f["start"] for f in data["findings"]]
    assert starts == sorted(starts)


def test_the_source_may_be_an_article_or_a_fact_sheet() -> None:
    article = from_text(SOURCE)
    by_text = check(SOURCE, SPUN)
    by_article = check(article, SPUN)
    by_facts = check(analyze(article), analyze(SPUN))
    assert by_text.to_dict() == by_article.to_dict() == by_facts.to_dict()
    assert by_text.source_text == article.text


def test_an_empty_rewrite_passes_with_full_score() -> None:
    report = check(COCAINE, "")
    assert report.verdict == "pass" and report.score == 1.0


def test_an_unreadable_source_raises_the_input_error() -> None:
    with pytest.raises(InputError, match="empty"):
        check("", COCAINE_SUMMARY)


def test_the_text_and_markdown_reports_say_what_the_evidence_is() -> None:
    source = "Inflation rose 3.5% in May, the statistics agency said. Unemployment stayed at 4 percent."
    report = check(source, "Inflation rose 4.5% in May. Wages rose sharply, the agency said.")
    number = next(f for f in report.findings if f.kind == "number")
    assert number.evidence_relation == "contradicts"
    markdown = report.to_markdown()
    assert "> source, contradicts: Inflation rose 3.5% in May" in markdown
    assert "> source: " not in markdown
    from rich.console import Console

    console = Console(width=200, record=True)
    console.print(report)
    assert "source, contradicts: “Inflation rose 3.5%" in console.export_text()


def test_a_closest_sentence_is_never_shown_as_support() -> None:
    source = "The bridge closed on Monday for repairs. Engineers said it would reopen in May."
    report = check(source, "The bridge closed on Monday for 40 days of repairs.")
    number = next(f for f in report.findings if f.kind == "number")
    assert number.evidence_relation == "closest"
    assert "closest source sentence, does not support:" in report.to_markdown()


def test_the_html_report_marks_each_evidence_with_its_relation() -> None:
    source = "Inflation rose 3.5% in May, the statistics agency said. Unemployment stayed at 4 percent."
    fragment = check(source, "Inflation rose 4.5% in May.").to_html()
    assert 'data-relation="contradicts"' in fragment
    assert "source, contradicts:</span>" in fragment
