"""The rewrite stage: a source article into a :class:`~retold.types.Draft` in a chosen style."""

from __future__ import annotations

from retold.rewrite.audit import Audit, audit_draft
from retold.rewrite.engines import Engine, engine_names, get_engine
from retold.styles import Style, fit_to_style, get_style, style_names
from retold.types import Article, Draft, FactSheet, Options

__all__ = ["Audit", "Engine", "audit_draft", "Style", "engine_names", "get_engine", "get_style", "rewrite", "style_names"]


def rewrite(
    source: Article | FactSheet | str,
    *,
    style: str = "explainer",
    engine: str = "builtin",
    options: Options = Options(),
) -> Draft:
    """Rewrite ``source`` in ``style`` with ``engine``, checked: ``draft.report`` is its self-check.

    A ``str`` is cleaned like any input text first. Every item the check finds an error in is
    repaired, replaced or dropped before the draft is returned (:func:`retold.rewrite.audit.audit_draft`);
    an engine joins that loop with an optional ``audit_hooks(facts, style, options) -> (repair, fallback)``.
    """
    chosen_style = get_style(style)  # unknown names fail before any model loads
    chosen_engine = get_engine(engine)
    facts = _facts(source)
    draft = fit_to_style(chosen_engine.rewrite(facts, chosen_style, options), chosen_style)
    hooks = getattr(chosen_engine, "audit_hooks", None)
    repair, fallback = hooks(facts, chosen_style, options) if hooks is not None else (None, None)
    return audit_draft(draft, facts, repair=repair, fallback=fallback).draft


def _facts(source: Article | FactSheet | str) -> FactSheet:
    if isinstance(source, FactSheet):
        return source
    from retold.analyze import analyze  # deferred: importing the stage must not load spaCy

    if isinstance(source, str):
        from retold.ingest import from_text

        source = from_text(source)
    return analyze(source)
