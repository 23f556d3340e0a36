"""What a batch did, gathered as it runs and written as ``summary.json`` and ``summary.md``.

The run's own files live in a folder of their own, :data:`RUN_DIR` under ``--out``: an article's
output is always a file ``<name>.<format>`` directly in ``--out``, so an article named "summary"
can never overwrite (or be overwritten by) the run's summary.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SLOWEST = 10
RUN_DIR = "_retold"  # under --out; no article output is a folder, so no article can take this name


def summary_paths(out_dir: Path) -> tuple[Path, Path]:
    """Where the run's ``summary.json`` and ``summary.md`` go."""
    return out_dir / RUN_DIR / "summary.json", out_dir / RUN_DIR / "summary.md"


@dataclass(slots=True)
class Tally:
    """The batch so far: one row per article, in the order they finished."""

    mode: str
    options: dict[str, Any]
    total: int = 0
    rows: list[dict[str, Any]] = field(default_factory=list)
    interrupted: bool = False
    started: float = field(default_factory=time.monotonic)

    def add(self, row: dict[str, Any]) -> None:
        self.rows.append(row)

    def status_count(self, status: str) -> int:
        return sum(1 for row in self.rows if row["status"] == status)

    @property
    def failed(self) -> int:
        return self.status_count("failed")

    @property
    def any_fail(self) -> bool:
        """Whether any article failed to run or got a failing verdict: the batch's exit code."""
        return any(row["status"] == "failed" or row.get("verdict") == "fail" for row in self.rows)

    def to_dict(self) -> dict[str, Any]:
        wall = time.monotonic() - self.started
        processed = [row for row in self.rows if row["status"] == "done"]
        findings: Counter[str] = Counter()
        for row in self.rows:
            findings.update(row.get("findings") or {})
        slowest = sorted(processed, key=lambda row: -row["seconds"])[:SLOWEST]
        return {
            "mode": self.mode,
            "options": self.options,
            "articles": self.total,
            "done": len(processed),
            "skipped": self.status_count("skipped"),
            "failed": self.failed,
            "not_reached": self.total - len(self.rows),
            "interrupted": self.interrupted,
            "verdicts": dict(sorted(Counter(row["verdict"] for row in self.rows if row.get("verdict")).items())),
            "findings": dict(sorted(findings.items(), key=lambda kv: (-kv[1], kv[0]))),
            "seconds": round(wall, 2),
            "articles_per_second": round(len(processed) / wall, 3) if wall > 0 else None,
            "slowest": [{"name": r["name"], "seconds": r["seconds"], "words": r.get("words", 0)} for r in slowest],
            "failures": [
                {"name": r["name"], "origin": r["origin"], "reason": r["reason"]}
                for r in self.rows
                if r["status"] == "failed"
            ],
            "items": self.rows,
        }


def to_markdown(summary: dict[str, Any]) -> str:
    """The summary for a person: counts, findings by kind, the slowest articles and every failure."""
    lines = [f"# retold batch: {summary['mode']}", ""]
    state = "interrupted" if summary["interrupted"] else "finished"
    lines.append(
        f"{summary['articles']} articles, {state}: {summary['done']} done, {summary['skipped']} already in the store, "
        f"{summary['failed']} failed, {summary['not_reached']} not reached; {summary['seconds']} s"
        + (f" ({summary['articles_per_second']} articles/s)." if summary["articles_per_second"] else ".")
    )
    options = ", ".join(f"{k}={v}" for k, v in summary["options"].items() if v not in (None, False))
    lines += ["", f"Options: {options}.", "", "## Verdicts", ""]
    lines += [f"- {verdict}: {count}" for verdict, count in summary["verdicts"].items()] or ["- none"]
    lines += ["", "## Findings by kind", ""]
    if summary["findings"]:
        lines += ["| kind | severity | count |", "|---|---|---:|"]
        for key, count in summary["findings"].items():
            kind, _, severity = key.partition(" ")
            lines.append(f"| {kind} | {severity} | {count} |")
    else:
        lines.append("None.")
    lines += ["", "## Slowest", ""]
    if summary["slowest"]:
        lines += ["| article | words | seconds |", "|---|---:|---:|"]
        lines += [f"| {_cell(r['name'])} | {r['words']} | {r['seconds']:.2f} |" for r in summary["slowest"]]
    else:
        lines.append("None processed in this run.")
    lines += ["", "## Failures", ""]
    if summary["failures"]:
        lines += [f"- `{_cell(r['name'])}` ({_cell(r['origin'])}): {_cell(r['reason'])}" for r in summary["failures"]]
    else:
        lines.append("None.")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")
