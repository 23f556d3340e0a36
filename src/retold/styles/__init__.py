"""Styles, data that rewrite, the llm engine and render all read: which sections a draft has, in
what order, how long, and how each is laid out.

Styles are TOML files: the built-in ones ship as package data (``retold/styles/*.toml``), a user's own
live in ``styles/`` under the user config dir (``RETOLD_STYLES`` to point elsewhere); a user's style of
the same name wins. A file holds ``name``, ``description``, ``words`` and ``[[sections]]``, each with
``key``, ``title``, ``max_items``, ``form``, ``guidance`` (what a model is told to put there), and
optionally ``max_chars`` (a hard limit per item) and ``fill`` (the builtin engine's builders that fill it).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Literal

from retold.errors import StyleError
from retold.types import Draft

# How render lays a section out: bullets (one item → a paragraph), one paragraph of all items, a list
# of links, quotations with their speaker, dated events, people with their roles, or numbered posts.
SectionForm = Literal["bullets", "paragraph", "links", "quotes", "timeline", "people", "posts"]
FORMS: tuple[str, ...] = ("bullets", "paragraph", "links", "quotes", "timeline", "people", "posts")
STYLES_ENV = "RETOLD_STYLES"


@dataclass(frozen=True, slots=True)
class SectionSpec:
    """One section a style asks for; ``max_items`` caps what an engine puts in it."""

    key: str
    title: str
    max_items: int = 3
    form: SectionForm = "bullets"
    guidance: str = ""
    max_chars: int | None = None
    fill: tuple[str, ...] = ()  # builtin builders for this section; () means the one named like ``key``


@dataclass(frozen=True, slots=True)
class Style:
    """A named template: its sections in reading order and a default length in words."""

    name: str
    description: str
    sections: tuple[SectionSpec, ...]
    words: int
    origin: str = "builtin"  # "builtin", or the path of the file it was read from

    def section(self, key: str) -> SectionSpec | None:
        """The spec for ``key``, or None when this style has no such section."""
        for spec in self.sections:
            if spec.key == key:
                return spec
        return None


def style_from_toml(path: str | os.PathLike[str], *, origin: str | None = None) -> Style:
    """A style described in a TOML file (``name``, ``description``, ``words``, ``[[sections]]``)."""
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:  # TOML is UTF-8 only
        raise StyleError(f"Cannot read style file {os.fspath(path)!r} ({exc}): give a readable TOML file.") from exc
    return _style_from_data(data, os.fspath(path), origin or os.fspath(path))


def _style_from_data(data: dict, where: str, origin: str) -> Style:
    try:
        sections = tuple(
            SectionSpec(
                key=str(sec["key"]),
                title=str(sec.get("title", "")),
                max_items=int(sec.get("max_items", 3)),
                form=_form(sec.get("form", "bullets")),
                guidance=str(sec.get("guidance", "")),
                max_chars=int(sec["max_chars"]) if sec.get("max_chars") else None,
                fill=tuple(str(k) for k in sec.get("fill", ())),
            )
            for sec in data["sections"]
        )
        style = Style(
            str(data["name"]), str(data.get("description", "")), sections, int(data.get("words", 300)), origin
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise StyleError(
            f"Style file {where!r} is incomplete ({exc}): it needs name, words and [[sections]] with a key each."
        ) from exc
    if not sections:
        raise StyleError(f"Style file {where!r} has no [[sections]]: add at least one.")
    return style


def _form(value: object) -> SectionForm:
    if value not in FORMS:
        raise ValueError(f"form must be one of {', '.join(FORMS)}, not {value!r}")
    return value  # type: ignore[return-value]


def user_styles_dir() -> Path:
    """Where a user's own style files live: ``RETOLD_STYLES``, else ``styles/`` in the user config dir."""
    if os.environ.get(STYLES_ENV):
        return Path(os.environ[STYLES_ENV]).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir("retold", appauthor=False)) / "styles"


def _builtin_styles() -> dict[str, Style]:
    found: dict[str, Style] = {}
    folder = resources.files("retold") / "styles"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            data = tomllib.loads(entry.read_text(encoding="utf-8"))
            style = _style_from_data(data, entry.name, "builtin")
            found[style.name] = style
    return found


def _user_styles() -> dict[str, Style]:
    folder = user_styles_dir()
    if not folder.is_dir():
        return {}
    found = {}
    for path in sorted(folder.glob("*.toml")):
        style = style_from_toml(path)
        found[style.name] = style
    return found


_BUILTIN: dict[str, Style] = _builtin_styles()
EXPLAINER, BRIEF, SUMMARY = _BUILTIN["explainer"], _BUILTIN["brief"], _BUILTIN["summary"]
# Registered at run time (register_style); the built-in and user files are read on every lookup.
_STYLES: dict[str, Style] = {}


def _all() -> dict[str, Style]:
    merged = dict(_BUILTIN)
    merged.update(_user_styles())
    merged.update(_STYLES)
    return merged


def register_style(style: Style) -> None:
    """Make ``style`` available by name (a later registration of the same name wins)."""
    _STYLES[style.name] = style


def style_names() -> tuple[str, ...]:
    return tuple(_all())


def list_styles() -> tuple[Style, ...]:
    return tuple(_all().values())


def get_style(name: str) -> Style:
    """The style called ``name``; raises :class:`StyleError` listing the known styles."""
    styles = _all()
    try:
        return styles[name]
    except KeyError:
        known = ", ".join(sorted(styles))
        raise StyleError(f"Unknown style {name!r}: choose one of {known}.") from None


def section_form(style_name: str, key: str) -> SectionForm:
    """How to lay out section ``key`` of a draft in style ``style_name``; bullets when either is unknown."""
    style = _all().get(style_name)
    spec = style.section(key) if style else None
    return spec.form if spec else "bullets"


def fit_to_style(draft: Draft, style: Style) -> Draft:
    """``draft`` without the items longer than their section's ``max_chars`` (a thread's post limit), noted."""
    import dataclasses

    sections, notes = [], list(draft.notes)
    for section in draft.sections:
        spec = style.section(section.key)
        limit = spec.max_chars if spec else None
        items = tuple(i for i in section.items if limit is None or len(i.text) <= limit)
        if len(items) < len(section.items):
            notes.append(
                f"{len(section.items) - len(items)} item(s) of {section.key} left out: longer than {limit} characters"
            )
        if items:
            sections.append(dataclasses.replace(section, items=items))
    if len(notes) == len(draft.notes):
        return draft
    return dataclasses.replace(draft, sections=tuple(sections), notes=tuple(notes))
