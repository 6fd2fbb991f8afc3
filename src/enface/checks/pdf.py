"""Structural checks of the PDF with pypdf: fonts embedded and subset, metadata present."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class PdfReport:
    pages: int
    title: str
    lang: str
    fonts: dict[str, bool] = field(default_factory=dict)  # font name -> embedded
    problems: list[str] = field(default_factory=list)


def _fonts(reader) -> dict[str, bool]:
    found: dict[str, bool] = {}
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        fonts = resources.get("/Font") or {}
        for ref in fonts.values():
            font = ref.get_object()
            name = str(font.get("/BaseFont", "?"))
            descriptors = [font.get("/FontDescriptor")]
            for descendant in font.get("/DescendantFonts") or []:
                descriptors.append(descendant.get_object().get("/FontDescriptor"))
            embedded = any(
                d is not None and any(k in d.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                for d in descriptors
            )
            found[name] = found.get(name, False) or embedded
    return found


def pdf_damage(path: Path) -> str | None:
    """Why the file cannot be a whole PDF (no ``%PDF-`` header, no ``%%EOF`` at its end: cut
    short), or ``None``. pypdf would read past such damage and find what it can."""
    with open(path, "rb") as handle:
        head = handle.read(1024)
        handle.seek(0, 2)
        size = handle.tell()
        handle.seek(max(0, size - 1024))
        tail = handle.read()
    if not head.startswith(b"%PDF-"):
        return "not a PDF (no %PDF- header)"
    if b"%%EOF" not in tail:
        return f"truncated or damaged: no %%EOF at the end of its {size:,} bytes"
    return None


def inspect_pdf(path: Path) -> PdfReport:
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    info = reader.metadata or {}
    root = reader.trailer["/Root"]
    report = PdfReport(pages=len(reader.pages), title=str(info.get("/Title", "")), lang=str(root.get("/Lang", "")))
    report.fonts = _fonts(reader)
    for name, embedded in sorted(report.fonts.items()):
        if not embedded:
            report.problems.append(f"font {name} is not embedded")
        elif "+" not in name:
            report.problems.append(f"font {name} is embedded whole, not subset")
    if not report.title:
        report.problems.append("no document title in the PDF metadata")
    if not report.lang:
        report.problems.append("no document language (/Lang) in the PDF catalog")
    if report.pages == 0:
        report.problems.append("the PDF has no pages")
    return report
