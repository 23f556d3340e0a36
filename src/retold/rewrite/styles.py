"""Rewrite styles: which sections a draft has, in what order, how long, and how each is laid out."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from typing import Literal

from retold.errors import StyleError

# How render lays a section out: bullets (one item → a paragraph), one paragraph of all items,
# or a list of links.
SectionForm = Literal["bullets", "paragraph", "links"]


@dataclass(frozen=True, slots=True)
class SectionSpec:
    """One section a style asks for; ``max_items`` caps what an engine puts in it."""

    key: str
    title: str
    max_items: int = 3
    form: SectionForm = "bullets"


@dataclass(frozen=True, slots=True)
class Style:
    """A named template: its sections in reading order and a default length in words."""

    name: str
    description: str
    sections: tuple[SectionSpec, ...]
    words: int

    def section(self, key: str) -> SectionSpec | None:
        """The spec for ``key``, or None when this style has no such section."""
        for spec in self.sections:
            if spec.key == key:
                return spec
        return None


EXPLAINER = Style(
    name="explainer",
    description="Smart Brevity sections: the news, why it matters, quotes, context, numbers, timeline, people, what's next.",
    sections=(
        SectionSpec("driving-the-news", "Driving the news", max_items=2),
        SectionSpec("why-it-matters", "Why it matters", max_items=1),
        SectionSpec("what-theyre-saying", "What they're saying", max_items=3),
        SectionSpec("big-picture", "The big picture", max_items=2),
        SectionSpec("by-the-numbers", "By the numbers", max_items=3),
        SectionSpec("timeline", "Timeline", max_items=6),
        SectionSpec("whos-who", "Who's who", max_items=5),
        SectionSpec("whats-next", "What's next", max_items=1),
        SectionSpec("go-deeper", "Go deeper", max_items=1, form="links"),
    ),
    words=300,
)

BRIEF = Style(
    name="brief",
    description="A headline and three to five bullets.",
    sections=(SectionSpec("bullets", "", max_items=5),),
    words=120,
)

SUMMARY = Style(
    name="summary",
    description="One paragraph.",
    sections=(SectionSpec("summary", "", max_items=5, form="paragraph"),),
    words=110,
)

_STYLES: dict[str, Style] = {s.name: s for s in (EXPLAINER, BRIEF, SUMMARY)}


def style_from_toml(path: str | os.PathLike[str]) -> Style:
    """A style described in a TOML file (``name``, ``description``, ``words``, ``[[sections]]``)."""
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise StyleError(f"Cannot read style file {os.fspath(path)!r} ({exc}): give a readable TOML file.") from exc
    try:
        sections = tuple(
            SectionSpec(
                key=str(sec["key"]),
                title=str(sec.get("title", "")),
                max_items=int(sec.get("max_items", 3)),
                form=_form(sec.get("form", "bullets")),
            )
            for sec in data["sections"]
        )
        style = Style(str(data["name"]), str(data.get("description", "")), sections, int(data.get("words", 300)))
    except (KeyError, TypeError, ValueError) as exc:
        raise StyleError(
            f"Style file {os.fspath(path)!r} is incomplete ({exc}): it needs name, words and [[sections]] with a key each."
        ) from exc
    if not sections:
        raise StyleError(f"Style file {os.fspath(path)!r} has no [[sections]]: add at least one.")
    return style


def _form(value: object) -> SectionForm:
    if value not in ("bullets", "paragraph", "links"):
        raise ValueError(f"form must be bullets, paragraph or links, not {value!r}")
    return value  # type: ignore[return-value]


def register_style(style: Style) -> None:
    """Make ``style`` available by name (a later registration of the same name wins)."""
    _STYLES[style.name] = style


def style_names() -> tuple[str, ...]:
    return tuple(_STYLES)


def list_styles() -> tuple[Style, ...]:
    return tuple(_STYLES.values())


def get_style(name: str) -> Style:
    """The style called ``name``; raises :class:`StyleError` listing the known styles."""
    try:
        return _STYLES[name]
    except KeyError:
        known = ", ".join(sorted(_STYLES))
        raise StyleError(f"Unknown style {name!r}: choose one of {known}.") from None


def section_form(style_name: str, key: str) -> SectionForm:
    """How to lay out section ``key`` of a draft in style ``style_name``; bullets when either is unknown."""
    style = _STYLES.get(style_name)
    spec = style.section(key) if style else None
    return spec.form if spec else "bullets"
