"""What a reader is (kept apart from the registry so reader modules can import it)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..blocks import SourceDocument


@dataclass(frozen=True)
class Reader:
    """A source format: its ``name`` (what ``format = "…"`` says), the file ``extensions``
    it is chosen for (with the dot, lower case), and ``read(data, path, *, edition_dir=None)``:
    the file's bytes to a :class:`SourceDocument` (``path`` names the file in errors;
    ``edition_dir``, default the file's folder, bounds the files it may refer to). A reader
    raises :class:`~enface.errors.EnfaceError` for what the user must fix and puts what
    they should know in ``SourceDocument.warnings``."""

    name: str
    extensions: tuple[str, ...]
    read: Callable[..., SourceDocument]
    description: str = ""
