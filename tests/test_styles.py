"""Styles: the named templates a rewrite follows."""

from __future__ import annotations

import pytest

from retold import styles
from retold.errors import StyleError
from retold.styles import (
    SectionSpec,
    Style,
    get_style,
    register_style,
    section_form,
    style_from_toml,
    style_names,
)


def test_explainer_sections_in_smart_brevity_order():
    titles = [s.title for s in get_style("explainer").sections]
    assert titles == [
        "Driving the news",
        "Why it matters",
        "What they're saying",
        "The big picture",
        "By the numbers",
        "Timeline",
        "Who's who",
        "What's next",
        "Go deeper",
    ]


def test_brief_and_summary_are_single_section_styles():
    brief, summary = get_style("brief"), get_style("summary")
    assert [s.key for s in brief.sections] == ["bullets"] and brief.sections[0].max_items == 5
    assert section_form("summary", "summary") == "paragraph"
    assert summary.words < get_style("explainer").words


def test_unknown_style_names_the_known_ones():
    with pytest.raises(StyleError) as err:
        get_style("haiku")
    message = str(err.value)
    assert "'haiku'" in message
    for name in ("brief", "explainer", "summary"):
        assert name in message
    assert "\n" not in message


def test_registered_style_is_found_and_listed(monkeypatch):
    monkeypatch.setattr(styles, "_STYLES", dict(styles._STYLES))  # leave the registry as found
    custom = Style("two-up", "Two bullets.", (SectionSpec("bullets", "", max_items=2),), words=50)
    register_style(custom)
    assert get_style("two-up") is custom
    assert "two-up" in style_names()


def test_section_form_defaults_to_bullets_for_unknown_sections():
    assert section_form("explainer", "go-deeper") == "links"
    assert section_form("explainer", "no-such-section") == "bullets"
    assert section_form("no-such-style", "anything") == "bullets"


def write(tmp_path, text: str):
    path = tmp_path / "style.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_style_from_toml(tmp_path):
    path = write(
        tmp_path,
        'name = "teaser"\ndescription = "Two lines."\nwords = 60\n'
        '[[sections]]\nkey = "driving-the-news"\ntitle = "The news"\nmax_items = 1\n'
        '[[sections]]\nkey = "whats-next"\ntitle = "Next"\nform = "paragraph"\n',
    )
    style = style_from_toml(path)
    assert style.name == "teaser" and style.words == 60
    assert [(s.key, s.title, s.max_items, s.form) for s in style.sections] == [
        ("driving-the-news", "The news", 1, "bullets"),
        ("whats-next", "Next", 3, "paragraph"),
    ]


@pytest.mark.parametrize(
    "text, fix",
    [
        ('name = "x"\n', "needs name, words and \\[\\[sections\\]\\]"),
        ('name = "x"\n[[sections]]\nkey = "a"\nform = "table"\n', "form must be one of bullets, paragraph, links"),
        ("name = = broken", "give a readable TOML file"),
    ],
)
def test_bad_style_file_says_what_to_fix(tmp_path, text, fix):
    with pytest.raises(StyleError, match=fix):
        style_from_toml(write(tmp_path, text))


def test_every_shipped_style_is_a_toml_file_with_guidance():
    for name in ("explainer", "brief", "summary", "thread", "newsletter"):
        style = get_style(name)
        assert style.origin == "builtin" and all(spec.guidance for spec in style.sections)


@pytest.mark.parametrize("name", ["explainer", "brief", "summary", "thread", "newsletter"])
def test_every_style_on_the_bundled_article_passes_its_check(name):
    from pathlib import Path

    import retold
    from retold.render import draft_text

    facts = retold.analyze(retold.ingest(str(Path(__file__).resolve().parents[1] / "examples" / "nato-ukraine.txt")))
    draft = retold.rewrite(facts, style=name)
    report = retold.check(facts, draft_text(draft))
    assert [f for f in report.findings if f.severity == "error"] == []
    assert draft.sections
    if name == "thread":
        assert all(len(item.text) <= 280 for section in draft.sections for item in section.items)
        assert draft_text(draft).count("\n1. ") == 1


def test_user_style_dir_adds_and_overrides(tmp_path, monkeypatch):
    (tmp_path / "brief.toml").write_text(
        'name = "brief"\ndescription = "Mine."\nwords = 60\n[[sections]]\nkey = "bullets"\nmax_items = 2\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("RETOLD_STYLES", str(tmp_path))
    mine = get_style("brief")
    assert mine.description == "Mine." and mine.origin == str(tmp_path / "brief.toml")
