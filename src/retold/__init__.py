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
    "Report": "retold.check",
    "from_text": "retold.ingest",
    "RetoldError": "retold.errors",
    "Article": "retold.types",
    "Draft": "retold.types",
    "FactSheet": "retold.types",
    "Finding": "retold.types",
    "Options": "retold.types",
}
# The stage functions share their names with the stage packages.
_STAGES = frozenset({"analyze", "check", "ingest", "rewrite"})


class _Stage(types.ModuleType):
    """A stage package that is also its stage function: ``retold.check(source, rewrite)`` calls
    ``retold.check.check``, and ``import retold.check.align`` still finds the package's modules."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return getattr(self, self.__name__.rpartition(".")[2])(*args, **kwargs)


def _callable(package: types.ModuleType) -> types.ModuleType:
    if not isinstance(package, _Stage):
        import inspect  # here, not at the top: `retold --help` has no use for it (nor for its ast, tokenize…)

        package.__class__ = _Stage
        package.__signature__ = inspect.signature(getattr(package, package.__name__.rpartition(".")[2]))  # type: ignore[attr-defined]
    return package


class _Package(types.ModuleType):
    """``retold`` itself: names load lazily, and each stage package is callable as its stage function
    however it was imported (``retold.check(...)`` or ``import retold.check.align``)."""

    def __getattr__(self, name: str) -> Any:
        if name in _STAGES:
            return _callable(importlib.import_module(f"retold.{name}"))
        if name not in _LAZY:
            raise AttributeError(f"module 'retold' has no attribute {name!r}")
        return getattr(importlib.import_module(_LAZY[name]), name)

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _STAGES and isinstance(value, types.ModuleType):
            value = _callable(value)  # the import system binds a stage package once it has loaded
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
