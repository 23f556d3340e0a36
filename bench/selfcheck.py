"""What the builtin rewrite's own audit had to mend, on every BUMP article and the bundled example.

    python bench/selfcheck.py [--gate] [--limit N] [--json PATH] [--max-mended N] [--max-wrong-referents N]

The rewrite stage checks its draft and repairs, replaces or drops every item with an error before it
returns, so the final draft has 0 errors by construction: that count proves nothing. What measures
the rewriter is how many items the audit had to mend (``draft.stats["audit"]``) and, among them, how
many were mended for a wrong referent: an error on a name or a credit (kinds ``entity``,
``attribution`` and ``referent``), a person or body the source does not give for that claim.
``--gate`` exits 1 when either count is over its ceiling in bench/baseline.json (or the one passed),
or when a final draft still has an error.
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

from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402

import retold  # noqa: E402
from bench.common import EXAMPLE, bump_articles  # noqa: E402

BASELINE = Path(__file__).resolve().parent / "baseline.json"
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
        audit = (draft.stats or {}).get("audit", {})
        seconds.append(time.perf_counter() - start)
        errors = [f for f in report.findings if f.severity == "error"]
        warnings = [f for f in report.findings if f.severity == "warning"]
        rows.append(
            {
                "article": name,
                "errors": len(errors),
                "warnings": len(warnings),
                "score": round(report.score, 4),
                "mended": audit.get("mended", 0) + audit.get("kept", 0),
                "wrong_referents": wrong_referents(audit),
                "audit": audit,
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
        "wrong_referents": sum(row["wrong_referents"] for row in rows),
        "by_action": {
            a: sum(row["audit"].get(a, 0) for row in rows) for a in ("repaired", "replaced", "dropped", "kept")
        },
        "median_seconds": statistics.median(seconds),
        "rows": rows,
    }


# Error kinds that put a claim on the wrong person or body: a name the source does not give there, a quote
# or claim credited to someone else, a pronoun or surname resolved to another person.
REFERENT_KINDS = ("entity", "attribution", "referent")


def wrong_referents(audit: dict) -> int:
    """How many items the audit mended for an error on who (see REFERENT_KINDS)."""
    return sum(n for kind, n in audit.get("by_kind", {}).items() if kind in REFERENT_KINDS)


def note_kinds(note: str) -> set[str]:
    """The finding kinds behind one of the audit's "self-check: …" notes (its reasons, in parentheses)."""
    from retold.rewrite.audit import kind_of

    inside = note[note.find("(") + 1 : note.rfind(")")] if "(" in note else ""
    return {kind_of(why.strip()) for why in inside.split("; ") if why.strip()}


def gate(figures: dict[str, float], ceilings: dict[str, float]) -> list[str]:
    """Each figure over its ceiling, as a line; figures without a ceiling are not gated."""
    return [
        f"{name} {figures[name]} > {ceilings[name]}"
        for name in figures
        if name in ceilings and figures[name] > ceilings[name]
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gate", action="store_true", help="exit 1 when the audit mended more than the ceilings allow")
    parser.add_argument("--limit", type=int, help="only the first N articles")
    parser.add_argument(
        "--max-mended", type=int, help="ceiling on items the audit mended (default: bench/baseline.json)"
    )
    parser.add_argument("--max-wrong-referents", type=int, help="ceiling on items mended for a wrong referent")
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
        f"{result['mended']} items mended by the audit "
        f"({', '.join(f'{n} {a}' for a, n in result['by_action'].items())}), {result['wrong_referents']} for a wrong referent; "
        f"median {result['median_seconds']:.3f} s per article (analyze + rewrite + check)"
    )
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2), encoding="utf-8")
    if not args.gate:
        return 0
    ceilings = json.loads(BASELINE.read_text(encoding="utf-8"))["maximums"]
    ceilings = {k: v for k, v in ceilings.items() if k.startswith("selfcheck.")}
    if args.max_mended is not None:
        ceilings["selfcheck.mended"] = args.max_mended
    if args.max_wrong_referents is not None:
        ceilings["selfcheck.wrong_referents"] = args.max_wrong_referents
    figures = {"selfcheck.mended": result["mended"], "selfcheck.wrong_referents": result["wrong_referents"]}
    if args.limit:  # the pinned ceilings are for the full run; a short run is gated only on ceilings passed
        ceilings = {
            k: v
            for k, v in ceilings.items()
            if (k == "selfcheck.mended" and args.max_mended is not None)
            or (k == "selfcheck.wrong_referents" and args.max_wrong_referents is not None)
        }
    failed = gate(figures, ceilings) + [f"{row['article']}: a final draft with an error" for row in failing]
    for line in failed:
        console.print(f"GATE FAILED: {line}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
