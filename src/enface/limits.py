"""What a build accepts, checked before any work, cached or not: every file the edition names
is inside the edition folder once every symbolic link is followed (no loop of links) and is a
file; the edition's ``[limits]`` (``edition.toml``): the size of each source and of all
together, and the paragraphs of a source (as it is read). Kept light: every build, even an
up-to-date one, runs these checks.
"""

from __future__ import annotations

import errno
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import EnfaceError, machine_error

if TYPE_CHECKING:
    from .manifest import Edition, Limits

MB = 1024 * 1024


def size_text(n: int) -> str:
    return f"{n / MB:,.1f} MB" if n >= MB / 10 else f"{n:,} bytes"


def edition_file(edition_dir: Path, name: str, what: str = "source") -> tuple[Path, int]:
    """``edition_dir/name`` and its size, checked: it exists, is a file, and is inside the edition
    folder once every symbolic link is followed (no loop)."""
    path = edition_dir / name
    try:
        resolved = path.resolve(strict=True)
        size = resolved.stat().st_size
    except RuntimeError:  # Python 3.11 says a loop so
        raise _loop(path) from None
    except FileNotFoundError:
        raise EnfaceError(
            f"{what} file not found", path=path, hint="check `file` in edition.toml or restore the file"
        ) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise _loop(path) from None
        raise machine_error(exc, f"cannot read the {what}", path) from None
    if not resolved.is_relative_to(edition_dir.resolve()):
        raise EnfaceError(
            f"{what} is outside the edition folder", path=path, hint="keep every source inside the edition folder"
        )
    if not resolved.is_file():
        raise EnfaceError(f"{what} is not a file", path=path, hint="check `file` in edition.toml")
    return path, size


def _loop(path: Path) -> EnfaceError:
    return EnfaceError(
        "symbolic links point at each other in a loop", path=path, hint="make the link point at the source file"
    )


def check_sources(edition_dir: Path, edition: Edition) -> None:
    """Every source where it may be (see :func:`edition_file`), none larger than
    ``[limits] source_mb``, all together no larger than ``edition_mb``: before any work."""
    limits, total = edition.limits, 0
    for source in edition.sources:
        path, size = edition_file(edition_dir, source.file)
        if size > limits.source_mb * MB:
            raise EnfaceError(
                f"the source is {size_text(size)}, more than the {limits.source_mb:g} MB a source may have",
                path=path,
                hint="split it, or raise `source_mb` in [limits] of edition.toml",
            )
        total += size
    if total > limits.edition_mb * MB:
        raise EnfaceError(
            f"the sources are {size_text(total)} together, more than the {limits.edition_mb:g} MB an edition may have",
            path=edition_dir / "edition.toml",
            hint="raise `edition_mb` in [limits]",
        )


def check_paragraphs(count: int, limits: Limits, path: Path) -> None:
    """A source of ``count`` paragraphs (and headings, stanzas) within ``[limits] paragraphs``."""
    if count > limits.paragraphs:
        raise EnfaceError(
            f"{count:,} paragraphs, more than the {limits.paragraphs:,} a source may have",
            path=path,
            hint="split the text into several editions, or raise `paragraphs` in [limits] of edition.toml",
        )
