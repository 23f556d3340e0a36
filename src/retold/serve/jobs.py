"""A bounded work queue: CPU-bound stage calls run on worker threads, never on the event loop.

At most ``workers + queue_size`` jobs are admitted at once (running or waiting); one more is
refused with :class:`QueueFull` (the API answers 503 with Retry-After). A job that outlives the
time limit raises :class:`TimeLimit` to its caller (504) and is stopped: a job still waiting never
starts, and a running one gets :class:`Cancelled` raised in its thread, so its worker is free for the
next request as soon as the stage returns to Python code (the stages are Python loops around short
calls into the language model; a single long call into C finishes first).

The slot of a stopped job is given back when its thread has really let go of it, so a slow input
cannot make the server admit more work than it can do.
"""

from __future__ import annotations

import asyncio
import ctypes
import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

T = TypeVar("T")


class QueueFull(Exception):
    """Every worker is busy and the queue is full."""


class TimeLimit(Exception):
    """A job ran past the per-request time limit."""


class Cancelled(BaseException):
    """Raised inside a job's thread when its time is up. A BaseException, so the stages' ``except
    Exception`` handlers let it through, as they do KeyboardInterrupt."""


class _Job:
    __slots__ = ("func", "args", "kwargs", "future", "lock", "thread", "released")

    def __init__(self, func: Callable[..., Any], args: tuple, kwargs: dict) -> None:
        self.func, self.args, self.kwargs = func, args, kwargs
        self.future: Future = Future()
        self.lock = threading.Lock()  # orders "the job is running in this thread" against its cancellation
        self.thread: int | None = None  # the ident of the thread running it, while it runs
        self.released = False


def _raise_in(thread: int) -> None:
    """Raise :class:`Cancelled` in ``thread`` at its next Python instruction."""
    done = ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread), ctypes.py_object(Cancelled))
    if done > 1:  # never expected: undo rather than hit other threads
        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread), None)


class WorkQueue:
    def __init__(self, workers: int = 2, queue_size: int = 32) -> None:
        self.workers = workers
        self.capacity = workers + queue_size
        self._lock = threading.Lock()
        self._admitted = 0
        self._waiting: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._threads = [
            threading.Thread(target=self._serve, name=f"retold-worker-{i}", daemon=True) for i in range(workers)
        ]
        for thread in self._threads:
            thread.start()

    @property
    def admitted(self) -> int:
        """Jobs running or waiting now."""
        return self._admitted

    def _release(self, job: _Job) -> None:
        with self._lock:
            if not job.released:
                job.released = True
                self._admitted -= 1

    async def run(self, func: Callable[..., T], *args: object, timeout: float, **kwargs: object) -> T:
        """``func(*args, **kwargs)`` on a worker thread; raises QueueFull or TimeLimit (and stops the job)."""
        with self._lock:
            if self._admitted >= self.capacity:
                raise QueueFull()
            self._admitted += 1
        job = _Job(func, args, kwargs)
        self._waiting.put(job)
        try:
            return await asyncio.wait_for(asyncio.wrap_future(job.future), timeout)
        except TimeoutError:
            self._stop(job)
            raise TimeLimit() from None
        except asyncio.CancelledError:  # the client went away: the work is not wanted either
            self._stop(job)
            raise

    def _stop(self, job: _Job) -> None:
        with job.lock:
            if job.future.cancel():  # still waiting: it will never start, and its slot is free now
                self._release(job)
                return
            if job.thread is None:
                return
        # Raised again until the job lets go: an exception that lands in a garbage-collector callback or a
        # finaliser running on that thread is swallowed there, and the job would go on.
        threading.Thread(target=self._stop_running, args=(job,), name="retold-stop", daemon=True).start()

    @staticmethod
    def _stop_running(job: _Job, every: float = 0.05, tries: int = 600) -> None:
        for _ in range(tries):
            with job.lock:  # raised only while the job runs: never into the worker's next job
                if job.thread is None:
                    return
                _raise_in(job.thread)
            time.sleep(every)

    def _serve(self) -> None:
        """One worker thread: jobs until shutdown. A :class:`Cancelled` that lands after its job returned
        (between the job's last instruction and this loop's) is caught here, and the worker goes on."""
        job: _Job | None = None
        while True:
            try:
                while True:
                    job = self._waiting.get()
                    if job is None:
                        return
                    self._work(job)
                    job = None
            except Cancelled:
                if job is not None:
                    self._release(job)
                    job = None

    def _work(self, job: _Job) -> None:
        try:
            with job.lock:
                if not job.future.set_running_or_notify_cancel():
                    return  # stopped while it waited
                job.thread = threading.get_ident()
            try:
                result = job.func(*job.args, **job.kwargs)
            except BaseException as exc:  # noqa: BLE001 (handed to the caller, Cancelled included)
                with job.lock:
                    job.thread = None
                job.future.set_exception(TimeLimit() if isinstance(exc, Cancelled) else exc)
            else:
                with job.lock:
                    job.thread = None
                job.future.set_result(result)
        finally:
            self._release(job)

    def shutdown(self) -> None:
        """Stop the workers once they finish what they run; waiting jobs are dropped."""
        while True:
            try:
                job = self._waiting.get_nowait()
            except queue.Empty:
                break
            if job is not None and job.future.cancel():
                self._release(job)
        for _ in self._threads:
            self._waiting.put(None)
