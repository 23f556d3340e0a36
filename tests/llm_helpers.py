"""Helpers for the LLM tests: a scripted server, settings that point at it, and the bundled article."""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # bench/ sits beside src/, outside the installed package
    sys.path.insert(0, str(ROOT))

from bench.llm_server import Reply, ScriptedLLM  # noqa: E402,F401

EXAMPLE = ROOT / "examples" / "nato-ukraine.txt"
DATA = ROOT / "tests" / "data" / "llm"


@lru_cache(maxsize=1)
def nato_facts():
    import retold

    return retold.analyze(retold.ingest(str(EXAMPLE)))


def answer(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def extra(server: ScriptedLLM, **more: object) -> tuple[tuple[str, str], ...]:
    """``Options.extra`` for the llm engine talking to ``server`` (no cache unless asked, fast retries)."""
    values = {"model": "scripted", "base_url": server.url, "cache": "false", "retries": "2", "timeout": "5"}
    values.update({k: str(v) for k, v in more.items()})
    return tuple(values.items())


def errors(report) -> list:
    return [f for f in report.findings if f.severity == "error"]


import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    """No user config, styles or store leak into an LLM test (imported by each LLM test module)."""
    monkeypatch.setenv("RETOLD_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.setenv("RETOLD_STYLES", str(tmp_path / "styles"))
    monkeypatch.setenv("RETOLD_DB", str(tmp_path / "store.sqlite3"))
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "RETOLD_API_KEY", "RETOLD_MODEL", "RETOLD_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
