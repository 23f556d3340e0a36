"""The engine registry: every engine, built-ins included, is found through the ``retold.engines`` entry points.

A plugin registers an engine in its own ``pyproject.toml``::

    [project.entry-points."retold.engines"]
    myengine = "my_package.module:MyEngine"

The object named there is either an engine (anything with ``name`` and ``rewrite``) or a
class/factory that returns one when called with no arguments.
"""

from __future__ import annotations

from importlib.metadata import EntryPoint, entry_points
from typing import Protocol, runtime_checkable

from retold.errors import EngineError, RetoldError
from retold.styles import Style
from retold.types import Draft, FactSheet, Options

ENTRY_POINT_GROUP = "retold.engines"


@runtime_checkable
class Engine(Protocol):
    name: str

    def rewrite(self, facts: FactSheet, style: Style, options: Options) -> Draft: ...


def _entry_points() -> dict[str, EntryPoint]:
    # Read afresh on every call: a plugin installed (or put on sys.path) at run time is found.
    found: dict[str, EntryPoint] = {}
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        found.setdefault(ep.name, ep)
    return found


def engine_names() -> tuple[str, ...]:
    """The names of every registered engine, sorted."""
    return tuple(sorted(_entry_points()))


def get_engine(name: str) -> Engine:
    """The engine registered as ``name``; raises :class:`EngineError` listing the known engines."""
    eps = _entry_points()
    if name not in eps:
        known = ", ".join(sorted(eps)) or "none (reinstall retold: `pip install -e .`)"
        raise EngineError(
            f"Unknown engine {name!r}: known engines are {known}; "
            f"a plugin adds one under the {ENTRY_POINT_GROUP!r} entry-point group."
        )
    try:
        target = eps[name].load()
    except Exception as exc:  # a broken plugin must not look like an unknown one
        raise EngineError(
            f"Engine {name!r} could not be loaded ({exc}): reinstall the package that provides it."
        ) from exc
    if isinstance(target, type) or (callable(target) and not isinstance(target, Engine)):
        try:
            engine = target()
        except RetoldError:
            raise
        except Exception as exc:
            raise EngineError(f"Engine {name!r} failed to start ({exc}): check its installation.") from exc
    else:
        engine = target
    if not isinstance(engine, Engine):
        raise EngineError(
            f"Engine {name!r} is not an engine (it needs `name` and `rewrite(facts, style, options)`): fix its entry point."
        )
    return engine
