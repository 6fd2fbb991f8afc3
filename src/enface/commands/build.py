"""``enface build``: sources → TEI → every output asked for, all replaced together or not at all.

The outputs are the writers of :mod:`enface.writers` (one per output, in a registry). The
build runs three kinds of stages, each cached by content (:mod:`enface.cache`):

- the **text stage** (read, check, typography, segmentation, alignment, TEI) by the
  sources, the manifest and the build date;
- the **print layout**, when a writer needs it (the PDF; each EPUB's page-list of the
  print edition), by the TEI, print styles, fonts and print options — and the PDF with it,
  as WeasyPrint lays out and writes in one pass;
- each **writer** by the TEI, the build date, the page starts when it needs them, and
  what it declares (:meth:`~enface.writers.Writer.cache_inputs`: styles, fonts, options).

The layout and every writer also depend on the edition's files an output embeds (figures'
images, what the edition's stylesheet loads), by content
(:func:`~enface.writers.base.referenced_files`).

A rebuild redoes exactly the stages whose inputs changed, and a build whose every output
is already in place with the expected bytes does nothing at all. A cache entry that does
not verify is recomputed, with one notice (``cache.discarded``, shown, not in the report).
When Debian packages dictionaries between the edition's languages that are not installed,
the build says which and how to install them (``align.dictionaries``, shown, not in the report).

Before any work, every build (cached or not) checks the build date, the sources' paths and
sizes (:func:`~enface.limits.check_sources`) and the output folder (not inside the
edition, its parent there), and takes the folder's lock (:class:`~enface.output.BuildLock`).
The outputs are put in place together (:class:`~enface.output.Release`): the whole new set
or, if anything fails, the previous one, with outputs of formats not built this time kept
and one ``SHA256SUMS`` listing everything in the folder.

The EPUB page-list is the print edition's pagination, so an EPUB needs the print layout
(computed, or from the cache) unless the page-list is turned off; that is why EPUB and PDF
are not rendered in parallel: the EPUB waits for the layout, and writing it takes a tenth
of the layout's time.

Every remark of every stage is a :class:`~enface.diagnostics.Finding`; they all go to the
report. With ``strict``, a warning fails the build like an error: nothing is replaced.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from .. import dictd
from ..cache import NOTICE_CODE, Cache, digest_bytes, key
from ..dates import build_datetime
from ..diagnostics import Finding, classify, failing, finding
from ..errors import EnfaceError, machine_error
from ..fonts import glyph_findings
from ..limits import check_sources, edition_file
from ..manifest import MANIFEST_NAME, Edition, load_edition
from ..output import SUMS, BuildLock, Release, folder_digest
from ..writers import WRITERS, Context, Layout, Options, Writer, Written, selected
from ..writers import parse_formats as _parse_formats
from ..writers.base import files_digests, referenced_files, unpack_folder
from ..writers.pdf import lay_out, layout_inputs

Progress = Callable[[str], None]


@dataclass
class BuildResult:
    edition: Edition
    outputs: list[Path] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)  # every finding, in stage order
    report: dict = field(default_factory=dict)  # the build report (<slug>.report.json)
    rebuilt: list[str] = field(default_factory=list)  # stages computed, not taken from the cache
    up_to_date: bool = False
    failed: list[Finding] = field(default_factory=list)  # findings that failed a strict build

    @property
    def warnings(self) -> list[str]:
        """The warnings and errors among the findings, one line each."""
        return [f.render() for f in self.findings if f.severity != "info"]


def parse_formats(value: str | Iterable[str]) -> list[str]:
    return _parse_formats(value)


def _sources_digest(edition_dir: Path, edition: Edition) -> str:
    """The manifest and every source, by content (checked by :func:`check_sources` first)."""
    h = hashlib.sha256((edition_dir / MANIFEST_NAME).read_bytes())
    for source in edition.sources:
        path = edition_dir / source.file
        h.update(source.file.encode() + b"\0")
        try:
            h.update(hashlib.sha256(path.read_bytes()).digest())
        except OSError as exc:
            raise machine_error(exc, "cannot read the source", path) from None
    if edition.alignment:  # the corrections the text stage applies
        h.update(b"alignment\0" + edition.alignment.encode() + b"\0")
        if (edition_dir / edition.alignment).is_file():  # else the text stage says it is missing
            path, _size = edition_file(edition_dir, edition.alignment, "alignment file")
            h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def check_out_dir(out_dir: Path, edition_dir: Path) -> None:
    """The output folder can be one: not the edition folder or inside it, a folder (or not
    there yet, in a folder that is)."""
    out, edition = out_dir.resolve(), edition_dir.resolve()
    if out == edition or out.is_relative_to(edition):
        raise EnfaceError(
            "the output folder is inside the edition folder (or is it)",
            path=out_dir,
            hint="give --out a folder outside the edition, e.g. ./build",
        )
    if out_dir.exists() or out_dir.is_symlink():
        if not out_dir.is_dir():
            raise EnfaceError("the output folder is not a folder", path=out_dir, hint="give --out a folder")
    elif not out.parent.is_dir():
        raise EnfaceError(
            "the folder that should hold the output folder does not exist",
            path=out.parent,
            hint="create it first, or check --out",
        )


def _is_current(out_dir: Path, expected: dict[str, str]) -> bool:
    for name, digest in expected.items():
        path = out_dir / name
        if path.is_dir():  # a folder output: its digest is its SHA256SUMS's, every file as listed
            if folder_digest(path) != digest:
                return False
            continue
        try:
            if digest_bytes(path.read_bytes()) != digest:
                return False
        except OSError:
            return False
    return True


def build_options(
    edition_dir: Path,
    edition: Edition,
    *,
    epub_mode: str | None = None,
    epub_primary: str | None = None,
    print_options=None,
    page_list: bool | None = None,
    allow_missing_glyphs: bool = False,
    jobs: int | None = None,
) -> Options:
    """The build's options from the command line and the manifest, checked before any work."""
    from ..epub.options import check_primary, parse_modes
    from ..pdf.options import PrintOptions

    extra_css = None
    if edition.style.print:
        extra_css = edition_dir / edition.style.print
        if not extra_css.is_file():
            raise EnfaceError("stylesheet not found", path=extra_css, hint="check [style] print in edition.toml")
        edition_file(edition_dir, edition.style.print, "stylesheet")  # inside the edition
    print_options = print_options or PrintOptions()
    if print_options.layout is None and edition.print.layout:
        print_options = replace(print_options, layout=edition.print.layout)
    if print_options.text_align is None and edition.print.text_align:
        print_options = replace(print_options, text_align=edition.print.text_align)
    if print_options.layout is None:  # chosen for the reader (pdf/choice.py), part of the cache key
        from ..pdf.choice import resolve

        print_options = resolve(print_options, edition.languages)[0]
    if print_options.full_page is None and edition.print.full_page:  # facing pages: the verso's language
        print_options = replace(print_options, full_page=edition.print.full_page)
    if print_options.full_page is not None and print_options.full_page not in edition.languages:
        raise EnfaceError(
            f"--full-page {print_options.full_page}: not a language of this edition ({', '.join(edition.languages)})",
            hint="give one of the edition's languages, or leave it out (the first)",
        )
    return Options(
        epub_modes=tuple(parse_modes(epub_mode or edition.epub.mode)),
        epub_primary=check_primary(epub_primary or edition.epub.primary, edition.languages),
        print_options=print_options,
        page_list=edition.epub.page_list if page_list is None else page_list,
        extra_css=extra_css,
        allow_missing_glyphs=allow_missing_glyphs,
        jobs=default_jobs() if jobs is None else max(1, jobs),
    )


def default_jobs() -> int:
    """Processes laying out the print edition: one per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


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
    strict: bool = False,
    allow_missing_glyphs: bool = False,
    wait: bool = False,
    waiting: Callable[[int | None], None] = lambda _pid: None,
    jobs: int | None = None,
) -> BuildResult:
    """Build the outputs. ``epub_mode`` (interleaved, sequential, popup, all; default: the
    manifest's ``[epub] mode``, else interleaved) and ``epub_primary`` (popup mode's reading
    language) choose the EPUB edition(s). ``page_list`` (default: the manifest's ``[epub]
    page_list``, else on) gives the EPUBs a page-list of the print edition's pages.
    ``print_options`` (``enface.pdf.PrintOptions``) default to A4, PDF/UA-1. With ``strict``,
    a warning fails the build (``result.failed``) and no output is replaced. Another build
    writing ``out_dir`` is an error, or with ``wait`` awaited (``waiting(pid)`` told once)."""
    edition = load_edition(edition_dir)
    when: dt.datetime = build_datetime(edition_dir)
    options = build_options(
        edition_dir,
        edition,
        epub_mode=epub_mode,
        epub_primary=epub_primary,
        print_options=print_options,
        page_list=page_list,
        allow_missing_glyphs=allow_missing_glyphs,
        jobs=jobs,
    )
    writers = selected(parse_formats(formats), options)
    check_sources(edition_dir, edition)  # every build, cached or not
    check_out_dir(out_dir, edition_dir)
    try:
        out_dir.mkdir(exist_ok=True)
    except OSError as exc:
        raise machine_error(exc, "cannot create the output folder", out_dir) from None
    with BuildLock(out_dir, wait=wait, waiting=waiting):
        cache = Cache(out_dir, enabled=use_cache)
        result = _build(edition_dir, out_dir, edition, when, options, writers, cache, check_language, progress, strict)
    notice = cache.notice()
    if notice:  # about this machine's cache, not the edition: shown, never in the report
        result.findings.append(finding(NOTICE_CODE, notice))
    missing = dictd.suggestion(edition.languages)
    if missing:  # about this machine too
        result.findings.append(finding(dictd.CODE, missing))
    return result


def _build(
    edition_dir: Path,
    out_dir: Path,
    edition: Edition,
    when: dt.datetime,
    options: Options,
    writers: list[Writer],
    cache: Cache,
    check_language: bool,
    progress: Progress,
    strict: bool,
) -> BuildResult:
    result = BuildResult(edition)
    needs = frozenset().union(*(w.requires(options) for w in writers))

    text_key = _text_key(edition_dir, edition, when, check_language)
    build_key = key(
        "build",
        text_key,
        str(options.page_list),
        *(layout_inputs(options) if "layout" in needs else ()),
        *(part for w in writers for part in (w.name, *w.cache_inputs(options))),
        *(("allow-missing-glyphs",) if options.allow_missing_glyphs else ()),
    )
    last = cache.get_json("builds", build_key)
    if last is not None:
        try:
            if _is_current(out_dir, last["outputs"]) and files_digests(edition_dir, last["files"]) == last["files"]:
                result.up_to_date = True
                result.findings = [Finding.from_dict(f) for f in last["findings"]]
                result.report = dict(last["report"])
                result.outputs = [out_dir / name for name in last["built"]]
                result.failed = failing(result.findings, strict=strict)
                return result
        except (KeyError, TypeError, ValueError, AttributeError):
            cache.discard("builds", build_key, "not what the stage stores")

    context = text_stage(edition_dir, edition, when, options, cache, text_key, check_language, progress, result)
    from ..tei.read import read_tei
    from ..xmlsafe import parse_bytes

    document = read_tei(parse_bytes(context.tei))
    context.files = referenced_files(document, edition_dir, options.extra_css)
    from ..review import findings as alignment_findings

    # read from the TEI: a warning per unit below the confidence threshold, and the summary line
    context.findings.extend(alignment_findings(document))
    if any(w.format != "tei" and not w.always for w in writers):  # a character no vendored font has
        context.findings.extend(glyph_findings(document, allow=options.allow_missing_glyphs))
    outputs: dict[str, Written] = {}
    order = [w.output_name(edition.slug) for w in WRITERS.values()]
    with Release(out_dir, order) as staging:
        # writers that need only the TEI, then the print layout and the writers that need it,
        # then those that need every finding (the report); each output staged when written
        for phase in ("tei", "layout", "findings"):
            if phase == "layout" and "layout" in needs:
                context.layout = print_stage(document, context, "pdf" in needs, cache, progress, result)
            for writer in (w for w in writers if _phase(w, options) == phase):
                written = _writer_stage(writer, document, context, cache, progress, result)
                context.findings.extend(written.findings)
                outputs[writer.name] = written
                if writer.folder:  # the web edition: a folder, packed in ``data``
                    staging.write_folder(writer.output_name(edition.slug), unpack_folder(written.data))
                else:
                    staging.write(writer.output_name(edition.slug), written.data)
        result.findings = list(context.findings)
        result.report = json.loads(outputs["report"].data) if "report" in outputs else {}
        result.failed = failing(result.findings, strict=strict)
        if result.failed:
            return result  # nothing replaced: a failed build leaves the previous outputs as they were
        digests = staging.commit()  # with the outputs of other formats, kept, and SHA256SUMS
    built = [*(writer.output_name(edition.slug) for writer in writers), SUMS]  # registry order
    result.outputs = [out_dir / name for name in built]
    cache.put_json(
        "builds",
        build_key,
        {
            "outputs": digests,
            "built": built,
            "files": context.files,
            "findings": [f.to_dict() for f in result.findings],
            "report": result.report,
        },
    )
    return result


def _phase(writer: Writer, options: Options) -> str:
    """When a writer runs: after the text stage (``tei``), after the print layout
    (``layout``), or last, when every other stage has said what it had to (``findings``)."""
    requires = writer.requires(options)
    return "findings" if "findings" in requires else "layout" if "layout" in requires else "tei"


def _text_key(edition_dir: Path, edition: Edition, when: dt.datetime, check_language: bool) -> str:
    """The text stage's inputs: the sources, the build date, the language check and the
    installed dictionaries the alignment looks words up in."""
    from ..dictd import identity

    return key(
        "text",
        _sources_digest(edition_dir, edition),
        str(int(when.timestamp())),
        str(check_language),
        identity(edition.languages),
    )


def text_stage(
    edition_dir: Path,
    edition: Edition,
    when: dt.datetime,
    options: Options,
    cache: Cache,
    text_key: str,
    check_language: bool,
    progress: Progress,
    result: BuildResult,
) -> Context:
    """Sources → the TEI bytes, the text report and the findings, as the writers' context
    (from the cache when the sources, the manifest and the build date are unchanged)."""

    def context(tei: bytes, report: dict, findings: list[Finding]) -> Context:
        return Context(edition, edition_dir, when, options, tei, report, None, findings)

    cached = cache.get_json("text", text_key)
    if cached is not None:
        try:
            findings = [Finding.from_dict(f) for f in cached["findings"]]
            return context(cached["tei"].encode("utf-8"), json.loads(cached["report"]), findings)
        except (KeyError, TypeError, ValueError, AttributeError):
            cache.discard("text", text_key, "not what the stage stores")
    from ..pipeline import prepare_all
    from ..report import build_report
    from ..tei import build_tei, validate
    from ..tei.build import serialize

    progress("reading, checking and aligning the sources")
    from ..ingest.language import Verdicts
    from ..memo import Memo

    prepared = prepare_all(
        edition_dir, edition, check_language=check_language, verdicts=Verdicts(cache), memo=Memo(cache)
    )
    progress("assembling and validating the TEI")
    tree = build_tei(edition, prepared.parallel, when, langs=prepared.langs)
    validate(tree, label=f"{edition.slug}.tei.xml")
    tei, report = serialize(tree), build_report(prepared.parallel).decode("utf-8")
    findings = list(prepared.findings)
    cache.put_json(  # the report as text: its keys keep their order
        "text",
        text_key,
        {"tei": tei.decode("utf-8"), "report": report, "findings": [f.to_dict() for f in findings]},
    )
    result.rebuilt.append("text")
    return context(tei, json.loads(report), findings)


def print_stage(
    document, context: Context, want_pdf: bool, cache: Cache, progress: Progress, result: BuildResult
) -> Layout:
    """The print layout (page starts, messages) and, when asked, the PDF; the layout's
    messages become findings of the build."""
    stage_key = key(
        "print",
        context.tei,
        str(int(context.when.timestamp())),
        json.dumps(context.files),
        *layout_inputs(context.options),
    )
    cached = cache.get_json("layout", stage_key)
    pdf = cache.get("pdf", stage_key) if want_pdf and cached is not None else b""
    layout = None
    if cached is not None and pdf is not None:
        try:
            starts = [(str(label), str(ident)) for label, ident in cached["page_starts"]]
            layout = Layout(starts, pdf, [str(m) for m in cached["messages"]])
        except (KeyError, TypeError, ValueError, AttributeError):
            cache.discard("layout", stage_key, "not what the stage stores")
    if layout is None:
        progress("laying out the PDF (WeasyPrint)" if want_pdf else "laying out the print edition for the page-list")
        context.cache = cache  # each part of the layout (a chapter) is kept in it by its content
        with _counting_pages():
            layout = lay_out(document, context, write=want_pdf)
        cache.put_json(
            "layout", stage_key, {"messages": layout.messages, "page_starts": [list(p) for p in layout.page_starts]}
        )
        result.rebuilt.append("layout")
        if want_pdf:
            cache.put("pdf", stage_key, layout.pdf)
            result.rebuilt.append("pdf")
    context.findings.extend(classify(m, "print") for m in layout.messages)
    return layout


def _writer_stage(
    writer: Writer, document, context: Context, cache: Cache, progress: Progress, result: BuildResult
) -> Written:
    if not writer.cached:
        return writer.write(document, context)
    requires = writer.requires(context.options)
    starts = context.layout.page_starts if "layout" in requires and context.layout is not None else None
    stage = writer.name.replace(":", "-")
    stage_key = key(
        "writer",
        writer.name,
        context.tei,
        str(int(context.when.timestamp())),
        json.dumps(starts),
        json.dumps(context.files),
        *writer.cache_inputs(context.options),
    )
    data = cache.get(stage, stage_key)
    findings = cache.get_json(f"{stage}.findings", stage_key) if data is not None else None
    if data is not None and findings is not None:
        try:
            return Written(data, tuple(Finding.from_dict(f) for f in findings))
        except (KeyError, TypeError, ValueError, AttributeError):
            cache.discard(f"{stage}.findings", stage_key, "not what the stage stores")
    progress(f"writing the {writer.label or writer.name}")
    written = writer.write(document, context)
    cache.put(stage, stage_key, written.data)
    cache.put_json(f"{stage}.findings", stage_key, [f.to_dict() for f in written.findings])
    result.rebuilt.append(writer.name)
    return written


def print_edition(
    edition_dir: Path,
    out_dir: Path,
    progress: Progress = lambda _m: None,
    *,
    print_options=None,
    check_language: bool = True,
    use_cache: bool = True,
) -> tuple[Edition, Layout, list[Finding]]:
    """The PDF as ``enface build`` makes it, through the same text and print stages and the
    same stage cache (``out_dir/.enface-cache``), writing no output: for ``enface preview``."""
    edition = load_edition(edition_dir)
    when = build_datetime(edition_dir)
    check_sources(edition_dir, edition)
    cache = Cache(out_dir, enabled=use_cache)
    options = replace(build_options(edition_dir, edition, print_options=print_options), epub_modes=())
    result = BuildResult(edition)
    text_key = _text_key(edition_dir, edition, when, check_language)
    context = text_stage(edition_dir, edition, when, options, cache, text_key, check_language, progress, result)
    from ..tei.read import read_tei
    from ..xmlsafe import parse_bytes

    document = read_tei(parse_bytes(context.tei))
    context.files = referenced_files(document, edition_dir, options.extra_css)
    context.findings.extend(glyph_findings(document, allow=True))  # shown; the preview is drawn all the same
    layout = print_stage(document, context, True, cache, progress, result)
    return edition, layout, context.findings


@contextmanager
def _counting_pages() -> Iterator[None]:
    """Pages laid out so far, counted from WeasyPrint's progress messages, while a progress
    display is showing (no effect on what WeasyPrint makes)."""
    import logging
    import re

    from .. import progress

    if not progress.active():
        yield
        return
    page = re.compile(r"Creating layout - Page (\d+)")

    class Pages(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            found = page.search(record.getMessage())
            if found:
                progress.count("laying out pages", int(found.group(1)))

    logger = logging.getLogger("weasyprint.progress")
    handler, level = Pages(logging.INFO), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
