"""boilerplate: calls to action, "related news" lists and share prompts are errors; the rewrite's own structure is not."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from retold.check import check
from retold.ingest import from_text
from retold.types import Finding

SOURCE = (Path(__file__).resolve().parent.parent / "examples" / "nato-ukraine.txt").read_text(encoding="utf-8")
FAITHFUL = "Ukraine's foreign minister Andriy Sybiha met Lithuania's Gabrielius Landsbergis in Brussels on Tuesday."
BUILTIN_STYLE = """# Ukraine presses NATO for membership

## Driving the news

- Andriy Sybiha met his Lithuanian counterpart Gabrielius Landsbergis in Brussels on Tuesday.

## What they're saying

> “It will take weeks and months to get consensus.” — An unnamed senior NATO diplomat

## Timeline

- **September 2022** — Kyiv submitted an application to join the alliance.

## Who's who

- **Mark Rutte** — NATO Secretary General

## Go deeper

- [Ukraine's NATO bid](https://example.org/2024/12/03/nato-ukraine)

---

Source: nato-ukraine
"""


def boilerplate(rewrite: str) -> list[Finding]:
    return [f for f in check(SOURCE, rewrite).findings if f.kind == "boilerplate"]


def test_newsletter_call_to_action_is_an_error() -> None:
    rewrite = f"{FAITHFUL}\n\nSubscribe to our newsletter for the latest updates from Brussels!"
    (f,) = boilerplate(rewrite)
    assert f.severity == "error"
    assert f.text == "Subscribe to our newsletter for the latest updates from Brussels!"
    assert rewrite[f.start : f.end] == f.text


def test_related_news_lead_in_and_its_list_are_one_finding() -> None:
    rewrite = (
        f"{FAITHFUL}\n\nRead more related news:\n- Putin's allies pose a dire threat to Europe\n"
        "- Kremlin rejects peace talks offer\n\nThe Ukrainian Foreign Ministry said Ukraine will refuse "
        "all security guarantees that substitute NATO membership."
    )
    (f,) = boilerplate(rewrite)
    assert f.text.startswith("Read more related news:") and f.text.endswith("Kremlin rejects peace talks offer")
    assert "Foreign Ministry" not in f.text


def test_share_and_follow_prompts_are_errors() -> None:
    rewrite = f"{FAITHFUL}\n\nShare this article with your friends.\n\nFollow us on X for more."
    found = boilerplate(rewrite)
    assert [f.text for f in found] == ["Share this article with your friends.", "Follow us on X for more."]


def test_a_call_to_action_inside_a_long_line_marks_only_its_sentence() -> None:
    rewrite = f"{FAITHFUL} The pair discussed air defence. CLICK HERE for all the latest NATO news ."
    (f,) = boilerplate(rewrite)
    assert f.text.startswith("CLICK HERE") and "Sybiha" not in f.text


def test_material_ingest_removed_from_the_source_is_flagged_when_it_returns() -> None:
    headline = "NATO chief warns US will face a ‘dire threat’ from Putin’s allies over unfavourable peace deal"
    (f,) = boilerplate(f"{FAITHFUL}\n\n{headline}")
    assert f.text == headline


def test_the_rewriters_own_structure_is_not_boilerplate() -> None:
    assert boilerplate(BUILTIN_STYLE) == []


def test_a_read_more_line_pointing_at_the_source_itself_is_attribution() -> None:
    article = replace(
        from_text(SOURCE), url="https://example.org/nato-ukraine", title="Ukraine refuses NATO substitutes"
    )
    own = f"{FAITHFUL}\n\nRead more: [Ukraine refuses NATO substitutes](https://example.org/nato-ukraine)"
    other = f"{FAITHFUL}\n\nRead more:\n- [Kremlin says talks are over](https://example.org/kremlin)"
    assert [f for f in check(article, own).findings if f.kind == "boilerplate"] == []
    (f,) = [f for f in check(article, other).findings if f.kind == "boilerplate"]
    assert f.text == "Read more:\n- [Kremlin says talks are over](https://example.org/kremlin)"
