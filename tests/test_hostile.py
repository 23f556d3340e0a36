"""Every command against hostile inputs, run as a user would: each case in a process of its own (a fork of
this one by default, a fresh interpreter with RETOLD_TEST_PROFILE=ci; see ``cli_runner``).

A refused input exits 2 with one line on stderr (``retold: error: …``), no traceback, nothing on stdout
and nothing left where ``-o`` pointed. An input that is odd but can be read exits 0 (or 1 for a batch that
skipped an article) and its output says what the case expects. docs/bad-input.md lists the promises.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

from cli_runner import FRESH, run_cli
from test_fetch import Handler

EXAMPLE = Path(__file__).parent.parent / "examples" / "nato-ukraine.txt"
ARTICLE = EXAMPLE.read_text(encoding="utf-8")
SHORT = (
    "The city council of Leeds approved a budget of 12 million pounds for new bus lanes on Monday.\n\n"
    "Council leader James Lewis said the work would start in March and take two years.\n"
)
LIVE_HTML = (
    "<html><head><title>A page about &lt;script&gt; tags</title></head><body><article>"
    "<h1>Security researchers warn about &lt;script&gt; tags</h1>"
    "<p>Security researchers in Leeds said on Monday that a comment reading "
    "&lt;script&gt;alert(1)&lt;/script&gt; had been posted on the council's website, and that another, "
    "&lt;img src=x onerror=alert(2)&gt;, had followed it an hour later.</p>"
    "<p>Council leader James Lewis said the comments were removed within a day and that no resident's "
    "data had been exposed, according to a statement released by the city on Tuesday.</p>"
    "<p>The council will pay 40,000 pounds for an audit of its website before the end of the year, "
    "the statement said, and residents will be told of the results at a meeting in March.</p>"
    "</article></body></html>"
)
MARKUP = (
    "Acme chief executive [bold red]dangerous[/bold red] Jane Smith said on Monday that the company "
    "[link=https://evil.example]Acme[/link] would cut 200 jobs in Leeds by March [/x] next year.\n\n"
    "The union said it would fight the cuts, and a spokesman for Acme declined to comment on Tuesday.\n"
)
ZERO_WIDTH = ARTICLE.replace(" ", " \u200b")
NAME_243 = "n" * 240 + ".md"  # 243 bytes: the longest names fit, and so must their temporary file


@dataclass
class Case:
    name: str
    args: list[str]  # "{dir}" is the case's own directory, "{url}" the local server
    files: dict[str, bytes] = field(default_factory=dict)
    stdin: bytes | None = b""  # None: stdin closed
    code: int = 2
    says: str = ""  # a phrase the stderr line holds (refused) or the output holds (read)
    check: Callable[[subprocess.CompletedProcess[bytes], Path], None] | None = None
    setup: Callable[[Path], None] | None = None
    env: dict[str, str] = field(default_factory=dict)


def bad(name: str, args: list[str], says: str, **kwargs) -> Case:
    return Case(name, args, says=says, **kwargs)


def good(name: str, args: list[str], says: str = "", code: int = 0, **kwargs) -> Case:
    return Case(name, args, says=says, code=code, **kwargs)


TEXT = {"a.txt": SHORT.encode()}
OUT = ["-o", "{dir}/out/result.md"]
NO_STORE = ["--no-store"]


def _no_live_markup(done: subprocess.CompletedProcess[bytes], where: Path) -> None:
    out = done.stdout.decode()
    assert "alert(1)" in out and "<script" not in out.lower() and "<img" not in out.lower(), out


def _literal_markup(done: subprocess.CompletedProcess[bytes], where: Path) -> None:
    out = done.stdout.decode()
    assert "[bold red]dangerous[/bold red]" in out and "[link=https://evil.example]Acme[/link]" in out, out
    assert "\x1b]8;" not in out  # no terminal hyperlink


def _offsets_right(done: subprocess.CompletedProcess[bytes], where: Path) -> None:
    facts = json.loads(done.stdout)
    text = facts["article"]["text"]
    assert "\u200b" not in text and "Mark Rutte" in text
    mentions = [m for e in facts["entities"] for m in e["mentions"]]
    assert mentions and all(text[m["start"] : m["end"]] == m["text"] for m in mentions)
    assert all(text[s["start"] : s["end"]].strip() for s in facts["sentences"])


def _output_written(done: subprocess.CompletedProcess[bytes], where: Path) -> None:
    assert "Leeds" in (where / "out" / NAME_243).read_text()
    assert sorted(p.name for p in (where / "out").iterdir()) == [NAME_243]


def _each_bad_record_skipped(done: subprocess.CompletedProcess[bytes], where: Path) -> None:
    summary = json.loads((where / "out" / "_retold" / "summary.json").read_text())
    reasons = {f["name"]: f["reason"] for f in summary["failures"]}
    assert summary["done"] == 3 and summary["failed"] == 2, summary
    assert (where / "out" / ("l" * 236 + ".md")).exists()  # a valid long name is written, not refused
    assert any("nested too deeply" in r for r in reasons.values()), reasons
    assert any("too long" in r for r in reasons.values()), reasons


def _deep_jsonl() -> bytes:
    return (json.dumps({"id": "ok", "text": SHORT}) + "\n" + "[" * 100_000 + "]" * 100_000 + "\n").encode()


def _huge_cell_csv() -> bytes:
    return ('id,text\nbig,"' + "word " * 30_000 + '"\nfine,"' + SHORT.replace("\n", " ") + '"\n').encode()


def _corrupt_store(where: Path) -> None:
    (where / "bad.db").write_bytes(b"this is not a database" * 100)


def _style_dir(where: Path) -> None:
    (where / "styles").mkdir()
    (where / "styles" / "odd.toml").write_bytes(b'name = "odd"\ndescription = "caf\xe9"\n')


CASES = [
    # markup in article text is printed literally, never run
    good(
        "extract md escapes live HTML",
        ["extract", "{dir}/p.html", "--format", "md"],
        files={"p.html": LIVE_HTML.encode()},
        check=_no_live_markup,
    ),
    good(
        "facts prints markup literally",
        ["facts", "{dir}/m.txt"],
        files={"m.txt": MARKUP.encode()},
        check=_literal_markup,
    ),
    # invisible characters
    good(
        "zero-width space after every space",
        ["rewrite", "{dir}/z.txt", *NO_STORE],
        "NATO",
        files={"z.txt": ZERO_WIDTH.encode()},
    ),
    good(
        "zero-width offsets",
        ["facts", "{dir}/z.txt", "--format", "json"],
        files={"z.txt": ZERO_WIDTH.encode()},
        check=_offsets_right,
    ),
    # numbers at the limits of options
    bad("llm-timeout nan", ["rewrite", "{dir}/a.txt", "--llm-timeout", "nan", *NO_STORE], "--llm-timeout", files=TEXT),
    bad("llm-timeout inf", ["rewrite", "{dir}/a.txt", "--llm-timeout", "inf", *NO_STORE], "--llm-timeout", files=TEXT),
    bad(
        "llm-timeout negative",
        ["check", "{dir}/a.txt", "{dir}/a.txt", "--llm-timeout=-1", *NO_STORE],
        "--llm-timeout",
        files=TEXT,
    ),
    bad("repair negative", ["rewrite", "{dir}/a.txt", "--repair=-1", *NO_STORE], "--repair", files=TEXT),
    bad("repair huge", ["rewrite", "{dir}/a.txt", "--repair", str(2**63), *NO_STORE], "--repair", files=TEXT),
    bad("show id 2^63", ["show", str(2**63), "--db", "{dir}/s.db"], "ID"),
    bad("show id 2^64", ["show", str(2**64), "--db", "{dir}/s.db"], "ID"),
    bad("history limit 2^63", ["history", "--limit", str(2**63), "--db", "{dir}/s.db"], "--limit"),
    bad("max-bytes 2^70", ["extract", "{dir}/a.txt", "--max-bytes", str(2**70)], "--max-bytes", files=TEXT),
    bad("words 2^63", ["rewrite", "{dir}/a.txt", "--words", str(2**63), *NO_STORE], "--words", files=TEXT),
    bad(
        "workers 2^40",
        ["batch", "{dir}/a.txt", "--workers", str(2**40), "--out", "{dir}/o", *NO_STORE],
        "--workers",
        files=TEXT,
    ),
    bad("serve time-limit -1", ["serve", "--time-limit=-1", "--no-store"], "--time-limit"),
    bad("serve time-limit nan", ["serve", "--time-limit", "nan", "--no-store"], "--time-limit"),
    bad("serve port 70000", ["serve", "--port", "70000", "--no-store"], "--port"),
    bad("serve max-body 2^63", ["serve", "--max-body", str(2**63), "--no-store"], "--max-body"),
    # files the user gives retold
    bad(
        "non-UTF-8 style file",
        ["rewrite", "{dir}/a.txt", "--style", "odd", *NO_STORE],
        "odd.toml",
        files=TEXT,
        setup=_style_dir,
        env={"RETOLD_STYLES": "{dir}/styles"},
    ),
    bad("stdin closed", ["extract", "-"], "stdin", stdin=None),
    # stores
    bad(
        "corrupt store, -o not written",
        ["rewrite", "{dir}/a.txt", "--db", "{dir}/bad.db", *OUT],
        "store",
        files=TEXT,
        setup=_corrupt_store,
    ),
    bad(
        "corrupt store, check",
        ["check", "{dir}/a.txt", "{dir}/a.txt", "--db", "{dir}/bad.db", *OUT],
        "store",
        files=TEXT,
        setup=_corrupt_store,
    ),
    bad("store path is a directory", ["rewrite", "{dir}/a.txt", "--db", "{dir}", *OUT], "store", files=TEXT),
    # -o
    good(
        "-o with a 243-byte name",
        ["extract", "{dir}/a.txt", "-o", "{dir}/out/" + NAME_243],
        files=TEXT,
        check=_output_written,
    ),
    bad(
        "-o with a 256-byte name",
        ["extract", "{dir}/a.txt", "-o", "{dir}/out/" + "n" * 253 + ".md"],
        "too long",
        files=TEXT,
    ),
    # batch: one bad input never stops the rest
    good(
        "batch skips bad records",
        ["batch", "{dir}/in", "--out", "{dir}/out", "--workers", "1", *NO_STORE],
        code=1,
        files={
            "in/deep.jsonl": _deep_jsonl(),
            "in/big.csv": _huge_cell_csv(),
            "in/" + "l" * 236 + ".txt": SHORT.encode(),
        },
        check=_each_bad_record_skipped,
    ),
    bad("batch --out onto a file", ["batch", "{dir}/a.txt", "--out", "{dir}/a.txt", *NO_STORE], "--out", files=TEXT),
    bad(
        "batch --out through a file",
        ["batch", "{dir}/a.txt", "--out", "{dir}/a.txt/sub", *NO_STORE],
        "--out",
        files=TEXT,
    ),
]


@pytest.fixture(scope="module")
def results(tmp_path_factory) -> dict[str, tuple[Case, subprocess.CompletedProcess[bytes], Path]]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    root = tmp_path_factory.mktemp("hostile")

    def run(index_case: tuple[int, Case]):
        index, case = index_case
        where = root / f"case{index}"
        (where / "out").mkdir(parents=True)
        for name, data in case.files.items():
            (where / name).parent.mkdir(parents=True, exist_ok=True)
            (where / name).write_bytes(data)
        if case.setup:
            case.setup(where)
        args = [a.replace("{dir}", str(where)).replace("{url}", url) for a in case.args]
        env = {k: v.replace("{dir}", str(where)) for k, v in case.env.items()}
        env.setdefault("RETOLD_DB", str(where / "default.db"))
        done = _run(args, case.stdin, env)
        return case.name, (case, done, where)

    if FRESH:
        with ThreadPoolExecutor(max_workers=4) as pool:
            out = dict(pool.map(run, enumerate(CASES)))
    else:
        out = dict(map(run, enumerate(CASES)))
    server.shutdown()
    server.server_close()
    return out


def _run(args: list[str], stdin: bytes | None, env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    if stdin is not None and args[0] != "serve":
        return run_cli(args, stdin=stdin, env=env)
    # stdin closed (`<&-`), or a server that would keep running if it were (wrongly) started: a fresh
    # interpreter, stopped after a while
    code = "import os, sys; os.close(0) if sys.argv[1] == 'closed' else None; from retold.cli import main; sys.exit(main(sys.argv[2:]))"
    command = [sys.executable, "-c", code, "closed" if stdin is None else "open", *args]
    try:
        return subprocess.run(
            command,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=20,
            env={**os.environ, "NO_COLOR": "1", **env},
        )
    except subprocess.TimeoutExpired as stopped:
        return subprocess.CompletedProcess(
            command, -9, stopped.stdout or b"", (stopped.stderr or b"") + b"\n(still running)"
        )


def test_the_corpus_covers_every_command():
    commands = {c.args[0] for c in CASES}
    assert {"extract", "facts", "rewrite", "check", "batch", "history", "show", "serve"} <= commands


@pytest.mark.parametrize("name", [c.name for c in CASES if c.code == 2])
def test_refused_with_one_line_and_exit_2(results, name):
    case, done, where = results[name]
    stderr = done.stderr.decode("utf-8", "replace")
    assert "Traceback" not in stderr, stderr
    assert done.returncode == 2, stderr
    lines = stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("retold: error:"), stderr
    assert case.says in lines[0], lines[0]
    assert done.stdout == b""
    left = sorted(p.name for p in (where / "out").iterdir())
    assert left == [], f"left behind: {left}"


@pytest.mark.parametrize("name", [c.name for c in CASES if c.code != 2])
def test_read_and_answered(results, name):
    case, done, where = results[name]
    stderr = done.stderr.decode("utf-8", "replace")
    assert "Traceback" not in stderr, stderr
    assert done.returncode == case.code, stderr
    assert case.says in done.stdout.decode("utf-8")
    if case.check:
        case.check(done, where)


# --------------------------------------------------------------------------- in process: a store another writer holds


def test_a_locked_store_is_one_line_before_the_work(tmp_path, monkeypatch, capsys):
    import retold.store as store_module
    from retold.cli import main

    monkeypatch.setattr(store_module, "LOCK_WAIT", 0.3)
    db, source, out = tmp_path / "s.db", tmp_path / "a.txt", tmp_path / "out.md"
    source.write_text(SHORT)
    store_module.Store(db).close()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        started = time.monotonic()
        code = main(["rewrite", str(source), "--db", str(db), "-o", str(out)])
        seconds = time.monotonic() - started
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    lines = capsys.readouterr().err.splitlines()
    assert code == 2 and len(lines) == 1 and "locked by another retold process" in lines[0], lines
    assert not out.exists() and seconds < 5  # refused before the rewrite, after the bounded wait


def test_a_read_only_output_directory_is_refused_before_the_work(tmp_path, monkeypatch):
    """Checked with access(2), which answers EROFS on a read-only mount (here made to answer so: the tests
    may run as root, for whom every directory is writable)."""
    from retold.errors import OutputError
    from retold.output import check_target

    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode: False if mode == os.W_OK else real_access(path, mode))
    with pytest.raises(OutputError, match="permission denied|read-only"):
        check_target(tmp_path / "out.md")


def test_a_243_byte_name_is_written_atomically_and_its_stale_temp_removed(tmp_path):
    from retold.output import write_atomic

    write_atomic(tmp_path / NAME_243, "first")
    write_atomic(tmp_path / NAME_243, "second")
    assert [p.name for p in tmp_path.iterdir()] == [NAME_243] and (tmp_path / NAME_243).read_text() == "second"


def test_ctrl_c_while_retold_exits_is_quiet():
    """A Ctrl-C that lands after the work, while the interpreter exits (here: from an exit handler), ends the
    process quietly with 130, not with a traceback."""
    code = (
        "import atexit, os, signal, sys; from retold.cli import main; sys.argv = ['retold', 'styles']; "
        "atexit.register(lambda: (os.kill(os.getpid(), signal.SIGINT), __import__('time').sleep(1))); "
        "sys.exit(main())"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
    assert b"Traceback" not in done.stderr and b"KeyboardInterrupt" not in done.stderr, done.stderr
    assert done.returncode == 130 and b"explainer" in done.stdout
