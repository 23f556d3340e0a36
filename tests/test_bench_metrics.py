"""bench/metrics.py on small hand-computed cases, and the BUMP anchor recomputation."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # bench/ sits beside src/, outside the installed package
    sys.path.insert(0, str(ROOT))

from bench.bump import error_type, load_task, task_figures  # noqa: E402
from bench.metrics import (  # noqa: E402
    balanced_accuracy,
    best_threshold_balanced_accuracy,
    consistency,
    flatten,
    gate,
    pair_figures,
    roc_auc,
)


def brute_force_auc(faithful: list[float], unfaithful: list[float]) -> float:
    wins = sum(1.0 if f > u else 0.5 if f == u else 0.0 for f in faithful for u in unfaithful)
    return wins / (len(faithful) * len(unfaithful))


def test_auc_perfect_and_reversed_separation() -> None:
    assert roc_auc([0.9, 0.8], [0.1, 0.2, 0.3]) == 1.0
    assert roc_auc([0.1, 0.2], [0.8, 0.9]) == 0.0


def test_auc_counts_ties_as_half() -> None:
    # Pairs: (0.5,0.5) tie → ½, (0.5,0.2) win, (0.9,0.5) win, (0.9,0.2) win → 3.5 / 4.
    assert roc_auc([0.5, 0.9], [0.5, 0.2]) == pytest.approx(0.875)
    assert roc_auc([0.3, 0.3], [0.3]) == pytest.approx(0.5)


def test_auc_hand_case_with_interleaving() -> None:
    # faithful 0.4 beats 0.1 only; 0.7 beats 0.1 and 0.6; 0.6 vs 0.6 ties → (1 + 2 + 0.5 + 0) / 6
    faithful, unfaithful = [0.4, 0.7, 0.6], [0.1, 0.6]
    assert roc_auc(faithful, unfaithful) == pytest.approx((1 + 2 + 1.5) / 6)
    assert roc_auc(faithful, unfaithful) == pytest.approx(brute_force_auc(faithful, unfaithful))


def test_auc_matches_pairwise_definition_on_many_ties() -> None:
    faithful = [1.0, 1.0, 0.5, 0.0, 0.75, 1.0]
    unfaithful = [1.0, 0.5, 0.5, 0.0, 0.25]
    assert roc_auc(faithful, unfaithful) == pytest.approx(brute_force_auc(faithful, unfaithful))


def test_auc_refuses_an_empty_class() -> None:
    with pytest.raises(ValueError):
        roc_auc([0.5], [])


def test_consistency_counts_a_tie_as_a_miss() -> None:
    pairs = [(0.9, 0.2), (0.5, 0.5), (0.4, 0.6), (1.0, 0.99)]
    assert consistency(pairs) == pytest.approx(0.5)


def test_balanced_accuracy_averages_both_classes() -> None:
    # 3 of 4 faithful pass (0.75); 1 of 2 unfaithful fail (0.5).
    assert balanced_accuracy([True, True, True, False], [True, False]) == pytest.approx(0.625)
    assert balanced_accuracy([True], [False]) == 1.0
    assert balanced_accuracy([False], [True]) == 0.0


def test_best_threshold_balanced_accuracy_finds_the_separating_cut() -> None:
    assert best_threshold_balanced_accuracy([0.8, 0.9], [0.1, 0.7]) == 1.0
    # 0.5 on both sides: the best cut at 0.6 keeps 1 of 2 faithful and fails both unfaithful → 0.75.
    assert best_threshold_balanced_accuracy([0.5, 0.6], [0.5, 0.2]) == pytest.approx(0.75)


def test_pair_figures_includes_verdict_accuracy_only_when_given() -> None:
    plain = pair_figures([0.9, 0.4], [0.1, 0.4])
    assert plain["auc"] == pytest.approx(0.875) and plain["consistency"] == pytest.approx(0.5)
    assert "balanced_accuracy" not in plain
    judged = pair_figures([0.9, 0.4], [0.1, 0.4], reference_passed=[True, True], edited_passed=[False, True])
    assert judged["balanced_accuracy"] == pytest.approx(0.75)


def test_gate_reports_drops_rises_and_missing_figures() -> None:
    figures = {"bump": {"task1": {"auc": 0.70, "rate": 0.2}}}
    baseline = {
        "minimums": {"bump.task1.auc": 0.71, "bump.task1.gone": 0.5, "perturb.recall": 0.9},
        "maximums": {"bump.task1.rate": 0.1},
    }
    failures = gate(figures, baseline, "bump.")
    assert len(failures) == 3
    assert any("bump.task1.auc" in f and "dropped" in f for f in failures)
    assert any("bump.task1.rate" in f and "rose" in f for f in failures)
    assert any("bump.task1.gone" in f and "not measured" in f for f in failures)
    assert gate(figures, {"minimums": {"bump.task1.auc": 0.69}}, "bump.") == []


def test_flatten_keeps_numbers_only() -> None:
    assert flatten({"a": {"b": 1, "c": "x", "d": True}, "e": 0.5}) == {"a.b": 1.0, "e": 0.5}


def test_anchor_recomputation_reproduces_published_bump_figures() -> None:
    """BUMP task 1 QAFactEval: 71.5 overall; per corrected type, e.g. intrinsic entity 77.7."""
    rows = load_task("1")
    assert len(rows) == 693
    figures = task_figures(rows, None)["systems"]
    qafacteval = figures["QAFactEval"]
    assert round(100 * qafacteval["overall"]["auc"], 1) == 71.5
    assert round(100 * qafacteval["overall"]["consistency"], 1) == 84.0
    published_by_type = {"intr.entity": 77.7, "extr.entity": 78.4, "intr.circ": 71.3, "coref": 58.2}
    for kind, auc in published_by_type.items():
        assert round(100 * qafacteval["by_type"][kind]["auc"], 1) == auc, kind
    assert round(100 * figures["SummaC"]["overall"]["auc"], 1) == 55.9
    assert {error_type(row) for row in rows} == {
        "intr.entity",
        "extr.entity",
        "intr.circ",
        "extr.circ",
        "intr.pred",
        "extr.pred",
        "coref",
    }


def test_report_gate_prints_each_failure_and_returns_the_exit_code() -> None:
    import io

    from rich.console import Console

    from bench.metrics import report_gate

    out = io.StringIO()
    assert report_gate(["perturb.macro_recall: 0.5000 dropped below the pinned 0.9"], Console(file=out), "x") == 1
    assert "dropped below" in out.getvalue() and "every pinned" not in out.getvalue()
    out = io.StringIO()
    assert report_gate([], Console(file=out), "BUMP") == 0
    assert "every pinned BUMP figure held" in out.getvalue()
