"""The article gate errs toward the reader: refused only on a strong signal, warned (one line) on weak ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli_runner import run_cli
from retold.errors import InputError
from retold.ingest import from_text
from retold.ingest.html import extract_html
from retold.ingest.pagekind import assess_page

NEWS = (
    "Alaska Airlines will officially join the Oneworld alliance on March 31, 2021, the carrier said on Tuesday.",
    "The Seattle-based airline had planned to join the alliance this summer but the coronavirus pandemic delayed it.",
    "Alaska's Oneworld membership is part and parcel with an expanded codeshare arrangement with American Airlines.",
    "The carriers have expanded the number of routes they sell together to more than 150 this year, officials said.",
)
ESSAY = (
    "I grew up in a town where we knew every family on our street, and we thought that would never change.",
    "When we moved away, our parents told us that we would find the same warmth wherever we chose to live.",
    "We did not, at first, and our first winter in the city taught us how lonely a crowded block can be.",
    "Years later I went back, and we walked the old street together, my sister and I, counting what we had lost.",
)
SOFTWARE = (
    "Retold is an open-source tool that turns news articles into structured explainers for readers.",
    "Install it with pip install retold, or download the latest release from github.com/example/retold.",
    "Read the documentation for a quick start guide, the API reference and the release notes of every version.",
    "The source code is available under the MIT license and contributions from the community are welcome.",
)
SHOP = (
    "Unsere handgemachten Ledertaschen werden in unserer Werkstatt in Leipzig gefertigt und sind sofort lieferbar.",
    "Die Tasche Modell Anna kostet 149,00 \u20ac inkl. MwSt. zzgl. Versand, die Lieferzeit betr\u00e4gt zwei Tage.",
    "Das Modell Berta ist auf Lager und kostet 89,90 \u20ac, das Modell Clara kostet 129,00 \u20ac bei uns im Shop.",
    "Legen Sie Ihre Tasche jetzt in den Warenkorb und bezahlen Sie bequem per Rechnung oder mit Kreditkarte.",
)


def page(paragraphs, *, title: str = "A page", byline: str | None = None, head: str = "") -> str:
    meta = f'<meta name="author" content="{byline}">' if byline else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"<!DOCTYPE html><html><head><title>{title}</title>{meta}{head}</head><body><article>{body}</article></body></html>"


def doubts(html: str, url: str = "https://example.org/2024/01/02/story") -> list[str]:
    return [w for w in from_text(html, url=url).warnings if "may not be a news article" in w]


def test_a_news_article_is_rewritten_without_a_doubt():
    html = page(NEWS * 2, title="Alaska Airlines to join Oneworld", byline="Jane Doe")
    assert doubts(html) == []
    assert assess_page(extract_html(html, url="https://example.org/news/1")).decision == "rewritten"


def test_a_first_person_essay_at_a_magazine_is_rewritten_not_refused():
    html = page(ESSAY * 3, title="The street I left behind", byline="Ana Ruiz")
    found = doubts(html, "https://magazine.example.org/essays/the-street")
    assert len(found) == 1 and "\u201cwe\u201d" in found[0]  # one line, saying why
    # the same essay told in the first person singular raises no doubt at all
    singular = [
        s.replace("we ", "I ").replace("We ", "I ").replace("our ", "my ").replace(" us ", " me ") for s in ESSAY
    ]
    assert doubts(page(singular * 3, title="The street I left behind", byline="Ana Ruiz")) == []


def test_a_software_projects_home_page_is_warned_about():
    found = doubts(page(SOFTWARE * 2, title="Retold"), "https://retold.example.org/")
    assert len(found) == 1 and "software project" in found[0] and "names no author" in found[0]
    # news about software, with a byline, that mentions a download is news
    report = NEWS + ("The airline said customers can download its new app from Tuesday.",)
    assert doubts(page(report * 2, title="Alaska Airlines to join Oneworld", byline="Jane Doe")) == []


def test_a_newsletter_landing_page_is_warned_about():
    pitch = (
        "Every weekday morning our editors pick the five stories that matter most and explain why, in five minutes.",
        "Join thousands of readers who start the day knowing what happened overnight and what comes next for them.",
    )
    found = doubts(
        page(pitch * 2, title="Sign up for The Morning Briefing newsletter"), "https://news.example.org/morning"
    )
    assert len(found) == 1 and "sign up" in found[0]


def test_a_german_shop_page_is_warned_about_and_told_it_is_not_english():
    article = from_text(page(SHOP * 2, title="Ledertaschen aus Leipzig"), url="https://taschen.example.de/modelle")
    kind = [w for w in article.warnings if "may not be a news article" in w]
    assert len(kind) == 1 and "shop or company page" in kind[0]
    assert any("does not look like English" in w for w in article.warnings)


def test_strong_signals_still_refuse():
    head = '<script type="application/ld+json">{"@type": "Product", "name": "Leather bag"}</script>'
    with pytest.raises(InputError, match="a product page"):
        from_text(page(NEWS * 2, head=head), url="https://shop.example.org/bag")
    with pytest.raises(InputError, match="page about itself"):
        from_text(page(ESSAY * 3), url="https://example.org/about-us/")


def test_every_decision_lists_its_signals():
    kind = assess_page(extract_html(page(SOFTWARE * 2, title="Retold"), url="https://retold.example.org/"))
    assert kind.decision == "warned" and any(s.startswith("software words") for s in kind.signals)
    news = assess_page(extract_html(page(NEWS * 2, byline="Jane Doe"), url="https://example.org/news/1"))
    assert news.decision == "rewritten" and "byline" in news.signals


def test_the_cli_prints_one_warning_line_and_the_json_carries_it(tmp_path: Path):
    source = tmp_path / "project.html"
    source.write_text(page(SOFTWARE * 2, title="Retold"), encoding="utf-8")
    result = run_cli(["rewrite", str(source), "--format", "json"])
    err = result.stderr.decode()
    assert result.returncode == 0, err
    lines = [line for line in err.splitlines() if "may not be a news article" in line]
    assert len(lines) == 1 and lines[0].startswith(f"retold: warning: {source}: this page may not be a news article (")
    data = json.loads(result.stdout)
    assert [w for w in data["warnings"] if "may not be a news article" in w] == [lines[0].split(f"{source}: ", 1)[1]]


def test_questions_refuse_a_service_page_but_only_warn_about_an_interview():
    qa = [
        f"Will the trains run on line {n}? Only a replacement bus runs between the two stations this weekend."
        for n in range(14)
    ]
    with pytest.raises(InputError, match="question-and-answer"):
        from_text(page(qa, title="Service disruptions"), url="https://rail.example.org/disruptions/1")
    found = doubts(page(qa, title="An interview with the rail minister", byline="Jane Doe"))
    assert len(found) == 1 and "questions" in found[0]
