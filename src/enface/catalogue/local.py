"""The editions' builds on this machine: ``jobs`` worker processes, one edition each at a time.

Each worker is a single-process pool of its own, so a worker that dies (out of memory, a
crash in a native library) fails the one edition it was building, is replaced, and the
other editions go on. Workers are started with ``spawn``: nothing of the client's state
(threads, open files) is inherited.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from .plan import EditionTask
from .task import Outcome, run_edition


def run_local(tasks: list[EditionTask], out: Path, jobs: int, done: Callable[[EditionTask, Outcome], None]) -> None:
    """Build ``tasks`` into ``out`` with ``jobs`` processes; ``done`` is called in this
    thread as each edition finishes (in the order they finish)."""
    if not tasks:
        return
    context = multiprocessing.get_context("spawn")
    queue = deque(tasks)
    workers = [ProcessPoolExecutor(1, mp_context=context) for _ in range(min(jobs, len(tasks)))]
    running: dict[Future, tuple[int, EditionTask]] = {}

    def feed(slot: int) -> None:
        if queue:
            task = queue.popleft()
            running[workers[slot].submit(run_edition, task, str(out / task.folder))] = (slot, task)

    finished_cleanly = False
    try:
        for slot in range(len(workers)):
            feed(slot)
        while running:
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                slot, task = running.pop(future)
                try:
                    outcome = future.result()
                except BrokenProcessPool:
                    outcome = Outcome(
                        task.work, task.langs, "failed", reason="the worker process died while building it"
                    )
                    workers[slot].shutdown(wait=False)
                    workers[slot] = ProcessPoolExecutor(1, mp_context=context)
                except Exception as exc:  # e.g. a result that could not be sent back
                    outcome = Outcome(task.work, task.langs, "failed", reason=f"{type(exc).__name__}: {exc}")
                done(task, outcome)
                feed(slot)
        finished_cleanly = True
    finally:  # interrupted: do not wait for the editions being built
        for worker in workers:
            worker.shutdown(wait=finished_cleanly, cancel_futures=True)
