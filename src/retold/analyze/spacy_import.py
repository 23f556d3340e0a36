"""Imports spaCy without the parts a parse never uses, so a command that parses starts sooner.

Two costs of ``import spacy`` that a pipeline does not need, both cut without changing what spaCy does:

- spaCy's ``__init__`` imports ``spacy.cli.info`` for its ``spacy.info`` helper, and with it the whole
  command line (typer, weasel, requests, jinja2, rich, and a YAML file parsed at import): about a quarter
  of the import. While spaCy imports, ``spacy.cli.info`` is stood in for by a module whose ``info``
  imports the real one on first call; afterwards the stand-in is gone, so ``import spacy.cli`` (or
  ``python -m spacy``) loads the real command line as usual.
- catalogue, spaCy's registry, reads the installed packages' entry points once, then filters all of them
  again on every registry look-up (srsly does one per msgpack file: about 200 while a model loads). The
  entry points are read once all the same; only the filtering by group is remembered.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any

_CLI_INFO = "spacy.cli.info"


def import_spacy() -> types.ModuleType:
    """``import spacy``, lighter when spaCy is not imported yet; the same module either way."""
    if "spacy" not in sys.modules:
        stand_in = _cli_info_stand_in()
        sys.modules.setdefault(_CLI_INFO, stand_in)
        try:
            importlib.import_module("spacy")
        finally:
            if sys.modules.get(_CLI_INFO) is stand_in:
                del sys.modules[_CLI_INFO]
    _remember_entry_point_groups()
    return sys.modules["spacy"]


def _cli_info_stand_in() -> types.ModuleType:
    """A module with spaCy's ``info`` that imports the real ``spacy.cli.info`` only when called; any other
    name read from it loads the real module at once, so a newer spaCy that wants more still gets it."""
    stand_in = types.ModuleType(_CLI_INFO, "Stands in for spacy.cli.info while spaCy imports.")

    def info(*args: Any, **kwargs: Any) -> Any:
        return _real_cli_info().info(*args, **kwargs)

    info.__doc__ = "spaCy's `spacy.info`: imports spaCy's command line on first call."
    info.__module__ = "spacy"
    stand_in.info = info  # type: ignore[attr-defined]

    def __getattr__(name: str) -> Any:
        if name.startswith("__"):  # the import system asks for __path__ and the like: a plain module has none
            raise AttributeError(name)
        return getattr(_real_cli_info(), name)

    setattr(stand_in, "__getattr__", __getattr__)  # noqa: B010 - a module-level __getattr__ (PEP 562), set at run time
    return stand_in


def _real_cli_info() -> types.ModuleType:
    module = sys.modules.get(_CLI_INFO)
    if module is not None and module.__spec__ is None:  # still the stand-in: spaCy is importing
        del sys.modules[_CLI_INFO]
    return importlib.import_module(_CLI_INFO)


def _remember_entry_point_groups() -> None:
    """Makes catalogue's ``AVAILABLE_ENTRY_POINTS.select(group=...)`` answer each group once.

    On Python 3.11 that object is a dict of groups whose ``select`` rebuilds the list of every entry point
    and filters it, each call. Where the object takes no attributes (Python 3.12 keeps a slotted tuple,
    whose ``select`` is a plain filter), it is left alone.
    """
    catalogue = sys.modules.get("catalogue")
    found = getattr(catalogue, "AVAILABLE_ENTRY_POINTS", None)
    select = getattr(found, "select", None)
    if select is None or not hasattr(found, "__dict__") or "select" in vars(found):
        return
    groups: dict[str, Any] = {}

    def remembered(**params: Any) -> Any:
        if set(params) != {"group"}:
            return select(**params)
        group = params["group"]
        if group not in groups:
            groups[group] = select(group=group)
        return groups[group]

    setattr(found, "select", remembered)  # noqa: B010 - replaced on the object catalogue holds, whatever its type
