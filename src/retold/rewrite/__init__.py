"""The rewrite stage: a source article into a :class:`~retold.types.Draft` in a chosen style."""

from __future__ import annotations

import dataclasses

from retold.rewrite.audit import Audit, Strategy, audit_counts, audit_draft
from retold.rewrite.engines import Engine, engine_names, get_engine
from retold.styles import Style, fit_to_style, get_style, style_names
from retold.types import Article, Draft, FactSheet, Options

__all__ = [
    "Audit",
    "Engine",
    "Strategy",
    "audit_draft",
    "Style",
    "engine_names",
    "get_engine",
    "get_style",
    "rewrite",
    "style_names",
]


def rewrite(
    source: Article | FactSheet | str,
    *,
    style: str = "explainer",
    engine: str = "builtin",
    options: Options = Options(),
) -> Draft:
    """Rewrite ``source`` in ``style`` with ``engine``, checked: ``draft.report`` is its self-check.

    A ``str`` is cleaned like any input text first. Every item the check finds an error in is
    repaired, replaced or dropped before the draft is returned, in one audit loop for every engine
    (:func:`retold.rewrite.audit.audit_draft`). An engine with a ``draft(facts, style, options) ->
    (Draft, Strategy)`` method supplies its own way of mending (the llm engine: its model, then the
    builtin item); any other engine's ``rewrite`` draft is mended by the default strategy.
    """
    chosen_style = get_style(style)  # unknown names fail before any model loads
    chosen_engine = get_engine(engine)
    facts = _facts(source)
    make = getattr(chosen_engine, "draft", None)
    if make is not None:
        draft, strategy = make(facts, chosen_style, options)
    else:
        draft, strategy = chosen_engine.rewrite(facts, chosen_style, options), Strategy()
    try:
        audit = audit_draft(fit_to_style(draft, chosen_style), facts, strategy=strategy)
        final = strategy.finish(audit) if strategy.finish is not None else audit.draft
        # the final draft's errors are 0 by construction; what the audit had to mend is the measure
        return dataclasses.replace(final, stats={**(final.stats or {}), "audit": audit_counts(audit)})
    finally:
        if strategy.close is not None:
            strategy.close()


def _facts(source: Article | FactSheet | str) -> FactSheet:
    if isinstance(source, FactSheet):
        return source
    from retold.analyze import analyze  # deferred: importing the stage must not load spaCy

    if isinstance(source, str):
        from retold.ingest import from_text

        source = from_text(source)
    return analyze(source)
