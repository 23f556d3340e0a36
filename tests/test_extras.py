"""Without an optional extra, the part that needs it says in one line what to install (exit 2, no traceback).

Each case runs `retold` in a fresh interpreter whose imports of the extra's packages fail, as they do where
the extra was never installed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "nato-ukraine.txt"

WITHOUT = """
import json, sys
blocked = set(json.loads(sys.argv[1]))

class NotInstalled:
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in blocked:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None

sys.meta_path.insert(0, NotInstalled())
from retold.cli import main
sys.exit(main(sys.argv[2:]))
"""


def retold_without(modules: list[str], *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", WITHOUT, json.dumps(modules), *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
    )


@pytest.mark.parametrize(
    ("blocked", "args", "message"),
    [
        (["fastapi"], ["serve", "--no-store"], "retold: error: `retold serve` needs `pip install 'retold[serve]'`"),
        (["uvicorn"], ["serve", "--no-store"], "retold: error: `retold serve` needs `pip install 'retold[serve]'`"),
        (
            ["openai"],
            [
                "rewrite",
                str(EXAMPLE),
                "--engine",
                "llm",
                "--model",
                "m",
                "--base-url",
                "http://127.0.0.1:9/v1",
                "--no-store",
            ],
            "retold: error: `--engine llm` (or `--judge llm`) needs `pip install 'retold[llm]'`",
        ),
    ],
    ids=["serve-fastapi", "serve-uvicorn", "llm-engine"],
)
def test_a_missing_extra_is_one_line_and_exit_2(blocked, args, message):
    done = retold_without(blocked, *args)
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip().splitlines()[-1] == message
    assert "Traceback" not in done.stderr


def test_a_feed_without_feedparser_names_the_feeds_extra(tmp_path):
    feed = tmp_path / "news.rss"
    feed.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>N</title></channel></rss>')
    done = retold_without(["feedparser"], "batch", str(feed), "--out", str(tmp_path / "out"), "--no-store")
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip().splitlines()[-1] == (
        "retold: error: reading RSS and Atom feeds needs `pip install 'retold[feeds]'`"
    )


def test_rewrite_and_check_need_no_extra():
    blocked = ["openai", "fastapi", "starlette", "uvicorn", "jinja2", "feedparser", "ray"]
    done = retold_without(blocked, "rewrite", str(EXAMPLE), "--no-store")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("# ")
    draft = ROOT / "tests" / "data" / "rewrites" / "nato-faithful.md"
    done = retold_without(blocked, "check", str(EXAMPLE), str(draft), "--no-store", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["verdict"] == "pass"
