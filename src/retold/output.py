"""Writing results: atomically to a file, through a link or into a device, or to stdout.

A regular file is replaced by a rename of a finished temporary file, so a reader never sees half of
it. A symbolic link is followed and its target written the same way (the link stays a link). A
device, a pipe or a socket (``/dev/null``, ``/dev/stdout``, a FIFO) is written into in place: it
cannot be renamed over, and must never be replaced by a regular file.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import secrets
import stat
import sys

from retold.errors import OutputError
from retold.normalize import display, scrub

_TEMP_TAG = ".retold-"  # ".NAME.retold-PID-RANDOM.tmp": whose temp file it is, so a stale one can be removed
_STDOUT_NAMES = ("-", "/dev/stdout", "/proc/self/fd/1", "/dev/fd/1")


def check_target(path: str | os.PathLike[str] | None) -> None:
    """Refuse an output path that cannot be written, before any work is done for it."""
    if path is None or os.fspath(path) in _STDOUT_NAMES:
        return
    shown = display(os.fspath(path))
    target = os.path.realpath(os.fspath(path))
    if os.path.isdir(target):
        raise OutputError(f"Cannot write {shown}: it is a directory; pass a file name to -o")
    if os.path.exists(target):
        return
    directory = os.path.dirname(target) or "."
    if not os.path.isdir(directory):
        raise OutputError(f"Cannot write {shown}: directory {display(directory)} does not exist; create it first")
    if len(os.fsencode(os.path.basename(target))) > _name_max(directory):
        raise OutputError(_failure(shown, OSError(errno.ENAMETOOLONG, "File name too long")))
    if not os.access(directory, os.W_OK):  # a read-only directory or file system: refused before the work
        raise OutputError(_failure(shown, OSError(_why_not_writable(directory), "not writable")))


def _name_max(directory: str) -> int:
    try:
        return os.pathconf(directory, "PC_NAME_MAX")
    except (OSError, ValueError):
        return 255


def _why_not_writable(directory: str) -> int:
    try:
        return errno.EROFS if os.statvfs(directory).f_flag & os.ST_RDONLY else errno.EACCES
    except OSError:
        return errno.EACCES


def _temp_stem(name: str, directory: str) -> str:
    """``name`` as the temporary file's name holds it: a digest when the name leaves no room (a 243-byte
    name is valid, its temporary ``.NAME.retold-PID-RANDOM.tmp`` would not be)."""
    if len(os.fsencode(name)) + 40 <= _name_max(directory):
        return name
    return "h" + hashlib.sha256(os.fsencode(name)).hexdigest()[:24]


def write_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` to ``path``: never a half-written file, never a link or a device replaced."""
    data = scrub(text).encode("utf-8")
    shown = display(os.fspath(path))
    target = os.path.realpath(os.fspath(path))  # write through symbolic links
    try:
        info = os.stat(target)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise OutputError(_failure(shown, exc)) from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise OutputError(f"Cannot write {shown}: it is a directory; pass a file name to -o")
    if info is not None and not stat.S_ISREG(info.st_mode):
        _write_in_place(target, data, shown)
        return
    directory = os.path.dirname(target) or "."
    if not os.path.isdir(directory):
        raise OutputError(f"Cannot write {shown}: directory {display(directory)} does not exist; create it first")
    _remove_stale_temps(target)
    name = _temp_stem(os.path.basename(target), directory)
    tmp = os.path.join(directory, f".{name}{_TEMP_TAG}{os.getpid()}-{secrets.token_hex(4)}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # the umask applies, as for any new file
        try:
            _write_all(fd, data)
            os.fsync(fd)
            if info is not None:
                os.fchmod(fd, stat.S_IMODE(info.st_mode))  # replacing a file keeps its permissions
        finally:
            os.close(fd)
        os.replace(tmp, target)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise OutputError(_failure(shown, exc)) from None
        raise


def _write_in_place(target: str, data: bytes, shown: str) -> None:
    try:
        # A named pipe with no reader would block the open forever: open it without waiting, then write
        # as usual (ENXIO, "no reader", becomes the error line).
        fd = os.open(target, os.O_WRONLY | os.O_NONBLOCK)
        os.set_blocking(fd, True)
        try:
            _write_all(fd, data)
        finally:
            os.close(fd)
    except OSError as exc:
        raise OutputError(_failure(shown, exc)) from None


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _remove_stale_temps(target: str) -> None:
    """Remove temp files beside ``target`` left by a retold run that was killed mid-write."""
    directory, name = os.path.split(target)
    name = _temp_stem(name, directory or ".")
    pattern = re.compile(re.escape(f".{name}{_TEMP_TAG}") + r"(\d+)-[0-9a-f]{8}\.tmp")
    try:
        entries = os.listdir(directory or ".")
    except OSError:
        return
    for entry in entries:
        match = pattern.fullmatch(entry)
        if match and not _alive(int(match.group(1))):
            try:
                os.unlink(os.path.join(directory, entry))
            except OSError:
                pass


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, and belongs to someone else
        return True
    return True


_HINTS = {
    errno.EACCES: "permission denied; choose a location you can write to",
    errno.EPERM: "permission denied; choose a location you can write to",
    errno.ENOSPC: "no space left on the device; free some space or write elsewhere",
    errno.EDQUOT: "the disk quota is exceeded; free some space or write elsewhere",
    errno.EROFS: "the file system is read-only; write elsewhere",
    errno.EISDIR: "it is a directory; pass a file name to -o",
    errno.ENOENT: "the directory does not exist or cannot hold files; create it or write elsewhere",
    errno.ENOTDIR: "a part of the path is not a directory; check the path",
    errno.ENAMETOOLONG: "the name is too long; choose a shorter one",
    errno.ENXIO: "it is a named pipe that no one is reading; start the reader first, or write to a file",
}


def _failure(shown: str, exc: OSError) -> str:
    hint = _HINTS.get(exc.errno or 0) or f"{exc.strerror or exc}; check the path"
    return f"Cannot write {shown}: {hint}"


def emit(text: str, path: str | os.PathLike[str] | None) -> None:
    """Send ``text`` to ``path`` (atomically) or, when ``path`` is None, "-" or /dev/stdout, to stdout."""
    if not text.endswith("\n"):
        text += "\n"
    if path and os.fspath(path) not in _STDOUT_NAMES:
        write_atomic(path, text)
    else:
        if sys.stdout is None:  # started with stdout closed (`>&-`)
            raise OutputError("Cannot write to stdout: it is closed; pass -o FILE or leave stdout open")
        try:
            sys.stdout.write(scrub(text))
            sys.stdout.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:  # `> /dev/full`, a closed or read-only descriptor
            _silence_stdout()
            raise OutputError(_failure("stdout", exc)) from None


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's final flush of what could not be written stays quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


__all__ = ["emit", "write_atomic"]
