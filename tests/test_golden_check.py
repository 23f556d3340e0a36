"""Golden check: a realistic AI rewrite of the bundled article, and a faithful one."""

from __future__ import annotations

from pathlib import Path

import pytest

import retold
from retold.types import Finding

ROOT = Path(__file__).resolve().parent.parent
SOURCE = (ROOT / "examples" / "nato-ukraine.txt").read_text(encoding="utf-8")
REWRITES = ROOT / "tests" / "data" / "rewrites"

# (kind, words of the planted error) — each must be an error whose span covers those words.
PLANTED = [
    ("entity", "Latvian"),  # a look-alike country for Lithuania
    ("date", "December 2"),  # a date the story never gave
    ("leakage", "(no links, just mention)"),
    ("quote", "thanked Landsbergis for rallying the whole of Europe behind Kyiv."),  # a paraphrase in quotes
    ("date", "October 2022"),  # the month of a past event shifted
    ("entity", "NAFTA"),  # a different acronym
    ("boilerplate", "Read more related news:"),
    ("boilerplate", "Subscribe to our newsletter"),
]


@pytest.fixture(scope="module")
def ai_report() -> tuple[str, retold.Report]:
    text = (REWRITES / "nato-ai-rewrite.md").read_text(encoding="utf-8")
    return text, retold.check(SOURCE, text)


def covering(text: str, findings: tuple[Finding, ...], kind: str, words: str) -> list[Finding]:
    at = text.index(words)
    return [f for f in findings if f.kind == kind and f.start <= at and at + len(words) <= f.end + 1]


@pytest.mark.parametrize(("kind", "words"), PLANTED)
def test_each_planted_error_is_flagged_with_its_span(ai_report, kind: str, words: str) -> None:
    text, report = ai_report
    found = covering(text, report.findings, kind, words)
    assert found, f"{kind} not flagged on {words!r}: {[(f.kind, f.text) for f in report.findings]}"
    assert all(f.severity == "error" for f in found)


@pytest.mark.parametrize(("kind", "words"), [p for p in PLANTED if p[0] in ("entity", "date", "quote")])
def test_fact_errors_carry_source_evidence(ai_report, kind: str, words: str) -> None:
    text, report = ai_report
    article = retold.from_text(SOURCE)
    for finding in covering(text, report.findings, kind, words):
        assert finding.evidence, finding
        for evidence in finding.evidence:
            assert article.text[evidence.start : evidence.end] == evidence.text


def test_the_invented_consequence_is_at_least_a_warning(ai_report) -> None:
    text, report = ai_report
    assert covering(text, report.findings, "claim", "This means Ukraine will certainly join")


def test_the_ai_rewrite_fails_and_scores_below_the_faithful_one(ai_report) -> None:
    _, report = ai_report
    faithful = retold.check(SOURCE, (REWRITES / "nato-faithful.md").read_text(encoding="utf-8"))
    assert report.verdict == "fail"
    assert report.score < faithful.score


def test_the_faithful_rewrite_has_no_error_or_warning() -> None:
    report = retold.check(SOURCE, (REWRITES / "nato-faithful.md").read_text(encoding="utf-8"))
    assert report.verdict == "pass"
    assert [f for f in report.findings if f.severity in ("error", "warning")] == []
