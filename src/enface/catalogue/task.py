"""One edition's build, as a worker runs it (a local process or a Dask worker).

The task's files are written to a temporary folder, which ``enface.commands.build.build``
builds with the task's build date (``SOURCE_DATE_EPOCH``) and options. Locally the outputs
go straight to ``OUT/<work>/<langs>`` with its stage cache; on a cluster they are built in
a temporary folder and come back as bytes, for the client to write and verify.

Nothing escapes as an exception that a worker could not explain: a problem with the
edition is the outcome's one-line ``reason``, with the work's folder named instead of the
temporary one.
"""

from __future__ import annotations

import os
import tempfile
import threading
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__
from .plan import EditionTask, write_edition

SUMS = "SHA256SUMS"

# A worker process builds one edition at a time: the build date is given through the
# environment, and WeasyPrint is not made for threads.
_ONE_AT_A_TIME = threading.Lock()


@dataclass
class Outcome:
    work: str
    langs: tuple[str, ...]
    status: str  # built | up to date | failed
    reason: str = ""
    files: dict[str, str] = field(default_factory=dict)  # output built → SHA-256, as SHA256SUMS says
    data: dict[str, bytes] | None = None  # the outputs' bytes, when they come back to the client
    warnings: list[str] = field(default_factory=list)
    rebuilt: list[str] = field(default_factory=list)
    seconds: float = 0.0
    worker: str = ""  # host:pid of the process that built it
    detail: str = ""  # the traceback of an unexpected error (a bug in enface)

    @property
    def folder(self) -> str:
        return f"{self.work}/{'-'.join(self.langs)}"


def parse_sums(text: str) -> dict[str, str]:
    sums = {}
    for line in text.splitlines():
        digest, _, name = line.partition("  ")
        if digest and name:
            sums[name] = digest
    return sums


def _one_line(text: str, temporary: str, origin: str) -> str:
    """The first line of a message, naming the work's folder instead of the temporary one."""
    text = text.replace(temporary + os.sep, origin + os.sep).replace(temporary, origin).strip()
    return text.splitlines()[0] if text else "failed"


def _reason(exc: BaseException, temporary: str, origin: str) -> str:
    from ..errors import EnfaceError

    text = exc.render() if isinstance(exc, EnfaceError) else f"{type(exc).__name__}: {exc}"
    return _one_line(text, temporary, origin)


def run_edition(task: EditionTask, out_dir: str | None = None) -> Outcome:
    """Build one edition: into ``out_dir`` (with its cache), or, without one, into a
    temporary folder whose outputs come back in ``Outcome.data``."""
    started = time.perf_counter()
    outcome = Outcome(task.work, task.langs, "failed", worker=f"{os.uname().nodename}:{os.getpid()}")
    if task.version != __version__:
        outcome.reason = f"the worker has enface {__version__}, the client {task.version}: install the same on both"
        return outcome
    with _ONE_AT_A_TIME, tempfile.TemporaryDirectory(prefix="enface-edition-") as tmp:
        folder = Path(tmp) / "edition"
        try:
            write_edition(task, folder)
            target = Path(out_dir) if out_dir is not None else Path(tmp) / "out"
            result = _build(task, folder, target)
            outcome.warnings = result.warnings
            outcome.rebuilt = list(result.rebuilt)
            if result.failed:
                outcome.reason = _one_line(result.failed[0].render(), str(folder), task.origin)
                return outcome
            sums = parse_sums((target / SUMS).read_text(encoding="utf-8"))
            built = [path.name for path in result.outputs if path.name != SUMS]  # not the outputs carried over
            outcome.files = {name: sums[name] for name in built}
            if out_dir is None:
                outcome.data = {name: (target / name).read_bytes() for name in built}
            outcome.status = "up to date" if result.up_to_date else "built"
        except Exception as exc:  # reported as this edition's failure; the others go on
            from ..errors import EnfaceError

            outcome.reason = _reason(exc, str(folder), task.origin)
            if not isinstance(exc, EnfaceError):
                outcome.detail = traceback.format_exc()
        finally:
            outcome.seconds = time.perf_counter() - started
    return outcome


def _build(task: EditionTask, folder: Path, target: Path):
    from ..commands.build import build
    from ..pdf.options import options_from_strings

    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(task.epoch)
    try:
        return build(
            folder,
            target,
            list(task.formats),
            check_language=task.check_language,
            epub_mode=task.epub_mode,
            epub_primary=task.epub_primary,
            print_options=options_from_strings(*task.print),
            page_list=task.page_list,
        )
    finally:
        if saved is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved
