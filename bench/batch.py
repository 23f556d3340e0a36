"""Many articles: `retold batch` throughput, time per article by length, memory per worker, cold starts.

    python bench/batch.py [--articles N] [--parts throughput,length,cold] [--pairs N] [--cli-sample N]
                          [--repeat N] [--json PATH] [--plot PATH]
    python bench/batch.py --cold-only [--repeat N] [--json PATH]

- throughput: `retold batch` (rewrite + its check) over the distinct BUMP articles (or the first
  --articles of them) with 1 and 2 worker processes, run in --pairs interleaved pairs (1 then 2 workers;
  the median of each), wall time of the whole command (start-up and model loads included), against one
  `retold rewrite` call per article (the median of --cli-sample calls, which also rewrites and checks);
- length: one worker's time for rewrite + check of texts of 1k to 50k words built from BUMP articles;
- memory: the peak resident set of a batch's workers (the largest of them), and of a worker for each length;
- cold start: the median wall (and CPU) time of --repeat runs of each command, as a user's shell starts it
  (--cold-only: this alone).

Every figure comes from one run on this machine; docs/benchmarks.md quotes them.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `bench` importable from the repository root
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import EXAMPLE, ROOT, bump_articles, fill_to

RETOLD = [sys.executable, "-m", "retold.cli"]
FAITHFUL = ROOT / "tests" / "data" / "rewrites" / "nato-faithful.md"
SIZES = (1_000, 5_000, 10_000, 25_000, 50_000)
# Runs a command and prints the peak resident set (kB) of its largest process, workers included, and the
# CPU seconds all its processes used.
_PEAK = (
    "import resource, subprocess, sys, time\n"
    "start = time.perf_counter()\n"
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode\n"
    "used = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(time.perf_counter() - start, used.ru_maxrss, code, used.ru_utime + used.ru_stime)\n"
)
_ONE_WORKER = """
import json, resource, sys, time
from retold.batch import Item, Job
from retold.batch.work import process, warm
job = Job()
warm(job)
text = open(sys.argv[1], encoding="utf-8").read()
start = time.perf_counter()
outcome = process(job, Item(name="long", origin=sys.argv[1], text=text))
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "ok": outcome.ok, "error": outcome.error,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _env() -> dict[str, str]:
    return {**os.environ, "NO_COLOR": "1", "RETOLD_DB": os.environ.get("RETOLD_DB", "")}


def timed_peak(argv: list[str]) -> tuple[float, float, int, float]:
    """Wall seconds, peak MB of the largest process, exit code and CPU seconds (all processes) of one command."""
    out = subprocess.run([sys.executable, "-c", _PEAK, *argv], capture_output=True, text=True, env=_env(), check=True)
    seconds, peak_kb, code, cpu = out.stdout.split()
    return float(seconds), int(peak_kb) / 1024, int(code), float(cpu)


def throughput(folder: Path, count: int, workers: int, scratch: Path) -> dict:
    out = scratch / f"out-{workers}"
    seconds, peak, code, cpu = timed_peak(
        [*RETOLD, "batch", str(folder), "--out", str(out), "--workers", str(workers), "--no-store", "--quiet"]
    )
    summary = json.loads((out / "_retold" / "summary.json").read_text())
    return {
        "workers": workers,
        "articles": count,
        "done": summary["done"],
        "failed": summary["failed"],
        "exit": code,
        "seconds": round(seconds, 2),
        "articles_per_s": round(summary["done"] / seconds, 3),
        "peak_worker_mb": round(peak, 1),
        # the cores the command got: about `workers` on an idle machine, less when others take them
        "cpu_s": round(cpu, 1),
        "cores_used": round(cpu / seconds, 2),
    }


def paired_throughput(folder: Path, count: int, pairs: int, scratch: Path) -> list[dict]:
    """1 then 2 workers, ``pairs`` times over (a change in the machine's load hits both alike); the median run of each."""
    runs: dict[int, list[dict]] = {1: [], 2: []}
    for _ in range(pairs):
        for workers in (1, 2):
            runs[workers].append(throughput(folder, count, workers, scratch))
    rows = []
    for done in runs.values():
        middle = sorted(done, key=lambda run: run["seconds"])[(len(done) - 1) // 2]
        rows.append({**middle, "runs": len(done), "all_seconds": [run["seconds"] for run in done]})
    return rows


def cli_per_article(files: list[Path], scratch: Path) -> dict:
    times = []
    for path in files:
        start = time.perf_counter()
        subprocess.run(
            [*RETOLD, "rewrite", str(path), "--no-store", "-o", str(scratch / "one.md")],
            capture_output=True,
            env=_env(),
            check=False,
        )
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    return {"calls": len(times), "median_s": round(median, 2), "articles_per_s": round(1 / median, 3)}


def long_texts(articles: list[str], sizes: tuple[int, ...]) -> list[tuple[int, str]]:
    return [fill_to(articles, size)[::-1] for size in sizes]


def by_length(articles: list[str], scratch: Path, sizes: tuple[int, ...]) -> list[dict]:
    rows = []
    for words, text in long_texts(articles, sizes):
        path = scratch / f"long-{words}.txt"
        path.write_text(text, encoding="utf-8")
        out = subprocess.run(
            [sys.executable, "-c", _ONE_WORKER, str(path)], capture_output=True, text=True, env=_env(), check=True
        )
        row = json.loads(out.stdout.strip().splitlines()[-1])
        rows.append(
            {
                "words": words,
                "seconds": round(row["seconds"], 2),
                "ms_per_100_words": round(row["seconds"] * 1e5 / words, 1),
                "peak_mb": round(row["peak_mb"], 1),
                "ok": row["ok"],
                "error": row["error"],
            }
        )
    return rows


def cold_starts(repeat: int, scratch: Path) -> list[dict]:
    # retold's bytecode first, as an installed wheel has it (and `make` writes it): under PYTHONDONTWRITEBYTECODE
    # every run would otherwise compile retold's modules from source again.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], capture_output=True, check=False)
    (scratch / "history.db").unlink(missing_ok=True)
    commands = {
        "retold --help": ["--help"],
        "retold styles": ["styles"],
        "retold history": ["history", "--db", str(scratch / "history.db")],
        "retold extract (plain text)": ["extract", str(EXAMPLE)],
        "retold check (bundled pair)": ["check", str(EXAMPLE), str(FAITHFUL), "--no-store"],
        "retold rewrite (bundled example)": ["rewrite", str(EXAMPLE), "--no-store"],
    }
    script = [
        sys.executable,
        "-c",
        "import sys; from retold.cli import main; sys.exit(main())",
    ]  # as the console script
    rows = []
    for label, args in commands.items():
        times, cpus = [], []
        for _ in range(repeat):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run([*script, *args], capture_output=True, env=_env(), check=False)
            times.append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        rows.append(
            {
                "command": label,
                "median_s": round(statistics.median(times), 3),
                "min_s": round(min(times), 3),
                "median_cpu_s": round(statistics.median(cpus), 3),
                "runs": repeat,
            }
        )
    return rows


def plot(result: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    rows = result["length"]
    left.plot([r["words"] for r in rows], [r["seconds"] for r in rows], "o-")
    left.set(
        xlabel="words in the article", ylabel="seconds (rewrite + check, one worker)", title="Time by article length"
    )
    left.grid(alpha=0.3)
    bars = {
        f"{t['workers']} worker{'s' if t['workers'] > 1 else ''}": t["articles_per_s"] for t in result["throughput"]
    }
    bars = {"one CLI call\nper article": result["cli"]["articles_per_s"], **bars}
    right.bar(list(bars), list(bars.values()), color=["#999999", "#4c72b0", "#55a868"][: len(bars)])
    right.set(ylabel="articles per second", title=f"BUMP articles ({result['throughput'][0]['articles']}), wall time")
    for x, value in enumerate(bars.values()):
        right.annotate(f"{value:.2f}", (x, value), ha="center", va="bottom")
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", "--limit", dest="limit", type=int, help="only the first N BUMP articles")
    parser.add_argument(
        "--parts",
        type=lambda v: set(v.split(",")),
        default={"throughput", "length", "cold"},
        help="which figures: throughput (with memory per worker), length, cold (default all three)",
    )
    parser.add_argument("--pairs", type=int, default=1, help="interleaved runs of 1 then 2 workers (default 1)")
    parser.add_argument("--cli-sample", type=int, default=5, help="articles timed as one CLI call each (default 5)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per command for cold starts (default 5)")
    parser.add_argument(
        "--sizes",
        type=lambda v: tuple(int(x) for x in v.split(",")),
        default=SIZES,
        help="article lengths in words (default 1000,5000,10000,25000,50000)",
    )
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--plot", type=Path, help="draw the figures here (PNG; needs matplotlib)")
    parser.add_argument("--cold-only", action="store_true", help="only the cold starts (about a minute)")
    args = parser.parse_args()
    if args.cold_only:
        with tempfile.TemporaryDirectory() as tmp:
            os.environ["RETOLD_DB"] = str(Path(tmp) / "unused.db")
            cold = {
                "machine": {"cpus": os.cpu_count(), "load_1min": os.getloadavg()[0]},
                "cold_start": cold_starts(args.repeat, Path(tmp)),
            }
        print(json.dumps(cold, indent=2))
        if args.json:
            args.json.write_text(json.dumps(cold, indent=2) + "\n")
        return 0
    articles = bump_articles(1)[: args.limit] if args.limit else bump_articles(1)
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        os.environ["RETOLD_DB"] = str(scratch / "unused.db")  # nothing lands in the user's store
        folder = scratch / "bump"
        folder.mkdir()
        files = []
        for number, text in enumerate(articles):
            files.append(folder / f"{number:03d}.txt")
            files[-1].write_text(text, encoding="utf-8")
        result: dict = {"machine": {"cpus": os.cpu_count(), "load_1min": os.getloadavg()[0]}}
        if "cold" in args.parts:
            result["cold_start"] = cold_starts(args.repeat, scratch)
        if "throughput" in args.parts:
            result["throughput"] = paired_throughput(folder, len(files), args.pairs, scratch)
            result["cli"] = cli_per_article(files[: args.cli_sample], scratch)
            one, two = result["throughput"]
            result["speedup_2_workers"] = round(two["articles_per_s"] / one["articles_per_s"], 2)
            result["speedup_vs_cli"] = round(two["articles_per_s"] / result["cli"]["articles_per_s"], 1)
        if "length" in args.parts:
            result["length"] = by_length(bump_articles(1), scratch, args.sizes)
        result["machine"]["load_1min_end"] = os.getloadavg()[0]
    print(json.dumps(result, indent=2))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n")
    if args.plot and "throughput" in result and "length" in result:
        plot(result, args.plot)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
