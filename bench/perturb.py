"""retold's checker on planted errors: recall per error kind, and false errors on faithful controls.

Articles: the 99 distinct articles of BUMP task 1 and examples/nato-ukraine.txt. For each one
the suite starts from faithful text — a window of consecutive source sentences copied verbatim,
the BUMP reference summary, or the builtin rewrite — and plants one error of each kind below,
located with ``retold.analyze`` and chosen by a seeded random generator (same seed, same cases).
Half the changed facts are then moved into the builtin rewrite wherever it copies the source
around them, so errors are also met inside a Markdown explainer; figures are kept per base text.

A planted error counts as *caught* when the check reports one of the expected finding kinds at
error severity on a span that overlaps the planted one; *flagged* relaxes that to any severity.
Controls are faithful texts — BUMP's human-written reference summaries, extractive sentence subsets and
light paraphrases of them — on which every error finding is a false error; their total is the
"faithful" row. The builtin rewrites are checked and shown too, but kept out of that total: retold's
own self-check has already cleaned them, so they would measure the checker against itself.

    python bench/perturb.py [--limit N] [--seed S] [--json PATH] [--gate]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `bench` importable from the repository root
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rich.console import Console
from rich.table import Table

from bench import additions, controls, plants, roles
from bench.bump import load_task
from bench.common import EXAMPLE
from bench.metrics import gate, load_baseline, report_gate, write_json

BASELINE = Path(__file__).resolve().parent / "baseline.json"
REPORT_WIDTH = 130
MISSES_KEPT = 5  # missed examples per kind written to --json, for whoever improves the checker

PLANTERS = {**plants.PLANTERS, **roles.PLANTERS, **additions.PLANTERS}
# Control groups shown but kept out of the faithful total: text the checker already cleaned (see summarise).
NOT_FAITHFUL = frozenset({"rewrite"})
# planted kind → the finding kinds that count as catching it.
EXPECTED: dict[str, tuple[str, ...]] = {
    "entity-intrinsic": ("entity", "attribution", "claim"),
    "entity-extrinsic": ("entity",),
    "number": ("number",),
    "date": ("date",),
    "date-moved": ("date",),
    "number-moved": ("number",),
    "quote-altered": ("quote", "paraphrase-quote"),
    "quote-fabricated": ("quote", "paraphrase-quote"),
    "quote-misattributed": ("attribution",),
    "negation": ("claim",),
    "roles-swapped": ("claim",),
    "antonym": ("claim",),
    "sentence-fabricated": ("claim",),
    "leakage": ("leakage",),
    "call-to-action": ("boilerplate",),
    "related-headlines": ("boilerplate",),
}


@dataclass(frozen=True, slots=True)
class Source:
    """One article, analysed, with the faithful texts perturbations start from."""

    name: str
    facts: Any  # FactSheet
    reference: str | None
    rewrite: str


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the check made of one case."""

    case: plants.Case
    caught: bool
    flagged: bool
    failed: bool  # the verdict was "fail"
    errors: int  # error findings anywhere in the text
    sentences: int
    found: tuple[str, ...] = ()  # "kind/severity" of findings overlapping the planted span
    error_texts: tuple[str, ...] = ()  # "kind: text" of every error finding
    crash: str | None = None  # the exception, when analysing or checking the text failed


def crashed(case: plants.Case, exc: Exception) -> Outcome:
    """A case the checker could not run on: counted as a miss, listed, and failed by the gate."""
    return Outcome(
        case, caught=False, flagged=False, failed=False, errors=0, sentences=0, crash=f"{type(exc).__name__}: {exc}"
    )


def load_sources(limit: int | None) -> list[Source]:
    """The BUMP task-1 articles (first reference summary each) and the example article, analysed."""
    from retold.analyze import analyze
    from retold.ingest import from_text

    references: dict[str, str] = {}
    for row in load_task("1"):
        references.setdefault(row["article"], row["reference_summary"])
    texts = [(f"bump-{i}", text, ref) for i, (text, ref) in enumerate(references.items())]
    texts.append((EXAMPLE.stem, EXAMPLE.read_text(encoding="utf-8"), None))
    if limit:
        texts = texts[: limit - 1] + texts[-1:]  # always keep the example article
    sources = []
    for name, text, reference in texts:
        facts = analyze(from_text(text))
        sources.append(Source(name, facts, reference, builtin_rewrite(facts)))
    return sources


def builtin_rewrite(facts: Any) -> str:
    """The builtin engine's explainer of the article, as the text a check reads."""
    from retold.render import draft_text
    from retold.rewrite import rewrite

    return draft_text(rewrite(facts))


def build_cases(sources: Sequence[Source], seed: int) -> list[plants.Case]:
    """Every planted case and every control, deterministic for a seed."""
    pools = plants.Pools.build([s.facts for s in sources], [s.reference for s in sources])
    cases: list[plants.Case] = []
    for index, src in enumerate(sources):
        bases = {name: text for name, text in (("reference", src.reference), ("rewrite", src.rewrite)) if text}
        for kind, plant in PLANTERS.items():
            rng = random.Random(f"{seed}:{src.name}:{kind}")
            case = plant(src.facts, pools, rng, index=index, bases=bases)
            if case is None:
                continue
            # Half the edits of source facts are made in the builtin rewrite instead, where it copies
            # the source around them: errors inside a Markdown explainer, as the checker meets them in use.
            if rng.random() < 0.5:
                case = plants.transplant(case, src.facts, src.rewrite) or case
            cases.append(replace(case, source=src.name))
        rng = random.Random(f"{seed}:{src.name}:controls")
        faithful = controls.controls(src.facts, rng, reference=src.reference, rewrite=src.rewrite)
        cases.extend(replace(case, source=src.name) for case in faithful)
    return cases


def run_case(facts: Any, case: plants.Case) -> Outcome:
    """Check one case against its article and judge the findings on the planted span."""
    from retold.analyze import analyze
    from retold.check import check

    published = facts.article.published if facts.article is not None else None
    rewrite = analyze(case.text, published=published)  # analysed here to count its sentences
    report = check(facts, rewrite, hints=True)  # "flagged" counts the invented-claim hint too
    overlapping = [f for f in report.findings if f.start < case.end and case.start < f.end and case.end > case.start]
    expected = EXPECTED.get(case.kind, ())
    return Outcome(
        case=case,
        caught=any(f.kind in expected and f.severity == "error" for f in overlapping),
        flagged=any(f.kind in expected for f in overlapping),
        failed=report.verdict == "fail",
        errors=sum(f.severity == "error" for f in report.findings),
        sentences=sum(1 for s in rewrite.sentences if s.kind != "heading") or 1,
        found=tuple(sorted({f"{f.kind}/{f.severity}" for f in overlapping})),
        error_texts=tuple(f"{f.kind}: {f.text} ({f.message})" for f in report.findings if f.severity == "error"),
    )


def summarise(outcomes: Sequence[Outcome]) -> dict[str, Any]:
    """Recall per planted kind and false errors per control group."""
    planted: dict[str, list[Outcome]] = defaultdict(list)
    faithful: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        if o.crash is None or not o.case.control:
            (faithful if o.case.control else planted)[o.case.kind].append(o)
    crashes = [o for o in outcomes if o.crash is not None]
    recall = {}
    for kind in EXPECTED:
        group = planted.get(kind, [])
        if not group:
            continue
        recall[kind] = {
            "planted": len(group),
            "by_base": {
                base: {"planted": len(hits), "recall": sum(hits) / len(hits)}
                for base in sorted({o.case.base for o in group})
                if (hits := [o.caught for o in group if o.case.base == base])
            },
            "recall": sum(o.caught for o in group) / len(group),
            "flagged": sum(o.flagged for o in group) / len(group),
            "verdict_fail": sum(o.failed for o in group) / len(group),
            "missed": [
                {
                    "source": o.case.source,
                    "base": o.case.base,
                    "note": o.case.note,
                    "span": o.case.text[o.case.start : o.case.end],
                    "found": list(o.found),
                }
                for o in group
                if not o.caught
            ][:MISSES_KEPT],
        }
    control_figures = {}
    # The builtin rewrites are reported beside the controls but kept out of the "faithful" total: the
    # rewrite engine mends what its own self-check finds, so the checker would only be agreeing with itself.
    made_faithful = [o for name, g in faithful.items() if name not in NOT_FAITHFUL for o in g]
    totals = [("faithful", made_faithful), ("all", [o for g in faithful.values() for o in g])]
    for group_name, group in sorted(faithful.items()) + totals:
        if not group:
            continue
        sentences = sum(o.sentences for o in group)
        control_figures[group_name] = {
            "texts": len(group),
            "sentences": sentences,
            "errors": sum(o.errors for o in group),
            "false_error_rate": sum(o.errors for o in group) / sentences,
            "texts_failing": sum(o.failed for o in group) / len(group),
            "false_errors": [f"{o.case.source}: {e}" for o in group for e in o.error_texts][:MISSES_KEPT],
        }
    all_planted = [o for g in planted.values() for o in g]
    overall = sum(o.caught for o in all_planted) / len(all_planted) if all_planted else 0.0
    return {
        "recall": recall,
        "macro_recall": _mean([r["recall"] for r in recall.values()]),
        "micro_recall": overall,
        "controls": control_figures,
        "crashes": len(crashes),
        "crashed": [
            {"source": o.case.source, "kind": o.case.kind, "error": o.crash, "text": o.case.text} for o in crashes
        ][:MISSES_KEPT],
    }


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def tables(figures: dict[str, Any]) -> tuple[Table, Table]:
    """The recall table and the false-error table."""
    recall = Table(
        title="Planted errors — caught = expected kind at error severity overlapping the span", title_justify="left"
    )
    for name, justify in (
        ("planted kind", "left"),
        ("expected finding", "left"),
        ("n", "right"),
        ("recall %", "right"),
        ("flagged %", "right"),
        ("verdict fail %", "right"),
    ):
        recall.add_column(name, justify=justify, no_wrap=True)  # type: ignore[arg-type]
    for kind, r in figures["recall"].items():
        recall.add_row(
            kind,
            ", ".join(EXPECTED[kind]),
            str(r["planted"]),
            f"{100 * r['recall']:.1f}",
            f"{100 * r['flagged']:.1f}",
            f"{100 * r['verdict_fail']:.1f}",
        )
    recall.add_row("macro mean", "", "", f"{100 * figures['macro_recall']:.1f}", "", "", style="bold")
    false_errors = Table(title="Faithful controls — every error finding is a false error", title_justify="left")
    for name in ("control", "texts", "sentences", "errors", "errors / sentence", "texts failing %"):
        false_errors.add_column(name, justify="left" if name == "control" else "right", no_wrap=True)
    for group, c in figures["controls"].items():
        false_errors.add_row(
            group,
            str(c["texts"]),
            str(c["sentences"]),
            str(c["errors"]),
            f"{c['false_error_rate']:.3f}",
            f"{100 * c['texts_failing']:.1f}",
            style="bold" if group == "faithful" else None,
        )
    return recall, false_errors


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="use only N articles (the example included)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", type=Path, default=None, help="write the figures to this file")
    parser.add_argument("--gate", action="store_true", help="exit 1 if a figure got worse than bench/baseline.json")
    args = parser.parse_args(argv)
    if args.gate and (args.limit is not None or args.seed != 0):
        parser.error("--gate compares the full run with seed 0: drop --limit and --seed")
    out = Console() if sys.stdout.isatty() else Console(width=REPORT_WIDTH)
    err = Console(stderr=True)

    t0 = time.perf_counter()
    sources = load_sources(args.limit)
    cases = build_cases(sources, args.seed)
    t1 = time.perf_counter()
    err.print(
        f"{len(sources)} articles analysed, {len(cases)} cases built in {t1 - t0:.1f}s; checking …", highlight=False
    )
    facts_by_name = {s.name: s.facts for s in sources}
    outcomes = []
    for n, case in enumerate(cases, 1):
        try:
            outcomes.append(run_case(facts_by_name[case.source], case))
        except Exception as exc:  # noqa: BLE001 — one failing text must not hide the figures of the rest
            outcomes.append(crashed(case, exc))
        if n % 200 == 0:
            err.print(f"  {n}/{len(cases)} cases, {time.perf_counter() - t1:.0f}s", highlight=False)
    seconds = time.perf_counter() - t1
    figures = summarise(outcomes)
    figures["speed"] = {
        "articles": len(sources),
        "cases": len(cases),
        "setup_seconds": t1 - t0,
        "check_seconds": seconds,
        "checks_per_second": len(cases) / seconds if seconds else 0.0,
    }
    for table in tables(figures):
        out.print(table)
    if figures["crashes"]:
        out.print(
            f"[red]{figures['crashes']} case(s) crashed the checker[/] (counted as misses; not in the"
            " control rates); first: "
            + "; ".join(f"{c['source']} {c['kind']}: {c['error']}" for c in figures["crashed"][:3]),
            highlight=False,
        )
    out.print(
        f"{len(cases)} checks in {seconds:.1f}s ({len(cases) / seconds:.1f}/s); setup {t1 - t0:.1f}s", highlight=False
    )
    if args.json:
        write_json(args.json, {"perturb": figures})
    if args.gate:
        failures = gate({"perturb": figures}, load_baseline(BASELINE), "perturb.")
        return report_gate(failures, err, "perturbation")
    return 0


if __name__ == "__main__":
    sys.exit(main())
