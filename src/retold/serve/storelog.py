"""The server's history kept in the store, so ``retold history`` lists what the server did and the page lists
what ``retold rewrite``, ``check`` and ``batch`` did.

A run the server makes is stored like a command's: its article, kind, style, engine, verdict, score and its
output in Markdown and JSON (``retold show ID`` prints it again), plus the request and the answer the page
reopens. A run made by a command is shown by the page from what the command stored.

The server answers on worker threads: one connection, opened for any thread, and a lock around each use.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from typing import Any

from retold.serve.runlog import Run
from retold.store import Run as StoredRun
from retold.store import Store

# What the API answers beyond the CLI's JSON contract, for the page: not part of the stored JSON output.
_PAGE_ONLY = ("article", "source", "markdown", "source_text", "rewrite_text", "suggestions", "reviews")


class StoreRunLog:
    """A :class:`~retold.serve.runlog.RunLog` backed by a :class:`retold.store.Store` opened with ``shared=True``."""

    def __init__(self, store: Store) -> None:
        self.store = store
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
        meta = dict(meta or {})
        url = meta.get("url") or None
        contract = {k: v for k, v in result.items() if k not in _PAGE_ONLY}
        rendered = {"json": json.dumps(contract, ensure_ascii=False, indent=2) + ("\n" if kind == "rewrite" else "")}
        if kind == "extract":
            rendered["text"] = str(result.get("text", ""))
        elif result.get("markdown"):
            rendered["md"] = str(result["markdown"])
        options = {k: request[k] for k in ("words", "model") if request.get(k) is not None}
        with self._lock:
            run_id = self.store.record_article_run(
                _article_text(kind, result),
                url=url,
                title=title or None,
                kind=kind,
                engine=meta.get("engine"),
                style=meta.get("style"),
                model=request.get("model"),
                options=options,
                verdict=verdict,
                score=score,
                origin=url or f"retold serve: {title}",  # a pasted text has no path or URL to name it by
                output={"rendered": rendered, "request": request, "result": result},
                run_title=title or None,
            )
            stored = self.store.get_run(run_id)
        assert stored is not None
        return self._run(stored)

    def list(self, limit: int = 50, kind: str | None = None) -> list[Run]:
        with self._lock:
            stored = self.store.list_runs(kind=kind, limit=limit, outputs=False)
            counts = self.store.review_counts([r.id for r in stored])
            decided = {r.id: self.store.decisions(r.id) for r in stored if r.id in counts}
        return [
            _as_run(r, request={}, result={}, findings=counts.get(r.id), decisions=decided.get(r.id)) for r in stored
        ]

    def decide(self, run_id: str, finding: int, decision: str | None) -> Run | None:
        if not run_id.isdigit():
            return None
        with self._lock:
            if self.store.get_run(int(run_id)) is None:
                return None
            self.store.set_decision(int(run_id), finding, decision)
        return self.get(run_id)

    def get(self, run_id: str) -> Run | None:
        if not (run_id.isascii() and run_id.isdigit()):  # "²" is a digit to str.isdigit, not to int()
            return None
        with self._lock:
            stored = self.store.get_run(int(run_id))
            return None if stored is None else self._run(stored)

    def close(self) -> None:
        with self._lock:
            self.store.close()

    # ------------------------------------------------------------------ stored run -> the server's run

    def _run(self, stored: StoredRun) -> Run:
        """A run with its request and answer; for a command's run, rebuilt from what the command stored."""
        output = stored.output
        if "result" in output:
            answer = output["result"]
            return _as_run(
                stored,
                request=output.get("request", {}),
                result=answer,
                findings=len(answer.get("findings") or ()) if stored.kind == "check" else None,
                decisions=self.store.decisions(stored.id),
            )
        rendered = output.get("rendered", {})
        try:
            result: dict[str, Any] = json.loads(rendered.get("json") or "{}")
        except ValueError:
            result = {}
        text = self.store.article_text(stored.article_hash) if stored.article_hash else None
        text = text or ""
        if rendered.get("md"):
            result["markdown"] = rendered["md"]
        if stored.kind == "check":
            result.update(source_text=text, rewrite_text=output.get("rewrite_text", ""))
            request = {"source": text, "rewrite": output.get("rewrite_text", "")}
        else:
            result["source"] = {"text": text, "sentences": []}
            request = {"text": text, "style": stored.style, "engine": stored.engine}
        if stored.kind != "check":
            return _as_run(stored, request=request, result=result)
        # a command's check is decided on in the page like the server's own: its count and decisions go with it
        findings = len(result.get("findings") or ())
        return _as_run(
            stored, request=request, result=result, findings=findings, decisions=self.store.decisions(stored.id)
        )


def _article_text(kind: str, result: dict[str, Any]) -> str:
    if kind == "rewrite":
        return str((result.get("source") or {}).get("text", ""))
    if kind == "check":
        return str(result.get("source_text", ""))
    return str(result.get("text", ""))


def _as_run(
    stored: StoredRun,
    *,
    request: dict[str, Any],
    result: dict[str, Any],
    findings: int | None = None,
    decisions: dict[int, str] | None = None,
) -> Run:
    created = dt.datetime.fromisoformat(stored.created_at)
    meta = {"style": stored.style, "engine": stored.engine, "url": stored.url}
    return Run(
        id=str(stored.id),
        kind=stored.kind,
        created=created,
        title=stored.title or stored.origin or stored.url or "(untitled)",
        request=request,
        result=result,
        verdict=stored.verdict,
        score=stored.score,
        meta={k: v for k, v in meta.items() if v is not None},
        decisions=decisions or {},
        findings=findings,
    )
