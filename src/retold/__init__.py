"""retold: news articles into structured explainers, without losing or inventing a fact.

    >>> import retold
    >>> report = retold.check(source_text, rewrite_text)
    >>> report.verdict, report.score

The four stages are plain functions: ``ingest`` (path, URL or "-" → Article), ``analyze``
(Article → FactSheet), ``rewrite`` (FactSheet → Draft) and ``check`` (source, rewrite → Report).
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any

__version__ = "0.1.0"

# Each public name and the module that defines it. They load on first use, so `retold --help`,
# `history` or `extract` of a text file never import spaCy or the checker.
_LAZY = {
    "analyze": "retold.analyze",
    "check": "retold.check",
    "Report": "retold.check",
    "ingest": "retold.ingest",
    "from_text": "retold.ingest",
    "rewrite": "retold.rewrite",
    "RetoldError": "retold.errors",
    "Article": "retold.types",
    "Draft": "retold.types",
    "FactSheet": "retold.types",
    "Finding": "retold.types",
    "Options": "retold.types",
}
# The stage functions share their names with the stage packages.
_STAGES = frozenset({"analyze", "check", "ingest", "rewrite"})


class _Package(types.ModuleType):
    """``retold`` itself: names load lazily, and a stage name stays the stage *function*.

    Importing ``retold.check.align`` makes the import system bind the package ``retold.check`` as an
    attribute of ``retold``; that binding is skipped, so ``retold.check(...)`` is the function for good.
    """

    def __getattr__(self, name: str) -> Any:
        if name not in _LAZY:
            raise AttributeError(f"module 'retold' has no attribute {name!r}")
        return getattr(importlib.import_module(_LAZY[name]), name)

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _STAGES and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package

__all__ = [
    "Article",
    "Draft",
    "FactSheet",
    "Finding",
    "Options",
    "Report",
    "RetoldError",
    "analyze",
    "check",
    "from_text",
    "ingest",
    "rewrite",
]
