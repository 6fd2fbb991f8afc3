"""Counts for the long stages of a build (reading sources n/N, aligning divisions n/N, laying
out pages n), for a progress display.

Stages call :func:`count`; nothing happens unless a display is :func:`showing` them (the
command line does when standard error is a terminal and ``--quiet`` is not given), so
counting costs a function call.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

Sink = Callable[[str, int, "int | None"], None]

_sink: Sink | None = None


def count(what: str, done: int, total: int | None = None) -> None:
    """``done`` of ``total`` (``None``: not known in advance) of the stage ``what``."""
    if _sink is not None:
        _sink(what, done, total)


def active() -> bool:
    return _sink is not None


@contextmanager
def showing(sink: Sink) -> Iterator[None]:
    """Send every count to ``sink(what, done, total)`` for the time of the block."""
    global _sink
    previous, _sink = _sink, sink
    try:
        yield
    finally:
        _sink = previous
