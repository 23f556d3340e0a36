"""A corpus of bad and odd inputs, run through the real `retold` command as a user would.

Each case runs in a process of its own (see ``cli_runner``: a fork of this one by default, a fresh
interpreter with RETOLD_TEST_PROFILE=ci).

Every bad input must exit 2 with exactly one line on stderr, no traceback, nothing on stdout and no
file (nor temp file) left where ``-o`` pointed. Odd but readable inputs must exit 0 with the right text.
The cases run as subprocesses, a few at a time, in one fixture; each case is then asserted on its own.
"""

from __future__ import annotations

import errno
import gzip
import os
import stat
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

from cli_runner import FRESH, run_cli
from test_fetch import Handler

EXAMPLE = Path(__file__).parent.parent / "examples" / "nato-ukraine.txt"
ARTICLE = EXAMPLE.read_text(encoding="utf-8")
FRENCH = (
    "Le ministre a déclaré mercredi que les élèves du lycée Molière auraient leur café à la cantine dès "
    "la rentrée, a précisé le maire. « C'est une très bonne idée », a répondu la directrice. "
) * 6
CURLY = "The minister said \u201cwe will not give up\u201d on Tuesday, and the crowd\u2019s reply was loud. " * 12


@dataclass
class Case:
    name: str
    args: list[str]  # "{dir}" is the case's own directory, "{url}" the local server
    files: dict[str, bytes] = field(default_factory=dict)
    stdin: bytes = b""
    code: int = 2
    says: str = ""  # a phrase the stderr line must hold (exit 2) or the output must hold (exit 0)
    not_says: str = ""
    output: str | None = None  # the -o target, checked to hold nothing afterwards on failure


def bad(name: str, args: list[str], says: str, **kwargs) -> Case:
    return Case(name, args, says=says, **kwargs)


def good(name: str, args: list[str], says: str, **kwargs) -> Case:
    return Case(name, args, says=says, code=0, **kwargs)


TEXT = {"a.txt": CURLY.encode()}  # no boilerplate, no warning: stderr holds only the error
OUT = ["-o", "{dir}/out/result.txt"]

CASES = [
    bad("empty file", ["extract", "{dir}/e.txt", *OUT], "is empty", files={"e.txt": b""}),
    bad("whitespace only", ["extract", "{dir}/w.txt", *OUT], "is empty", files={"w.txt": b" \n\t\n  \r\n"}),
    bad("binary with NULs", ["extract", "{dir}/b.bin", *OUT], "binary", files={"b.bin": bytes(range(256)) * 8}),
    bad(
        "PNG image", ["extract", "{dir}/p.txt", *OUT], "PNG image", files={"p.txt": b"\x89PNG\r\n\x1a\n" + b"\x00" * 64}
    ),
    bad("gzip archive", ["extract", "{dir}/g.txt", *OUT], "gzip", files={"g.txt": gzip.compress(ARTICLE.encode())}),
    bad(
        "PDF document",
        ["extract", "{dir}/d.txt", *OUT],
        "PDF",
        files={"d.txt": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"},
    ),
    bad("JPEG image", ["extract", "{dir}/j.txt", *OUT], "JPEG", files={"j.txt": b"\xff\xd8\xff\xe0" + b"\x10" * 40}),
    bad("ZIP archive", ["extract", "{dir}/z.docx", *OUT], "ZIP", files={"z.docx": b"PK\x03\x04" + b"\x14" * 40}),
    bad("a program", ["extract", "{dir}/prog", *OUT], "program", files={"prog": b"\x7fELF\x02\x01\x01" + b"\x00" * 40}),
    bad(
        "control characters",
        ["extract", "{dir}/c.txt", *OUT],
        "control characters",
        files={"c.txt": ("word \x01\x02\x03\x04\x05 " * 200).encode()},
    ),
    bad(
        "10 MB single line", ["extract", "{dir}/big.txt", *OUT], "larger than", files={"big.txt": b"word " * 2_000_000}
    ),
    bad("no such file", ["extract", "{dir}/missing.txt", *OUT], "no such file"),
    bad("a URL without a scheme", ["extract", "www.example.com/news/story", *OUT], "start it with https://"),
    bad("a directory as input", ["extract", "{dir}", *OUT], "is a directory", not_says="batch"),
    bad("a FIFO with no writer", ["extract", "{dir}/fifo", *OUT], "named pipe"),
    bad("stdin empty", ["extract", "-", *OUT], "stdin is empty"),
    bad("stdin binary", ["extract", "-", *OUT], "binary", stdin=b"\x00\x01\x02" * 100),
    bad("stdin twice", ["check", "-", "-", *OUT], "stdin can be read only once", stdin=ARTICLE.encode()),
    bad(
        "only boilerplate",
        ["extract", "{dir}/s.txt", *OUT],
        "boilerplate",
        files={"s.txt": b"Subscribe to our newsletter for more updates!\n"},
    ),
    bad(
        "index page",
        ["extract", "{dir}/index.html", *OUT],
        "index or list page",
        files={"index.html": (Path(__file__).parent / "data" / "ingest" / "index.html").read_bytes()},
    ),
    bad(
        "10,000 nested divs",
        ["extract", "{dir}/n.html", *OUT],
        "nested too deeply",
        files={
            "n.html": (
                b"<html><body>"
                + b"<div>" * 10_000
                + b"<p>"
                + b"A sentence of the story. " * 40
                + b"</p>"
                + b"</div>" * 10_000
                + b"</body></html>"
            )
        },
    ),
    bad("timeout inf", ["extract", "{dir}/a.txt", "--timeout", "inf", *OUT], "--timeout", files=TEXT),
    bad("timeout 1e300", ["extract", "{dir}/a.txt", "--timeout", "1e300", *OUT], "--timeout", files=TEXT),
    bad("timeout nan", ["extract", "{dir}/a.txt", "--timeout", "nan", *OUT], "--timeout", files=TEXT),
    bad("timeout negative", ["extract", "{dir}/a.txt", "--timeout=-1", *OUT], "--timeout", files=TEXT),
    bad("timeout not a number", ["extract", "{dir}/a.txt", "--timeout", "soon", *OUT], "--timeout", files=TEXT),
    bad("max-bytes zero", ["extract", "{dir}/a.txt", "--max-bytes", "0", *OUT], "--max-bytes", files=TEXT),
    bad("published not a date", ["extract", "{dir}/a.txt", "--published", "yesterday", *OUT], "YYYY-MM-DD", files=TEXT),
    bad("unknown style", ["rewrite", "{dir}/a.txt", "--style", "nosuch", *OUT], "Unknown style", files=TEXT),
    bad("unknown engine", ["rewrite", "{dir}/a.txt", "--engine", "nosuch", *OUT], "Unknown engine", files=TEXT),
    bad("unknown format", ["extract", "{dir}/a.txt", "--format", "pdf", *OUT], "invalid choice", files=TEXT),
    bad("-o onto a directory", ["extract", "{dir}/a.txt", "-o", "{dir}/out"], "it is a directory", files=TEXT),
    bad(
        "-o into a missing directory",
        ["extract", "{dir}/a.txt", "-o", "{dir}/nowhere/x.txt"],
        "does not exist",
        files=TEXT,
    ),
    bad("-o under /proc", ["extract", "{dir}/a.txt", "-o", "/proc/retold-test/x.txt"], "Cannot write", files=TEXT),
    bad("-o through a file", ["extract", "{dir}/a.txt", "-o", "{dir}/a.txt/x.txt"], "Cannot write", files=TEXT),
    bad("-o into a FIFO no one reads", ["extract", "{dir}/a.txt", "-o", "{dir}/fifo"], "no one is reading", files=TEXT),
    bad("-o onto a full device", ["extract", "{dir}/a.txt", "-o", "/dev/full"], "no space left", files=TEXT),
    bad("non-UTF-8 name, missing", ["extract", os.fsdecode(b"{dir}/caf\xe9-missing.txt"), *OUT], "no such file"),
    bad("URL 404", ["extract", "{url}/nowhere", "--allow-private-urls", *OUT], "HTTP 404"),
    bad("URL redirect loop", ["extract", "{url}/loop-a", "--allow-private-urls", *OUT], "redirects in a loop"),
    bad("URL endless redirects", ["extract", "{url}/chain/1", "--allow-private-urls", *OUT], "redirected more than"),
    bad("URL slow server", ["extract", "{url}/slow", "--timeout", "0.3", "--allow-private-urls", *OUT], "timed out"),
    bad("URL non-HTML type", ["extract", "{url}/photo", "--allow-private-urls", *OUT], "serves image/png"),
    bad(
        "URL huge Content-Length",
        ["extract", "{url}/huge-declared", "--max-bytes", "1000", "--allow-private-urls", *OUT],
        "larger than",
    ),
    bad("URL gzip bomb", ["extract", "{url}/bomb", "--allow-private-urls", *OUT], "larger than"),
    bad("URL private without opt-in", ["extract", "{url}/article", *OUT], "--allow-private-urls"),
    bad("URL metadata service", ["extract", "http://169.254.169.254/latest/meta-data/", *OUT], "--allow-private-urls"),
    bad("URL bad port", ["extract", "http://example.com:99999/", *OUT], "invalid port"),
    bad("URL unclosed IPv6 bracket", ["extract", "http://[::1", *OUT], "not a valid URL"),
    good("UTF-16 with BOM", ["extract", "{dir}/u16.txt"], "Rutte", files={"u16.txt": ARTICLE.encode("utf-16")}),
    good(
        "UTF-16 without BOM", ["extract", "{dir}/u16le.txt"], "Rutte", files={"u16le.txt": ARTICLE.encode("utf-16-le")}
    ),
    good(
        "Latin-1 French",
        ["extract", "{dir}/fr.txt"],
        "élèves du lycée Molière auraient leur café",
        files={"fr.txt": FRENCH.encode("latin-1")},
    ),
    good(
        "UTF-8 with one stray byte",
        ["extract", "{dir}/stray.txt"],
        "the crowd\u2019s reply",
        files={"stray.txt": CURLY.encode() + b"\xff" + CURLY.encode()},
    ),
    good(
        "non-UTF-8 file name",
        ["extract", os.fsdecode(b"{dir}/caf\xe9.txt"), "--format", "json"],
        "Rutte",
        files={os.fsdecode(b"caf\xe9.txt"): ARTICLE.encode()},
    ),
    good("-o /dev/null", ["extract", "{dir}/a.txt", "-o", "/dev/null"], "", files=TEXT),
    good("-o /dev/stdout", ["extract", "{dir}/a.txt", "-o", "/dev/stdout"], "crowd", files=TEXT),
]


class BombHandler(Handler):
    """test_fetch's server, plus a gzip bomb: a small body that inflates far past any cap."""

    def do_GET(self) -> None:  # noqa: N802
        if self.path != "/bomb":
            return super().do_GET()
        body = gzip.compress(b"<p>" + b"a" * 50_000_000 + b"</p>")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self._write(body)


@pytest.fixture(scope="module")
def results(tmp_path_factory) -> dict[str, tuple[Case, subprocess.CompletedProcess[bytes], Path, float]]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), BombHandler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    root = tmp_path_factory.mktemp("badinput")

    def run(index_case: tuple[int, Case]):
        index, case = index_case
        where = root / f"case{index}"
        (where / "out").mkdir(parents=True)
        for name, data in case.files.items():
            (where / name).write_bytes(data)
        if "fifo" in " ".join(case.args):
            os.mkfifo(where / "fifo")
        args = [a.replace("{dir}", str(where)).replace("{url}", url) for a in case.args]
        started = time.monotonic()
        done = run_cli(args, stdin=case.stdin)
        return case.name, (case, done, where, time.monotonic() - started)

    if FRESH:  # fresh interpreters: a few at a time
        with ThreadPoolExecutor(max_workers=4) as pool:
            out = dict(pool.map(run, enumerate(CASES)))
    else:
        out = dict(map(run, enumerate(CASES)))
    server.shutdown()
    server.server_close()
    return out


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 40 and len({c.name for c in CASES}) == len(CASES)


@pytest.mark.parametrize("name", [c.name for c in CASES if c.code == 2])
def test_bad_input_gives_one_line_and_exit_2(results, name):
    case, done, where, seconds = results[name]
    stderr = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 2, stderr
    assert "Traceback" not in stderr
    lines = stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("retold: error:"), stderr
    assert case.says in lines[0]
    if case.not_says:
        assert case.not_says not in lines[0]
    assert done.stdout == b""
    left = sorted(p.name for p in (where / "out").iterdir())
    assert left == [], f"left behind: {left}"
    assert seconds < 30


@pytest.mark.parametrize("name", [c.name for c in CASES if c.code == 0])
def test_odd_but_readable_input_is_read(results, name):
    case, done, where, _ = results[name]
    stderr = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 0, stderr
    assert "Traceback" not in stderr
    assert case.says in done.stdout.decode("utf-8")


def test_a_stray_byte_warning_says_where(results):
    _, done, _, _ = results["UTF-8 with one stray byte"]
    assert "1 byte is not valid UTF-8 (the first at line 1, column" in done.stderr.decode()


def test_unknown_style_is_refused_before_any_analysis(results):
    assert results["unknown style"][3] < 10  # seconds: the spaCy model is never loaded


def test_dev_null_is_still_a_device(results):
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


# --------------------------------------------------------------------------- output files, in process


def test_a_symlink_is_written_through(tmp_path):
    from retold.output import write_atomic

    target = tmp_path / "real.md"
    target.write_text("old")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    write_atomic(link, "new text\n")
    assert link.is_symlink() and target.read_text() == "new text\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.md", "real.md"]


def test_a_replaced_file_keeps_its_permissions(tmp_path):
    from retold.output import write_atomic

    target = tmp_path / "shared.md"
    target.write_text("old")
    target.chmod(0o644)
    write_atomic(target, "new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o644 and target.read_text() == "new"


def test_a_stale_temp_file_of_a_killed_run_is_removed(tmp_path):
    from retold.output import write_atomic

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = tmp_path / f".out.md.retold-{dead.stdout.strip()}-0123abcd.tmp"
    stale.write_text("half")
    foreign = tmp_path / ".out.md.someone-else.tmp"
    foreign.write_text("not ours")
    write_atomic(tmp_path / "out.md", "whole")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.md.someone-else.tmp", "out.md"]


@pytest.mark.parametrize(
    ("code", "phrase"),
    [
        (errno.ENOSPC, "no space left"),
        (errno.EROFS, "read-only"),
        (errno.EACCES, "permission denied"),
        (errno.EDQUOT, "quota"),
    ],
)
def test_write_failures_are_one_clear_line_and_leave_nothing(tmp_path, monkeypatch, code, phrase):
    from retold.errors import OutputError
    from retold.output import write_atomic

    def failing_write(fd, data):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "write", failing_write)
    with pytest.raises(OutputError, match=phrase) as caught:
        write_atomic(tmp_path / "out.md", "text")
    assert "\n" not in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_a_read_only_directory_is_a_clear_error(tmp_path, monkeypatch):
    from retold.errors import OutputError
    from retold.output import write_atomic

    real_open = os.open

    def read_only(path, flags, *args):
        if flags & os.O_CREAT:
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), path)
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", read_only)
    with pytest.raises(OutputError, match="read-only; write elsewhere"):
        write_atomic(tmp_path / "out.md", "text")


def test_a_closed_stdout_is_a_clear_error(monkeypatch):
    from retold.errors import OutputError
    from retold.output import emit

    monkeypatch.setattr(sys, "stdout", None)  # what Python sets when started with `>&-`
    with pytest.raises(OutputError, match="stdout: it is closed"):
        emit("text", None)
