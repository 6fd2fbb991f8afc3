"""``enface check``: prove the built outputs are right, with real tools.

TEI: the shipped RELAX NG schema and pointer resolution. EPUB: EPUBCheck, zero
errors and zero warnings. PDF: fonts embedded and subset, title and language.
Both: every word of every source present in the extracted text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..checks.text import compare, epub_text, pdf_text
from ..errors import EnfaceError
from ..ingest.reader import decode, normalise
from ..manifest import load_edition
from ..tei import validate
from ..xmlsafe import parse_file
from .build import SUFFIX


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
    paths = {fmt: out_dir / f"{edition.slug}{suffix}" for fmt, suffix in SUFFIX.items()}
    present = {fmt: p for fmt, p in paths.items() if p.is_file()}
    if not present:
        raise EnfaceError(
            f"no outputs of {edition.slug!r} here",
            path=out_dir,
            hint="run `enface build` first, or give the folder the outputs are in",
        )
    report = CheckReport()
    sources = []
    for source in edition.sources:
        path = edition_dir / source.file
        sources.append((source.file, normalise(decode(path.read_bytes(), path))[0]))

    if "tei" in present:
        progress("validating the TEI against the enface schema")
        name = present["tei"].name
        try:
            validate(parse_file(present["tei"]), label=name)
            report.add(name, "schema", True, "valid against enface-tei.rng; every link resolves")
        except EnfaceError as exc:
            report.add(name, "schema", False, exc.message)

    epubs = sorted(out_dir.glob(f"{edition.slug}*.epub"))  # every reading mode built
    for epub in epubs:
        name = epub.name
        if epubcheck:
            progress(f"running EPUBCheck on {name}")
            from ..checks.epubcheck import run_epubcheck

            result = run_epubcheck(epub)
            detail = f"{len(result.errors)} errors, {len(result.warnings)} warnings"
            if not result.ok:
                detail += ": " + "; ".join((result.errors + result.warnings)[:5])
            report.add(name, "EPUBCheck", result.ok, detail)
        text = epub_text(epub)
        for file, source_text in sources:
            fidelity = compare(file, source_text, text)
            report.add(name, "words", fidelity.ok, fidelity.describe())

    if "pdf" in present:
        progress("inspecting the PDF")
        from ..checks.pdf import inspect_pdf

        name = present["pdf"].name
        pdf = inspect_pdf(present["pdf"])
        report.add(
            name,
            "structure",
            not pdf.problems,
            "; ".join(pdf.problems)
            or f"{pdf.pages} pages, {len(pdf.fonts)} fonts embedded and subset, lang {pdf.lang}",
        )
        text = pdf_text(present["pdf"])
        for file, source_text in sources:
            fidelity = compare(file, source_text, text)
            report.add(name, "words", fidelity.ok, fidelity.describe())
    return report
