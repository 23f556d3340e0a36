"""The history of runs the server made: a small interface, and the in-memory log used with ``--no-store``.

Anything with ``record``, ``list`` and ``get`` (see :class:`RunLog`) can stand in; ``retold serve``
uses the store's, :class:`retold.serve.storelog.StoreRunLog`.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import uuid
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from retold.reviews import with_decisions


@dataclass(frozen=True, slots=True)
class Run:
    """One request the server answered: what was asked, what came back, and a one-line summary."""

    id: str
    kind: str  # "rewrite" | "check" | "extract"
    created: dt.datetime
    title: str  # the article's title, or its first words
    request: dict[str, Any]  # the request body as sent (texts included)
    result: dict[str, Any]  # the JSON the API answered
    verdict: str | None = None  # "pass" | "fail" for a rewrite (its self-check) or a check
    score: float | None = None
    meta: dict[str, Any] = field(default_factory=dict)  # style, engine, url
    decisions: dict[int, str] = field(default_factory=dict)  # finding number -> dismissed | reviewed | accepted
    findings: int | None = None  # how many findings a check run has (None for other kinds)

    def summary(self) -> dict[str, Any]:
        """The row a history list shows (no texts, no result)."""
        row: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "created": self.created.isoformat(timespec="seconds"),
            "title": self.title,
            "verdict": self.verdict,
            "score": self.score,
            **self.meta,
        }
        if self.findings is not None:
            row["findings"] = self.findings
            row["decided"] = len(self.decisions)
            row["left_to_review"] = max(0, self.findings - len(self.decisions))
        return row

    def to_dict(self) -> dict[str, Any]:
        return {**self.summary(), "request": self.request, "result": with_decisions(self.result, self.decisions)}


def finding_count(kind: str, result: dict[str, Any]) -> int | None:
    return len(result.get("findings") or ()) if kind == "check" else None


@runtime_checkable
class RunLog(Protocol):
    """Where the server keeps its runs. ``record`` stores one and returns it with its id."""

    def record(
        self,
        kind: str,
        *,
        title: str,
        request: dict[str, Any],
        result: dict[str, Any],
        verdict: str | None = None,
        score: float | None = None,
        meta: dict[str, Any] | None = None,
    ) -> Run: ...

    def list(self, limit: int = 50, kind: str | None = None) -> list[Run]:
        """The latest runs first."""
        ...

    def get(self, run_id: str) -> Run | None: ...

    def decide(self, run_id: str, finding: int, decision: str | None) -> Run | None:
        """Record an editor's decision on one finding (None withdraws it); the run, or None if there is none."""
        ...


class MemoryRunLog:
    """The last ``capacity`` runs in memory, and at most ``max_chars`` of their JSON (oldest dropped first).

    Safe across threads. The character budget keeps a few huge articles from holding the memory.
    """

    def __init__(self, capacity: int = 200, max_chars: int = 50_000_000) -> None:
        self.capacity = capacity
        self.max_chars = max_chars
        self._runs: OrderedDict[str, Run] = OrderedDict()
        self._sizes: dict[str, int] = {}
        self._chars = 0
        self._lock = threading.Lock()

    def record(
        self,
        kind: str,
        *,
        title: str,
        request: dict[str, Any],
        result: dict[str, Any],
        verdict: str | None = None,
        score: float | None = None,
        meta: dict[str, Any] | None = None,
    ) -> Run:
        run = Run(
            id=uuid.uuid4().hex[:12],
            kind=kind,
            created=dt.datetime.now(dt.UTC),
            title=title,
            request=request,
            result=result,
            verdict=verdict,
            score=score,
            meta=dict(meta or {}),
            findings=finding_count(kind, result),
        )
        size = len(json.dumps(request, ensure_ascii=False)) + len(json.dumps(result, ensure_ascii=False))
        with self._lock:
            self._runs[run.id] = run
            self._sizes[run.id] = size
            self._chars += size
            while len(self._runs) > 1 and (len(self._runs) > self.capacity or self._chars > self.max_chars):
                oldest, _ = self._runs.popitem(last=False)
                self._chars -= self._sizes.pop(oldest)
        return run

    def list(self, limit: int = 50, kind: str | None = None) -> list[Run]:
        with self._lock:
            runs = list(reversed(self._runs.values()))
        return [r for r in runs if kind is None or r.kind == kind][:limit]

    def get(self, run_id: str) -> Run | None:
        with self._lock:
            return self._runs.get(run_id)

    def decide(self, run_id: str, finding: int, decision: str | None) -> Run | None:
        with self._lock:
            run = self._runs.get(run_id)
            if run is None:
                return None
            if decision is None:
                run.decisions.pop(finding, None)
            else:
                run.decisions[finding] = decision
            return run
