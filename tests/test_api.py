"""The Python API a developer calls: retold.ingest / analyze / rewrite / check."""

from __future__ import annotations

from pathlib import Path

import retold
from retold.render import draft_text

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "nato-ukraine.txt"
SOURCE = EXAMPLE.read_text(encoding="utf-8")

FAITHFUL = "In September 2022 Kyiv submitted an application to join the alliance.\n"


def planted(old: str, new: str) -> str:
    assert old in FAITHFUL
    return FAITHFUL.replace(old, new)


def test_the_four_stages_chain() -> None:
    article = retold.ingest(str(EXAMPLE))
    facts = retold.analyze(article)
    draft = retold.rewrite(facts)
    report = retold.check(facts, draft_text(draft))
    assert isinstance(article, retold.Article) and isinstance(facts, retold.FactSheet)
    assert isinstance(draft, retold.Draft) and isinstance(report, retold.Report)
    assert report.verdict == "pass"
    assert not [f for f in report.findings if f.severity == "error"]


def test_check_accepts_plain_strings() -> None:
    report = retold.check(SOURCE, FAITHFUL)
    assert report.verdict == "pass"
    assert 0.0 <= report.score <= 1.0
    assert report.to_dict()["verdict"] == "pass"


def test_one_planted_error_scores_below_its_faithful_twin() -> None:
    faithful = retold.check(SOURCE, FAITHFUL)
    for wrong in (planted("September", "October"), planted("Kyiv", "Minsk"), planted("2022", "2021")):
        report = retold.check(SOURCE, wrong)
        assert report.verdict == "fail", wrong
        assert report.score < faithful.score, wrong
        assert report.findings


def test_errors_share_one_root() -> None:
    try:
        retold.ingest("/nonexistent/article.txt")
    except retold.RetoldError as exc:
        assert "article.txt" in str(exc)
    else:
        raise AssertionError("a missing file must raise RetoldError")
