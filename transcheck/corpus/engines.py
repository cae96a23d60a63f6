"""Where shards are checked: here, in a pool of this machine's processes, or on a Dask
cluster. Each yields the outcome of every task as it finishes, in any order, and None
now and then while it waits (for a progress bar to redraw). A task that fails (its
process died, a bug) is tried again once, then reported as failed."""

from __future__ import annotations

import asyncio
import gc
import signal
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from transcheck.command import GC_THRESHOLDS
from transcheck.corpus.work import Outcome, Task, check_shard
from transcheck.errors import ConfigError
from transcheck.workers import die_with_parent

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

ATTEMPTS = 2
TICK = 0.5  # seconds between two Nones while waiting


def _failed(task: Task, exc: BaseException) -> Outcome:
    reason = str(exc) or type(exc).__name__
    return Outcome(task.shard, failed=f"{task.shard}: failed {ATTEMPTS} times: {reason}")


def in_process(tasks: Sequence[Task]) -> Iterator[Outcome | None]:
    for task in tasks:
        for attempt in range(1, ATTEMPTS + 1):
            try:
                yield check_shard(task)
                break
            except Exception as exc:  # a bug or a resource: tried again, then reported
                if attempt == ATTEMPTS:
                    yield _failed(task, exc)


def local_pool(tasks: Sequence[Task], jobs: int) -> Iterator[Outcome | None]:
    """A pool of `jobs` processes on this machine; one that dies takes the pool with it,
    and the unfinished tasks go to a new one."""
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    attempts = dict.fromkeys(range(len(tasks)), 0)
    pool: ProcessPoolExecutor | None = None
    pending: dict[Future[Outcome], int] = {}
    try:
        while attempts:
            if pool is None:
                pool = ProcessPoolExecutor(min(jobs, len(attempts)), initializer=_worker_signals)
                pending = {pool.submit(check_shard, tasks[i]): i for i in attempts}
            done, _ = wait(pending, timeout=TICK, return_when=FIRST_COMPLETED)
            if not done:
                yield None
            broken = False
            again = []
            for future in done:
                index = pending.pop(future)
                error = future.exception()
                if error is None:
                    del attempts[index]
                    yield future.result()
                    continue
                broken = broken or isinstance(error, BrokenProcessPool)
                attempts[index] += 1
                if attempts[index] < ATTEMPTS:
                    again.append(index)
                else:
                    del attempts[index]
                    yield _failed(tasks[index], error)
            if broken:  # every task still in the pool failed with it: a new pool takes them
                stop_pool(pool)
                pool = None
            else:
                pending.update({pool.submit(check_shard, tasks[i]): i for i in again})
    finally:
        if pool is not None:
            stop_pool(pool)


def _worker_signals() -> None:
    # Ctrl-C reaches every process of the terminal's group: the parent alone decides,
    # and ends its workers itself. Killed any other way, it takes them with it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent()


def stop_pool(pool: ProcessPoolExecutor) -> None:
    """End the pool's processes now, running tasks too, and wait for them to exit."""
    processes = list(getattr(pool, "_processes", {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=10)


def dask_cluster(tasks: Sequence[Task], jobs: int, scheduler: str | None
                 ) -> Iterator[Outcome | None]:
    """The Dask cluster whose scheduler is at `scheduler`, or else a local cluster of
    `jobs` worker processes, started for this run and closed after it."""
    try:
        from dask.distributed import Client, LocalCluster, wait
    except ImportError:
        raise ConfigError("--engine dask needs Dask distributed: "
                          "pip install 'transcheck[corpus]'") from None
    import logging

    cluster: Any = None
    try:
        if scheduler:
            client = Client(scheduler, timeout=30)
        else:
            import dask

            # Its workers do nothing but check shards: no statistical profiler sampling
            # their stacks every 10 ms. Any free port for the web server: 8787 may be
            # another cluster's.
            with dask.config.set({"distributed.worker.profile.enabled": False}):
                cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                                       dashboard_address=":0", silence_logs=logging.ERROR)
            client = Client(cluster)
            # As `transcheck check` does: a run allocates millions of objects and frees
            # nearly all by reference counting (spawned workers start with the defaults).
            client.run(gc.set_threshold, *GC_THRESHOLDS)
    except OSError as exc:
        raise ConfigError(f"cannot reach the Dask scheduler {scheduler}: {exc}") from None
    futures = [client.submit(check_shard, task, pure=False, retries=ATTEMPTS - 1,
                             key=f"transcheck-{task.token}-{index}")
               for index, task in enumerate(tasks)]
    by_key = {future.key: task for future, task in zip(futures, tasks, strict=True)}
    pending = set(futures)
    try:
        while pending:
            try:
                result = wait(pending, timeout=TICK, return_when="FIRST_COMPLETED")
            except (TimeoutError, asyncio.TimeoutError):  # the same class from Python 3.11
                yield None
                continue
            for future in result.done:
                pending.discard(future)
                try:
                    yield future.result()
                except Exception as exc:
                    yield _failed(by_key[future.key], exc)
    finally:
        client.cancel(list(pending), force=True)
        client.close()
        if cluster is not None:
            cluster.close()
