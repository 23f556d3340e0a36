"""`retold rewrite`, a `retold batch` worker and `retold serve` go through one pipeline: for the same article,
style and format they print the same bytes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import httpx
import pytest

from cli_runner import run_cli
from retold.batch import Job, expand, run_batch
from retold.batch.work import process
from retold.serve import ServeConfig
from serve_harness import Pages, running

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "nato-ukraine.txt"
FORMATS = ("md", "json", "html", "text")
SERVER_ONLY = {"markdown", "article", "source", "run_id"}  # what the API adds for the web page


@pytest.fixture(scope="module")
def article(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("in")
    shutil.copy(EXAMPLE, folder / "nato.txt")
    return folder / "nato.txt"


@pytest.fixture(scope="module")
def page(article):
    """The article on a loopback web server: the one input all three front ends can be given."""
    site = Pages({"/nato.txt": (200, {"Content-Type": "text/plain; charset=utf-8"}, article.read_bytes())})
    yield site.url + "/nato.txt"
    site.close()


def _cli(where: str, style: str, fmt: str) -> bytes:
    done = run_cli(["rewrite", where, "--style", style, "--format", fmt, "--no-store", "--allow-private-urls"])
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout


def _batch(where: str, style: str, fmt: str, out: Path) -> bytes:
    job = Job(style=style, format=fmt, allow_private_urls=True)
    items = list(expand([where], allow_private_urls=True))
    summary = run_batch(
        job, items, out_dir=out, store=None, results=lambda todo: ((item, process(job, item)) for item in todo)
    )
    assert summary["done"] == 1, summary
    return (out / (items[0].name + job.suffix)).read_bytes()


@pytest.mark.parametrize("fmt", FORMATS)
def test_cli_and_a_batch_file_hold_the_same_bytes(article, tmp_path, fmt):
    cli = _cli(str(article), "brief", fmt)
    assert cli.strip()
    # the CLI ends what it prints with one newline (as every command does); the batch file holds it as rendered
    assert cli.rstrip(b"\n") == _batch(str(article), "brief", fmt, tmp_path).rstrip(b"\n")


@pytest.mark.parametrize("style", ["explainer", "brief"])
def test_cli_batch_and_server_print_the_same_bytes_for_one_url(page, tmp_path, style):
    cli = {fmt: _cli(page, style, fmt) for fmt in ("md", "json")}
    for fmt in ("md", "json"):
        assert cli[fmt].rstrip(b"\n") == _batch(page, style, fmt, tmp_path / fmt).rstrip(b"\n"), fmt

    with running(ServeConfig(allow_private_urls=True)) as base:
        body = httpx.post(base + "/api/rewrite", json={"url": page, "style": style}, timeout=120)
    assert body.status_code == 200, body.text
    answer = body.json()
    assert answer["markdown"].encode().rstrip(b"\n") == cli["md"].rstrip(b"\n")
    draft = {key: value for key, value in answer.items() if key not in SERVER_ONLY}
    assert json.dumps(draft, ensure_ascii=False, indent=2).encode() == cli["json"].rstrip(b"\n")
    # the self-check the server reports is the draft's own, as the CLI's JSON carries it (no second check)
    assert answer["report"] == json.loads(cli["json"])["report"]
