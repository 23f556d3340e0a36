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

from retold.batch.inputs import Item
from retold.batch.work import Job, Outcome, process, warm
from retold.errors import RetoldError

EXECUTORS = ("process", "ray")

_job: Job | None = None  # the job of this worker process, set once by the initializer


def _init_worker(job: Job, parent: int) -> None:
    global _job
    # Ctrl-C goes to the whole process group: the parent decides, the workers finish or are stopped.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
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
    """Work on ``items`` in ``workers`` processes, a few articles ahead of the finished ones."""
    if not items:
        return
    # spawn: a fresh interpreter per worker, never a fork of a parent with threads (the progress bar)
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_init_worker, initargs=(job, os.getpid()))
    queue = iter(items)
    running: dict[Future[Outcome], Item] = {}
    try:
        for item in queue:
            running[pool.submit(_work, item)] = item
            if len(running) >= 2 * workers:
                break
        while running:
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                item = running.pop(future)
                yield item, future.result()
                following = next(queue, None)
                if following is not None:
                    running[pool.submit(_work, following)] = following
    except BrokenProcessPool:
        raise RetoldError(
            "A worker process died (out of memory?): rerun the same command to resume, with fewer --workers"
        ) from None
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


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
