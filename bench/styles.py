"""Every style with the builtin engine on the bundled article and every BUMP task-1 article: 0 check errors.

    python bench/styles.py [--limit N] [--gate]
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

import retold  # noqa: E402
from retold.ingest import from_text  # noqa: E402
from retold.render import draft_text  # noqa: E402

STYLES = ("explainer", "brief", "summary", "thread", "newsletter")


def run(limit: int | None) -> dict:
    texts = [EXAMPLE.read_text(encoding="utf-8"), *bump_articles(1)][: limit or None]
    figures: dict[str, dict] = {}
    sheets = [retold.analyze(from_text(text)) for text in texts]
    for style in STYLES:
        errors, failing, seconds, long_posts, empty = 0, [], [], 0, 0
        for index, facts in enumerate(sheets):
            started = time.perf_counter()
            draft = retold.rewrite(facts, style=style)
            report = retold.check(facts, draft_text(draft))
            seconds.append(time.perf_counter() - started)
            found = [f for f in report.findings if f.severity == "error"]
            errors += len(found)
            if found:
                failing.append({"article": index, "errors": [f"{f.kind}: {f.text}" for f in found]})
            long_posts += sum(1 for s in draft.sections for i in s.items if style == "thread" and len(i.text) > 280)
            empty += not draft.sections
        figures[style] = {
            "articles": len(sheets), "with_errors": len(failing), "errors": errors, "empty_drafts": empty,
            "posts_over_280": long_posts, "median_seconds": round(statistics.median(seconds), 3), "failing": failing,
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
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
