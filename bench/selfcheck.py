"""The builtin rewrite of every BUMP article and of the bundled example must pass its own check.

    python bench/selfcheck.py [--gate] [--limit N] [--json PATH]

Prints errors and warnings per article and how many items the rewrite stage's own audit had to
repair, replace or drop before returning; with --gate exits 1 if any rewrite has an error.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `bench` importable from the repository root
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import EXAMPLE, bump_articles  # noqa: E402
from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402

import retold  # noqa: E402
from retold.ingest import from_text  # noqa: E402


def run(limit: int | None) -> dict:
    texts = [("nato-ukraine", EXAMPLE.read_text(encoding="utf-8"))]
    texts += [(f"bump-{i:03d}", text) for i, text in enumerate(bump_articles(1))]
    if limit:
        texts = texts[:limit]
    rows, seconds = [], []
    for name, text in texts:
        start = time.perf_counter()
        facts = retold.analyze(from_text(text))
        draft = retold.rewrite(facts)
        report = draft.report  # the stage checked its draft and mended what the check found
        mended = [n for n in draft.notes if n.startswith("self-check:")]
        seconds.append(time.perf_counter() - start)
        errors = [f for f in report.findings if f.severity == "error"]
        warnings = [f for f in report.findings if f.severity == "warning"]
        rows.append(
            {
                "article": name,
                "errors": len(errors),
                "warnings": len(warnings),
                "score": round(report.score, 4),
                "mended": len(mended),
                "error_findings": [f"{f.kind}: {f.text!r} — {f.message}" for f in errors],
            }
        )
    passed = sum(1 for row in rows if row["errors"] == 0)
    return {
        "articles": len(rows),
        "passed": passed,
        "errors": sum(row["errors"] for row in rows),
        "warnings": sum(row["warnings"] for row in rows),
        "mended": sum(row["mended"] for row in rows),
        "median_seconds": statistics.median(seconds),
        "rows": rows,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gate", action="store_true", help="exit 1 if any builtin rewrite has an error")
    parser.add_argument("--limit", type=int, help="only the first N articles")
    parser.add_argument("--json", metavar="PATH", help="write the figures as JSON")
    args = parser.parse_args()
    result = run(args.limit)
    console = Console()
    failing = [row for row in result["rows"] if row["errors"]]
    if failing:
        table = Table(title="Builtin rewrites with errors")
        table.add_column("article")
        table.add_column("errors", overflow="fold")
        for row in failing:
            table.add_row(row["article"], "\n".join(row["error_findings"]))
        console.print(table)
    console.print(
        f"self-check: {result['passed']}/{result['articles']} builtin rewrites with 0 errors; "
        f"{result['errors']} errors, {result['warnings']} warnings in all; "
        f"{result['mended']} items mended by the audit; "
        f"median {result['median_seconds']:.3f} s per article (analyze + rewrite + check)"
    )
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 1 if args.gate and failing else 0


if __name__ == "__main__":
    raise SystemExit(main())
