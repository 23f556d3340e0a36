"""retold: news articles into structured explainers, without losing or inventing a fact.

    >>> import retold
    >>> report = retold.check(source_text, rewrite_text)
    >>> report.verdict, report.score

The four stages are plain functions: ``ingest`` (path, URL or "-" → Article), ``analyze``
(Article → FactSheet), ``rewrite`` (FactSheet → Draft) and ``check`` (source, rewrite → Report).
"""

from __future__ import annotations

__version__ = "0.1.0"

import inspect  # noqa: E402
import sys  # noqa: E402
from types import ModuleType  # noqa: E402

from retold.analyze import analyze  # noqa: E402
from retold.check import Report, check  # noqa: E402
from retold.errors import RetoldError  # noqa: E402
from retold.ingest import from_text, ingest  # noqa: E402
from retold.rewrite import rewrite  # noqa: E402
from retold.types import Article, Draft, FactSheet, Finding, Options  # noqa: E402


class _Stage(ModuleType):
    """A stage package that is also its stage function: ``retold.check(source, rewrite)`` calls
    ``retold.check.check``, and ``import retold.check.align`` still finds the package's modules."""

    def __call__(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN204
        return getattr(self, self.__name__.rpartition(".")[2])(*args, **kwargs)


# The stage functions share their names with the stage packages. Binding a function over its package
# would hide the package (``import retold.check.align`` would fail), so each package is made callable.
for _name in ("analyze", "check", "ingest", "rewrite"):
    _package = sys.modules[f"retold.{_name}"]
    _package.__class__ = _Stage
    _package.__signature__ = inspect.signature(getattr(_package, _name))  # type: ignore[attr-defined]
    globals()[_name] = _package
del _name, _package

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
