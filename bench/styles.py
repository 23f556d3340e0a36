"""Every style with the builtin engine on the bundled article and every BUMP task-1 article: 0 check errors.

    python bench/styles.py [--limit N] [--gate]

Beside the check errors, the editor's lint of bench/pages.py that needs no reading: headlines over 16
words and claims that lost their attribution in compression, and what the rewrite's own audit had to
mend before returning (the check errors of the returned drafts are 0 by construction). ``--gate`` fails
on any check error or thread post over 280 characters, and on any figure above its maximum in
bench/baseline.json.
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

import retold  # noqa: E402
from bench.common import EXAMPLE, bump_articles  # noqa: E402
from bench.pages import BASELINE, Lint, dropped_attribution, lint_headline  # noqa: E402
from bench.selfcheck import wrong_referents  # noqa: E402
from retold.ingest import from_text  # noqa: E402
from retold.render import draft_text  # noqa: E402

STYLES = ("explainer", "brief", "summary", "thread", "newsletter")


def run(limit: int | None) -> dict:
    texts = [EXAMPLE.read_text(encoding="utf-8"), *bump_articles(1)][: limit or None]
    figures: dict[str, dict] = {}
    sheets = [retold.analyze(from_text(text)) for text in texts]
    for style in STYLES:
        errors, failing, seconds, long_posts, empty, mended, wrong = 0, [], [], 0, 0, 0, 0
        lint = Lint()
        for index, facts in enumerate(sheets):
            started = time.perf_counter()
            draft = retold.rewrite(facts, style=style)
            report = retold.check(facts, draft_text(draft))
            audit = (draft.stats or {}).get("audit", {})
            mended += audit.get("mended", 0) + audit.get("kept", 0)
            wrong += wrong_referents(audit)
            seconds.append(time.perf_counter() - started)
            found = [f for f in report.findings if f.severity == "error"]
            errors += len(found)
            if found:
                failing.append({"article": index, "errors": [f"{f.kind}: {f.text}" for f in found]})
            long_posts += sum(1 for s in draft.sections for i in s.items if style == "thread" and len(i.text) > 280)
            empty += not draft.sections
            one = Lint()
            lint_headline(draft, facts, one)
            lint.long_headlines.extend(f"#{index}: {h}" for h in one.long_headlines)
            lint.unattributed.extend(f"#{index}: {h}" for h in one.unattributed)
            lint.unattributed.extend(
                f"#{index}: {i.text}" for s in draft.sections for i in s.items if dropped_attribution(i, facts)
            )
        figures[style] = {
            "articles": len(sheets),
            "with_errors": len(failing),
            "errors": errors,
            "empty_drafts": empty,
            "posts_over_280": long_posts,
            "long_headlines": len(lint.long_headlines),
            "dropped_attributions": len(lint.unattributed),
            "audit_mended": mended,
            "audit_wrong_referents": wrong,
            "median_seconds": round(statistics.median(seconds), 3),
            "failing": failing,
            "lint": {"long_headlines": lint.long_headlines, "dropped_attributions": lint.unattributed},
        }
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, help="only the first N articles (the bundled one first)")
    parser.add_argument("--gate", action="store_true", help="exit 1 if any style's rewrite of any article has an error")
    args = parser.parse_args()
    figures = run(args.limit)
    print(json.dumps(figures, indent=2))
    bad = [s for s, f in figures.items() if f["errors"] or f["posts_over_280"]]
    if args.gate and bad:
        print(f"gate: styles with check errors: {', '.join(bad)}", file=sys.stderr)
        return 1
    if args.gate and args.limit is None:
        ceilings = json.loads(BASELINE.read_text(encoding="utf-8"))["maximums"]
        over = [
            f"styles.{style}.{name} {f[name]} > {ceilings[f'styles.{style}.{name}']}"
            for style, f in figures.items()
            for name in ("long_headlines", "dropped_attributions", "audit_mended", "audit_wrong_referents")
            if f"styles.{style}.{name}" in ceilings and f[name] > ceilings[f"styles.{style}.{name}"]
        ]
        for line in over:
            print(f"GATE FAILED: {line}", file=sys.stderr)
        return 1 if over else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
