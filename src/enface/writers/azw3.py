"""The Kindle edition (AZW3, KF8): calibre's ``ebook-convert`` on the interleaved EPUB.

calibre is not a Python dependency: it is Debian's ``calibre`` package (``make kindle-setup``
installs it). Without ``ebook-convert`` on PATH a build asking for ``azw3`` stops before any
work with one line naming the package. calibre writes random identifiers into every AZW3
(the ASIN record, font keys), so the file is not the same bytes from one conversion to the
next: the build's stage cache keeps it, so an unchanged edition keeps its AZW3.
``enface check`` converts the AZW3 back to text with calibre and looks for every word.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import classify
from ..errors import EnfaceError
from .base import CheckContext, Context, Options, Writer, Written, style_digest, words_checks

APT_PACKAGE = "calibre"
TIMEOUT = 900  # seconds; calibre takes 10-30 s on the bundled edition


def ebook_convert() -> str:
    found = shutil.which("ebook-convert")
    if found is None:
        raise EnfaceError(
            "--format azw3 needs calibre's ebook-convert, which is not installed",
            hint=f"install the Debian package {APT_PACKAGE}: make kindle-setup, or sudo apt-get install -y {APT_PACKAGE}",
        )
    return found


def convert(source: Path, target: Path) -> str:
    """``ebook-convert source target``; calibre's log. An error names the log's last lines."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONHASHSEED": "0"}
    try:
        done = subprocess.run(
            [ebook_convert(), str(source), str(target)],
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise EnfaceError(f"calibre's ebook-convert took more than {TIMEOUT} s on {source.name}") from None
    log = done.stdout + done.stderr
    if done.returncode != 0 or not target.is_file():
        tail = " | ".join(line.strip() for line in log.strip().splitlines()[-3:])
        raise EnfaceError(f"calibre's ebook-convert failed on {source.name} (exit {done.returncode}): {tail}")
    return log


@dataclass(frozen=True)
class Azw3Writer(Writer):
    def preflight(self) -> None:
        ebook_convert()

    def requires(self, options: Options) -> frozenset[str]:
        return self.needs | {"layout"} if options.page_list else self.needs

    def cache_inputs(self, options: Options) -> tuple[str | bytes, ...]:
        return (style_digest("epub.css"), style_digest("epub-structure.css"), "azw3")

    def write(self, document, context: Context) -> Written:
        from ..epub import build_epub

        starts = context.layout.page_starts if context.layout is not None and context.options.page_list else None
        made = build_epub(document, context.when, page_starts=starts, edition_dir=context.edition_dir)
        name = self.output_name(context.edition.slug)
        with tempfile.TemporaryDirectory(prefix="enface-azw3-") as tmp:
            epub_path, azw3_path = Path(tmp) / "book.epub", Path(tmp) / "book.azw3"
            epub_path.write_bytes(made.data)
            convert(epub_path, azw3_path)
            data = azw3_path.read_bytes()
        return Written(data, tuple(classify(w, "epub", file=name) for w in made.warnings))

    def check(self, path: Path, context: CheckContext) -> list[tuple[str, bool, str]]:
        context.progress(f"converting {path.name} back to text with calibre")
        with tempfile.TemporaryDirectory(prefix="enface-azw3-") as tmp:
            text_path = Path(tmp) / "book.txt"
            try:
                convert(path, text_path)
            except EnfaceError as exc:
                return [("calibre", False, exc.message)]
            text = text_path.read_text(encoding="utf-8")
        return [("calibre", True, "calibre reads it back"), *words_checks(text, context)]


WRITER = Azw3Writer(
    name="azw3",
    format="azw3",
    suffix=".azw3",
    label="AZW3 (Kindle, calibre)",
    description="Kindle KF8 book made by calibre's ebook-convert from the interleaved EPUB (SLUG.azw3)",
    by_default=False,
)
