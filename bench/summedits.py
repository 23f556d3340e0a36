"""retold's checker on SummEdits (news), real summaries and their human-verified edits.

SummEdits (Laban et al., 2023; data under bench/data/summedits-news-dev, Apache-2.0) pairs news
articles with a seed summary and many edits of it, each labelled by annotators as consistent with
the article or not. The bundled file holds 10 of the 25 news articles with all their summaries: it is
the set the checker's matching rules are tuned on, so its figures are not held out (BUMP task 1 is).

Printed: balanced accuracy of the verdict (a faithful summary should pass, an unfaithful one fail),
ROC AUC of the score, the fail rate on faithful and on unfaithful summaries, the fail rate per edit
type, and the published figures beside them (measured on all 25 news articles) together with an
entity-presence baseline computed here. Then every error raised on a faithful summary, so each can
be read.

    python bench/summedits.py [--json PATH] [--gate] [--quiet]
"""

from __future__ import annotations

import argparse
import json
import re
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

from bench.metrics import balanced_accuracy, best_threshold_balanced_accuracy, gate, load_baseline, report_gate
from bench.metrics import roc_auc, write_json

DATA = Path(__file__).resolve().parent / "data" / "summedits-news-dev" / "summedits_news_dev.json"
BASELINE = Path(__file__).resolve().parent / "baseline.json"
REPORT_WIDTH = 130

# Published balanced accuracy on the whole SummEdits news domain (Laban et al. 2023, table 3).
PUBLISHED = {
    "GPT-4": 83.3,
    "Claude-2.1": 77.2,
    "QAFactEval": 74.4,
    "SummaC-Conv": 61.9,
    "human": 90.0,
}
EDIT_TYPES = ("entity_modification", "antonym_swap", "negation_insertion_removal", "hallucinated_fact_insertion")


@dataclass(frozen=True, slots=True)
class Checked:
    """retold's verdict on one summary."""

    row: dict[str, Any]
    score: float
    passed: bool
    errors: tuple[Any, ...]  # the error findings


def load_rows() -> list[dict[str, Any]]:
    return json.loads(DATA.read_text(encoding="utf-8"))


def check_rows(rows: Sequence[dict[str, Any]], progress: Console | None = None) -> tuple[list[Checked], float]:
    """Check every summary against its article (each article analysed once)."""
    from retold.analyze import analyze
    from retold.check import check
    from retold.ingest import from_text

    sources: dict[str, Any] = {}
    out: list[Checked] = []
    start = time.perf_counter()
    for n, row in enumerate(rows, 1):
        doc = row["doc"]
        if doc not in sources:
            sources[doc] = analyze(from_text(doc))
        report = check(sources[doc], row["summary"])
        errors = tuple(f for f in report.findings if f.severity == "error")
        out.append(Checked(row, report.score, report.verdict == "pass", errors))
        if progress is not None and n % 100 == 0:
            progress.print(f"  {n}/{len(rows)} summaries, {time.perf_counter() - start:.0f}s", highlight=False)
    return out, time.perf_counter() - start


_WORD = re.compile(r"[A-Za-z][\w'-]*|\d[\d,.]*")


def entity_presence_score(doc: str, summary: str) -> float:
    """A baseline in a few lines: minus the number of capitalised words and figures the article lacks."""
    lowered = doc.lower()
    missing = 0
    for i, match in enumerate(_WORD.finditer(summary)):
        token = match.group().rstrip(".,").removesuffix("'s")
        if not token or (i == 0 and not token[0].isdigit()):
            continue
        if (token[0].isupper() or token[0].isdigit()) and token.lower() not in lowered:
            missing += 1
    return -float(missing)


def figures_of(checked: Sequence[Checked]) -> dict[str, Any]:
    faithful = [c for c in checked if c.row["label"] == 1]
    unfaithful = [c for c in checked if c.row["label"] == 0]
    figures: dict[str, Any] = {
        "summaries": len(checked),
        "faithful": len(faithful),
        "unfaithful": len(unfaithful),
        "balanced_accuracy": balanced_accuracy([c.passed for c in faithful], [c.passed for c in unfaithful]),
        "auc": roc_auc([c.score for c in faithful], [c.score for c in unfaithful]),
        "balanced_accuracy_best_threshold": best_threshold_balanced_accuracy(
            [c.score for c in faithful], [c.score for c in unfaithful]
        ),
        "faithful_fail_rate": sum(not c.passed for c in faithful) / len(faithful),
        "unfaithful_fail_rate": sum(not c.passed for c in unfaithful) / len(unfaithful),
    }
    by_type: dict[str, dict[str, float]] = {}
    for edit in EDIT_TYPES:
        group = [c for c in unfaithful if edit in c.row["edit_types"]]
        if group:
            by_type[edit] = {"n": len(group), "fail_rate": sum(not c.passed for c in group) / len(group)}
    untyped = [c for c in unfaithful if not c.row["edit_types"]]
    if untyped:
        by_type["untyped"] = {"n": len(untyped), "fail_rate": sum(not c.passed for c in untyped) / len(untyped)}
    figures["by_edit_type"] = by_type
    baseline_f = [entity_presence_score(c.row["doc"], c.row["summary"]) for c in faithful]
    baseline_u = [entity_presence_score(c.row["doc"], c.row["summary"]) for c in unfaithful]
    figures["entity_presence"] = {
        "balanced_accuracy": balanced_accuracy([s == 0 for s in baseline_f], [s == 0 for s in baseline_u]),
        "auc": roc_auc(baseline_f, baseline_u),
    }
    return figures


def false_errors(checked: Sequence[Checked]) -> list[dict[str, str]]:
    """Every error raised on a summary the annotators judged consistent."""
    listing = []
    for c in checked:
        if c.row["label"] != 1:
            continue
        for f in c.errors:
            listing.append(
                {"id": c.row["id"], "kind": f.kind, "text": f.text, "message": f.message, "summary": c.row["summary"]}
            )
    return listing


def _pct(value: float) -> str:
    return f"{100 * value:.1f}"


def tables(figures: dict[str, Any]) -> list[Table]:
    main = Table(
        title=f"SummEdits news, dev split — {figures['summaries']} summaries "
        f"({figures['faithful']} faithful, {figures['unfaithful']} unfaithful); figures in %",
        title_justify="left",
    )
    for column in ("metric", "bal.acc. verdict", "AUC", "bal.acc. best thr.", "faithful fail", "unfaithful fail"):
        main.add_column(column, justify="left" if column == "metric" else "right")
    main.add_row(
        "retold",
        _pct(figures["balanced_accuracy"]),
        _pct(figures["auc"]),
        _pct(figures["balanced_accuracy_best_threshold"]),
        _pct(figures["faithful_fail_rate"]),
        _pct(figures["unfaithful_fail_rate"]),
        style="bold cyan",
    )
    base = figures["entity_presence"]
    main.add_row("entity presence (this split)", _pct(base["balanced_accuracy"]), _pct(base["auc"]), "", "", "")
    for name, value in PUBLISHED.items():
        main.add_row(f"{name} (published, all news)", f"{value:.1f}", "", "", "", "")
    per_type = Table(title="Unfaithful summaries that fail, per edit type", title_justify="left")
    per_type.add_column("edit type")
    per_type.add_column("n", justify="right")
    per_type.add_column("fail %", justify="right")
    for edit, row in figures["by_edit_type"].items():
        per_type.add_row(edit, str(int(row["n"])), _pct(row["fail_rate"]))
    return [main, per_type]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path, default=None, help="write the figures and the false errors to this file")
    parser.add_argument("--gate", action="store_true", help="exit 1 if a figure is worse than bench/baseline.json")
    parser.add_argument("--quiet", action="store_true", help="leave out the listing of false errors")
    args = parser.parse_args(argv)

    out = Console() if sys.stdout.isatty() else Console(width=REPORT_WIDTH)
    err = Console(stderr=True)
    rows = load_rows()
    err.print(f"SummEdits news dev: checking {len(rows)} summaries …", highlight=False)
    checked, seconds = check_rows(rows, progress=err)
    figures = figures_of(checked)
    figures["seconds"] = seconds
    for table in tables(figures):
        out.print(table)
    listing = false_errors(checked)
    out.print(f"{len(listing)} errors raised on faithful summaries ({seconds:.0f}s in all)", highlight=False)
    if not args.quiet:
        for item in listing:
            out.print(f"- [{item['id']}] {item['kind']} on {item['text']!r}: {item['message']}", highlight=False)
    if args.json:
        missed = [
            {"id": c.row["id"], "edit_types": c.row["edit_types"], "summary": c.row["summary"],
             "original_summary": c.row["original_summary"]}
            for c in checked if c.row["label"] == 0 and c.passed
        ]
        write_json(args.json, {"summedits": figures, "false_errors": listing, "missed": missed})
    if args.gate:
        failures = gate({"summedits": figures}, load_baseline(BASELINE), "summedits.")
        return report_gate(failures, err, "SummEdits")
    return 0


if __name__ == "__main__":
    sys.exit(main())
