"""``enface preview``: PNG images of pages of the print edition, to look at before printing.

The PDF is made by ``enface build``'s own text and print stages, with the same print
options and the same stage cache (in the build folder, ``--build-dir``: see :func:`run`),
or taken from ``--pdf``; pages are rasterised with poppler's ``pdftoppm`` when it is on
PATH, else with pypdfium2 when installed. No output is written: the images go to ``--out``
as ``SLUG-p007.png``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Finding
from ..errors import EnfaceError

_RANGE = re.compile(r"^\s*(\d+)?\s*(-)?\s*(\d+)?\s*$")


def parse_pages(spec: str, count: int) -> list[int]:
    """``"1-4,7,10-"`` → page numbers (1-based) within ``1..count``, in order, without repeats."""
    pages: list[int] = []
    for part in (spec or "").split(","):
        if not part.strip():
            continue
        match = _RANGE.match(part)
        if not match or not (match.group(1) or match.group(3)):
            raise EnfaceError(f"pages {spec!r}: write them like 1-4, 7 or 3,5-6")
        start = int(match.group(1) or 1)
        end = int(match.group(3) or count) if match.group(2) else start
        if start < 1 or end < start:
            raise EnfaceError(f"pages {spec!r}: {part.strip()} is not a range of pages")
        if start > count:
            raise EnfaceError(f"pages {spec!r}: the PDF has {count} pages")
        pages.extend(p for p in range(start, min(end, count) + 1) if p not in pages)
    if not pages:
        raise EnfaceError("no pages asked for: give --pages like 1-4")
    return pages


@dataclass
class Preview:
    images: list[Path] = field(default_factory=list)
    tool: str = ""
    pages: int = 0  # pages in the PDF
    findings: list[Finding] = field(default_factory=list)  # of the build's stages


def _contiguous(pages: list[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for page in sorted(pages):
        if runs and page == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], page)
        else:
            runs.append((page, page))
    return runs


def rasterise(pdf: bytes, pages: list[int], out: Path, prefix: str, dpi: int = 60) -> tuple[list[Path], str]:
    """Write ``out/PREFIX-pNNN.png`` for each page; returns the files and the tool used."""
    out.mkdir(parents=True, exist_ok=True)
    if shutil.which("pdftoppm"):
        with tempfile.TemporaryDirectory() as tmp:
            source = Path(tmp) / "print.pdf"
            source.write_bytes(pdf)
            written = []
            for first, last in _contiguous(pages):
                subprocess.run(
                    [
                        "pdftoppm",
                        "-png",
                        "-r",
                        str(dpi),
                        "-f",
                        str(first),
                        "-l",
                        str(last),
                        str(source),
                        str(Path(tmp) / "page"),
                    ],
                    check=True,
                    capture_output=True,
                    timeout=300,
                )
            for produced in Path(tmp).glob("page-*.png"):
                number = int(produced.stem.rsplit("-", 1)[1])
                target = out / f"{prefix}-p{number:03d}.png"
                shutil.move(str(produced), target)
                written.append((number, target))
        return [path for _, path in sorted(written)], "pdftoppm"
    try:
        import pypdfium2
    except ImportError:
        raise EnfaceError("cannot draw pages: install poppler-utils (pdftoppm) or the pypdfium2 package") from None
    document = pypdfium2.PdfDocument(pdf)
    written = []
    for number in pages:
        image = document[number - 1].render(scale=dpi / 72).to_pil()
        target = out / f"{prefix}-p{number:03d}.png"
        image.save(target)
        written.append(target)
    return written, "pypdfium2"


def _page_count(pdf: bytes) -> int:
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def run(
    edition_dir: Path,
    out: Path,
    pages: str,
    *,
    options=None,
    pdf_file: Path | None = None,
    dpi: int = 60,
    check_language: bool = True,
    build_dir: Path = Path("build"),
    use_cache: bool = True,
    progress: Callable[[str], None] = lambda _m: None,
) -> Preview:
    """Draw ``pages`` of ``pdf_file``, or of the edition's PDF as ``enface build --out
    build_dir`` makes it: the build's own text and print stages, through the build's stage
    cache in ``build_dir/.enface-cache``. So a preview after a build (same print options)
    draws the PDF the build made without laying it out again, a build after a preview takes
    the layout from the cache, and the preview never writes into ``build_dir`` anything but
    cache entries; the images go to ``out``."""
    if not 1 <= dpi <= 600:
        raise EnfaceError(f"--dpi {dpi}: choose between 1 and 600")
    preview = Preview()
    if pdf_file is not None:
        if not pdf_file.is_file():
            raise EnfaceError("PDF not found", path=pdf_file)
        pdf = pdf_file.read_bytes()
        prefix = pdf_file.stem
    else:
        from .build import print_edition

        edition, layout, findings = print_edition(
            edition_dir,
            build_dir,
            progress,
            print_options=options,
            check_language=check_language,
            use_cache=use_cache,
        )
        pdf, prefix = layout.pdf, edition.slug
        preview.findings = findings
    preview.pages = _page_count(pdf)
    wanted = parse_pages(pages, preview.pages)
    preview.images, preview.tool = rasterise(pdf, wanted, out, prefix, dpi)
    return preview
