"""``enface cache``: what the stage cache of an output folder holds (``--info``), and emptying
it (``--clear``, under the folder's build lock, so never under a running build)."""

from __future__ import annotations

from pathlib import Path

from .. import cache
from ..cache import CacheInfo
from ..errors import EnfaceError, machine_error
from ..output import BuildLock


def info(out_dir: Path) -> CacheInfo:
    if out_dir.exists() and not out_dir.is_dir():
        raise EnfaceError("not a folder", path=out_dir, hint="give the output folder of a build")
    return cache.info(out_dir)


def clear(out_dir: Path) -> int:
    """Delete the cache; the bytes freed."""
    if not (out_dir / cache.CACHE_DIR).exists():
        return 0
    with BuildLock(out_dir):
        try:
            return cache.clear(out_dir)
        except OSError as exc:
            raise machine_error(exc, "cannot delete the stage cache", out_dir / cache.CACHE_DIR) from None


def size(n: int) -> str:
    """``n`` bytes for people: 0 B, 12.3 KB, 4.5 MB."""
    for unit, scale in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if n >= scale:
            return f"{n / scale:,.1f} {unit}"
    return f"{n} B"
