"""The editions' builds on a Dask cluster (``enface catalogue build --scheduler ADDRESS``).

Each edition is one Dask task: :func:`enface.catalogue.task.run_edition` with the edition's
files as bytes, so workers need no shared disk, only the same enface (and lock files) as
the client. Outputs come back as bytes; the client writes and verifies them. ``distributed``
is imported here only: a local build never needs it (``pip install 'enface[cluster]'``).
"""

from __future__ import annotations

from collections.abc import Callable

from ..errors import EnfaceError
from .plan import EditionTask
from .task import Outcome, run_edition


def run_cluster(tasks: list[EditionTask], address: str, done: Callable[[EditionTask, Outcome], None]) -> None:
    """Send ``tasks`` to the scheduler at ``address``; ``done`` is called in this thread as
    each edition's outputs come back."""
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise EnfaceError(
            "--scheduler needs Dask's `distributed` package",
            hint="install it with pip install 'enface[cluster]', on the workers too",
        ) from None
    if not tasks:
        return
    try:
        client = Client(address, timeout="20s", set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise EnfaceError(
            f"cannot reach the Dask scheduler at {address}: {exc}",
            hint="start one with `dask scheduler` and workers with `dask worker ADDRESS`",
        ) from None
    with client:
        futures = {
            client.submit(
                run_edition, task, None, key=f"enface-{task.folder.replace('/', '-')}-{task.digest()[:16]}", pure=False
            ): task
            for task in tasks
        }
        for future in as_completed(futures, loop=client.loop):
            task = futures[future]
            try:
                outcome = future.result()
            except Exception as exc:  # the worker died (KilledWorker), or the result could not come back
                outcome = Outcome(
                    task.work, task.langs, "failed", reason=f"on the cluster: {type(exc).__name__}: {exc}"
                )
            done(task, outcome)
            future.release()
