"""How time and memory grow with input length, and the quote-run case.

    python bench/scaling.py [--sizes 1000,2000,5000,10000,20000,50000] [--png docs/scaling.png] [--json PATH]
    python bench/scaling.py --patterns [--chars 16000,64000,256000]

For each size, a text of about that many words is built from whole paragraphs of the bundled BUMP
articles (real news prose, repeated as needed) and run in a fresh process: analyze, rewrite (builtin)
and check (the draft against the analysed source) are timed one after another, and the process's
peak resident memory is read at the end. ``growth`` is the exponent k of time ~ words^k between the
first and last size (1 is linear).

Repeated patterns (``--patterns``): a text that repeats one short block of a kind a hostile or odd input
holds many of (dates, figures, names, quotes, bullets) up to 16k, 64k and 256k characters, analysed,
rewritten and checked against itself (the article as its own rewrite: every sentence of it is checked).
Each stage's exponent k between the first and last size should stay at or under 1.15.

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
CHARS = (16_000, 64_000, 256_000)
GOAL_EXPONENT = 1.15
# One block per pattern, repeated whole: each holds a sentence of narration, so the rewrite has one to build on.
PATTERNS = {
    "dates": "The council met on 3 March 2024 and again on Tuesday, 5 April. The mayor spoke on 12 May 2023.\n\n",
    "figures": "Sales rose 12% to $1.5bn in 2023, up from 4,300 units, and the firm hired 250 people.\n\n",
    "names": "Andriy Sybiha met Gabrielius Landsbergis and Jens Stoltenberg in Brussels, where Mark Rutte spoke.\n\n",
    "quotes": "\u201cWe will not stop,\u201d she said. The minister spoke in Leeds on Monday, and \u201cit is over,\u201d he said.\n\n",
    "bullets": "The council listed its plans.\n\n- The plan costs 5 million pounds.\n- Work starts in March.\n- Lewis leads it.\n\n",
}


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


def pattern_text(pattern: str, chars: int) -> str:
    block = PATTERNS[pattern]
    return block * max(1, chars // len(block))


def measure_pattern(spec: str) -> dict:
    """One pattern at one size ("dates:64000"), in this process (a fresh child of :func:`main`)."""
    import retold
    from retold.analyze.nlp import load_nlp
    from retold.ingest import from_text

    pattern, chars = spec.split(":")
    load_nlp()
    text = pattern_text(pattern, int(chars))
    start = time.perf_counter()
    facts = retold.analyze(from_text(text, format="text"))
    analyzed = time.perf_counter()
    retold.rewrite(facts)
    rewritten = time.perf_counter()
    retold.check(facts, text)
    checked = time.perf_counter()
    return {
        "pattern": pattern,
        "chars": len(text),
        "analyze": analyzed - start,
        "rewrite": rewritten - analyzed,
        "check": checked - rewritten,
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def patterns_table(chars: list[int]) -> tuple[list[str], bool]:
    """The repeated-pattern table (Markdown lines) and whether every exponent is within the goal."""
    lines = [
        "| pattern | characters | analyze s | rewrite s | check s | peak RSS MiB |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    growth_lines, ok = [], True
    for pattern in PATTERNS:
        rows = [_child("measure_pattern", f"{pattern}:{n}") for n in chars]
        for r in rows:
            lines.append(
                f"| {pattern} | {r['chars']:,} | {r['analyze']:.2f} | {r['rewrite']:.2f} | {r['check']:.2f} "
                f"| {r['peak_rss_mib']:.0f} |"
            )
        ks = {
            key: math.log(rows[-1][key] / rows[0][key]) / math.log(rows[-1]["chars"] / rows[0]["chars"])
            for key in ("analyze", "rewrite", "check")
        }
        ok = ok and all(k <= GOAL_EXPONENT for k in ks.values())
        growth_lines.append(
            f"| {pattern} | " + " | ".join(f"{ks[key]:.2f}" for key in ("analyze", "rewrite", "check")) + " |"
        )
    lines += [
        "",
        f"| pattern | k analyze | k rewrite | k check |  (goal: each <= {GOAL_EXPONENT})",
        "|---|---:|---:|---:|",
    ]
    return lines + growth_lines, ok


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


def _child(call: str, value: int | str) -> dict:
    """Run ``call(value)`` of this module in a fresh interpreter: each figure starts from a clean process."""
    code = f"import json, sys; sys.path.insert(0, {str(ROOT)!r}); from bench import scaling; print(json.dumps(scaling.{call}({value!r})))"
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
    parser.add_argument(
        "--patterns", action="store_true", help="only the repeated-pattern table (exit 1 past the goal)"
    )
    parser.add_argument("--chars", default=",".join(map(str, CHARS)), help="text lengths for --patterns (characters)")
    args = parser.parse_args()
    if args.patterns:
        lines, ok = patterns_table([int(n) for n in args.chars.split(",")])
        print("\n".join(lines))
        return 0 if ok else 1

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
