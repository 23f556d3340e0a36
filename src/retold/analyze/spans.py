"""A set of character spans with fast overlap tests, so that finders stay linear on long texts."""

from __future__ import annotations

import bisect
from collections.abc import Iterable


class SpanSet:
    """Half-open ``[start, end)`` spans; they may overlap one another."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._longest = 0
        for start, end in spans:
            self.add(start, end)

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_right(self._starts, start)
        self._starts.insert(i, start)
        self._ends.insert(i, end)
        self._longest = max(self._longest, end - start)

    def _before(self, end: int, start: int) -> range:
        """Indexes of the spans that start before ``end`` and may still reach ``start``, nearest first."""
        last = bisect.bisect_left(self._starts, end) - 1
        first = bisect.bisect_left(self._starts, start - self._longest)
        return range(last, first - 1, -1)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether any span shares a character with ``[start, end)``."""
        return any(self._ends[i] > start for i in self._before(end, start))

    def covers(self, start: int, end: int) -> bool:
        """Whether one span holds all of ``[start, end)``."""
        return any(self._starts[i] <= start and end <= self._ends[i] for i in self._before(end, start))
