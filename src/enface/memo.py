"""Text-stage results kept between builds, piece by piece (a source as read and typeset, a
chapter as aligned), so that editing one paragraph of one source does not read every source
again nor realign every chapter.

The pieces are the text stages' own frozen dataclasses, stored as JSON in the build's
verified stage cache (:mod:`enface.cache`), never pickled: a damaged or foreign entry fails
to decode and is recomputed. Only the classes listed in :data:`CLASSES` are rebuilt from JSON.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Protocol

from . import blocks, model
from .typography.engine import Fix

MEMO_STAGE = "memo"


def _classes() -> dict[str, type]:
    from .align import Bead

    kinds = (blocks.Block, blocks.Mark, blocks.Note, blocks.SourceDocument, model.Block, model.Segment, model.Note)
    return {f"{c.__module__}.{c.__qualname__}": c for c in (*kinds, Fix, Bead)}


class Store(Protocol):
    def get_json(self, stage: str, k: str) -> object | None: ...

    def put_json(self, stage: str, k: str, value: object) -> None: ...

    def discard(self, stage: str, k: str, why: str) -> None: ...


def encode(value: Any) -> Any:
    """JSON-ready data: dataclasses as ``{"$": class, field: …}``, tuples as lists."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        cls = type(value)
        data = {"$": f"{cls.__module__}.{cls.__qualname__}"}
        for f in dataclasses.fields(value):
            if f.init:
                data[f.name] = encode(getattr(value, f.name))
        return data
    if isinstance(value, (list, tuple)):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {str(k): encode(v) for k, v in value.items()}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"cannot keep a {type(value).__name__} in the text-stage cache")


def decode(data: Any, classes: dict[str, type] | None = None) -> Any:
    """The value :func:`encode` made (every list becomes a tuple, as the model keeps them)."""
    classes = classes if classes is not None else _classes()
    if isinstance(data, list):
        return tuple(decode(v, classes) for v in data)
    if isinstance(data, dict):
        if "$" in data:
            cls = classes[data["$"]]  # KeyError: not one of ours
            return cls(**{k: decode(v, classes) for k, v in data.items() if k != "$"})
        return {k: decode(v, classes) for k, v in data.items()}
    return data


class Memo:
    """Pieces of the text stages in a stage cache (or nowhere, when ``store`` is ``None``)."""

    def __init__(self, store: Store | None = None) -> None:
        self.store = store
        self.hits = 0
        self.misses = 0

    def get(self, k: str) -> Any | None:
        if self.store is None:
            return None
        data = self.store.get_json(MEMO_STAGE, k)
        if data is None:
            self.misses += 1
            return None
        try:
            value = decode(data)
        except (KeyError, TypeError, ValueError):
            self.store.discard(MEMO_STAGE, k, "not what the text stages store")
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, k: str, value: Any) -> None:
        if self.store is not None:
            self.store.put_json(MEMO_STAGE, k, encode(value))
