"""Where a batch's articles are worked on: local worker processes, or Ray tasks past one machine.

Both yield ``(item, outcome)`` pairs as the articles finish, and both load the pipeline once per
worker (a process initializer; a Ray actor's constructor). Closing the generator stops the work.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import Any

from retold.batch.inputs import Item
from retold.batch.work import Job, Outcome, process, warm
from retold.errors import RetoldError

EXECUTORS = ("process", "ray")
# A worker is one core: a math library's own thread pool would only fight the other workers for it.
_ONE_THREAD = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS")
_STOP_SECONDS = 5.0  # how long stopped workers get to go before they are killed
_POLL_SECONDS = 0.5  # how soon a Ctrl-C or a pool that died is noticed while articles run

_job: Job | None = None  # the job of this worker process, set once by the initializer


def _init_worker(job: Job, parent: int) -> None:
    global _job
    # Ctrl-C goes to the whole process group: the parent decides, the workers finish or are stopped.
    # The worker was started with SIGINT blocked (see _sigint_held), so one sent while it started waits
    # until now, and is dropped here instead of killing the worker half-started.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    for name in _ONE_THREAD:  # numpy is not loaded yet: its BLAS reads these when it is
        os.environ.setdefault(name, "1")
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    _job = job
    warm(job)


def _exit_with_parent(parent: int) -> None:
    """A parent killed outright (SIGKILL) cannot stop its workers: they notice and go."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(0)


def _work(item: Item) -> Outcome:
    assert _job is not None
    return process(_job, item)


def local_results(job: Job, items: Sequence[Item], workers: int) -> Iterator[tuple[Item, Outcome]]:
    """Work on ``items`` in ``workers`` processes, a few articles ahead of the finished ones.

    The longest articles go first, so that no worker is left alone with a long one at the end. Closing
    the generator early (Ctrl-C, an error in the caller) stops the workers at once; their unfinished
    articles are left for a rerun.
    """
    if not items:
        return
    # spawn: a fresh interpreter per worker, never a fork of a parent with threads (the progress bar)
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_init_worker, initargs=(job, os.getpid())
    )
    queue = iter(sorted(items, key=_length, reverse=True))
    running: dict[Future[Outcome], Item] = {}
    finished = False
    try:
        with _CtrlC() as ctrl_c:
            with _sigint_held():  # the workers start here, on the first submits
                for item in queue:
                    running[pool.submit(_work, item)] = item
                    if len(running) >= 2 * workers:
                        break
            while running:
                done, _ = wait(running, timeout=_POLL_SECONDS, return_when=FIRST_COMPLETED)
                if ctrl_c.pressed:
                    raise KeyboardInterrupt
                if not done:
                    _check_alive(pool)
                for future in done:
                    item = running.pop(future)
                    yield item, future.result()
                    if ctrl_c.pressed:  # while the caller wrote that article: it is written, stop now
                        raise KeyboardInterrupt
                    following = next(queue, None)
                    if following is not None:
                        with _sigint_held():  # a submit may start a worker
                            running[pool.submit(_work, following)] = following
        finished = True
    except BrokenProcessPool:
        raise RetoldError(
            "A worker process died (out of memory?): rerun the same command to resume, with fewer --workers"
        ) from None
    finally:
        if finished:
            pool.shutdown(wait=True)  # every article is done: each worker takes its sentinel and leaves
        else:
            _stop(pool)


class _CtrlC:
    """Ctrl-C, while the workers run, as a request to stop that the runner acts on between articles.

    Python's own handler raises KeyboardInterrupt wherever the main thread happens to be: inside
    concurrent.futures' bookkeeping, half-way through writing an article, or in a finalizer that
    swallows it (the batch then runs on as if never interrupted). This one only notes the press; a
    second press interrupts at once. Nothing changes where SIGINT is ignored or handled by the caller.
    """

    def __init__(self) -> None:
        self.pressed = False
        self._previous: Any = None

    def __enter__(self) -> _CtrlC:
        if (
            threading.current_thread() is threading.main_thread()
            and signal.getsignal(signal.SIGINT) is signal.default_int_handler
        ):
            self._previous = signal.signal(signal.SIGINT, self._press)
        return self

    def _press(self, signum: int, frame: object) -> None:
        if self.pressed:
            raise KeyboardInterrupt
        self.pressed = True

    def __exit__(self, *exc: object) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)


def _length(item: Item) -> int:
    """Longest first; an article still to fetch (length unknown) before all."""
    return len(item.text) if item.text is not None else 1 << 62


@contextmanager
def _sigint_held() -> Iterator[None]:
    """SIGINT blocked in this thread while workers start: a child inherits the mask, and its initializer
    ignores SIGINT before it unblocks it (the resource tracker of multiprocessing is started the same way).
    A Ctrl-C meanwhile is delivered to this process when the block ends."""
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _check_alive(pool: ProcessPoolExecutor) -> None:
    """Articles still running but the pool's manager thread gone: nothing would ever finish them."""
    manager = getattr(pool, "_executor_manager_thread", None)
    if manager is not None and not manager.is_alive():
        raise RetoldError("The worker pool stopped answering: rerun the same command to resume")


def _stop(pool: ProcessPoolExecutor) -> None:
    """Stop the workers now, whatever they are doing, and wait (boundedly) until they are gone.

    ``shutdown(wait=False)`` alone would leave them running their current and queued articles, and the
    interpreter's exit would wait for those (concurrent.futures joins its threads at exit).
    """
    processes = list((getattr(pool, "_processes", None) or {}).values())  # 3.14 has terminate_workers()
    manager = getattr(pool, "_executor_manager_thread", None)
    pool.shutdown(wait=False, cancel_futures=True)
    for child in processes:
        if child.is_alive():
            child.terminate()
    deadline = time.monotonic() + _STOP_SECONDS
    for child in processes:
        child.join(max(0.0, deadline - time.monotonic()))
        if child.is_alive():
            child.kill()
            child.join(1.0)
    if manager is not None:
        manager.join(_STOP_SECONDS)  # it sees the workers gone, fails what was left, and ends


class _RayWorker:
    """One Ray actor: the pipeline loads in its constructor, once, and serves every article sent to it."""

    def __init__(self, job: Job) -> None:
        self.job = job
        warm(job)

    def run(self, index: int, item: Item) -> tuple[int, Outcome]:
        return index, process(self.job, item)


def ray_results(job: Job, items: Sequence[Item], workers: int, address: str | None) -> Iterator[tuple[Item, Outcome]]:
    """Work on ``items`` with ``workers`` Ray actors: on a cluster at ``address``, else on a local Ray."""
    try:
        import ray
        from ray.util import ActorPool
    except ImportError:
        raise RetoldError("--executor ray needs Ray: run `pip install 'retold[ray]'`") from None
    if not items:
        return
    started_here = not ray.is_initialized()
    if started_here:
        options = {"address": address} if address else {"num_cpus": workers, "include_dashboard": False}
        try:
            ray.init(**options, logging_level="ERROR", log_to_driver=False)
        except ConnectionError as error:
            raise RetoldError(f"Cannot reach the Ray cluster at {address} ({error}): check --address") from None
    try:
        actor = ray.remote(num_cpus=1)(_RayWorker)
        pool = ActorPool([actor.remote(job) for _ in range(workers)])
        indexed = list(enumerate(items))
        for index, outcome in pool.map_unordered(lambda a, pair: a.run.remote(*pair), indexed):
            yield items[index], outcome
    except ray.exceptions.RayError as error:
        raise RetoldError(
            f"A Ray worker failed ({type(error).__name__}): rerun the same command to resume; "
            "check that every node has retold installed (`pip install 'retold[ray]'`)"
        ) from None
    finally:
        if started_here:
            ray.shutdown()
