"""retold: news articles into structured explainers, without losing or inventing a fact.

    >>> import retold
    >>> report = retold.check(source_text, rewrite_text)
    >>> report.verdict, report.score

The stages are plain functions (:mod:`retold.api`): ``ingest`` (path, URL or "-" → Article), ``extract`` (a page in
memory → Article), ``analyze`` (Article → FactSheet), ``rewrite`` (FactSheet → Draft) and ``check`` (source,
rewrite → Report).
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"


def _register_lazily(name: str) -> None:
    """Put the stage package ``name`` in ``sys.modules`` now, to be executed on its first use.

    Each stage function shares its name with its package: ``retold.check(...)`` is the function, and
    ``retold.check.align`` a module of the package. When Python first imports a submodule it binds it on its
    parent (``retold.check = <package>``), which would replace the function. A package already in
    ``sys.modules`` is not imported again, so not bound again; and registered through the standard library's
    lazy loader, it costs nothing until something reads it (``retold --help`` never does).
    """
    if name in sys.modules:
        return
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:  # pragma: no cover - a broken install
        raise ImportError(f"cannot find {name}: reinstall retold")
    spec.loader = importlib.util.LazyLoader(spec.loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)


for _stage in ("analyze", "check", "ingest", "rewrite"):
    _register_lazily(f"retold.{_stage}")

from retold.api import analyze, check, extract, ingest, rewrite  # noqa: E402  (after the packages are registered)

if TYPE_CHECKING:
    from retold.check.report import Report
    from retold.errors import RetoldError
    from retold.ingest import from_text
    from retold.types import Article, Draft, FactSheet, Finding, Options

# Names that load on first use (PEP 562), so `retold --help`, `history` or `extract` of a text file import neither
# spaCy nor the checker.
_LAZY = {
    "Report": "retold.check.report",
    "from_text": "retold.ingest",
    "RetoldError": "retold.errors",
    "Article": "retold.types",
    "Draft": "retold.types",
    "FactSheet": "retold.types",
    "Finding": "retold.types",
    "Options": "retold.types",
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'retold' has no attribute {name!r}")
    return getattr(importlib.import_module(_LAZY[name]), name)


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


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
    "extract",
    "from_text",
    "ingest",
    "rewrite",
]
