"""rewrite(): the stage entry point, and the engine registry it draws on."""

from __future__ import annotations

import textwrap

import pytest

from retold.errors import EngineError, StyleError
from retold.ingest.blocks import article_from_text
from retold.rewrite import engine_names, get_engine, rewrite
from retold.rewrite.builtin import BuiltinEngine
from retold.types import Draft, Options

STORY = (
    "Mayor Ana Lopez opened the new library in Springfield on Monday.\n\n"
    "The building has three floors and a garden on the roof.\n\n"
    "Lopez said the library would open every day of the week."
)


def install_plugin(root, name: str, module: str, body: str) -> None:
    """Put a module and a dist-info declaring it under ``retold.engines`` into ``root``."""
    (root / f"{module}.py").write_text(textwrap.dedent(body), encoding="utf-8")
    info = root / f"{module}-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {module}\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[retold.engines]\n{name} = {module}:Engine\n", encoding="utf-8")


ECHO_ENGINE = """
    from retold.types import Attribution, Draft, Item, Section

    class Engine:
        name = "echo"

        def rewrite(self, facts, style, options):
            first = facts.sentences[0]
            item = Item(text=first.text, sources=(first.id,))
            section = Section(key=style.sections[0].key, title=style.sections[0].title, items=(item,))
            return Draft(headline=item, sections=(section,), attribution=Attribution(None, None, None),
                         style=style.name, engine=self.name, facts=facts)
"""


def test_builtin_is_found_through_the_entry_point():
    assert "builtin" in engine_names()
    assert isinstance(get_engine("builtin"), BuiltinEngine)


def test_unknown_engine_lists_the_known_ones():
    with pytest.raises(EngineError) as err:
        get_engine("gpt-9")
    message = str(err.value)
    assert "'gpt-9'" in message and "builtin" in message and "retold.engines" in message


def test_plugin_engine_registered_the_same_way_is_found_and_used(tmp_path, monkeypatch):
    install_plugin(tmp_path, "echo", "retold_echo_engine", ECHO_ENGINE)
    monkeypatch.syspath_prepend(str(tmp_path))
    assert "echo" in engine_names()
    draft = rewrite(article_from_text(STORY), engine="echo", style="brief")
    assert draft.engine == "echo" and draft.style == "brief"
    assert draft.headline.text == "Mayor Ana Lopez opened the new library in Springfield on Monday."


def test_broken_plugin_is_an_engine_error_not_unknown(tmp_path, monkeypatch):
    install_plugin(tmp_path, "broken", "retold_broken_engine", "raise ImportError('missing dependency frobnicate')\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(EngineError, match="could not be loaded.*frobnicate"):
        get_engine("broken")


def test_rewrite_accepts_text_article_and_factsheet():
    from retold.analyze import analyze

    article = article_from_text(STORY)
    drafts = [rewrite(STORY), rewrite(article), rewrite(analyze(article))]
    assert all(isinstance(d, Draft) and d.engine == "builtin" for d in drafts)
    assert drafts[0].headline.text == drafts[1].headline.text == drafts[2].headline.text


def test_unknown_style_fails_before_any_work():
    with pytest.raises(StyleError, match="choose one of"):
        rewrite(STORY, style="sonnet")


def test_options_reach_the_engine():
    short = rewrite(STORY, options=Options(words=20))
    assert sum(len(s.items) for s in short.sections) == 1
