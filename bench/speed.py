"""Speed of each stage on this machine, over the bundled BUMP articles.

    python bench/speed.py [--limit N] [--pairs N] [--scaling] [--json PATH]

Reports the median seconds per article of each stage, builtin-rewrite seconds per 600 words,
check pairs/s on BUMP (cold: a new source every pair, as one-off `retold check` runs meet;
warm: several rewrites per source, as BUMP orders them; in one process and one per core), peak memory, and with --scaling how analyze + rewrite +
check grow from 1k to 50k words.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `bench` importable from the repository root
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rich.console import Console
from rich.table import Table

import retold
from bench.common import EXAMPLE, bump_articles, bump_pairs, fill_to
from retold.analyze.nlp import load_nlp
from retold.ingest import from_text
from retold.render import draft_text, render


def _timed(fn, *args, **kwargs):
    start = time.perf_counter()
    value = fn(*args, **kwargs)
    return value, time.perf_counter() - start


def stage_times(texts: list[str]) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {
        k: [] for k in ("ingest", "analyze", "rewrite", "render", "check", "rewrite_per_600w")
    }
    for text in texts:
        article, t_ingest = _timed(from_text, text)
        facts, t_analyze = _timed(retold.analyze, article)
        draft, t_rewrite = _timed(retold.rewrite, facts)
        markdown, t_render = _timed(render, draft, "md")
        _, t_check = _timed(retold.check, facts, draft_text(draft))
        words = max(1, len(text.split()))
        for key, value in (
            ("ingest", t_ingest),
            ("analyze", t_analyze),
            ("rewrite", t_rewrite),
            ("render", t_render),
            ("check", t_check),
            ("rewrite_per_600w", t_rewrite * 600 / words),
        ):
            times[key].append(value)
    return times


def _check_pair(pair: tuple[str, str]) -> float:
    return retold.check(pair[0], pair[1]).score


def _warm() -> None:
    load_nlp()


def pairs_per_second(pairs: list[tuple[str, str]], workers: int) -> float:
    if workers == 1:
        start = time.perf_counter()
        for pair in pairs:
            _check_pair(pair)
        return len(pairs) / (time.perf_counter() - start)
    with ProcessPoolExecutor(max_workers=workers, initializer=_warm) as pool:
        list(pool.map(_warm_noop, range(workers)))  # let every worker load the model first
        start = time.perf_counter()
        list(pool.map(_check_pair, pairs, chunksize=4))
        return len(pairs) / (time.perf_counter() - start)


def _warm_noop(_: int) -> None:
    return None


def scaling(base: list[str], sizes: tuple[int, ...]) -> list[dict]:
    """Time analyze + rewrite + check on texts of growing length built from real articles."""
    paragraphs = [p for text in base for p in text.split("\n") if p.strip()]
    rows = []
    for size in sizes:
        text, words = fill_to(paragraphs, size, "\n")
        start = time.perf_counter()
        facts = retold.analyze(from_text(text, format="text"))
        draft = retold.rewrite(facts)
        retold.check(facts, draft_text(draft))
        rows.append({"words": words, "seconds": time.perf_counter() - start})
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=100, help="articles for the stage timings (default 100)")
    parser.add_argument("--pairs", type=int, default=200, help="BUMP pairs for the check throughput (default 200)")
    parser.add_argument("--scaling", action="store_true", help="also time 1k, 5k, 10k and 50k-word inputs")
    parser.add_argument("--json", metavar="PATH", help="write the figures as JSON")
    args = parser.parse_args()

    console = Console()
    _, load_seconds = _timed(load_nlp)
    texts = [EXAMPLE.read_text(encoding="utf-8"), *bump_articles(1)][: args.limit]
    times = stage_times(texts)
    # Cold: one pair per article, so every source is analysed (check() caches recent sources).
    # Warm: BUMP's pairs in order, several rewrites per article, as a batch of rewrites of one story runs.
    firsts: dict[str, str] = {}
    for p in bump_pairs(1):
        firsts.setdefault(p["article"], p["edited_summary"])
    cold = list(firsts.items())[: args.pairs]
    warm = [(p["article"], p["edited_summary"]) for p in bump_pairs(1)[: args.pairs]]
    cores = os.cpu_count() or 1
    rates = {}
    for label, pairs in (("cold", cold), ("warm", warm)):
        rates[f"{label}, 1 process, {len(pairs)} pairs"] = pairs_per_second(pairs, 1)
        if cores > 1:
            rates[f"{label}, {cores} processes, {len(pairs)} pairs"] = pairs_per_second(pairs, cores)
    result = {
        "articles": len(texts),
        "median_words": statistics.median(len(t.split()) for t in texts),
        "model_load_seconds": load_seconds,
        "median_seconds": {k: statistics.median(v) for k, v in times.items()},
        "check_pairs_per_second": rates,
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    if args.scaling:
        result["scaling"] = scaling(texts, (1_000, 5_000, 10_000, 50_000))

    table = Table(title=f"Stage speed, median over {len(texts)} articles (median {result['median_words']:.0f} words)")
    table.add_column("stage")
    table.add_column("seconds / article", justify="right")
    for key, value in result["median_seconds"].items():
        table.add_row(key.replace("_", " "), f"{value:.4f}")
    console.print(table)
    for label, value in result["check_pairs_per_second"].items():
        console.print(f"check pairs/s ({label}): {value:.1f}")
    console.print(f"model load: {load_seconds:.2f} s; peak RSS: {result['peak_rss_mib']:.0f} MiB")
    for row in result.get("scaling", []):
        console.print(f"{row['words']:>6} words: {row['seconds']:.2f} s (analyze + rewrite + check)")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
