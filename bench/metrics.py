"""Figures the benchmarks report, and the gate that compares them with the pinned baseline.

Conventions shared by every figure here:

- A *score* is higher for a more faithful text (retold's ``Report.score`` and every stored
  anchor score in BUMP).
- ROC AUC is the probability that a faithful text outscores an unfaithful one, ties counted
  as one half (the Mann–Whitney statistic).
- Consistency is the share of minimal pairs whose edited text scores *strictly* below its
  reference; a tie counts as a miss, because a metric that cannot tell the two apart has not
  noticed the planted error. This reproduces BUMP's published task-1 figure for QAFactEval (84.0).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

# The metrics whose scores BUMP stores for every summary, as ``<name>_reference`` / ``<name>_edited``.
ANCHORS = (
    "QAFactEval",
    "Q2",
    "DAE",
    "QuestEval",
    "BARTScore",
    "SummaC",
    "CoCo",
    "FactCC",
    "BLEURT",
    "BERTScore",
    "BLEU",
    "ROUGE-2",
)


def roc_auc(faithful: Sequence[float], unfaithful: Sequence[float]) -> float:
    """P(faithful score > unfaithful score), ties counted 1/2; O(n log n) by mid-ranks."""
    if not faithful or not unfaithful:
        raise ValueError("roc_auc needs at least one faithful and one unfaithful score")
    pooled = sorted([(s, 1) for s in faithful] + [(s, 0) for s in unfaithful])
    rank_sum = 0.0  # sum of the faithful scores' 1-based mid-ranks
    i = 0
    while i < len(pooled):
        j = i
        while j < len(pooled) and pooled[j][0] == pooled[i][0]:
            j += 1
        mid_rank = (i + 1 + j) / 2  # ranks i+1 … j share their mean
        rank_sum += mid_rank * sum(label for _, label in pooled[i:j])
        i = j
    n_pos, n_neg = len(faithful), len(unfaithful)
    return (rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


def consistency(pairs: Sequence[tuple[float, float]]) -> float:
    """Share of (reference score, edited score) pairs whose edited score is strictly lower."""
    if not pairs:
        raise ValueError("consistency needs at least one pair")
    return sum(edited < reference for reference, edited in pairs) / len(pairs)


def balanced_accuracy(faithful_passed: Sequence[bool], unfaithful_passed: Sequence[bool]) -> float:
    """Mean of the share of faithful texts that pass and the share of unfaithful texts that fail."""
    if not faithful_passed or not unfaithful_passed:
        raise ValueError("balanced_accuracy needs at least one faithful and one unfaithful text")
    kept = sum(faithful_passed) / len(faithful_passed)
    caught = sum(not p for p in unfaithful_passed) / len(unfaithful_passed)
    return (kept + caught) / 2


def best_threshold_balanced_accuracy(faithful: Sequence[float], unfaithful: Sequence[float]) -> float:
    """Balanced accuracy of ``score >= t`` as a pass, at the threshold ``t`` chosen with hindsight.

    An optimistic ceiling (the threshold is fitted on the very data it is scored on); it lets
    score-only metrics, which have no verdict of their own, stand beside a verdict.
    """
    best = 0.0
    for t in sorted(set(faithful) | set(unfaithful)) + [float("inf")]:
        best = max(
            best,
            balanced_accuracy([s >= t for s in faithful], [s >= t for s in unfaithful]),
        )
    return best


def anchor_scores(rows: Sequence[Mapping[str, Any]], anchor: str) -> tuple[list[float], list[float]]:
    """The stored (reference, edited) scores of one anchor metric over BUMP rows."""
    scores = [row["scores"] for row in rows]
    return [s[f"{anchor}_reference"] for s in scores], [s[f"{anchor}_edited"] for s in scores]


def pair_figures(
    reference: Sequence[float],
    edited: Sequence[float],
    *,
    reference_passed: Sequence[bool] | None = None,
    edited_passed: Sequence[bool] | None = None,
) -> dict[str, float]:
    """AUC, consistency and balanced accuracy of one metric over minimal pairs (same order)."""
    figures = {
        "auc": roc_auc(reference, edited),
        "consistency": consistency(list(zip(reference, edited, strict=True))),
        "balanced_accuracy_best_threshold": best_threshold_balanced_accuracy(reference, edited),
    }
    if reference_passed is not None and edited_passed is not None:
        figures["balanced_accuracy"] = balanced_accuracy(reference_passed, edited_passed)
    return figures


# --------------------------------------------------------------------------- baseline gate


def flatten(figures: Mapping[str, Any], prefix: str = "") -> dict[str, float]:
    """``{"a": {"b": 1}}`` → ``{"a.b": 1}``; only numbers are kept."""
    flat: dict[str, float] = {}
    for key, value in figures.items():
        name = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, Mapping):
            flat.update(flatten(value, name))
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            flat[name] = float(value)
    return flat


def load_baseline(path: Path) -> dict[str, dict[str, float]]:
    """The ``minimums`` and ``maximums`` of a baseline file, keyed by dotted figure name."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {"minimums": dict(data.get("minimums", {})), "maximums": dict(data.get("maximums", {}))}


def gate(figures: Mapping[str, Any], baseline: Mapping[str, Mapping[str, float]], prefix: str) -> list[str]:
    """One message per pinned figure under ``prefix`` that got worse or was not measured."""
    flat = flatten(figures)
    failures: list[str] = []
    for bound, worse in (("minimums", float.__lt__), ("maximums", float.__gt__)):
        for name, pinned in sorted(baseline.get(bound, {}).items()):
            if not name.startswith(prefix):
                continue
            if name not in flat:
                failures.append(f"{name}: pinned at {pinned} but not measured")
            elif worse(flat[name], float(pinned)):
                word = "dropped below" if bound == "minimums" else "rose above"
                failures.append(f"{name}: {flat[name]:.4f} {word} the pinned {pinned}")
    return failures


def report_gate(failures: Sequence[str], err: Any, what: str) -> int:
    """Print each gate failure, or that every pinned ``what`` figure held; the exit code (1 on a failure)."""
    for failure in failures:
        err.print(f"[red]gate:[/] {failure}", highlight=False)
    if failures:
        return 1
    err.print(f"gate: every pinned {what} figure held", highlight=False)
    return 0


def write_json(path: Path, figures: Mapping[str, Any]) -> None:
    """Write ``figures`` atomically (temp file + rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(figures, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    tmp.replace(path)
