"""``enface check``: prove the built outputs are right, with real tools.

Each writer of :mod:`enface.writers` checks its own output when it is in the folder:
TEI, the shipped RELAX NG schema and pointer resolution; EPUB (every reading mode),
EPUBCheck with zero errors and zero warnings; PDF, fonts embedded and subset, title and
language. EPUB and PDF: every word of every source present in the extracted text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import EnfaceError
from ..manifest import load_edition
from ..readers import read_document
from ..writers import WRITERS, CheckContext


@dataclass(frozen=True)
class Outcome:
    output: str
    check: str
    ok: bool
    detail: str


@dataclass
class CheckReport:
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(o.ok for o in self.outcomes)

    def add(self, output: str, check: str, ok: bool, detail: str) -> None:
        self.outcomes.append(Outcome(output, check, ok, detail))


def run_checks(
    edition_dir: Path, out_dir: Path, progress: Callable[[str], None] = lambda _m: None, *, epubcheck: bool = True
) -> CheckReport:
    edition = load_edition(edition_dir)
    present = [
        (writer, out_dir / writer.output_name(edition.slug))
        for writer in WRITERS.values()
        if not writer.always and (out_dir / writer.output_name(edition.slug)).is_file()
    ]
    if not present:
        raise EnfaceError(
            f"no outputs of {edition.slug!r} here",
            path=out_dir,
            hint="run `enface build` first, or give the folder the outputs are in",
        )
    sources = []
    for source in edition.sources:  # the words of each source as its reader reads them
        document = read_document(
            edition_dir / source.file, source.format, edition_dir=edition_dir, options=source.reader_options
        )
        # every word counts, footnotes included: they are in every output too
        blocks = [*document.blocks, *(block for note in document.notes for block in note.blocks)]
        sources.append((source.file, "\n".join(block.text for block in blocks)))
    context = CheckContext(sources, progress, epubcheck)
    report = CheckReport()
    for writer, path in present:
        for check, ok, detail in writer.check(path, context):
            report.add(path.name, check, ok, detail)
    return report
