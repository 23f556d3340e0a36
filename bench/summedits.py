"""retold's checker on SummEdits, real summaries and their human-verified edits, domain by domain.

SummEdits (Laban et al., 2023; Apache-2.0) pairs documents with a seed summary and many edits of it,
each labelled by annotators as consistent with the document or not. Bundled in bench/data/:
``summedits-news-dev`` (10 of the 25 news articles, all their summaries: the TUNING set the checker's
matching rules were fitted on, so its figures are not held out) and ``summedits-other`` (the seven
other domains: podcasts, meetings, sales calls and e-mails, chats, scientific abstracts, earnings
calls). Not news, but a false alarm there is a false alarm on text the checker has not seen.

Printed per domain: the fail rate on faithful and on unfaithful summaries, balanced accuracy of the
verdict, ROC AUC of the score — twice where they differ: with ``paraphrase-quote`` (a faithful
paraphrase put inside quotation marks, an error by newsroom standards) and as the annotators judged
(that finding alone does not fail a summary). Then the errors raised on faithful summaries, grouped
by the rule that raised them. ``--gate``: faithful fail <= 5 % (annotators' reading) in every domain,
and the pinned news figures in bench/baseline.json.

    python bench/summedits.py [--domain news --domain samsum ...] [--json PATH] [--gate] [--quiet]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `bench` importable from the repository root
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from bench.metrics import (
    balanced_accuracy,
    best_threshold_balanced_accuracy,
    gate,
    load_baseline,
    report_gate,
    roc_auc,
    write_json,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
DATA = DATA_DIR / "summedits-news-dev" / "summedits_news_dev.json"
OTHER = ("podcast", "qmsumm", "sales_call", "sales_email", "samsum", "scitldr", "ectsum")
# Domain name -> its bundled file; "news" is the tuning split.
DOMAINS = {"news": DATA, **{d: DATA_DIR / "summedits-other" / f"summedits_{d}.json.gz" for d in OTHER}}
TUNING = frozenset({"news"})
BASELINE = Path(__file__).resolve().parent / "baseline.json"
REPORT_WIDTH = 130
FAITHFUL_FAIL_MAX = 0.05  # the gate in every domain: an error on a faithful summary is a false alarm
# Its own kind: a faithful paraphrase in quotation marks. An error by newsroom standards that SummEdits'
# annotators, judging meaning only, call consistent; counted apart so both readings show.
PARAPHRASE_QUOTE = "paraphrase-quote"

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
    invented: bool = False  # carries the "invented claim" warning

    @property
    def passed_as_judged(self) -> bool:
        """The verdict when a paraphrase in quotation marks does not fail a summary (the annotators' reading)."""
        return self.passed or all(f.kind == PARAPHRASE_QUOTE for f in self.errors)


def load_rows(domain: str = "news") -> list[dict[str, Any]]:
    path = DOMAINS[domain]
    raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    return json.loads(raw.decode("utf-8"))


def check_rows(rows: Sequence[dict[str, Any]], progress: Console | None = None) -> tuple[list[Checked], float]:
    """Check every summary against its document; each document is cleaned and analysed once."""
    from retold.analyze import analyze
    from retold.check import check
    from retold.check.detectors.claim import UNBACKED
    from retold.ingest import from_text

    sources: dict[str, Any] = {}
    out: list[Checked] = []
    start = time.perf_counter()
    for n, row in enumerate(rows, 1):
        doc = row["doc"]
        if doc not in sources:
            sources[doc] = analyze(from_text(doc))
        report = check(sources[doc], row["summary"], hints=True)
        errors = tuple(f for f in report.findings if f.severity == "error")
        invented = any(f.kind == "claim" and f.message.startswith(UNBACKED) for f in report.findings)
        out.append(Checked(row, report.score, report.verdict == "pass", errors, invented))
        if progress is not None and n % 200 == 0:
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


def _rates(faithful: Sequence[Checked], unfaithful: Sequence[Checked], judged: bool) -> dict[str, float]:
    def passed(c: Checked) -> bool:
        return c.passed_as_judged if judged else c.passed

    f_ok = [passed(c) for c in faithful]
    u_ok = [passed(c) for c in unfaithful]
    return {
        "balanced_accuracy": balanced_accuracy(f_ok, u_ok),
        "faithful_fail_rate": sum(not ok for ok in f_ok) / max(1, len(f_ok)),
        "unfaithful_fail_rate": sum(not ok for ok in u_ok) / max(1, len(u_ok)),
    }


def figures_of(checked: Sequence[Checked]) -> dict[str, Any]:
    """One domain's figures. The top-level rates count every error (paraphrase-quote included);
    ``as_judged`` holds the same rates when a paraphrase in quotation marks alone does not fail a summary."""
    faithful = [c for c in checked if c.row["label"] == 1]
    unfaithful = [c for c in checked if c.row["label"] == 0]
    figures: dict[str, Any] = {
        "summaries": len(checked),
        "faithful": len(faithful),
        "unfaithful": len(unfaithful),
        **_rates(faithful, unfaithful, judged=False),
        "auc": roc_auc([c.score for c in faithful], [c.score for c in unfaithful]),
        "balanced_accuracy_best_threshold": best_threshold_balanced_accuracy(
            [c.score for c in faithful], [c.score for c in unfaithful]
        ),
        "as_judged": _rates(faithful, unfaithful, judged=True),
        "invented_claim": {
            "faithful": sum(c.invented for c in faithful),
            "unfaithful": sum(c.invented for c in unfaithful),
            # the share of summaries carrying the warning that annotators judged unfaithful
            "precision": sum(c.invented for c in unfaithful) / max(1, sum(c.invented for c in checked)),
            "base_rate": len(unfaithful) / max(1, len(checked)),
        },
        "paraphrase_quote_faithful": sum(any(f.kind == PARAPHRASE_QUOTE for f in c.errors) for c in faithful),
        "paraphrase_quote_unfaithful": sum(any(f.kind == PARAPHRASE_QUOTE for f in c.errors) for c in unfaithful),
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
                {
                    "id": c.row["id"],
                    "kind": f.kind,
                    "rule": rule_of(f.kind, f.message),
                    "text": f.text,
                    "message": f.message,
                    "summary": c.row["summary"],
                }
            )
    return listing


_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|“[^”]*”|‘[^’]*’|\d[\d,.]*")


def rule_of(kind: str, message: str) -> str:
    """The rule behind a finding: its kind and the message with the quoted particulars taken out."""
    general = _QUOTED.sub("…", message).split(":")[0].strip()
    return f"{kind}: {general}"


def _pct(value: float) -> str:
    return f"{100 * value:.1f}"


def domain_table(per_domain: dict[str, dict[str, Any]]) -> Table:
    table = Table(
        title="SummEdits per domain (figures in %; 'judged' = a paraphrase in quotation marks alone does not fail; "
        "news = the tuning split)",
        title_justify="left",
    )
    for column in (
        "domain",
        "n (faithful/unfaithful)",
        "faithful fail",
        "unfaithful fail",
        "bal.acc.",
        "AUC",
        "faithful fail judged",
        "bal.acc. judged",
        "seconds",
    ):
        table.add_column(column, justify="left" if column == "domain" else "right")
    for domain, fig in per_domain.items():
        judged = fig["as_judged"]
        table.add_row(
            f"{domain}{' (tuning)' if domain in TUNING else ''}",
            f"{fig['faithful']}/{fig['unfaithful']}",
            _pct(fig["faithful_fail_rate"]),
            _pct(fig["unfaithful_fail_rate"]),
            _pct(fig["balanced_accuracy"]),
            _pct(fig["auc"]),
            _pct(judged["faithful_fail_rate"]),
            _pct(judged["balanced_accuracy"]),
            f"{fig.get('seconds', 0):.0f}",
        )
    return table


def tables(figures: dict[str, Any]) -> list[Table]:
    main = Table(
        title=f"SummEdits news, dev split (the tuning set) — {figures['summaries']} summaries "
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
    per_type = Table(title="Unfaithful news summaries that fail, per edit type", title_justify="left")
    per_type.add_column("edit type")
    per_type.add_column("n", justify="right")
    per_type.add_column("fail %", justify="right")
    for edit, row in figures["by_edit_type"].items():
        per_type.add_row(edit, str(int(row["n"])), _pct(row["fail_rate"]))
    return [main, per_type]


def domain_gate(per_domain: dict[str, dict[str, Any]]) -> list[str]:
    """Faithful fail (the annotators' reading) at most FAITHFUL_FAIL_MAX in every domain measured."""
    return [
        f"summedits.{domain}.as_judged.faithful_fail_rate: {fig['as_judged']['faithful_fail_rate']:.4f} rose above "
        f"{FAITHFUL_FAIL_MAX}"
        for domain, fig in per_domain.items()
        if fig["as_judged"]["faithful_fail_rate"] > FAITHFUL_FAIL_MAX
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="example: python bench/summedits.py --domain news --domain samsum --quiet",
    )
    parser.add_argument(
        "--domain",
        action="append",
        choices=sorted(DOMAINS),
        default=None,
        help="a domain to run (repeatable); default: all eight",
    )
    parser.add_argument("--json", type=Path, default=None, help="write the figures and the false errors to this file")
    parser.add_argument(
        "--gate",
        action="store_true",
        help="exit 1 if faithful fail exceeds 5 %% in a domain or a news figure is worse than bench/baseline.json",
    )
    parser.add_argument("--quiet", action="store_true", help="leave out the listing of false errors")
    args = parser.parse_args(argv)

    out = Console() if sys.stdout.isatty() else Console(width=REPORT_WIDTH)
    err = Console(stderr=True)
    domains = args.domain or list(DOMAINS)
    per_domain: dict[str, dict[str, Any]] = {}
    listings: dict[str, list[dict[str, str]]] = {}
    missed: list[dict[str, Any]] = []
    total = time.perf_counter()
    for domain in domains:
        rows = load_rows(domain)
        err.print(f"SummEdits {domain}: checking {len(rows)} summaries …", highlight=False)
        checked, seconds = check_rows(rows, progress=err)
        figures = figures_of(checked)
        figures["seconds"] = round(seconds, 1)
        per_domain[domain] = figures
        listings[domain] = false_errors(checked)
        missed += [
            {
                "domain": domain,
                "id": c.row["id"],
                "edit_types": c.row["edit_types"],
                "summary": c.row["summary"],
                "original_summary": c.row["original_summary"],
            }
            for c in checked
            if c.row["label"] == 0 and c.passed
        ]
        if domain == "news":
            for table in tables(figures):
                out.print(table)
    seconds = time.perf_counter() - total
    out.print(domain_table(per_domain))
    invented = {d: fig["invented_claim"] for d, fig in per_domain.items()}
    carrying = sum(v["faithful"] + v["unfaithful"] for v in invented.values())
    right = sum(v["unfaithful"] for v in invented.values())
    unfaithful_share = sum(fig["unfaithful"] for fig in per_domain.values()) / max(
        1, sum(fig["summaries"] for fig in per_domain.values())
    )
    out.print(
        f"'invented claim' warning: on {carrying} summaries, {right} of them unfaithful (precision "
        f"{100 * right / max(1, carrying):.1f} %, against {100 * unfaithful_share:.1f} % unfaithful in all); per domain: "
        + ", ".join(f"{d} {v['unfaithful']}/{v['faithful'] + v['unfaithful']}" for d, v in invented.items()),
        highlight=False,
    )
    rules = Counter(item["rule"] for listing in listings.values() for item in listing)
    n_errors = sum(rules.values())
    out.print(f"{n_errors} errors raised on faithful summaries ({seconds:.0f}s in all), by rule:", highlight=False)
    for rule, count in rules.most_common():
        per = Counter(d for d, listing in listings.items() for item in listing if item["rule"] == rule)
        out.print(f"  {count:4d}  {rule}  ({', '.join(f'{d} {n}' for d, n in per.most_common())})", highlight=False)
    if not args.quiet:
        for domain, listing in listings.items():
            for item in listing:
                out.print(
                    escape(f"- [{domain} {item['id']}] {item['kind']} on {item['text']!r}: {item['message']}"),
                    highlight=False,
                )
    result: dict[str, Any] = {"domains": per_domain, "seconds": round(seconds, 1)}
    if "news" in per_domain:
        result.update(per_domain["news"])  # the pinned summedits.* figures are the news split's
    if args.json:
        write_json(args.json, {"summedits": result, "false_errors": listings, "missed": missed})
    if args.gate:
        failures = domain_gate(per_domain)
        if "news" in per_domain:
            failures += gate({"summedits": result}, load_baseline(BASELINE), "summedits.")
        return report_gate(failures, err, "SummEdits")
    return 0


if __name__ == "__main__":
    sys.exit(main())
