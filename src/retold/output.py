"""Writing results: atomically to a file, or to stdout."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from retold.errors import InputError


def write_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` to ``path`` via a temporary file and a rename: never a half-written file."""
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise InputError(f"Cannot write {target}: directory {directory} does not exist; create it first.")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def emit(text: str, path: str | None) -> None:
    """Send ``text`` to ``path`` (atomically) or, when ``path`` is None or "-", to stdout."""
    if not text.endswith("\n"):
        text += "\n"
    if path and path != "-":
        write_atomic(path, text)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
