"""A saved retold explainer checked against its source: its own attribution footer and "Go deeper" link are
metadata (a date, a site, an address), never read as claims."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

import retold
from retold.ingest import from_text
from retold.ingest.boilerplate import without_own_footer
from retold.render import render

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "nato-ukraine.txt"


@pytest.fixture(scope="module")
def article() -> retold.types.Article:
    return dataclasses.replace(
        from_text(EXAMPLE.read_text(encoding="utf-8")),
        title="Ukraine asks NATO for an invitation",
        site="Example News",
        byline="Jane Doe",
        published=dt.date(2024, 12, 2),
        url="https://news.example.com/ukraine-nato-invitation",
    )


@pytest.mark.parametrize("cite", [False, True])
def test_a_saved_explainer_is_checked_without_its_footer(article: retold.types.Article, cite: bool) -> None:
    draft = retold.rewrite(article)
    saved = render(draft, "md", cite=cite)
    assert "\nSource: Ukraine asks NATO for an invitation, Example News, by Jane Doe, 2024-12-02" in saved
    report = retold.check(article, saved)
    footer_at = saved.index("\n---\n")
    assert report.rewrite_text == saved[: len(report.rewrite_text)]
    assert len(report.rewrite_text) <= footer_at
    assert "news.example.com" not in report.rewrite_text and "2024-12-02" not in report.rewrite_text
    assert not [f for f in report.findings if f.severity == "error"]


def test_only_retolds_own_footer_goes() -> None:
    body = "# A headline\n\n## Go deeper\n\n- [The story](<https://news.example.com/a>)"
    saved = body + "\n\n---\n\nSource: The story, Example News, 2024-12-02, <https://news.example.com/a>.\n"
    assert without_own_footer(saved) == "# A headline"
    # a links section with no footer under it, and a rule in the middle of a text, stay
    assert without_own_footer(body) == body
    prose = "The vote was close.\n\n---\n\nSource: a council spokesman said the count was checked twice.\n\nMore text."
    assert without_own_footer(prose) == prose
