"""Memoising by identity: what the checker derives from one fact sheet or one check, computed once.

A source is checked against many rewrites, and several detectors ask for the same tables of one
check; fact sheets hold a spaCy ``Doc`` and cannot be hashed by value, so results are kept for the
last few objects by identity (the object is kept with its result, so an id cannot be reused under it).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

KEEP = 8  # objects remembered per function


def per_object(fn: Callable[[T], R]) -> Callable[[T], R]:
    """``fn(obj)`` computed once per object, for the last :data:`KEEP` objects."""
    kept: dict[int, tuple[T, R]] = {}

    @functools.wraps(fn)
    def remembered(obj: T) -> R:
        hit = kept.get(id(obj))
        if hit is not None and hit[0] is obj:
            return hit[1]
        result = fn(obj)
        if len(kept) >= KEEP:
            kept.pop(next(iter(kept)))
        kept[id(obj)] = (obj, result)
        return result

    return remembered
