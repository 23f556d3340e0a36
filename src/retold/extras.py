"""The optional parts of retold and the packages each needs: a missing one is a one-line fix, not a traceback.

pip install 'retold[llm]'     # --engine llm, --judge llm (openai)
pip install 'retold[serve]'   # retold serve (fastapi, uvicorn, jinja2)
pip install 'retold[feeds]'   # RSS and Atom feeds as batch inputs (feedparser)
pip install 'retold[ray]'     # retold batch --executor ray
"""

from __future__ import annotations

from retold.errors import RetoldError

# extra -> (what needs it, the top-level modules it installs)
EXTRAS: dict[str, tuple[str, frozenset[str]]] = {
    "serve": ("`retold serve`", frozenset({"fastapi", "starlette", "uvicorn", "jinja2"})),
    "llm": ("`--engine llm` (or `--judge llm`)", frozenset({"openai"})),
    "feeds": ("reading RSS and Atom feeds", frozenset({"feedparser"})),
    "ray": ("`retold batch --executor ray`", frozenset({"ray"})),
}


class MissingExtraError(RetoldError):
    """A part of retold was used whose optional packages are not installed."""


def missing_extra(error: ModuleNotFoundError) -> MissingExtraError | None:
    """The one-line fix for ``error`` when the missing module belongs to an extra; None for any other module."""
    module = (error.name or "").partition(".")[0]
    for extra, (what, modules) in EXTRAS.items():
        if module in modules:
            return MissingExtraError(f"{what} needs `pip install 'retold[{extra}]'`")
    return None
