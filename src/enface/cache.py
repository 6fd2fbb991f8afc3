"""A content-addressed cache of build stages, kept under the output folder.

Each stage's output is stored under a key that hashes everything it depends on
(input bytes, styles, fonts, options, the enface version, the build date), so a
changed input rebuilds exactly the stages that depend on it, and an unchanged one
costs a hash and a file read. Entries are immutable files named by their key;
each stage keeps its few most recent entries.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from . import __version__

CACHE_DIR = ".enface-cache"
KEEP_PER_STAGE = 4


def digest_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def digest_files(paths: Iterable[Path]) -> str:
    """One hash for a set of files: their names and contents, in sorted order."""
    h = hashlib.sha256()
    for path in sorted(paths):
        h.update(path.name.encode() + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def key(stage: str, *parts: str | bytes) -> str:
    h = hashlib.sha256(f"enface {__version__}\0{stage}\0".encode())
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


class Cache:
    def __init__(self, out_dir: Path, *, enabled: bool = True) -> None:
        self.root = out_dir / CACHE_DIR
        self.enabled = enabled
        self.hits: list[str] = []
        self.misses: list[str] = []

    def _path(self, stage: str, k: str) -> Path:
        return self.root / stage / k

    def get(self, stage: str, k: str) -> bytes | None:
        if not self.enabled:
            return None
        path = self._path(stage, k)
        try:
            data = path.read_bytes()
        except OSError:
            self.misses.append(stage)
            return None
        os.utime(path)  # most recently used
        self.hits.append(stage)
        return data

    def put(self, stage: str, k: str, data: bytes) -> None:
        if not self.enabled:
            return
        folder = self.root / stage
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=".", suffix=".part")
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, self._path(stage, k))
            entries = sorted(
                (p for p in folder.iterdir() if not p.name.startswith(".")),
                key=lambda p: p.stat().st_mtime,
                reverse=True,
            )
            for old in entries[KEEP_PER_STAGE:]:
                old.unlink(missing_ok=True)
        except OSError:
            pass  # a cache that cannot be written only costs time

    def get_json(self, stage: str, k: str) -> object | None:
        data = self.get(stage, k)
        return json.loads(data) if data is not None else None

    def put_json(self, stage: str, k: str, value: object) -> None:
        self.put(stage, k, json.dumps(value, ensure_ascii=False, sort_keys=True).encode())
