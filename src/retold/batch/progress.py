"""Progress on stderr: a rich bar with rate and ETA on a terminal, one plain line per article elsewhere."""

from __future__ import annotations

import sys
import time
from typing import Any, TextIO


class Progress:
    """``start(total)``, ``advance(name, status)`` per article, ``stop()``; usable as a context manager."""

    def __init__(self, stream: TextIO | None = None, *, enabled: bool = True, verbose: bool = False) -> None:
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.verbose = verbose  # also each article's notes (what its self-check and its engine did)
        self.total = 0
        self.count = 0
        self._bar: Any = None
        self._task: Any = None
        self._started = 0.0

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self, total: int, label: str = "articles") -> None:
        self.total, self.count, self._started = total, 0, time.monotonic()
        if not self.enabled or total == 0:
            return
        if self.stream.isatty():
            self._bar = _rich_bar(self.stream)
            self._bar.start()
            self._task = self._bar.add_task(label, total=total)

    def advance(self, name: str, status: str) -> None:
        self.count += 1
        if not self.enabled:
            return
        if self._bar is not None:
            self._bar.update(self._task, advance=1, description=_clip(name))
            return
        elapsed = time.monotonic() - self._started
        rate = self.count / elapsed if elapsed > 0 else 0.0
        left = (self.total - self.count) / rate if rate > 0 else 0.0
        print(
            f"retold: [{self.count}/{self.total}] {name}: {status} ({rate:.2f} articles/s, ETA {_duration(left)})",
            file=self.stream,
            flush=True,
        )

    def note(self, message: str) -> None:
        """A line that must not tear the bar."""
        if self._bar is not None:
            self._bar.console.print(message, markup=False, highlight=False)
        else:
            print(message, file=self.stream, flush=True)

    def stop(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


def _rich_bar(stream: TextIO) -> Any:
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        ProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.progress import (
        Progress as RichProgress,
    )
    from rich.text import Text

    class RateColumn(ProgressColumn):
        def render(self, task: Any) -> Text:
            speed = task.finished_speed or task.speed
            return Text("-.-- /s" if speed is None else f"{speed:.2f} /s")

    return RichProgress(
        TextColumn("{task.description:<28}"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=Console(file=stream),
        transient=False,
    )


def _clip(name: str, width: int = 28) -> str:
    return name if len(name) <= width else name[: width - 1] + "\u2026"


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds}s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes}m{seconds:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m"
