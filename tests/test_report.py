"""Report: verdict, summary, exit codes and the three renderings (terminal, Markdown, HTML)."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from retold.check.report import Report
from retold.errors import InputError
from retold.types import KINDS, Evidence, Finding

REWRITE = "Sybiha met his Latvian counterpart in Brussels. Subscribe to our <newsletter> & more!"
SOURCE = "Sybiha met his Lithuanian counterpart in Brussels on Tuesday."


def finding(kind: str, severity: str, text: str, message: str = "fix it", evidence: str | None = None) -> Finding:
    start = REWRITE.index(text) if text else 0
    end = start + len(text)
    ev = ()
    if evidence is not None:
        e = SOURCE.index(evidence)
        ev = (Evidence(e, e + len(evidence), evidence),)
    return Finding(kind, severity, start, end, text, message, ev)  # type: ignore[arg-type]


def report(*findings: Finding, score: float = 0.5) -> Report:
    return Report(findings=tuple(findings), score=score, rewrite_text=REWRITE, source_text=SOURCE)


def render(r: Report) -> str:
    out = io.StringIO()
    Console(file=out, width=100).print(r)
    return out.getvalue()


ENTITY = finding("entity", "error", "Latvian", "“Latvian” is not in the source", "Lithuanian")
CTA = finding("boilerplate", "error", "Subscribe to our <newsletter> & more!", "a newsletter call to action")
SCARE = finding("quote", "warning", "Brussels", "scare quotes")
OMISSION = finding("omission", "info", "", "the rewrite leaves out a key date", "Tuesday")


def test_verdict_fails_only_on_errors() -> None:
    assert report(ENTITY, SCARE).verdict == "fail"
    assert report(SCARE, OMISSION).verdict == "pass"
    assert report().verdict == "pass"


def test_summary_counts_every_kind_and_severity() -> None:
    summary = report(ENTITY, CTA, SCARE, OMISSION, score=0.25).summary
    assert summary["score"] == 0.25
    assert summary["total"] == 4
    assert summary["by_severity"] == {"error": 2, "warning": 1, "info": 1}
    assert set(summary["by_kind"]) == set(KINDS)
    assert summary["by_kind"]["entity"] == 1 and summary["by_kind"]["claim"] == 0


def test_exit_code_follows_fail_on() -> None:
    r = report(SCARE, OMISSION)
    assert r.exit_code() == 0
    assert r.exit_code("warning") == 1
    assert r.exit_code("info") == 1
    assert report(OMISSION).exit_code("warning") == 0
    assert report(ENTITY).exit_code("error") == 1


def test_exit_code_rejects_an_unknown_level() -> None:
    with pytest.raises(InputError, match="use error, warning or info"):
        report().exit_code("fatal")


def test_to_dict_is_the_json_contract() -> None:
    data = report(ENTITY, OMISSION).to_dict()
    assert set(data) == {"verdict", "summary", "findings"}
    first = data["findings"][0]
    assert set(first) == {"kind", "severity", "start", "end", "text", "message", "evidence", "evidence_relation"}
    assert first["evidence_relation"] in {"supports", "contradicts", "closest", "none"}
    assert REWRITE[first["start"] : first["end"]] == first["text"] == "Latvian"
    assert SOURCE[first["evidence"][0]["start"] : first["evidence"][0]["end"]] == "Lithuanian"


def test_terminal_rendering_marks_spans_and_lists_findings() -> None:
    text = render(report(ENTITY, SCARE, OMISSION))
    assert "Check: FAIL" in text
    assert "Latvian[1]" in text  # the span is numbered even without colour
    assert "Brussels[2]" in text
    assert "1. error entity “Latvian”: “Latvian” is not in the source" in text
    assert "closest source sentence, does not support: “Lithuanian”" in text  # the relation, in words
    assert "3. info omission: the rewrite leaves out a key date" in text


def test_terminal_rendering_of_a_clean_report() -> None:
    text = render(report(score=1.0))
    assert "Check: PASS" in text and "score 1.00" in text and "No findings." in text
    assert REWRITE[:40] in text


def test_overlapping_findings_are_both_marked() -> None:
    whole = finding("claim", "warning", "Sybiha met his Latvian counterpart in Brussels.", "no support")
    text = render(report(whole, ENTITY))
    assert "Latvian[2]" in text and "Brussels.[1]" in text


def test_markdown_lists_findings_with_evidence() -> None:
    md = report(ENTITY, CTA).to_markdown()
    assert md.startswith("**Check: FAIL** · score 0.50")
    assert "1. **error** `entity` “Latvian”" in md
    assert "> closest source sentence, does not support: Lithuanian" in md
    assert "&lt;newsletter>" in md  # raw HTML in a finding cannot leak into the Markdown


def test_html_is_escaped_and_marks_spans() -> None:
    html = report(ENTITY, CTA, OMISSION).to_html()
    assert html.startswith('<section class="retold-report">') and html.endswith("</section>")
    assert '<mark class="retold-error" data-findings="f1"' in html
    assert ">Latvian</mark>" in html
    assert "&lt;newsletter&gt; &amp; more!" in html
    assert "<newsletter>" not in html
    assert '<li id="f3" class="retold-info">' in html
    start = SOURCE.index("Lithuanian")
    assert f'data-start="{start}" data-end="{start + len("Lithuanian")}" data-relation="closest">' in html
    assert "does not support:</span> Lithuanian</blockquote>" in html


def test_omissions_are_listed_after_the_findings_in_the_text() -> None:
    # check() sorts findings by start, so omissions (at 0, spanning nothing) come first in the tuple
    text = render(report(OMISSION, ENTITY))
    assert "Latvian[1]" in text
    assert text.index("1. error entity") < text.index("2. info omission")
    html = report(OMISSION, ENTITY).to_html()
    assert 'data-findings="f1"' in html and '<li id="f2" class="retold-info">' in html


def test_evidence_relation_defaults_to_the_cautious_reading() -> None:
    from retold.types import Evidence, Finding

    bare = Finding("claim", "warning", 0, 4, "Text", "no source sentence says this")
    near = Finding("claim", "warning", 0, 4, "Text", "closest", (Evidence(0, 3, "Tex"),))
    said = Finding("date", "error", 0, 4, "Text", "changed", (Evidence(0, 3, "Tex"),), "contradicts")
    assert (bare.evidence_relation, near.evidence_relation, said.evidence_relation) == (
        "none",
        "closest",
        "contradicts",
    )
    with pytest.raises(ValueError, match="evidence_relation"):
        Finding("claim", "warning", 0, 4, "Text", "x", (), "maybe")  # type: ignore[arg-type]
