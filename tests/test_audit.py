"""The rewrite stage's own audit: drafts are checked, items with errors mended, the footer never checked."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools

from retold.analyze import analyze
from retold.ingest.blocks import article_from_text
from retold.render import draft_layout, draft_text
from retold.rewrite import rewrite
from retold.rewrite.audit import audit_draft, builtin_fallback, check_draft, errors_by_item
from retold.styles import get_style
from retold.types import Draft, FactSheet, Item, Options, Section

# From a Reuters story on European gas storage (shortened).
PARAGRAPHS = (
    "European Union countries agreed on Tuesday to fill their gas storage sites to 90% of capacity by November.",
    "The European Commission said the target would help the bloc get through the winter without Russian supplies.",
    "Storage sites across the bloc are now 62% full, according to data from Gas Infrastructure Europe.",
    "Energy ministers will meet again in Brussels on Oct. 12 to review progress.",
)


@functools.cache
def facts(url: str | None = None) -> FactSheet:
    article = article_from_text(
        "\n\n".join(PARAGRAPHS), title="EU agrees gas storage target", url=url, published=dt.date(2022, 6, 21)
    )
    return analyze(article)


def draft_with(*items: Item, headline: str = "EU countries agreed to fill their gas storage sites") -> Draft:
    sheet = facts()
    return Draft(
        headline=Item(text=headline, sources=(0,)),
        sections=(Section(key="driving-the-news", title="Driving the news", items=items),),
        attribution=dataclasses.replace(rewrite(sheet).attribution),
        facts=sheet,
    )


WRONG = Item(text="Storage sites across the bloc are now 71% full.", sources=(2,))


def test_rewrite_returns_a_checked_draft_without_errors():
    draft = rewrite(facts())
    assert draft.report is not None
    assert draft.report.verdict == "pass"
    assert draft.report.rewrite_text == draft_layout(draft)[0]


def test_footer_is_metadata_not_a_claim():
    # The date and the loopback host of the credit line are nowhere in the article's text.
    draft = rewrite(facts("http://127.0.0.1:8765/gas.html"))
    told = draft_text(draft)
    assert "Source: EU agrees gas storage target" in told and "2022-06-21" in told and "127.0.0.1" in told
    checked, _ = draft_layout(draft)
    assert "Source:" not in checked and "127.0.0.1" not in checked
    assert draft.report.verdict == "pass"


def test_item_spans_cover_the_items_in_the_checked_text():
    draft = rewrite(facts())
    text, spans = draft_layout(draft)
    for span in spans:
        item = draft.headline if span.section == -1 else draft.sections[span.section].items[span.index]
        assert item.text in text[span.start : span.end]


def test_an_item_with_a_changed_number_is_repaired_from_its_source_sentence():
    draft = draft_with(WRONG)
    before = check_draft(draft, facts())
    assert (0, 0) in errors_by_item(draft, before)
    audit = audit_draft(draft, facts())
    assert audit.report.verdict == "pass"
    assert audit.draft.report is audit.report
    assert audit.draft.sections[0].items[0].text.startswith("Storage sites across the bloc are now 62% full")
    assert [(s.action, s.section) for s in audit.steps] == [("repaired", "driving-the-news")]
    assert any("repaired an item of driving-the-news" in n for n in audit.draft.notes)


def test_a_repair_callback_is_tried_then_the_fallback_then_the_item_is_dropped():
    seen: list[tuple[str, tuple[str, ...]]] = []

    def stubborn(broken):  # a model that keeps getting the figure wrong
        out = {}
        for b in broken:
            seen.append((b.section, tuple(f.kind for f in b.errors)))
            out[b.ident] = Item(
                text=f"Storage sites across the bloc are now {80 + len(seen)}% full.", sources=b.item.sources
            )
        return out

    replacement = Item(text=PARAGRAPHS[1], sources=(1,))
    audit = audit_draft(
        draft_with(WRONG), facts(), repair=stubborn, fallback=lambda item, section: replacement, rounds=2
    )
    assert len(seen) == 2 and all(kinds == ("number",) for _, kinds in seen)
    assert [s.action for s in audit.steps] == ["repaired", "repaired", "replaced"]
    assert audit.draft.sections[0].items == (replacement,)
    assert audit.report.verdict == "pass"

    dropped = audit_draft(draft_with(WRONG), facts(), repair=lambda broken: {})
    assert dropped.draft.sections == () and dropped.steps[-1].action == "dropped"
    assert dropped.report.verdict == "pass"


def test_an_unfaithful_headline_is_replaced_not_dropped():
    audit = audit_draft(draft_with(Item(text=PARAGRAPHS[3], sources=(3,)), headline="EU fills storage to 75%"), facts())
    assert audit.report.verdict == "pass"
    assert audit.draft.headline.text == "EU agrees gas storage target"
    assert audit.steps[0].section == "headline" and audit.steps[0].action == "replaced"


def test_builtin_fallback_serves_the_builtin_item_of_the_same_section():
    fallback = builtin_fallback(facts(), get_style("explainer"), Options())
    first = fallback(WRONG, "driving-the-news")
    builtin = rewrite(facts())
    assert first == builtin.sections[0].items[0]
    assert fallback(WRONG, "no-such-section") is None
    assert fallback(WRONG, "headline") == builtin.headline
