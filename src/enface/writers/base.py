"""What a writer is, what it is given, and what it gives back (kept apart from the
registry so that writer modules can import it)."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..cache import digest_bytes, digest_files
from ..diagnostics import Finding
from ..paths import styles_dir

if TYPE_CHECKING:
    from ..cache import Cache
    from ..manifest import Edition
    from ..pdf.options import PrintOptions
    from ..tei.read import Document


@dataclass(frozen=True)
class Options:
    """What the build is asked for besides the formats; writers read their part of it."""

    epub_modes: tuple[str, ...] = ("interleaved",)
    epub_primary: str | None = None
    print_options: PrintOptions | None = None
    page_list: bool = True
    extra_css: Path | None = None  # the edition's print stylesheet ([style] print)
    allow_missing_glyphs: bool = False  # characters no vendored font covers: warnings, not an error
    jobs: int = 1  # processes laying out the print edition's parts (changes no byte of it)


@dataclass(frozen=True)
class Layout:
    """The print layout: printed page starts (label, first element id), the PDF (empty when
    only the page starts were asked for) and the layout's messages."""

    page_starts: list[tuple[str, str]]
    pdf: bytes = b""
    messages: list[str] = field(default_factory=list)


@dataclass
class Context:
    """Everything a writer may read besides the TEI views: the TEI bytes, the text stages'
    report, the print layout (when it needs one), and the findings so far."""

    edition: Edition
    edition_dir: Path
    when: dt.datetime
    options: Options
    tei: bytes
    report: dict = field(default_factory=dict)
    layout: Layout | None = None
    findings: list[Finding] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)  # edition files outputs embed (images…), by digest
    cache: Cache | None = None  # the build's stage cache: the print layout keeps each part in it


@dataclass(frozen=True)
class Written:
    data: bytes
    findings: tuple[Finding, ...] = ()


@dataclass(frozen=True)
class CheckContext:
    """What ``enface check`` gives a writer's check: the sources' text (file name, normalised
    text), a progress callback and whether EPUBCheck may run."""

    sources: list[tuple[str, str]]
    progress: Callable[[str], None] = lambda _m: None
    epubcheck: bool = True


@dataclass(frozen=True)
class Writer:
    """One output of a build.

    ``name`` is unique (and labels the stage in the cache and in ``BuildResult.rebuilt``);
    ``format`` is the ``--format`` word that asks for it (several writers can share one: the
    EPUB reading modes); the file is ``SLUG + suffix``. ``needs``: ``"tei"`` (always there) and
    what else the writer reads: ``"layout"`` (the print layout: the printed page starts, for a
    page-list, and its messages), ``"pdf"`` (the PDF the layout writes: WeasyPrint lays out and
    writes in one pass), ``"findings"`` (every finding of the build: the writer runs after all
    the others).
    ``cached``: keep the bytes in the stage cache (off for writers that only pass bytes on).
    ``always``: written by every build whatever ``--format`` says (the report).

    A subclass overrides :meth:`write` and, when they apply, :meth:`wanted`, :meth:`requires`,
    :meth:`cache_inputs` and :meth:`check`. The writer reads the TEI (``document``, the views of
    ``enface.tei.read``) and never the text stages: what it says is in the TEI first.
    """

    name: str
    format: str
    suffix: str
    label: str = ""  # for progress lines: "writing the EPUB (popup)"
    description: str = ""  # for --format help
    needs: frozenset[str] = frozenset({"tei"})
    cached: bool = True
    always: bool = False
    folder: bool = False  # the output is a folder (``SLUG + suffix``/…): ``data`` is it packed (pack_folder)
    by_default: bool = True  # built when --format is not given (the device editions are asked for)

    def output_name(self, slug: str) -> str:
        return slug + self.suffix

    def wanted(self, options: Options) -> bool:
        """Whether a build that asks for this writer's format writes it (EPUB: its mode chosen)."""
        return True

    def preflight(self) -> None:
        """Before any work: raise an ``EnfaceError`` when this writer cannot run here (a tool
        missing), so a build fails at once with one line saying what to install."""

    def requires(self, options: Options) -> frozenset[str]:
        return self.needs

    def cache_inputs(self, options: Options) -> tuple[str | bytes, ...]:
        """Everything the output depends on besides the TEI, the build date and (when it needs
        the layout) the page starts: styles, fonts, options."""
        return ()

    def write(self, document: Document, context: Context) -> Written:
        raise NotImplementedError

    def check(self, path: Path, context: CheckContext) -> list[tuple[str, bool, str]]:
        """``enface check`` on a built output: (check name, passed, detail) each."""
        return []


def style_digest(css_name: str) -> str:
    """One hash of a stylesheet of ``styles/``, what it loads (``@import``, ``url()``) and the
    vendored fonts."""
    css = styles_dir() / css_name
    fonts = sorted((styles_dir() / "fonts").glob("*"))
    loaded = sorted(p for p in css_references(css) if p.is_file() and p not in fonts)
    return digest_files([css, *fonts, *loaded])


def words_checks(output_text: str, context: CheckContext) -> list[tuple[str, bool, str]]:
    """Every word of every source present in an output's text."""
    from ..checks.text import compare_all

    return [("words", f.ok, f.describe()) for f in compare_all(context.sources, output_text)]


_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+?)['"]?\s*\)""")
_CSS_IMPORT = re.compile(r"""@import\s+['"]([^'"]+)['"]""")  # @import url(…) is a url() too


def css_references(css: Path) -> set[Path]:
    """The local files a stylesheet loads with ``url(…)`` or ``@import``, and what the
    stylesheets it imports load, all the way down (not ``data:``, ``http:``, fragments)."""
    found: set[Path] = set()
    todo = [css]
    while todo:
        sheet = todo.pop()
        try:
            text = sheet.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        for match in [*_CSS_URL.finditer(text), *_CSS_IMPORT.finditer(text)]:
            url = match.group(1).strip()
            if ":" in url or url.startswith("#"):
                continue
            path = Path(os.path.normpath(sheet.parent / url.split("#")[0].split("?")[0]))
            if path not in found and path != css:
                found.add(path)
                if path.suffix.lower() == ".css":
                    todo.append(path)
    return found


def referenced_files(document: Document, edition_dir: Path, extra_css: Path | None) -> dict[str, str]:
    """The edition's files an output can embed besides the TEI, by content: figures' images
    (``src``, relative to the edition folder) and what the edition's stylesheet loads with
    ``url(…)`` and ``@import``, all the way down. ``{path relative to the edition folder:
    sha256}`` ("missing" for none)."""
    wanted: set[Path] = set()
    paras = [p for unit in document.units for ps in unit.paragraphs.values() for p in ps]
    paras += [p for app in document.appendices for p in app.paragraphs]
    for para in paras:
        src = getattr(para, "src", "")
        if src:
            wanted.add(edition_dir / src)
    if extra_css is not None:
        wanted |= css_references(extra_css)
    return files_digests(edition_dir, (str(p.relative_to(edition_dir)) for p in wanted if _inside(p, edition_dir)))


def files_digests(edition_dir: Path, names: Iterable[str]) -> dict[str, str]:
    """``{name: sha256 of edition_dir/name}``, sorted; "missing" for a file that is not there."""
    digests = {}
    for name in sorted(set(names)):
        try:
            digests[name] = digest_bytes((edition_dir / name).read_bytes())
        except OSError:
            digests[name] = "missing"
    return digests


def _inside(path: Path, folder: Path) -> bool:
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a loop of symbolic links (RuntimeError in Python 3.11)
        return False


def pack_folder(files: dict[str, bytes]) -> bytes:
    """A folder output as one byte string (a ZIP, stored, fixed dates, sorted): what a folder
    writer returns and the stage cache keeps; :func:`unpack_folder` gives the files back."""
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[name])
    return buffer.getvalue()


def unpack_folder(data: bytes) -> dict[str, bytes]:
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist() if not name.endswith("/")}
