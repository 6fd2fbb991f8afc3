"""A content-addressed cache of build stages, kept under the output folder.

Each stage's output is stored under a key that hashes everything it depends on
(input bytes, styles, fonts, options, the build date, the enface version, the code of
the installed enface and the versions of the installed packages), so a changed input
rebuilds exactly the stages that depend on it, and an unchanged one costs a hash and a
file read.

A cache that cannot lie: every entry starts with a header naming its stage, its key and
the SHA-256 of its content, checked on every read. An entry that does not verify
(truncated, swapped with another, damaged, unparsable) is deleted and recomputed, never
used, and the build says so once (:data:`NOTICE_CODE`, not in the report: it is about
this machine, not the edition). Entries are written to a temporary file and renamed into
place. The cache is bounded: each stage keeps its few most recent entries, and the whole
cache at most ``ENFACE_CACHE_MB`` megabytes (default :data:`DEFAULT_LIMIT_MB`), the least
recently used entries going first. ``enface cache --info`` / ``--clear`` show and empty it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from . import __version__

CACHE_DIR = ".enface-cache"
KEEP_PER_STAGE = 8
# Stages of many small entries, one per source: the language verdicts (enface.ingest.language),
# each source as read and typeset (enface.memo).
# The print layout's parts (enface.pdf.parts): a chapter each, and the front matter and folio layer;
# its measuring layouts (enface.pdf.probes): a chapter each, per kind.
KEEP_BY_STAGE = {"lang": 512, "memo": 1024, "print-part": 2048, "print-part.meta": 2048, "print-probe": 2048}
DEFAULT_LIMIT_MB = 500
LIMIT_ENV = "ENFACE_CACHE_MB"
FORMAT = b"enface-cache 2"
NOTICE_CODE = "cache.discarded"
STALE_PART_SECONDS = 600  # a temporary file older than this was left by a killed build


def digest_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


_FILE_DIGESTS: dict[tuple, bytes] = {}
SETTLED_SECONDS = 2.0  # a file unchanged for this long is hashed once per process


def file_digest(path: Path) -> bytes:
    """The SHA-256 of a file's bytes. A file whose time of change is older than
    :data:`SETTLED_SECONDS` is hashed once per process for the same (path, inode, size, time):
    the fonts and styles every writer's key hashes. A file just changed is always read, so a
    change within the file system's clock tick is never missed."""
    st = path.stat()
    memo = (str(path), st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
    found = _FILE_DIGESTS.get(memo)
    if found is None:
        found = hashlib.sha256(path.read_bytes()).digest()
        if time.time() - max(st.st_mtime, st.st_ctime) > SETTLED_SECONDS:
            _FILE_DIGESTS[memo] = found
    return found


def digest_files(paths: Iterable[Path]) -> str:
    """One hash for a set of files: their names and contents, in sorted order."""
    h = hashlib.sha256()
    for path in sorted(paths):
        h.update(path.name.encode() + b"\0")
        h.update(file_digest(path))
    return h.hexdigest()


@cache
def code_digest() -> str:
    """The enface that runs, by content (its modules and schema), and the installed packages
    with their versions (WeasyPrint, lxml…): a cached stage made by other code is not reused.
    About 5 ms."""
    package = Path(__file__).resolve().parent
    h = hashlib.sha256(f"enface {__version__}\0".encode())
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".rng") and "__pycache__" not in path.parts and "_data" not in path.parts:
            h.update(str(path.relative_to(package)).encode() + b"\0")
            h.update(hashlib.sha256(path.read_bytes()).digest())
    for entry in sys.path:  # dist-info folder names carry every installed package's version
        try:
            names = sorted(n for n in os.listdir(entry or ".") if n.endswith(".dist-info"))
        except OSError:
            continue
        h.update("\0".join(names).encode())
    return h.hexdigest()


def key(stage: str, *parts: str | bytes) -> str:
    h = hashlib.sha256(FORMAT + f"\0enface {__version__}\0{code_digest()}\0{stage}\0".encode())
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


def limit_bytes() -> int:
    """The cache's size limit: ``ENFACE_CACHE_MB`` megabytes, else :data:`DEFAULT_LIMIT_MB`."""
    value = os.environ.get(LIMIT_ENV, "").strip()
    try:
        megabytes = float(value) if value else DEFAULT_LIMIT_MB
    except ValueError:
        megabytes = DEFAULT_LIMIT_MB
    return max(0, int(megabytes * 1024 * 1024))


def _header(stage: str, k: str, data: bytes) -> bytes:
    return FORMAT + f" {stage} {k} {digest_bytes(data)} {len(data)}\n".encode()


class Cache:
    def __init__(self, out_dir: Path, *, enabled: bool = True) -> None:
        self.root = out_dir / CACHE_DIR
        self.enabled = enabled
        self.hits: list[str] = []
        self.misses: list[str] = []
        self.discarded: list[tuple[str, str]] = []  # (stage, why) of every entry that did not verify

    def _path(self, stage: str, k: str) -> Path:
        return self.root / stage / k

    def get(self, stage: str, k: str) -> bytes | None:
        if not self.enabled:
            return None
        path = self._path(stage, k)
        try:
            raw = path.read_bytes()
        except OSError:
            self.misses.append(stage)
            return None
        head, newline, data = raw.partition(b"\n")
        if not newline or head + b"\n" != _header(stage, k, data):
            if not head.startswith(FORMAT + b" "):
                why = "not an enface cache entry"
            elif not head.startswith(FORMAT + f" {stage} {k} ".encode()):
                why = "another entry's content"
            else:
                why = "truncated or damaged"
            self.discard(stage, k, why)
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # most recently used
        self.hits.append(stage)
        return data

    def discard(self, stage: str, k: str, why: str) -> None:
        """Delete an entry that cannot be trusted (the stage is recomputed), and remember it
        for the build's notice."""
        with contextlib.suppress(OSError):
            self._path(stage, k).unlink(missing_ok=True)
        self.discarded.append((stage, why))
        if self.hits and self.hits[-1] == stage:
            self.hits.pop()
        self.misses.append(stage)

    def notice(self) -> str | None:
        """One line about the entries discarded by this build, or ``None``."""
        if not self.discarded:
            return None
        stages = ", ".join(dict.fromkeys(stage for stage, _why in self.discarded))
        whys = ", ".join(dict.fromkeys(why for _stage, why in self.discarded))
        return (
            f"{len(self.discarded)} cache entr{'y' if len(self.discarded) == 1 else 'ies'} did not verify "
            f"({whys}) and {'was' if len(self.discarded) == 1 else 'were'} recomputed: {stages} "
            f"(in {self.root})"
        )

    def put(self, stage: str, k: str, data: bytes) -> None:
        if not self.enabled:
            return
        folder = self.root / stage
        tmp = None
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=".", suffix=".part")
            with os.fdopen(fd, "wb") as handle:
                handle.write(_header(stage, k, data))
                handle.write(data)
            os.replace(tmp, self._path(stage, k))
            tmp = None
            entries = sorted(
                (p for p in folder.iterdir() if not p.name.startswith(".")),
                key=lambda p: p.stat().st_mtime,
                reverse=True,
            )
            for old in entries[KEEP_BY_STAGE.get(stage, KEEP_PER_STAGE) :]:
                old.unlink(missing_ok=True)
            self.trim()
        except OSError:
            pass  # a cache that cannot be written only costs time
        finally:
            if tmp is not None:
                Path(tmp).unlink(missing_ok=True)

    def get_json(self, stage: str, k: str) -> object | None:
        data = self.get(stage, k)
        if data is None:
            return None
        try:
            return json.loads(data)
        except ValueError:
            self.discard(stage, k, "unparsable")
            return None

    def put_json(self, stage: str, k: str, value: object) -> None:
        self.put(stage, k, json.dumps(value, ensure_ascii=False, sort_keys=True).encode())

    def trim(self, limit: int | None = None) -> None:
        """Delete the least recently used entries until the cache holds at most ``limit``
        bytes (default :func:`limit_bytes`), and temporary files a killed build left."""
        limit = limit_bytes() if limit is None else limit
        entries = []
        now = time.time()
        for item in _entries(self.root):
            if item.path.name.startswith("."):
                if now - item.mtime > STALE_PART_SECONDS:
                    item.path.unlink(missing_ok=True)
                continue
            entries.append(item)
        total = sum(e.size for e in entries)
        for entry in sorted(entries, key=lambda e: e.mtime):
            if total <= limit:
                break
            entry.path.unlink(missing_ok=True)
            total -= entry.size


@dataclass(frozen=True)
class Entry:
    stage: str
    path: Path
    size: int
    mtime: float


def _entries(root: Path) -> list[Entry]:
    found = []
    try:
        stages = [p for p in root.iterdir() if p.is_dir()]
    except OSError:
        return []
    for folder in stages:
        try:
            for path in folder.iterdir():
                try:
                    st = path.stat()
                except OSError:
                    continue
                found.append(Entry(folder.name, path, st.st_size, st.st_mtime))
        except OSError:
            continue
    return found


@dataclass(frozen=True)
class CacheInfo:
    root: Path
    exists: bool
    stages: dict[str, tuple[int, int]]  # stage -> (entries, bytes)
    limit: int

    @property
    def entries(self) -> int:
        return sum(n for n, _size in self.stages.values())

    @property
    def size(self) -> int:
        return sum(size for _n, size in self.stages.values())


def info(out_dir: Path) -> CacheInfo:
    """What the cache of the output folder ``out_dir`` holds, per stage."""
    root = out_dir / CACHE_DIR
    stages: dict[str, tuple[int, int]] = {}
    for entry in _entries(root):
        if entry.path.name.startswith("."):
            continue
        n, size = stages.get(entry.stage, (0, 0))
        stages[entry.stage] = (n + 1, size + entry.size)
    return CacheInfo(root, root.is_dir(), dict(sorted(stages.items())), limit_bytes())


def clear(out_dir: Path) -> int:
    """Delete the cache of the output folder ``out_dir``; returns the bytes freed."""
    root = out_dir / CACHE_DIR
    freed = info(out_dir).size
    if root.is_symlink():
        root.unlink()
    elif root.exists():
        shutil.rmtree(root)
    return freed
