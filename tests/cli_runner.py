"""Running the `retold` command in a child process: by default a fork of the test process (the imports are
paid once), or, with RETOLD_TEST_PROFILE=ci, a fresh ``python -m retold.cli`` (the interpreter's own start-up
included). Either way the command gets real file descriptors, and its exit code, stdout and stderr are
what a shell would see."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tempfile
import traceback

FRESH = os.environ.get("RETOLD_TEST_PROFILE") == "ci"


def run_cli(
    args: list[str], *, stdin: bytes = b"", env: dict[str, str] | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100", **(env or {})}
    if FRESH:
        return subprocess.run(
            [sys.executable, "-m", "retold.cli", *args], input=stdin, capture_output=True, env=env, timeout=timeout
        )
    return _forked(args, stdin, env, timeout)


def _forked(args: list[str], stdin: bytes, env: dict[str, str], timeout: float) -> subprocess.CompletedProcess[bytes]:
    import retold.cli  # imported before the fork, so each child starts warm

    with tempfile.TemporaryFile() as fin, tempfile.TemporaryFile() as fout, tempfile.TemporaryFile() as ferr:
        fin.write(stdin)
        fin.seek(0)
        pid = os.fork()
        if pid == 0:  # the child: a process of its own, set up as the interpreter sets up a script
            code = 1
            try:
                for fd, handle in ((0, fin), (1, fout), (2, ferr)):
                    os.dup2(handle.fileno(), fd)
                sys.stdin = io.TextIOWrapper(io.FileIO(0, "r", closefd=False), encoding="utf-8")
                sys.stdout = io.TextIOWrapper(io.FileIO(1, "w", closefd=False), encoding="utf-8")
                sys.stderr = io.TextIOWrapper(
                    io.FileIO(2, "w", closefd=False), encoding="utf-8", errors="backslashreplace", line_buffering=True
                )
                os.environ.clear()
                os.environ.update(env)
                code = retold.cli.main(args)
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
                if exc.code is not None and not isinstance(exc.code, int):
                    print(exc.code, file=sys.stderr)
            except BaseException:  # what the interpreter would print for an uncaught exception
                traceback.print_exc()
                code = 1
            finally:
                for stream in (sys.stdout, sys.stderr):
                    try:
                        stream.flush()
                    except BaseException:
                        pass
                os._exit(code)
        _, status = os.waitpid(pid, 0)
        fout.seek(0)
        ferr.seek(0)
        return subprocess.CompletedProcess(args, os.waitstatus_to_exitcode(status), fout.read(), ferr.read())
