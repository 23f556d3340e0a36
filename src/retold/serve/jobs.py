"""A bounded work queue: CPU-bound stage calls run on worker threads, never on the event loop.

At most ``workers + queue_size`` jobs are admitted at once (running or waiting); one more is
refused with :class:`QueueFull` (the API answers 503 with Retry-After). A job that outlives the
time limit raises :class:`TimeLimit` to its caller (504); its slot stays taken until the thread
really finishes, so a slow input cannot make the server admit more work than it can do.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")


class QueueFull(Exception):
    """Every worker is busy and the queue is full."""


class TimeLimit(Exception):
    """A job ran past the per-request time limit."""


class WorkQueue:
    def __init__(self, workers: int = 2, queue_size: int = 32) -> None:
        self.workers = workers
        self.capacity = workers + queue_size
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="retold-worker")
        self._lock = threading.Lock()
        self._admitted = 0

    @property
    def admitted(self) -> int:
        """Jobs running or waiting now."""
        return self._admitted

    def _release(self, _future: Future) -> None:
        with self._lock:
            self._admitted -= 1

    async def run(self, func: Callable[..., T], *args: object, timeout: float, **kwargs: object) -> T:
        """``func(*args, **kwargs)`` on a worker thread; raises QueueFull or TimeLimit."""
        with self._lock:
            if self._admitted >= self.capacity:
                raise QueueFull()
            self._admitted += 1
        try:
            future = self._executor.submit(func, *args, **kwargs)
        except BaseException:
            with self._lock:
                self._admitted -= 1
            raise
        future.add_done_callback(self._release)
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), timeout)
        except asyncio.TimeoutError:
            raise TimeLimit() from None

    def shutdown(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
