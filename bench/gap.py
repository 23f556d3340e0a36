"""The referent resolver measured on GAP (Webster et al. 2018): who does the pronoun refer to, A, B or neither?

Each passage is analysed by :func:`retold.analyze.analyze`, exactly as an article is, and the pronoun at
``Pronoun-offset`` is looked up in ``FactSheet.referents`` — the links the rewriter and the checker read.
A link is mapped to A or B when the entity it names has a mention at A's (B's) offset or goes by A's (B's)
name; a link to anyone else is "other".

Figures, for the links retold acts on (confidence >= ACT) and for every confidence level:

- precision: right links / links made. A link to A or B is right when that candidate is the antecedent; a
  link to someone else is wrong when A or B is the antecedent (it names the wrong person), and left out of
  the count when neither is (GAP does not say who the pronoun means then);
- coverage: links made / passages;
- f1: GAP's forced-choice F1 over the A and B decisions (a passage's best reading at any confidence, to
  compare with the published ~64 for 2017 neural coreference and ~70 for the GAP syntactic heuristic).

The last line is ``gap: precision=P coverage=C f1=F n=N``. ``--gate`` fails (exit 1) when precision at the
acting confidence is below 0.95. The development file is the one the rules were tuned on; validation is
held out.

    python bench/gap.py --data bench/data/gap/gap-development.tsv --gate
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from retold.analyze import analyze  # noqa: E402
from retold.analyze.referents import ACT  # noqa: E402
from retold.normalize import fold  # noqa: E402

GATE = 0.95
FIELDS = ("ID", "Text", "Pronoun", "Pronoun-offset", "A", "A-offset", "A-coref", "B", "B-offset", "B-coref")


def read_gap(path: Path) -> list[dict[str, str]]:
    """The rows of a GAP-format TSV; a file without GAP's columns is an error the user can fix."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    if rows and not set(FIELDS) <= set(rows[0]):
        raise ValueError(f"{path} is not a GAP file: it needs the columns {', '.join(FIELDS)}")
    return rows


def _words(name: str) -> list[str]:
    return [w for w in fold(name).lower().replace("'s", "").split() if w[:1].isalpha()]


def candidate(row: dict[str, str], facts: Any, link: Any) -> str:
    """ "A", "B" or "other": whom the link names, by mention offsets first, then by name."""
    entity = facts.entities[link.entity]
    spans = [(m.start, m.end) for m in entity.mentions]
    found = set()
    for key in ("A", "B"):
        start = int(row[f"{key}-offset"])
        end = start + len(row[key])
        if any(s < end and start < e for s, e in spans):
            found.add(key)
    if len(found) == 1:
        return found.pop()
    if found:
        # one entity holding both: the mention the link points at decides
        s, e = link.antecedent
        for key in ("A", "B"):
            start = int(row[f"{key}-offset"])
            if s < start + len(row[key]) and start < e:
                return key
        return "other"
    names = {w for a in (entity.name, *entity.aliases) for w in _words(a)}
    by_name = [k for k in ("A", "B") if set(_words(row[k])) and set(_words(row[k])) <= names]
    return by_name[0] if len(by_name) == 1 else "other"


def score(rows: Sequence[dict[str, str]], sheets: Iterable[Any]) -> dict[str, Any]:
    """Every figure the bench prints, from the rows and their fact sheets."""
    levels: Counter[tuple[float, str]] = Counter()  # (confidence, outcome)
    rules: Counter[tuple[str, str]] = Counter()
    tp = fp = fn = 0
    n = 0
    for row, facts in zip(rows, sheets):
        n += 1
        gold = "A" if row["A-coref"].upper() == "TRUE" else "B" if row["B-coref"].upper() == "TRUE" else "neither"
        link = facts.referents.link(int(row["Pronoun-offset"]))
        if link is not None and link.start != int(row["Pronoun-offset"]):
            link = None
        guess = candidate(row, facts, link) if link is not None else "none"
        if link is not None:
            if guess in ("A", "B"):
                outcome = "right" if guess == gold else "wrong"
            else:  # someone else: wrong when GAP says the pronoun is A or B, unjudged when neither
                outcome = "other" if gold in ("A", "B") else "unknown"
            levels[(link.confidence, outcome)] += 1
            rules[(link.rule, outcome)] += 1
        for key in ("A", "B"):
            said, true = guess == key, gold == key
            tp += said and true
            fp += said and not true
            fn += true and not said
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    acted = [(c, o, k) for (c, o), k in levels.items() if c >= ACT]
    right = sum(k for _, o, k in acted if o == "right")
    judged = sum(k for _, o, k in acted if o != "unknown")
    made = sum(k for _, o, k in acted if o in ("right", "wrong"))
    return {
        "n": n,
        "precision": right / judged if judged else 1.0,
        "coverage": made / n if n else 0.0,
        "f1": f1,
        "levels": levels,
        "rules": rules,
    }


def report(figures: dict[str, Any], out: Any = sys.stdout) -> None:
    print(
        "(wrong: the other candidate; other: someone else where GAP says A or B; unjudged: someone else where"
        " GAP says neither)",
        file=out,
    )
    print(
        f"{'confidence':>10} {'links':>6} {'right':>6} {'wrong':>6} {'other':>6} {'unjudged':>8} {'precision':>9}",
        file=out,
    )
    for conf in sorted({c for c, _ in figures["levels"]}, reverse=True):
        right, wrong, other, unknown = (figures["levels"][(conf, o)] for o in ("right", "wrong", "other", "unknown"))
        p = right / (right + wrong + other) if right + wrong + other else float("nan")
        mark = "  (acted on)" if conf >= ACT else ""
        print(
            f"{conf:>10.2f} {right + wrong + other + unknown:>6} {right:>6} {wrong:>6} {other:>6} {unknown:>8} {p:>9.3f}{mark}",
            file=out,
        )
    print("by rule:", file=out)
    for rule in sorted({r for r, _ in figures["rules"]}):
        right, wrong, other, unknown = (figures["rules"][(rule, o)] for o in ("right", "wrong", "other", "unknown"))
        p = right / (right + wrong + other) if right + wrong + other else float("nan")
        print(f"  {rule:<16} right={right} wrong={wrong} other={other} unjudged={unknown} precision={p:.3f}", file=out)
    print(
        f"gap: precision={figures['precision']:.3f} coverage={figures['coverage']:.3f} "
        f"f1={100 * figures['f1']:.1f} n={figures['n']}",
        file=out,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Measure the referent resolver on a GAP-format TSV.",
        epilog="example: python bench/gap.py --data bench/data/gap/gap-development.tsv --gate",
    )
    parser.add_argument("--data", type=Path, required=True, help="a GAP-format TSV (tab-separated, with a header row)")
    parser.add_argument(
        "--gate", action="store_true", help=f"exit 1 when precision at the acting confidence is below {GATE}"
    )
    args = parser.parse_args(argv)
    try:
        rows = read_gap(args.data)
    except (OSError, ValueError, csv.Error) as exc:
        print(f"gap: {exc}", file=sys.stderr)
        return 2
    sheets = (analyze(row["Text"]) for row in rows)
    figures = score(rows, sheets)
    report(figures)
    if args.gate and figures["precision"] < GATE:
        print(f"gap: precision {figures['precision']:.3f} is below the gate {GATE}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
