"""retold: news articles into structured explainers, without losing or inventing a fact.

    >>> import retold
    >>> report = retold.check(source_text, rewrite_text)
    >>> report.verdict, report.score
"""

from __future__ import annotations

from retold.errors import RetoldError

__all__ = ["RetoldError", "analyze", "check", "ingest", "rewrite"]
__version__ = "0.1.0"


def __getattr__(name: str):  # lazy: `import retold` must not load spaCy
    if name == "ingest":
        from retold.ingest import ingest

        return ingest
    if name == "analyze":
        from retold.analyze import analyze

        return analyze
    if name == "rewrite":
        from retold.rewrite import rewrite

        return rewrite
    if name == "check":
        from retold.check import check

        return check
    raise AttributeError(name)
