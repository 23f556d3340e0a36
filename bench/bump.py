"""retold's checker on BUMP, the human-labelled benchmark of unfaithful news summaries.

BUMP (Ma et al., 2023; data under bench/data/bump, MIT) pairs each faithful reference summary
of a CNN/DailyMail article with a copy carrying one planted error. Task 1 holds 693 pairs,
99 for each of seven error types; task 2 holds 196 pairs of summaries edited freely.

For retold and for each anchor metric whose scores BUMP stores, every table row gives:
ROC AUC pooled over all summaries (each reference faithful, each edited one unfaithful) and per
error type, consistency (edited strictly below its reference; a tie is a miss), and balanced
accuracy — of retold's verdict (reference should pass, edited should fail), and for every row of
the score at the best threshold chosen with hindsight (an optimistic ceiling; anchors have no verdict).
Per-type figures group task 1 by ``corrected_error_type`` (the relabelled types, which is how
BUMP's published per-type figures are computed) and task 2 by ``error_type``.

    python bench/bump.py [--task 1|2|all] [--limit N] [--json PATH] [--gate]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `bench` importable from the repository root
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rich.console import Console
from rich.table import Table

from bench.common import bump_pairs
from bench.metrics import ANCHORS, gate, load_baseline, pair_figures, report_gate, write_json

BASELINE = Path(__file__).resolve().parent / "baseline.json"
TASKS = ("1", "2")

SHORT_TYPES = {
    "Intrinsic Entity": "intr.entity",
    "Extrinsic Entity": "extr.entity",
    "Intrinsic Circumstance": "intr.circ",
    "Extrinsic Circumstance": "extr.circ",
    "Intrinsic Predicate": "intr.pred",
    "Extrinsic Predicate": "extr.pred",
    "Coreference": "coref",
    "Other": "other",
}
# Wide enough for a task table when output goes to a file or pipe, where rich would assume 80.
REPORT_WIDTH = 150


@dataclass(frozen=True, slots=True)
class PairResult:
    """retold's view of one minimal pair."""

    reference_score: float
    edited_score: float
    reference_passed: bool
    edited_passed: bool


def load_task(task: str) -> list[dict[str, Any]]:
    """The rows of BUMP task ``task`` ("1" or "2"), as bundled in bench/data/bump."""
    return bump_pairs(int(task))


def error_type(row: dict[str, Any]) -> str:
    """The row's short error-type label (task 1: the corrected type)."""
    raw = row.get("corrected_error_type") or row["error_type"]
    raw = raw.removesuffix(" Error")
    return SHORT_TYPES.get(raw, raw.lower())


def check_pairs(
    rows: Sequence[dict[str, Any]], progress: Console | None = None
) -> tuple[list[PairResult], dict[str, float]]:
    """Run retold's checker on both summaries of every row.

    Each distinct article is analysed once, and each distinct (article, summary) checked once: in
    task 1 the seven pairs of an article share one reference summary, and the check is deterministic.
    """
    from retold.analyze import analyze
    from retold.check import check
    from retold.ingest import from_text

    sources: dict[str, Any] = {}
    verdicts: dict[tuple[str, str], tuple[float, bool]] = {}
    results: list[PairResult] = []
    analyse_seconds = 0.0
    start = time.perf_counter()
    for n, row in enumerate(rows, 1):
        article = row["article"]
        if article not in sources:
            t0 = time.perf_counter()
            # The same path check() takes for a str source, done once per article instead of per summary.
            sources[article] = analyze(from_text(article))
            analyse_seconds += time.perf_counter() - t0
        for summary in (row["reference_summary"], row["edited_summary"]):
            if (article, summary) not in verdicts:
                try:
                    report = check(sources[article], summary)
                except Exception as exc:
                    raise RuntimeError(f"checking BUMP row id={row.get('id')} failed: {exc}") from exc
                verdicts[article, summary] = (report.score, report.verdict == "pass")
        (ref_score, ref_passed), (edit_score, edit_passed) = (
            verdicts[article, row["reference_summary"]],
            verdicts[article, row["edited_summary"]],
        )
        results.append(PairResult(ref_score, edit_score, ref_passed, edit_passed))
        if progress is not None and n % 100 == 0:
            progress.print(f"  {n}/{len(rows)} pairs, {time.perf_counter() - start:.0f}s", highlight=False)
    seconds = time.perf_counter() - start
    speed = {
        "pairs": len(rows),
        "articles": len(sources),
        "checks": len(verdicts),
        "seconds": seconds,
        "source_analysis_seconds": analyse_seconds,
        "pairs_per_second": len(rows) / seconds if seconds else 0.0,
    }
    return results, speed


def retold_figures(results: Sequence[PairResult]) -> dict[str, float]:
    return pair_figures(
        [r.reference_score for r in results],
        [r.edited_score for r in results],
        reference_passed=[r.reference_passed for r in results],
        edited_passed=[r.edited_passed for r in results],
    )


def task_figures(rows: Sequence[dict[str, Any]], results: Sequence[PairResult] | None) -> dict[str, Any]:
    """Overall and per-type figures for retold (when ``results`` is given) and every anchor."""
    groups: dict[str, list[int]] = defaultdict(list)
    for i, row in enumerate(rows):
        groups[error_type(row)].append(i)
    systems: dict[str, Any] = {}
    if results is not None:
        systems["retold"] = {
            "overall": retold_figures(results),
            "by_type": {t: retold_figures([results[i] for i in idx]) for t, idx in groups.items()},
        }
    for anchor in ANCHORS:
        reference = [row["scores"][f"{anchor}_reference"] for row in rows]
        edited = [row["scores"][f"{anchor}_edited"] for row in rows]
        systems[anchor] = {
            "overall": pair_figures(reference, edited),
            "by_type": {
                t: pair_figures([reference[i] for i in idx], [edited[i] for i in idx]) for t, idx in groups.items()
            },
        }
    return {"pairs": len(rows), "types": {t: len(idx) for t, idx in groups.items()}, "systems": systems}


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.1f}"


def task_table(task: str, figures: dict[str, Any]) -> Table:
    """One row per system: AUC overall and per type, consistency, balanced accuracy."""
    order = list(SHORT_TYPES.values())
    types = sorted(figures["types"], key=lambda t: order.index(t) if t in order else len(order))
    table = Table(title=f"BUMP task {task} — {figures['pairs']} pairs (figures in %)", title_justify="left")
    table.add_column("metric", no_wrap=True)
    table.add_column("AUC", justify="right", style="bold")
    for t in types:
        table.add_column(f"{t}\nn={figures['types'][t]}", justify="right", no_wrap=True)
    table.add_column("consist.", justify="right")
    table.add_column("bal.acc.\nverdict", justify="right")
    table.add_column("bal.acc.\nbest thr.", justify="right")
    for name, system in figures["systems"].items():
        overall = system["overall"]
        table.add_row(
            name,
            _pct(overall["auc"]),
            *(_pct(system["by_type"][t]["auc"]) for t in types),
            _pct(overall["consistency"]),
            _pct(overall.get("balanced_accuracy")),
            _pct(overall["balanced_accuracy_best_threshold"]),
            style="bold cyan" if name == "retold" else None,
        )
    return table


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--task", choices=("1", "2", "all"), default="all")
    parser.add_argument("--limit", type=int, default=None, help="check only the first N pairs of each task")
    parser.add_argument("--json", type=Path, default=None, help="write the figures to this file")
    parser.add_argument("--gate", action="store_true", help="exit 1 if a figure fell below bench/baseline.json")
    parser.add_argument(
        "--anchors-only", action="store_true", help="recompute the stored anchors without running retold"
    )
    args = parser.parse_args(argv)
    if args.gate and (args.limit is not None or args.anchors_only):
        parser.error("--gate compares full runs: drop --limit and --anchors-only")

    out = Console() if sys.stdout.isatty() else Console(width=REPORT_WIDTH)
    err = Console(stderr=True)
    tasks = TASKS if args.task == "all" else (args.task,)
    figures: dict[str, Any] = {}
    for task in tasks:
        rows = load_task(task)[: args.limit] if args.limit else load_task(task)
        results = None
        if not args.anchors_only:
            err.print(f"BUMP task {task}: checking {len(rows)} pairs …", highlight=False)
            results, speed = check_pairs(rows, progress=err)
        figures[f"task{task}"] = task_figures(rows, results)
        out.print(task_table(task, figures[f"task{task}"]))
        if results is not None:
            figures[f"task{task}"]["speed"] = speed
            out.print(
                f"retold: {speed['pairs']} pairs ({speed['checks']} distinct checks, {speed['articles']} articles) in "
                f"{speed['seconds']:.1f}s — {speed['pairs_per_second']:.1f} pairs/s; "
                f"source analysis {speed['source_analysis_seconds']:.1f}s\n",
                highlight=False,
            )
    if args.json:
        write_json(args.json, {"bump": figures})
    if args.gate:
        baseline = load_baseline(BASELINE)
        failures = [f for task in tasks for f in gate({"bump": figures}, baseline, f"bump.task{task}.")]
        return report_gate(failures, err, "BUMP")
    return 0


if __name__ == "__main__":
    sys.exit(main())
