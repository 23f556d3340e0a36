"""The rewrite stage: a source article into a :class:`~retold.types.Draft` in a chosen style."""

from __future__ import annotations

from retold.rewrite.engines import Engine, engine_names, get_engine
from retold.rewrite.styles import Style, fit_to_style, get_style, style_names
from retold.types import Article, Draft, FactSheet, Options

__all__ = ["Engine", "Style", "engine_names", "get_engine", "get_style", "rewrite", "style_names"]


def rewrite(
    source: Article | FactSheet | str,
    *,
    style: str = "explainer",
    engine: str = "builtin",
    options: Options = Options(),
) -> Draft:
    """Rewrite ``source`` in ``style`` with ``engine``; a ``str`` is cleaned like any input text first."""
    chosen_style = get_style(style)  # unknown names fail before any model loads
    chosen_engine = get_engine(engine)
    return fit_to_style(chosen_engine.rewrite(_facts(source), chosen_style, options), chosen_style)


def _facts(source: Article | FactSheet | str) -> FactSheet:
    if isinstance(source, FactSheet):
        return source
    from retold.analyze import analyze  # deferred: importing the stage must not load spaCy

    if isinstance(source, str):
        from retold.ingest import from_text

        source = from_text(source)
    return analyze(source)
