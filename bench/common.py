"""Shared loading of the benchmark data bundled in bench/data/."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUMP_DIR = ROOT / "bench" / "data" / "bump"
EXAMPLE = ROOT / "examples" / "nato-ukraine.txt"


@lru_cache(maxsize=2)
def bump_pairs(task: int = 1) -> list[dict]:
    """BUMP (MIT, Ma et al. 2023): the human-labelled minimal pairs of one task."""
    return json.loads((BUMP_DIR / f"task{task}_dataset.json").read_text(encoding="utf-8"))


def bump_articles(task: int = 1) -> list[str]:
    """The distinct source articles of a BUMP task, in first-seen order."""
    seen: dict[str, None] = {}
    for pair in bump_pairs(task):
        seen.setdefault(pair["article"], None)
    return list(seen)


def fill_to(units: list[str], words: int, sep: str = "\n\n") -> tuple[str, int]:
    """At least ``words`` words of ``units`` (articles or paragraphs, in turn, cycling), joined by ``sep``, and
    the exact count: the long texts the speed, scaling and batch benchmarks time."""
    chosen, count, i = [], 0, 0
    while count < words:
        unit = units[i % len(units)]
        chosen.append(unit)
        count += len(unit.split())
        i += 1
    return sep.join(chosen), count
