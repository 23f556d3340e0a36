"""Does local consistency (retold.check.consistency) add to retold's score on BUMP?

For every pair of a BUMP task, each summary gets retold's current ``Report.score`` and its per-sentence
consistency values; the combined score is ``score × aggregate(values) ** power``, with the aggregate the
minimum or the mean over the summary's sentences. Printed: ROC AUC overall and per error type of the score
alone, the consistency alone, and each combination. Each distinct article is analysed once, each distinct
summary analysed and checked once.

Task 2 (free-style edits) is where weights and the power are set; task 1 is the held-out evaluation.

    python bench/consistency_experiment.py [--task 1|2] [--limit N] [--power P] [--dump PATH]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `bench` importable from the repository root
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bump import SHORT_TYPES, error_type, load_task
from bench.metrics import roc_auc

TYPE_ORDER = list(SHORT_TYPES.values())


def summary_signals(rows: Sequence[dict[str, Any]]) -> dict[tuple[str, str], dict[str, Any]]:
    """(article, summary) → retold's score and the consistency signals of each summary sentence."""
    from retold.analyze import analyze
    from retold.check import check
    from retold.check.align import align
    from retold.check.consistency import sentence_signals
    from retold.check.context import CheckContext
    from retold.ingest import from_text

    sources: dict[str, Any] = {}
    seen: dict[tuple[str, str], dict[str, Any]] = {}
    for row in rows:
        article = row["article"]
        if article not in sources:
            sources[article] = analyze(from_text(article))
        source = sources[article]
        for summary in (row["reference_summary"], row["edited_summary"]):
            if (article, summary) in seen:
                continue
            facts = analyze(summary)
            report = check(source, facts)
            ctx = CheckContext(source=source, rewrite=facts, alignment=align(source, facts))
            seen[article, summary] = {
                "score": report.score,
                "signals": [_plain(s) for s in sentence_signals(ctx)],
                "sentences": [s.text for s in facts.sentences],
            }
    return seen


def _plain(signals: Any) -> dict[str, float]:
    from bench.consistency_weights import SIGNAL_NAMES

    return {name: getattr(signals, name) for name in SIGNAL_NAMES}


def values_of(entry: dict[str, Any], weights: dict[str, float] | None = None) -> list[float]:
    """The per-sentence consistency values of one summary under ``weights`` (the module's when None)."""
    from bench.consistency_weights import WEIGHTS, consistency_value
    from retold.check.consistency import SentenceSignals

    w = WEIGHTS if weights is None else weights
    return [consistency_value(SentenceSignals(i, **s), w) for i, s in enumerate(entry["signals"])]


def combined(entry: dict[str, Any], aggregate: str, power: float, weights: dict[str, float] | None = None) -> float:
    values = values_of(entry, weights) or [1.0]
    agg = min(values) if aggregate == "min" else sum(values) / len(values)
    return entry["score"] * agg**power


def aucs(rows: Sequence[dict[str, Any]], seen: dict, scorer: Callable[[dict[str, Any]], float]) -> dict[str, float]:
    """ROC AUC overall and per error type, in percent; each pair gives one faithful and one unfaithful score."""
    groups: dict[str, list[int]] = defaultdict(list)
    for i, row in enumerate(rows):
        groups[error_type(row)].append(i)
    ref = [scorer(seen[r["article"], r["reference_summary"]]) for r in rows]
    edit = [scorer(seen[r["article"], r["edited_summary"]]) for r in rows]
    figures = {"overall": 100 * roc_auc(ref, edit)}
    for t in sorted(groups, key=lambda t: TYPE_ORDER.index(t) if t in TYPE_ORDER else len(TYPE_ORDER)):
        idx = groups[t]
        figures[t] = 100 * roc_auc([ref[i] for i in idx], [edit[i] for i in idx])
    return figures


def table(rows: Sequence[dict[str, Any]], seen: dict, power: float) -> str:
    scorers: dict[str, Callable[[dict[str, Any]], float]] = {
        "score (now)": lambda e: e["score"],
        "consistency min": lambda e: min(values_of(e) or [1.0]),
        "consistency mean": lambda e: sum(values_of(e) or [1.0]) / max(1, len(e["signals"])),
        f"score × min^{power:g}": lambda e: combined(e, "min", power),
        f"score × mean^{power:g}": lambda e: combined(e, "mean", power),
    }
    lines = []
    header = None
    for name, scorer in scorers.items():
        figures = aucs(rows, seen, scorer)
        if header is None:
            header = f"{'':24}" + "".join(f"{k:>12}" for k in figures)
            lines.append(header)
        lines.append(f"{name:24}" + "".join(f"{v:12.1f}" for v in figures.values()))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--task", choices=("1", "2"), default="1")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--power", type=float, default=0.5, help="exponent of the consistency aggregate")
    parser.add_argument("--dump", type=Path, default=None, help="write every summary's score and signals (JSON)")
    args = parser.parse_args(argv)
    rows = load_task(args.task)[: args.limit] if args.limit else load_task(args.task)
    start = time.perf_counter()
    seen = summary_signals(rows)
    print(f"BUMP task {args.task}: {len(rows)} pairs, {len(seen)} summaries in {time.perf_counter() - start:.0f}s")
    print("ROC AUC (%)")
    print(table(rows, seen, args.power))
    if args.dump:
        args.dump.write_text(
            json.dumps([{"article": a, "summary": s, **entry} for (a, s), entry in seen.items()]), encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
