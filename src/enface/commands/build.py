"""``enface build``: sources → TEI → EPUB and PDF, all outputs replaced together or not at all.

Stages are cached by content (:mod:`enface.cache`): the text stage (ingest, typography,
segmentation, alignment, TEI) by the sources, the manifest and the build date; the print
layout and PDF by the TEI, print styles, fonts and print options; each EPUB by the TEI,
EPUB styles, fonts, its mode and the print page starts of its page-list. A rebuild redoes
exactly the stages whose inputs changed, and a build whose every output is already in
place with the expected bytes does nothing at all.

The EPUB page-list is the print edition's pagination, so an EPUB needs the print layout
(computed, or from the cache) unless the page-list is turned off; that is why EPUB and PDF
are not rendered in parallel: the EPUB waits for the layout, and writing it takes a tenth
of the layout's time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..cache import Cache, digest_bytes, digest_files, key
from ..dates import build_datetime
from ..errors import EnfaceError
from ..manifest import MANIFEST_NAME, Edition, load_edition
from ..output import Staging
from ..paths import styles_dir

FORMATS = ("tei", "epub", "pdf")
SUFFIX = {"tei": ".tei.xml", "epub": ".epub", "pdf": ".pdf"}

Progress = Callable[[str], None]


@dataclass
class BuildResult:
    edition: Edition
    outputs: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    report: dict = field(default_factory=dict)  # the build report (<slug>.report.json)
    rebuilt: list[str] = field(default_factory=list)  # stages computed, not taken from the cache
    up_to_date: bool = False


def parse_formats(value: str | Iterable[str]) -> list[str]:
    items = value.split(",") if isinstance(value, str) else list(value)
    formats = [item.strip().lower() for item in items if item.strip()]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise EnfaceError(f"unknown output format {', '.join(unknown) or '(none)'}: choose from {', '.join(FORMATS)}")
    return [f for f in FORMATS if f in formats]


def tei_bytes(tree) -> bytes:
    from lxml import etree

    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _sources_digest(edition_dir: Path, edition: Edition) -> str:
    """The manifest and every source, by content (a missing source is reported by ingest)."""
    h = hashlib.sha256((edition_dir / MANIFEST_NAME).read_bytes())
    for source in edition.sources:
        path = edition_dir / source.file
        h.update(source.file.encode() + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest() if path.is_file() else b"missing")
    return h.hexdigest()


def _style_digest(css_name: str) -> str:
    fonts = sorted((styles_dir() / "fonts").glob("*"))
    return digest_files([styles_dir() / css_name, *fonts])


def _print_stage_key(tei: bytes, options, extra_css: Path | None) -> str:
    extra = extra_css.read_bytes() if extra_css else b""
    return key("print", tei, _style_digest("print.css"), repr(options), extra)


def _is_current(out_dir: Path, expected: dict[str, str]) -> bool:
    for name, digest in expected.items():
        try:
            if digest_bytes((out_dir / name).read_bytes()) != digest:
                return False
        except OSError:
            return False
    return True


def build(
    edition_dir: Path,
    out_dir: Path,
    formats: list[str],
    progress: Progress = lambda _m: None,
    *,
    check_language: bool = True,
    epub_mode: str | None = None,
    epub_primary: str | None = None,
    print_options=None,
    page_list: bool | None = None,
    use_cache: bool = True,
) -> BuildResult:
    """Build the outputs. ``epub_mode`` (interleaved, sequential, popup, all; default: the
    manifest's ``[epub] mode``, else interleaved) and ``epub_primary`` (popup mode's reading
    language) choose the EPUB edition(s). ``page_list`` (default: the manifest's ``[epub]
    page_list``, else on) gives the EPUBs a page-list of the print edition's pages.
    ``print_options`` (``enface.pdf.PrintOptions``) default to A4, PDF/UA-1."""
    edition = load_edition(edition_dir)
    result = BuildResult(edition)
    when: dt.datetime = build_datetime(edition_dir)
    cache = Cache(out_dir, enabled=use_cache)
    with_page_list = edition.epub.page_list if page_list is None else page_list
    epub_modes: list[str] = []
    if "epub" in formats:  # bad EPUB options fail before any work
        from ..epub.options import check_primary, parse_modes

        epub_modes = parse_modes(epub_mode or edition.epub.mode)
        epub_primary = check_primary(epub_primary or edition.epub.primary, edition.languages)
    extra_css = None
    if edition.style.print:
        extra_css = edition_dir / edition.style.print
        if not extra_css.is_file():
            raise EnfaceError("stylesheet not found", path=extra_css, hint="check [style] print in edition.toml")
    needs_print = "pdf" in formats or ("epub" in formats and with_page_list)
    if needs_print and print_options is None:
        from ..pdf.options import PrintOptions

        print_options = PrintOptions()

    text_key = key("text", _sources_digest(edition_dir, edition), str(int(when.timestamp())), str(check_language))
    build_key = key(
        "build",
        text_key,
        ",".join(formats),
        ",".join(epub_modes),
        str(epub_primary),
        repr(print_options),
        str(with_page_list),
        _style_digest("print.css"),
        _style_digest("epub.css"),
        extra_css.read_bytes() if extra_css else b"",
    )
    last = cache.get_json("builds", build_key)
    if isinstance(last, dict) and _is_current(out_dir, last["outputs"]):
        result.up_to_date = True
        result.warnings = list(last.get("warnings", []))
        result.report = last.get("report", {})
        result.outputs = [out_dir / name for name in last["outputs"]]
        return result

    tei, report, warnings = _text_stage(edition_dir, edition, when, cache, text_key, check_language, progress, result)
    result.warnings.extend(warnings)
    result.report = json.loads(report)

    from ..tei.read import read_tei
    from ..xmlsafe import parse_bytes

    doc = read_tei(parse_bytes(tei))
    with Staging(out_dir) as staging:
        staging.write(f"{edition.slug}.report.json", report)
        if "tei" in formats:
            staging.write(edition.slug + SUFFIX["tei"], tei)
        page_starts = None
        if needs_print:
            pdf, messages, page_starts = _print_stage(
                doc, tei, when, edition_dir, extra_css, print_options, "pdf" in formats, cache, progress, result
            )
            result.warnings.extend(f"WeasyPrint: {m}" for m in messages)
            if "pdf" in formats:
                staging.write(edition.slug + SUFFIX["pdf"], pdf)
            if not with_page_list:
                page_starts = None
        for mode in epub_modes:
            name, data, warnings = _epub_stage(
                doc, tei, when, edition.slug, mode, epub_primary, page_starts, cache, progress, result
            )
            result.warnings.extend(warnings)
            staging.write(name, data)
        sums = "".join(
            f"{hashlib.sha256(tmp.read_bytes()).hexdigest()}  {target.name}\n" for tmp, target in staging.pending()
        )
        staging.write("SHA256SUMS", sums.encode())
        written = {target.name: digest_bytes(tmp.read_bytes()) for tmp, target in staging.pending()}
        result.outputs = staging.commit()
    cache.put_json("builds", build_key, {"outputs": written, "warnings": result.warnings, "report": result.report})
    return result


def _text_stage(
    edition_dir: Path,
    edition: Edition,
    when: dt.datetime,
    cache: Cache,
    text_key: str,
    check_language: bool,
    progress: Progress,
    result: BuildResult,
) -> tuple[bytes, bytes, list[str]]:
    """Sources → TEI bytes, report bytes and warnings (from the cache when the sources are unchanged)."""
    cached = cache.get_json("text", text_key)
    if isinstance(cached, dict):
        return cached["tei"].encode("utf-8"), cached["report"].encode("utf-8"), cached["warnings"]
    from ..pipeline import prepare
    from ..report import build_report
    from ..tei import build_tei, validate

    progress("reading, checking and aligning the sources")
    parallel = prepare(edition_dir, edition, check_language=check_language)
    progress("assembling and validating the TEI")
    tree = build_tei(edition, parallel, when)
    validate(tree, label=f"{edition.slug}.tei.xml")
    tei, report = tei_bytes(tree), build_report(parallel)
    cache.put_json(
        "text",
        text_key,
        {"tei": tei.decode("utf-8"), "report": report.decode("utf-8"), "warnings": list(parallel.warnings)},
    )
    result.rebuilt.append("text")
    return tei, report, list(parallel.warnings)


def _print_stage(
    doc,
    tei: bytes,
    when: dt.datetime,
    edition_dir: Path,
    extra_css: Path | None,
    options,
    want_pdf: bool,
    cache: Cache,
    progress: Progress,
    result: BuildResult,
):
    """The print layout (page starts) and, when asked, the PDF bytes."""
    stage_key = _print_stage_key(tei, options, extra_css)
    layout = cache.get_json("layout", stage_key)
    pdf = cache.get("pdf", stage_key) if want_pdf else b""
    if isinstance(layout, dict) and pdf is not None:
        return pdf, layout["messages"], [tuple(p) for p in layout["page_starts"]]
    from ..pdf import render

    progress("laying out the PDF (WeasyPrint)" if want_pdf else "laying out the print edition for the page-list")
    printed = render(doc, when, edition_dir=edition_dir, options=options, extra_css=extra_css, write=want_pdf)
    cache.put_json(
        "layout", stage_key, {"messages": printed.messages, "page_starts": [list(p) for p in printed.page_starts]}
    )
    result.rebuilt.append("layout")
    if want_pdf:
        cache.put("pdf", stage_key, printed.pdf)
        result.rebuilt.append("pdf")
    return printed.pdf, printed.messages, list(printed.page_starts)


def _epub_stage(
    doc,
    tei: bytes,
    when: dt.datetime,
    slug: str,
    mode: str,
    primary: str | None,
    page_starts,
    cache: Cache,
    progress: Progress,
    result: BuildResult,
) -> tuple[str, bytes, list[str]]:
    from ..epub.options import output_name

    name = output_name(slug, mode)
    stage_key = key(
        "epub", tei, _style_digest("epub.css"), mode, str(primary), json.dumps(page_starts), str(int(when.timestamp()))
    )
    data = cache.get("epub", stage_key)
    warnings = cache.get_json("epub-warnings", stage_key)
    if data is not None and isinstance(warnings, list):
        return name, data, warnings
    from ..epub import build_epub

    progress(f"writing the EPUB ({mode})")
    made = build_epub(doc, when, mode=mode, primary=primary, page_starts=page_starts)
    cache.put("epub", stage_key, made.data)
    cache.put_json("epub-warnings", stage_key, list(made.warnings))
    result.rebuilt.append(f"epub:{mode}")
    return name, made.data, list(made.warnings)
