"""retold: news articles into structured explainers, without losing or inventing a fact.

    >>> import retold
    >>> report = retold.check(source_text, rewrite_text)
    >>> report.verdict, report.score

The four stages are plain functions: ``ingest`` (path, URL or "-" → Article), ``analyze``
(Article → FactSheet), ``rewrite`` (FactSheet → Draft) and ``check`` (source, rewrite → Report).
"""

from __future__ import annotations

__version__ = "0.1.0"

# The stage functions share their names with the stage packages; binding the functions here,
# after the packages are imported, makes ``retold.check(...)`` the function for good.
from retold.analyze import analyze  # noqa: E402
from retold.check import Report, check  # noqa: E402
from retold.errors import RetoldError  # noqa: E402
from retold.ingest import from_text, ingest  # noqa: E402
from retold.rewrite import rewrite  # noqa: E402
from retold.types import Article, Draft, FactSheet, Finding, Options  # noqa: E402

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
