"""The `retold` command as a user runs it: output, JSON contract, exit codes, bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "nato-ukraine.txt"

FAITHFUL = (
    "Ukraine's foreign minister Andriy Sybiha met his Lithuanian counterpart Gabrielius Landsbergis in Brussels.\n"
    "In September 2022 Kyiv submitted an application to join the alliance.\n"
)
PLANTED = (
    "Ukraine's foreign minister Andriy Sybiha met his Latvian counterpart Gabrielius Landsbergis in Brussels.\n"
    "In September 2021 Kyiv submitted an application to join the alliance.\n"
    "Subscribe to our newsletter for more updates!\n"
)


def retold(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed console script's module the way a user's shell would."""
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100"}
    return subprocess.run(
        [sys.executable, "-m", "retold.cli", *args],
        input=stdin.decode() if stdin is not None else None,
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
    )


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def assert_one_line_error(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("retold: error:")
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


# --------------------------------------------------------------------------- happy paths


def test_help_shows_every_command_and_an_example() -> None:
    result = retold("--help")
    assert result.returncode == 0
    for command in ("rewrite", "check", "facts", "extract", "styles"):
        assert command in result.stdout
    assert "retold rewrite examples/nato-ukraine.txt" in result.stdout


def test_extract_removes_related_news_and_lists_it() -> None:
    result = retold("extract", str(EXAMPLE), "--format", "json")
    assert result.returncode == 0, result.stderr
    article = json.loads(result.stdout)
    assert "Read more related news" not in article["text"]
    assert "dire threat" not in article["text"]
    removed = " ".join(block["text"] for block in article["removed"])
    assert "Read more related news" in removed and "dire threat" in removed
    assert article["text"].startswith("Minister of Foreign Affairs of Ukraine Andriy Sybiha")


def test_facts_json_lists_people_and_quotes() -> None:
    result = retold("facts", str(EXAMPLE), "--format", "json")
    assert result.returncode == 0, result.stderr
    facts = json.loads(result.stdout)
    names = {entity["name"] for entity in facts["entities"] if entity["label"] == "PERSON"}
    assert any("Rutte" in name for name in names)
    assert any("Sybiha" in name for name in names)
    text = facts["article"]["text"]
    for sentence in facts["sentences"]:
        assert text[sentence["start"] : sentence["end"]] == sentence["text"]
    assert any("Rutte" in (quote["speaker"] or "") for quote in facts["quotes"])


def test_facts_text_is_a_table() -> None:
    result = retold("facts", str(EXAMPLE))
    assert result.returncode == 0, result.stderr
    assert "Entities" in result.stdout and "Quotes" in result.stdout
    assert "\x1b[" not in result.stdout  # no colour codes when piped


def test_rewrite_markdown_passes_its_own_check(tmp_path: Path) -> None:
    out = tmp_path / "explainer.md"
    result = retold("rewrite", str(EXAMPLE), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert "self-check: 0 errors" in result.stderr
    markdown = out.read_text(encoding="utf-8")
    assert "## Why it matters" in markdown or "## Driving the news" in markdown
    assert "Rutte" in markdown
    # the explainer it printed passes `retold check` against the same source
    checked = retold("check", str(EXAMPLE), str(out), "--format", "json")
    assert checked.returncode == 0, checked.stdout
    assert json.loads(checked.stdout)["verdict"] == "pass"


def test_rewrite_json_items_cite_source_sentences() -> None:
    result = retold("rewrite", str(EXAMPLE), "--format", "json")
    assert result.returncode == 0, result.stderr
    draft = json.loads(result.stdout)
    assert draft["sections"], draft
    for section in draft["sections"]:
        for item in section["items"]:
            assert item["sources"], item


def test_check_json_contract_and_exit_code(tmp_path: Path) -> None:
    rewrite_path = write(tmp_path, "rewrite.md", PLANTED)
    result = retold("check", str(EXAMPLE), str(rewrite_path), "--format", "json")
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert set(report) >= {"verdict", "summary", "findings"}
    assert report["verdict"] == "fail"
    kinds = {finding["kind"] for finding in report["findings"] if finding["severity"] == "error"}
    assert {"entity", "date", "boilerplate"} <= kinds, report["findings"]
    for finding in report["findings"]:
        assert set(finding) == {"kind", "severity", "start", "end", "text", "message", "evidence", "evidence_relation"}
        assert PLANTED[finding["start"] : finding["end"]] == finding["text"]
    source = retold("extract", str(EXAMPLE), "--format", "json")
    source_text = json.loads(source.stdout)["text"]
    date_finding = next(f for f in report["findings"] if f["kind"] == "date")
    assert date_finding["evidence"], date_finding
    for evidence in date_finding["evidence"]:
        assert source_text[evidence["start"] : evidence["end"]] == evidence["text"]


def test_check_faithful_rewrite_passes(tmp_path: Path) -> None:
    rewrite_path = write(tmp_path, "rewrite.md", FAITHFUL)
    result = retold("check", str(EXAMPLE), str(rewrite_path))
    assert result.returncode == 0, result.stdout
    assert "pass" in result.stdout.lower()


def test_check_reads_rewrite_from_stdin_and_fail_on_never() -> None:
    result = retold("check", str(EXAMPLE), "-", "--fail-on", "never", "--format", "json", stdin=PLANTED.encode())
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["verdict"] == "fail"


# --------------------------------------------------------------------------- bad input


def test_missing_file(tmp_path: Path) -> None:
    assert_one_line_error(retold("extract", str(tmp_path / "nope.txt")))


def test_empty_file(tmp_path: Path) -> None:
    assert_one_line_error(retold("facts", str(write(tmp_path, "empty.txt", "  \n"))))


def test_binary_file(tmp_path: Path) -> None:
    assert_one_line_error(retold("rewrite", str(write(tmp_path, "blob.bin", bytes(range(256)) * 8))))


def test_oversized_file(tmp_path: Path) -> None:
    path = write(tmp_path, "big.txt", EXAMPLE.read_text(encoding="utf-8"))
    result = retold("extract", str(path), "--max-bytes", "100")
    assert_one_line_error(result)
    assert "--max-bytes" in result.stderr


def test_bad_usage_is_one_line() -> None:
    result = retold("check", str(EXAMPLE))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_failed_run_leaves_no_output_file(tmp_path: Path) -> None:
    out = tmp_path / "out.md"
    result = retold("rewrite", str(tmp_path / "missing.txt"), "-o", str(out))
    assert result.returncode == 2
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


@pytest.fixture
def site(tmp_path: Path):
    """A real HTTP server on 127.0.0.1 serving tmp_path."""
    handler = partial(SimpleHTTPRequestHandler, directory=str(tmp_path))
    handler.log_message = lambda *a, **k: None  # type: ignore[method-assign]
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield tmp_path, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_url_article_and_404(site) -> None:
    root, base = site
    body = "".join(f"<p>{line}</p>" for line in EXAMPLE.read_text(encoding="utf-8").splitlines())
    page = (
        "<html><head><title>NATO sidesteps Ukraine membership call</title>"
        '<meta name="author" content="Jane Doe"><meta property="article:published_time" content="2024-12-03">'
        f"</head><body><article><h1>NATO sidesteps Ukraine membership call</h1>{body}</article></body></html>"
    )
    write(root, "story.html", page)
    result = retold("extract", f"{base}/story.html", "--format", "json", "--allow-private-urls")
    assert result.returncode == 0, result.stderr
    article = json.loads(result.stdout)
    assert article["title"] == "NATO sidesteps Ukraine membership call"
    assert article["published"] == "2024-12-03"
    assert "Rutte" in article["text"]
    missing = retold("extract", f"{base}/gone.html", "--allow-private-urls")
    assert_one_line_error(missing)
    assert "404" in missing.stderr


def test_html_outputs_are_whole_documents(tmp_path: Path) -> None:
    rewrite_path = write(tmp_path, "rewrite.md", PLANTED)
    report = retold("check", str(EXAMPLE), str(rewrite_path), "--format", "html")
    explainer = retold("rewrite", str(EXAMPLE), "--format", "html")
    assert report.returncode == 1 and explainer.returncode == 0, (report.stderr, explainer.stderr)
    for page in (report.stdout, explainer.stdout):
        assert page.startswith("<!doctype html>")
        assert '<meta charset="utf-8">' in page
    assert "Latvian" in report.stdout and "<mark" in report.stdout
