"""How time and memory grow with input length, and the quote-run case.

    python bench/scaling.py [--sizes 1000,2000,5000,10000,20000,50000] [--png docs/scaling.png] [--json PATH]

For each size, a text of about that many words is built from whole paragraphs of the bundled BUMP
articles (real news prose, repeated as needed) and run in a fresh process: analyze, rewrite (builtin)
and check (the draft against the analysed source) are timed one after another, and the process's
peak resident memory is read at the end. ``growth`` is the exponent k of time ~ words^k between the
first and last size (1 is linear).

The quote-run case: a rewrite made of N quoted words (``"w0" "w1" …``, N/2 pairs of straight quotes)
checked against examples/nato-ukraine.txt, beside a normal check of the same source (the source as its
own rewrite). Its goal is to stay within 20x of the normal check.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `bench` importable from the repository root
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import EXAMPLE, ROOT, bump_articles, fill_to  # noqa: E402

SIZES = (1_000, 2_000, 5_000, 10_000, 20_000, 50_000)
QUOTES = (1_000, 2_000, 4_000)


def build_text(words: int) -> tuple[str, int]:
    """About ``words`` words of real news paragraphs, and the exact count."""
    paragraphs = []
    for text in bump_articles():  # many BUMP articles are one long line: four sentences to a paragraph
        sentences = re.split(r"(?<=[.!?])\s+", " ".join(text.split()))
        paragraphs.extend(" ".join(sentences[i : i + 4]) for i in range(0, len(sentences), 4))
    paragraphs = [p for p in paragraphs if len(p.split()) >= 8]
    return fill_to(paragraphs, words)


def measure_size(words: int) -> dict:
    """One size, in this process (called in a fresh child by :func:`main`)."""
    import retold
    from retold.analyze.nlp import load_nlp
    from retold.ingest import from_text
    from retold.render import draft_text

    load_nlp()
    text, count = build_text(words)
    article = from_text(text, format="text")
    start = time.perf_counter()
    facts = retold.analyze(article)
    analyzed = time.perf_counter()
    draft = retold.rewrite(facts)
    rewritten = time.perf_counter()
    retold.check(facts, draft_text(draft))
    checked = time.perf_counter()
    return {
        "words": count,
        "analyze": analyzed - start,
        "rewrite": rewritten - analyzed,
        "check": checked - rewritten,
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def quote_run(quotes: int) -> dict:
    """The check of a rewrite of ``quotes`` straight quote marks against the example, beside a normal check."""
    import retold

    source = EXAMPLE.read_text(encoding="utf-8")
    retold.check(source, "NATO met.")  # load the model and analyse the source once, outside the timings
    start = time.perf_counter()
    retold.check(source, source)
    normal = time.perf_counter() - start
    rewrite = " ".join(f'"w{i}"' for i in range(quotes // 2))
    start = time.perf_counter()
    retold.check(source, rewrite)
    quoted = time.perf_counter() - start
    return {"quotes": quotes, "chars": len(rewrite), "normal": normal, "quote_run": quoted, "ratio": quoted / normal}


def _child(call: str, value: int) -> dict:
    """Run ``call(value)`` of this module in a fresh interpreter: each figure starts from a clean process."""
    code = f"import json, sys; sys.path.insert(0, {str(ROOT)!r}); from bench import scaling; print(json.dumps(scaling.{call}({value})))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(done.stdout.strip().splitlines()[-1])


def growth(rows: list[dict], key: str) -> float:
    first, last = rows[0], rows[-1]
    return _exponent(first, last, key)


def _exponent(a: dict, b: dict, key: str) -> float:
    return math.log(b[key] / a[key]) / math.log(b["words"] / a["words"])


def step_growth(rows: list[dict], key: str) -> list[float]:
    """The exponent between each pair of neighbouring sizes: where growth turns super-linear."""
    return [_exponent(a, b, key) for a, b in zip(rows, rows[1:])]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="word counts (comma-separated)")
    parser.add_argument("--quotes", default=",".join(map(str, QUOTES)), help="quote counts for the quote-run case")
    parser.add_argument("--png", type=Path, help="write a log-log plot of seconds per stage against words")
    parser.add_argument("--json", type=Path, help="write the figures as JSON")
    args = parser.parse_args()

    rows = [_child("measure_size", int(n)) for n in args.sizes.split(",")]
    print("| words | analyze s | rewrite s | check s | total s | peak RSS MiB |")
    print("|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        total = r["analyze"] + r["rewrite"] + r["check"]
        print(
            f"| {r['words']:,} | {r['analyze']:.2f} | {r['rewrite']:.3f} | {r['check']:.2f} | {total:.2f} "
            f"| {r['peak_rss_mib']:.0f} |"
        )
    if len(rows) > 1:
        exponents = ", ".join(f"{key} {growth(rows, key):.2f}" for key in ("analyze", "rewrite", "check"))
        print(f"\ngrowth exponent k (time ~ words^k, first to last size): {exponents}")
        for key in ("analyze", "rewrite", "check"):
            steps = ", ".join(f"{k:.2f}" for k in step_growth(rows, key))
            print(f"  {key}, size to size: {steps}")

    quotes = [_child("quote_run", int(n)) for n in args.quotes.split(",")]
    print("\n| quote marks | rewrite chars | normal check s | quote-run check s | ratio |")
    print("|---:|---:|---:|---:|---:|")
    for q in quotes:
        print(f"| {q['quotes']:,} | {q['chars']:,} | {q['normal']:.2f} | {q['quote_run']:.2f} | {q['ratio']:.1f}x |")

    if args.png:
        from bench.plot import loglog_plot

        series = {key: [(r["words"], max(r[key], 1e-4)) for r in rows] for key in ("analyze", "rewrite", "check")}
        args.png.write_bytes(loglog_plot(series))
        print(f"\nplot: {args.png} (blue analyze, orange rewrite, green check)")
    if args.json:
        args.json.write_text(json.dumps({"sizes": rows, "quote_run": quotes}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
