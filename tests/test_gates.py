"""Index pages are refused; stubs, cut-off and non-English text are warned about, real articles are not."""

from __future__ import annotations

from pathlib import Path

import pytest

from retold.errors import InputError
from retold.ingest import from_text
from retold.ingest.blocks import Block, block_kind
from retold.ingest.gates import english_ratio, require_article
from retold.ingest.html import Extracted

DATA = Path(__file__).parent / "data" / "ingest"
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "nato-ukraine.txt"
SENTENCES = [
    "Foreign ministers of the alliance met in Brussels on Tuesday to discuss support for Ukraine, officials said.",
    "The ministers agreed to send more air defence systems before the winter, according to a statement.",
    "A senior diplomat said it would take weeks and months to reach a consensus on membership.",
    "The Ukrainian ministry said it would not settle for any alternatives to full membership of the alliance.",
    "Several members have resisted the request, which was first made in September 2022.",
]


def story(count: int = 5) -> str:
    return "\n".join(SENTENCES[i % len(SENTENCES)] for i in range(count))


def html_page(body: str, title: str = "A page") -> str:
    return f"<!DOCTYPE html><html><head><title>{title}</title></head><body>{body}</body></html>"


def warnings_of(text: str) -> list[str]:
    return list(from_text(text).warnings)


def test_index_page_fixture_is_refused():
    with pytest.raises(
        InputError, match=r"No article found in index.html: it looks like an index or list page; pass the URL"
    ):
        from_text((DATA / "index.html").read_text("utf-8"), url="index.html")


def test_page_of_links_with_teasers_is_refused():
    items = "".join(
        f'<div class="card"><h3><a href="/story/{i}">Headline number {i} about the news today</a></h3>'
        f'<p><a href="/story/{i}">A short teaser that says a little more about story {i} here.</a></p></div>'
        for i in range(15)
    )
    with pytest.raises(InputError, match="No article found"):
        from_text(html_page(f"<main>{items}</main>"))


def test_page_with_no_text_is_refused():
    with pytest.raises(InputError, match="No article found"):
        from_text(html_page('<div><img src="a.png"></div><nav><a href="/">Home</a></nav>'))


def test_article_page_passes_the_gate():
    article = from_text((DATA / "article.html").read_text("utf-8"))
    assert article.paragraphs and article.warnings == ()


def test_paywall_stub_is_warned_about_not_refused():
    page = html_page(
        "<article><h1>Budget talks stall</h1>"
        f"<p>{SENTENCES[0]} {SENTENCES[1]}</p>"
        "<p>Subscribe to continue reading.</p></article>",
        title="Budget talks stall",
    )
    article = from_text(page)
    assert [r.reason for r in article.removed] == ["paywall"]
    assert any("subscribe to continue" in w and "paywall" in w for w in article.warnings)
    assert any("very short" in w for w in article.warnings)


def test_text_that_ends_mid_sentence_is_warned_about():
    cut = story(5) + "\nThe ministry added that the decision would be announced after the meeting and that the"
    assert any("ends mid-sentence" in w and "and that the" in w for w in warnings_of(cut))
    teaser = story(5) + "\nOfficials said the talks would resume on Friday, but a deal was still…"
    assert any("ends mid-sentence" in w for w in warnings_of(teaser))


def test_complete_article_has_no_warnings():
    assert warnings_of(story(8)) == []


def test_example_article_has_no_warnings():
    assert warnings_of(EXAMPLE.read_text("utf-8")) == []


def test_short_text_is_warned_about():
    assert any("very short (17 words)" in w for w in warnings_of(SENTENCES[0]))


@pytest.mark.parametrize(
    "text",
    [
        "Les ministres des Affaires étrangères de l'Alliance se sont réunis mardi à Bruxelles pour discuter du soutien "
        "à l'Ukraine. Ils ont convenu d'envoyer davantage de systèmes de défense aérienne avant l'hiver, selon un "
        "communiqué publié après la réunion.",
        "Die Außenminister des Bündnisses trafen sich am Dienstag in Brüssel, um über die Unterstützung der Ukraine zu "
        "beraten. Sie vereinbarten, vor dem Winter weitere Luftabwehrsysteme zu schicken, hieß es in einer Erklärung.",
        "Los ministros de Asuntos Exteriores de la Alianza se reunieron el martes en Bruselas para hablar del apoyo a "
        "Ucrania. Acordaron enviar más sistemas de defensa aérea antes del invierno, según un comunicado oficial.",
        "Министры иностранных дел стран альянса встретились во вторник в Брюсселе, чтобы обсудить поддержку Украины. "
        "Они договорились направить дополнительные системы противовоздушной обороны до наступления зимы.",
    ],
)
def test_non_english_text_is_warned_about(text):
    assert any("does not look like English" in w for w in warnings_of(text))


def test_english_ratio_separates_languages():
    assert english_ratio(story(5)) > 0.3
    assert english_ratio("Hola " * 30) == 0.0
    assert english_ratio("Too short to judge.") is None


def test_short_article_with_a_long_list_of_related_links_passes():
    related = "".join(
        f'<li><a href="/story/{i}">Another headline number {i} about the news</a></li>' for i in range(10)
    )
    prose = "".join(f"<p>{sentence}</p>" for sentence in SENTENCES * 2)
    article = from_text(html_page(f"<article><h1>A page</h1>{prose}<h2>Related</h2><ul>{related}</ul></article>"))
    assert article.text.startswith(SENTENCES[0])
    assert SENTENCES[-1] in article.text


def extracted(*blocks: tuple[str, bool]) -> Extracted:
    return Extracted(blocks=tuple(Block(t, block_kind(t)) for t, _ in blocks), linked=tuple(link for _, link in blocks))


def test_gate_weighs_link_words_against_prose_words():
    links = [(f"- Another headline number {i} about the news", True) for i in range(10)]
    require_article(extracted(*[(s, False) for s in SENTENCES], *links), "page")  # prose outweighs the links
    with pytest.raises(InputError, match="No article found in page"):
        require_article(extracted((SENTENCES[0], False), *links), "page")


def test_wire_credit_line_is_not_cut_off_text():
    assert warnings_of(story(8) + "\nReporting by Jane Doe in Brussels; Editing by John Smith and Ann Roe") == []


def test_tiny_paywall_stub_is_warned_about_not_called_an_index():
    page = html_page(
        "<article><h1>Budget talks stall</h1><p>Ministers failed to agree on Tuesday.</p>"
        "<p>This article is for subscribers only.</p></article>",
        title="Budget talks stall",
    )
    article = from_text(page)
    assert article.text == "Ministers failed to agree on Tuesday."
    assert any("paywall" in w for w in article.warnings)


def test_page_that_is_only_a_paywall_prompt_is_refused():
    with pytest.raises(InputError, match=r"everything in it is boilerplate \(paywall\); pass the article itself"):
        from_text(html_page("<article><p>Subscribe to continue reading.</p></article>"))
