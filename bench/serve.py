"""Load on `retold serve` over loopback: concurrent check requests, latency, throughput and memory.

    python bench/serve.py [--seconds 30] [--concurrency 50] [--requests 1000] [--json PATH]

Starts `retold serve` as its own process on a free port of 127.0.0.1, then
1. load: ``--concurrency`` clients post `POST /api/check` back to back for ``--seconds``
   (the bundled article and four rewrites of it in turn: one with planted errors, three faithful
   cuts), counting errors (any status but 200) and timing each request;
2. memory: ``--requests`` more checks (8 clients), reading the server's resident memory (VmRSS)
   every quarter, to show whether it grows.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = (ROOT / "examples" / "nato-ukraine.txt").read_text("utf-8")
PLANTED = (
    "Ukraine's foreign minister Andriy Sybiha met his Latvian counterpart Gabrielius Landsbergis in Brussels.\n"
    "In September 2021 Kyiv submitted an application to join the alliance.\n"
    'Rutte said NATO "will never admit Ukraine".\n'
    "Subscribe to our newsletter for more updates!\n"
)


def rewrites() -> list[str]:
    """The planted rewrite and three faithful cuts of the article (its first 3, 6 and 9 lines)."""
    lines = [line for line in ARTICLE.splitlines() if line.strip()]
    return [PLANTED] + ["\n".join(lines[:n]) + "\n" for n in (3, 6, 9)]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def start_server(port: int) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k != "RETOLD_TOKEN"}
    retold = Path(sys.executable).with_name("retold")
    proc = subprocess.Popen(
        [str(retold), "serve", "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        if proc.poll() is not None:
            raise RuntimeError(f"retold serve exited with {proc.returncode}")
        time.sleep(0.2)
    proc.kill()
    raise RuntimeError("retold serve did not start within 120 s")


async def clients(base: str, concurrency: int, *, seconds: float | None = None, total: int | None = None):
    """Run ``concurrency`` clients until ``seconds`` pass or ``total`` requests are done."""
    bodies = [{"source": ARTICLE, "rewrite": r} for r in rewrites()]
    latencies: list[float] = []
    errors: dict[str, int] = {}
    sent = 0
    stop = time.monotonic() + seconds if seconds else None
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)

    async with httpx.AsyncClient(base_url=base, timeout=120, limits=limits) as client:

        async def one_client() -> None:
            nonlocal sent
            while True:
                if stop is not None and time.monotonic() >= stop:
                    return
                if total is not None and sent >= total:
                    return
                body = bodies[sent % len(bodies)]
                sent += 1
                began = time.perf_counter()
                try:
                    response = await client.post("/api/check", json=body)
                    key = None if response.status_code == 200 else str(response.status_code)
                except httpx.HTTPError as exc:
                    key = type(exc).__name__
                latencies.append(time.perf_counter() - began)
                if key:
                    errors[key] = errors.get(key, 0) + 1

        began = time.perf_counter()
        await asyncio.gather(*(one_client() for _ in range(concurrency)))
        elapsed = time.perf_counter() - began
    return latencies, errors, elapsed


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--requests", type=int, default=1000, help="requests of the memory phase")
    parser.add_argument("--json", metavar="PATH", help="also write the figures as JSON")
    args = parser.parse_args(argv)

    port = free_port()
    proc = start_server(port)
    base = f"http://127.0.0.1:{port}"
    try:
        asyncio.run(clients(base, 4, total=20))  # every rewrite seen once: the start is not measured
        rss_start = rss_mib(proc.pid)
        latencies, errors, elapsed = asyncio.run(clients(base, args.concurrency, seconds=args.seconds))
        rss_after_load = rss_mib(proc.pid)
        samples = []
        quarter = max(1, args.requests // 4)
        memory_errors: dict[str, int] = {}
        for _ in range(4):
            _, errs, _ = asyncio.run(clients(base, 8, total=quarter))
            for key, n in errs.items():
                memory_errors[key] = memory_errors.get(key, 0) + n
            samples.append(round(rss_mib(proc.pid), 1))
    finally:
        proc.terminate()
        proc.wait(timeout=30)

    figures = {
        "concurrency": args.concurrency,
        "seconds": round(elapsed, 1),
        "requests": len(latencies),
        "errors": sum(errors.values()),
        "errors_by_kind": errors,
        "requests_per_second": round(len(latencies) / elapsed, 2),
        "p50_seconds": round(statistics.median(latencies), 3),
        "p95_seconds": round(percentile(latencies, 0.95), 3),
        "max_seconds": round(max(latencies), 3),
        "rss_mib_start": round(rss_start, 1),
        "rss_mib_after_load": round(rss_after_load, 1),
        "memory_phase_requests": quarter * 4,
        "memory_phase_errors": sum(memory_errors.values()),
        "rss_mib_per_quarter": samples,
        "rss_growth_mib_last_three_quarters": round(samples[-1] - samples[0], 1),
    }
    for key, value in figures.items():
        print(f"{key:36} {value}")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n")
    return 0 if figures["errors"] == 0 and figures["memory_phase_errors"] == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
