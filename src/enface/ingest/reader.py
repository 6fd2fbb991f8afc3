"""Read the edition's sources: each file through its reader (:mod:`enface.readers`),
checked and normalised, as paragraphs for the text stages.

The plain-text reading itself (decoding, normalising, paragraph conventions) lives in
:mod:`enface.readers.text`; its functions are re-exported here.

Every build checks every source's path first, cached or not (:func:`enface.limits.check_sources`),
and, as each is read, its number of paragraphs against the edition's ``[limits]``.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..blocks import SourceDocument
from ..cache import key
from ..diagnostics import Finding, classify
from ..errors import EnfaceError, machine_error
from ..limits import MB, check_paragraphs, check_sources, edition_file, size_text
from ..manifest import Edition, Limits, Source
from ..memo import Memo
from ..progress import count
from ..readers import read_document
from ..readers.text import Convention, decode, detect_convention, normalise, split_paragraphs

# Sources read at once: one a core (a novel's Markdown costs Pandoc about 170 MB of memory, so
# more processes than cores add memory, not speed).
READERS = max(1, min(4, os.cpu_count() or 1))

__all__ = [
    "Convention",
    "Paragraph",
    "SourceText",
    "check_sources",
    "decode",
    "detect_convention",
    "normalise",
    "read_edition",
    "read_source",
    "split_paragraphs",
]


@dataclass(frozen=True)
class Paragraph:
    n: int  # 1-based position in its source
    text: str
    line: int  # line of the source file where the paragraph starts


@dataclass(frozen=True)
class SourceText:
    """One source as its reader read it: ``document`` (every block), and its prose
    paragraphs (the ``p`` blocks) as the text stages take them."""

    source: Source
    path: Path
    sha256: str
    convention: str  # plain text: "line" or "block"; other formats: ""
    paragraphs: tuple[Paragraph, ...]
    warnings: tuple[str, ...] = field(default=())
    findings: tuple[Finding, ...] = field(default=())
    document: SourceDocument | None = None

    @property
    def lang(self) -> str:
        return self.source.lang

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.paragraphs)


def read_source(
    edition_dir: Path, source: Source, limits: Limits | None = None, memo: Memo | None = None
) -> SourceText:
    """One source, read (or, with ``memo``, taken as read before when its bytes, format and
    reader options are the same) and checked."""
    path, _stat_size = edition_file(edition_dir, source.file)
    limits = limits or Limits()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise machine_error(exc, "cannot read the source", path) from None
    if len(data) > limits.source_mb * MB:
        raise EnfaceError(
            f"the source is {size_text(len(data))}, more than the {limits.source_mb:g} MB a source may have",
            path=path,
            hint="split it, or raise `source_mb` in [limits] of edition.toml",
        )
    sha256 = hashlib.sha256(data).hexdigest()
    k = key("read", sha256, str(source.format), path.suffix.lower(), repr(sorted(source.reader_options.items())))
    document = memo.get(k) if memo is not None else None
    fresh = not isinstance(document, SourceDocument)
    if fresh:
        document = read_document(path, source.format, data, edition_dir=edition_dir, options=source.reader_options)
    check_paragraphs(len(document.blocks), limits, path)
    if fresh and memo is not None:  # kept only once it passes the limits
        memo.put(k, document)
    paragraphs = tuple(
        Paragraph(n, block.text, block.line)
        for n, block in enumerate((b for b in document.blocks if b.kind == "p"), start=1)
    )
    if not document.blocks:
        raise EnfaceError("the file has no text", path=path, hint="add the text, or remove it from edition.toml")
    findings = tuple(classify(w, "ingest", file=source.file) for w in document.warnings)
    return SourceText(
        source=source,
        path=path,
        sha256=sha256,
        convention=document.meta.get("convention", ""),
        paragraphs=paragraphs,
        warnings=tuple(f"{path}: {w}" for w in document.warnings),
        findings=findings,
        document=document,
    )


def read_edition(edition_dir: Path, edition: Edition, memo: Memo | None = None) -> list[SourceText]:
    """Every source of the edition, in manifest order (see :func:`read_source` for ``memo``)."""
    check_sources(edition_dir, edition)
    sources = edition.sources
    count("reading sources", 0, len(sources))
    if len(sources) < 2:
        texts = [read_source(edition_dir, source, edition.limits, memo) for source in sources]
    else:  # threads: most of a source's reading is Pandoc's process, which runs beside the others
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=min(READERS, len(sources))) as pool:
            futures = [pool.submit(read_source, edition_dir, source, edition.limits, memo) for source in sources]
            texts = []
            for n, future in enumerate(futures, start=1):  # in manifest order: the first bad source's error
                texts.append(future.result())
                count("reading sources", n, len(sources))
    count("reading sources", len(sources), len(sources))
    return texts
