"""Atomic output: a build either replaces all its outputs or none of them.

Each output is written to a temporary file beside its target; only when every
output of the build is ready are they renamed into place (``os.replace`` is
atomic on one file system). A crash or error before that leaves the previous
outputs untouched and removes the temporary files.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from types import TracebackType

from .errors import EnfaceError


class Staging:
    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self._pending: list[tuple[Path, Path]] = []

    def __enter__(self) -> Staging:
        try:
            self.out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise EnfaceError(f"cannot create the output folder: {exc.strerror}", path=self.out_dir) from None
        for stale in self.out_dir.glob(".*.part"):  # left by a build that was killed
            stale.unlink(missing_ok=True)
        return self

    def write(self, name: str, data: bytes) -> Path:
        target = self.out_dir / name
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".part", dir=self.out_dir)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        os.chmod(tmp, 0o644)
        self._pending.append((Path(tmp), target))
        return target

    def pending(self) -> list[tuple[Path, Path]]:
        """(temporary file, final path) of every output written so far."""
        return list(self._pending)

    def commit(self) -> list[Path]:
        done = []
        for tmp, target in self._pending:
            os.replace(tmp, target)
            done.append(target)
        self._pending.clear()
        return done

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        for tmp, _target in self._pending:
            tmp.unlink(missing_ok=True)
        self._pending.clear()
