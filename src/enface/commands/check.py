"""``enface check``: prove the built outputs are right, with real tools.

Each writer of :mod:`enface.writers` checks its own output when it is in the folder:
TEI, the shipped RELAX NG schema and pointer resolution; EPUB (every reading mode),
EPUBCheck with zero errors and zero warnings; PDF, fonts embedded and subset, title and
language. EPUB and PDF: every word of every source present in the extracted text.

A damaged output (truncated, not a ZIP, not well-formed XML) is a failed check ``intact``
naming what is wrong, and its other checks are not run: never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..checks.epubcheck import early as early_epubcheck
from ..errors import EnfaceError
from ..manifest import load_edition
from ..readers import read_document
from ..writers import WRITERS, CheckContext
from ..writers.epub import EpubWriter


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
        if not writer.always and (out_dir / writer.output_name(edition.slug)).exists()  # a file, or a folder output
    ]
    if not present:
        others = _slugs(out_dir) - {edition.slug}
        hint = "run `enface build` first, or give the folder the outputs are in"
        if others:  # another edition's outputs: the edition was not named (the bundled one is the default)
            names = ", ".join(repr(slug) for slug in sorted(others))
            hint = f"the outputs here are of {names}: name its edition folder with --edition"
        raise EnfaceError(f"no outputs of {edition.slug!r} here", path=out_dir, hint=hint)
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
    problems = {path: damage(path) for _writer, path in present}
    # EPUBCheck's JVM works in the background while this process reads the other outputs (the
    # PDF: pypdf, pdfplumber); started after the sources are read, so Pandoc is done by then
    epubs = [path for writer, path in present if isinstance(writer, EpubWriter) and not problems[path]]
    with early_epubcheck(epubs if epubcheck else []):
        for writer, path in present:
            if problems[path]:
                report.add(path.name, "intact", False, problems[path])
                continue
            try:
                results = writer.check(path, context)
            except EnfaceError:
                raise
            except Exception as exc:  # whatever a reader raises on a file damaged in a way not seen above
                results = [("intact", False, f"the file cannot be read: {type(exc).__name__}: {exc}")]
            for check, ok, detail in results:
                report.add(path.name, check, ok, detail)
    return report


def _slugs(out_dir: Path) -> set[str]:
    """The editions whose TEI or report is in the folder (their file names start with the slug)."""
    ends = (".tei.xml", ".report.json")
    try:
        names = [path.name for path in out_dir.iterdir()]
    except OSError:
        return set()
    return {name[: -len(end)] for name in names for end in ends if name.endswith(end) and len(name) > len(end)}


def damage(path: Path) -> str | None:
    """What is wrong with an output file that cannot be whole, or ``None``: a PDF without its
    end, an EPUB that is not a sound ZIP, a TEI that is not well-formed XML."""
    from ..checks.pdf import pdf_damage
    from ..checks.text import zip_damage

    name = path.name.lower()
    try:
        if name.endswith(".pdf"):
            return pdf_damage(path)
        if name.endswith(".epub"):
            return zip_damage(path)
        if name.endswith(".xml"):
            from lxml import etree

            from ..xmlsafe import parse_file

            try:
                parse_file(path)
            except etree.XMLSyntaxError as exc:
                return f"not well-formed XML (truncated or damaged): {exc}"
    except OSError as exc:
        return f"the file cannot be read: {exc.strerror or exc}"
    return None
