"""Where Debian's FreeDict dictionaries are installed, and which of them are: what a cached
alignment made with them is keyed by. Kept apart from :mod:`enface.align.dictionaries` so that
a build's cache check does not import the aligner."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from .languages import ISO_639_3

DICTD = Path(os.environ.get("ENFACE_DICTD", "/usr/share/dictd"))


def index_path(src_lang: str, tgt_lang: str, folder: Path | None = None) -> Path | None:
    """The dictd index a dictionary from one language to another would have (None: a language
    FreeDict has no code for)."""
    src, tgt = ISO_639_3.get(src_lang.split("-")[0]), ISO_639_3.get(tgt_lang.split("-")[0])
    return (folder or DICTD) / f"freedict-{src}-{tgt}.index" if src and tgt else None


def identity(langs: Sequence[str], folder: Path | None = None) -> str:
    """Which dictionaries between these languages are installed, and which versions (size and
    time of each file), so that installing or updating one aligns again."""
    found = []
    for src in langs:
        for tgt in langs:
            index = index_path(src, tgt, folder) if src != tgt else None
            for path in (index, index.with_suffix(".dict.dz")) if index else ():
                try:
                    stat = path.stat()
                except OSError:
                    continue
                found.append(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}")
    return "\n".join(found)
