"""`retold batch`, `history` and `show` as a user runs them: worker processes, SIGKILL and resume, Ctrl-C."""

from __future__ import annotations

import json
import os
import queue
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "nato-ukraine.txt"
BUMP = ROOT / "bench" / "data" / "bump" / "task1_dataset.json"
HUNG = 240  # seconds: a batch of a few short articles that has not ended by then is stuck, not slow


def bump_articles(folder: Path, count: int) -> list[Path]:
    """The ``count`` shortest real news articles of BUMP (MIT), one file each."""
    folder.mkdir(parents=True, exist_ok=True)
    seen: dict[int, str] = {}
    for row in json.loads(BUMP.read_text(encoding="utf-8")):
        seen.setdefault(row["article_id"], row["article"])
    shortest = sorted(seen.items(), key=lambda pair: len(pair[1]))[:count]
    paths = []
    for article_id, text in shortest:
        path = folder / f"{article_id}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "retold.cli", *args]


def retold(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120"}
    return subprocess.run(command(*args), capture_output=True, text=True, env=env, timeout=HUNG)


def _as_from_a_terminal() -> None:
    """Ctrl-C's default action, as a shell's foreground command has it: pytest run in the background
    (`make test &`) ignores SIGINT, and an ignored signal stays ignored in every process it starts."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class Started:
    """`retold ARGS` started in its own process group, its stderr read by a thread: no wait outlasts ``HUNG``.

    On a hang the whole group (the command and its workers) is killed and the test fails at once.
    """

    def __init__(self, *args: str) -> None:
        self.process = subprocess.Popen(
            command(*args), stderr=subprocess.PIPE, text=True, start_new_session=True, preexec_fn=_as_from_a_terminal
        )
        self.deadline = time.monotonic() + HUNG
        self._lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self._lines.put(line)
        self._lines.put(None)

    def _next(self) -> str | None:
        try:
            return self._lines.get(timeout=max(0.0, self.deadline - time.monotonic()))
        except queue.Empty:
            self.kill_group()
            pytest.fail(f"retold batch hung: nothing for {HUNG} s")

    def until(self, marker: str) -> None:
        """Read stderr up to the first line holding ``marker``."""
        while (line := self._next()) is not None:
            if marker in line:
                return
        pytest.fail(f"retold batch ended without printing {marker!r}")

    def rest(self) -> str:
        """The rest of stderr, up to its end (the command and every worker gone)."""
        lines = []
        while (line := self._next()) is not None:
            lines.append(line)
        return "".join(lines)

    def wait(self) -> int:
        try:
            return self.process.wait(timeout=max(1.0, self.deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            self.kill_group()
            pytest.fail(f"retold batch did not exit within {HUNG} s")

    def kill_group(self) -> None:
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def in_process(capsys, *args: str) -> tuple[int, str, str]:
    """`retold ARGS` in this process (the model is loaded once for all tests): exit code, stdout, stderr."""
    from retold.cli import main

    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def outputs(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.is_file())


def store_rows(db: Path) -> tuple[int, int, int]:
    with sqlite3.connect(db) as con:
        runs = con.execute("SELECT count(*), count(DISTINCT input_key) FROM runs").fetchone()
        articles = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    return runs[0], runs[1], articles


def test_batch_two_workers_then_history_and_show(tmp_path, capsys):
    bump_articles(tmp_path / "in", 4)
    db, out = tmp_path / "s.db", tmp_path / "out"
    result = retold("batch", str(tmp_path / "in"), "--out", str(out), "--workers", "2", "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert len(outputs(out)) == 4 and all(name.endswith(".md") for name in outputs(out))
    assert "[4/4]" in result.stderr and "articles/s" in result.stderr  # plain progress lines off a terminal
    summary = json.loads((out / "_retold" / "summary.json").read_text())
    assert (summary["done"], summary["failed"], summary["verdicts"]) == (4, 0, {"pass": 4})
    code, history, _ = in_process(capsys, "history", "--db", str(db), "--limit", "10")
    assert code == 0 and len(history.strip().splitlines()) == 5  # header + 4 runs
    first = summary["items"][0]
    _, shown, _ = in_process(capsys, "show", str(first["run_id"]), "--db", str(db))
    assert shown == Path(first["output"]).read_text()
    again = retold("batch", str(tmp_path / "in"), "--out", str(out), "--workers", "2", "--db", str(db))
    assert again.returncode == 0 and "4 already stored" in again.stderr
    assert store_rows(db) == (4, 4, 4)


def test_sigkill_at_any_moment_then_rerun_gives_one_output_and_one_row_each(tmp_path):
    bump_articles(tmp_path / "in", 6)
    db, out = tmp_path / "s.db", tmp_path / "out"
    args = ("batch", str(tmp_path / "in"), "--out", str(out), "--workers", "1", "--db", str(db))
    # killed just after an article finished, then again a moment into the next write
    for kill_after, delay in (("[2/", 0.0), ("[1/", 0.05)):
        started = Started(*args)
        started.until(kill_after)
        time.sleep(delay)
        os.kill(started.process.pid, signal.SIGKILL)
        assert started.wait() == -signal.SIGKILL
        _wait_for_workers_to_go(started.process.pid)
    result = retold(*args)
    assert result.returncode == 0, result.stderr
    assert len(outputs(out)) == 6 and not any(name.endswith(".tmp") for name in os.listdir(out))
    assert store_rows(db) == (6, 6, 6)
    summary = json.loads((out / "_retold" / "summary.json").read_text())
    assert summary["skipped"] >= 3 and summary["skipped"] + summary["done"] == 6


def _wait_for_workers_to_go(group: int, timeout: float = 15.0) -> None:
    """The killed parent's workers leave by themselves; the group is cleared only if they do not."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return
        time.sleep(0.2)
    os.killpg(group, signal.SIGKILL)
    pytest.fail("worker processes outlived their killed parent")


def test_ctrl_c_stops_cleanly_with_a_summary(tmp_path):
    bump_articles(tmp_path / "in", 6)
    out = tmp_path / "out"
    started = Started(
        "batch", str(tmp_path / "in"), "--out", str(out), "--workers", "1", "--db", str(tmp_path / "s.db")
    )
    started.until("[1/")
    os.killpg(started.process.pid, signal.SIGINT)  # what a terminal's Ctrl-C does
    rest = started.rest()  # stderr ends when the command and its worker have both gone
    assert started.wait() == 130
    assert "Traceback" not in rest and "interrupted" in rest
    summary = json.loads((out / "_retold" / "summary.json").read_text())
    assert summary["interrupted"] and summary["done"] >= 1 and summary["not_reached"] >= 1


def test_stopping_the_pool_ends_busy_workers_at_once():
    """An interrupted batch stops its workers: no waiting for their articles, nor at the interpreter's exit."""
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    from retold.batch.executors import _stop

    pool = ProcessPoolExecutor(max_workers=2, mp_context=get_context("spawn"))
    futures = [pool.submit(time.sleep, 600) for _ in range(4)]  # two running, two queued
    workers = list(pool._processes.values())
    started = time.monotonic()
    _stop(pool)
    assert time.monotonic() - started < 15 and not any(worker.is_alive() for worker in workers)
    assert all(future.done() for future in futures)


def test_rewrite_and_check_are_recorded_unless_no_store(tmp_path, capsys):
    db = tmp_path / "s.db"
    rewrite = tmp_path / "r.md"
    assert in_process(capsys, "rewrite", str(EXAMPLE), "-o", str(rewrite), "--db", str(db))[0] == 0
    planted = tmp_path / "bad.md"
    planted.write_text(rewrite.read_text().replace("Ukraine", "Latvia", 1))  # the headline's country swapped
    assert in_process(capsys, "check", str(EXAMPLE), str(planted), "--db", str(db), "--format", "json")[0] == 1
    assert in_process(capsys, "check", str(EXAMPLE), str(planted), "--no-store", "--db", str(db))[0] == 1
    failing = json.loads(in_process(capsys, "history", "--db", str(db), "--verdict", "fail", "--format", "json")[1])
    assert [run["kind"] for run in failing] == ["check"]
    everything = json.loads(
        in_process(capsys, "history", "--db", str(db), "--since", "2000-01-01", "--format", "json")[1]
    )
    assert [run["kind"] for run in everything] == ["check", "rewrite"]
    shown = in_process(capsys, "show", str(failing[0]["id"]), "--db", str(db), "--format", "json")[1]
    assert json.loads(shown)["verdict"] == "fail"
    assert in_process(capsys, "show", str(everything[1]["id"]), "--db", str(db))[1] == rewrite.read_text()
    code, _, err = in_process(capsys, "show", "999", "--db", str(db))
    assert code == 2 and "retold history" in err


def test_bad_batch_usage_is_one_line(tmp_path):
    result = retold("batch", str(tmp_path / "nowhere"), "--db", str(tmp_path / "s.db"))
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "no such file" in result.stderr
    result = retold("batch", str(EXAMPLE), "--rewrites", str(tmp_path), "--db", str(tmp_path / "s.db"))
    assert result.returncode == 2 and "--check-only" in result.stderr


def test_address_without_ray_is_bad_usage(tmp_path, capsys):
    code, _, err = in_process(
        capsys, "batch", str(EXAMPLE), "--address", "ray://head:10001", "--db", str(tmp_path / "s.db")
    )
    assert code == 2 and "--executor ray" in err
