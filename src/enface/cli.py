"""The ``enface`` command line: parses options and calls the stages, nothing more.

Heavy modules (lxml trees, WeasyPrint, the language model) are imported inside
the commands, so ``enface --help`` answers at once.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import sys
from pathlib import Path
from typing import Annotated

import typer

from . import __version__
from .commands.catalogue import app as catalogue_app
from .errors import EnfaceError
from .writers import default_formats, formats_help

EXIT_USAGE = 2  # what Typer (click) exits with on a usage error
EXIT_BAD_INPUT = 3

EXIT_CODES = (
    "**Exit codes**: 0 success; 1 failed checks (`check`), findings (`lint`, and `build --strict` "
    "on warnings); 2 usage errors (an unknown option, a missing argument); 3 bad input or edition "
    "errors (a missing or unreadable source, a language that is not the declared one, a bad "
    "edition.toml or option value; or the machine's side: an output folder that cannot be written, a full "
    "disk, another build writing the same folder, a build date outside 1980-2107); 130 interrupted."
)

app = typer.Typer(
    name="enface",
    help=(
        "Build parallel-text (en face) editions from aligned plain-text translations: "
        "a TEI P5 intermediate, an EPUB 3 ebook and a PDF print edition.\n\n"
        "Run `enface build` to build the bundled edition into ./build."
    ),
    epilog=EXIT_CODES,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
)

EditionArg = Annotated[
    Path | None,
    typer.Argument(help="Edition folder (holding edition.toml). Default: the bundled edition.", show_default=False),
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")]
NoLangCheckOpt = Annotated[bool, typer.Option("--no-lang-check", help="Do not verify each source's language.")]
NoCacheOpt = Annotated[
    bool, typer.Option("--no-cache", help="Recompute every stage (the cache lives in OUT/.enface-cache).")
]

# Print (PDF) options, declared once: `build` and `preview` take them through
# `with_print_options`, which gives the command one `print_options` (a PrintOptions).
PRINT_OPTIONS: tuple[tuple[str, object, str], ...] = (
    (
        "page_size",
        Annotated[
            str,
            typer.Option(
                "--page-size",
                help="PDF page size: a4 (three columns), a5 (two languages), b5, letter, 6x9 (inches).",
            ),
        ],
        "a4",
    ),
    ("bleed", Annotated[str, typer.Option("--bleed", help="Bleed around each page for the printer, e.g. 3mm.")], "0"),
    (
        "marks",
        Annotated[str, typer.Option("--marks", help="Printer's marks in the bleed: crop, cross, crop,cross or none.")],
        "none",
    ),
    (
        "pdf_variant",
        Annotated[
            str,
            typer.Option("--pdf-variant", help="pdf/ua-1 (tagged, accessible) or pdf/a-3b (archival; also tagged)."),
        ],
        "pdf/ua-1",
    ),
    (
        "notes_pages",
        Annotated[
            str,
            typer.Option(
                "--notes-pages",
                help="Notes pages after the appendix: a count (ruled), or ruled:N, blank:N; 0 for none.",
            ),
        ],
        "0",
    ),
    (
        "layout",
        Annotated[
            str,
            typer.Option(
                "--layout",
                help="columns (the languages side by side on each page) or facing (2-4 languages across a "
                "spread, one language or two columns a page, bead by bead level; see --full-page). Default: [print] layout, else chosen for the reader: "
                "facing for two languages or a page narrower than A4, columns when each still holds 40 "
                "characters a line.",
            ),
        ],
        "",
    ),
    (
        "text_align",
        Annotated[
            str,
            typer.Option(
                "--text-align",
                help="justify or ragged (ragged right, hyphenated). Default: [print] text_align, else "
                "ragged right in columns under 45 characters a line, justified otherwise.",
            ),
        ],
        "",
    ),
    (
        "full_page",
        Annotated[
            str,
            typer.Option(
                "--full-page",
                metavar="LANG",
                help="--layout facing with two or three languages: the one set alone across the verso (the "
                "others on the recto, two in two columns). Default: [print] full_page, else the first language.",
            ),
        ],
        "",
    ),
)


def with_print_options(command):
    """Put the print options where ``command`` declares ``print_options``, and call it with
    them parsed and checked into one ``enface.pdf.PrintOptions``."""
    signature = inspect.signature(command, eval_str=True)
    parameters: list[inspect.Parameter] = []
    for parameter in signature.parameters.values():
        if parameter.name != "print_options":
            parameters.append(parameter)
            continue
        for name, annotation, default in PRINT_OPTIONS:
            parameters.append(inspect.Parameter(name, parameter.kind, default=default, annotation=annotation))

    @functools.wraps(command)
    def wrapper(**kwargs):
        from .pdf.options import options_from_strings

        values = [kwargs.pop(name) for name, _annotation, _default in PRINT_OPTIONS]
        return command(**kwargs, print_options=options_from_strings(*values))

    wrapper.__signature__ = signature.replace(parameters=parameters)
    wrapper.__annotations__ = {p.name: p.annotation for p in parameters}
    return wrapper


def _console(quiet: bool = False):
    from rich.console import Console

    return Console(stderr=True, quiet=quiet, highlight=False)


def _edition_dir(edition: Path | None) -> Path:
    if edition is not None:
        return edition
    from .paths import bundled_edition_dir

    return bundled_edition_dir()


def _version(value: bool) -> None:
    if value:
        typer.echo(f"enface {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool | None, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = None,
) -> None:
    """enface: parallel-text editions from aligned translations."""


@app.command()
@with_print_options
def build(
    edition: EditionArg = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("build"),
    formats_asked: Annotated[
        str,
        typer.Option(
            "--format", "-f", help=f"Comma-separated outputs: {formats_help()}; the EPUB files by --epub-mode."
        ),
    ] = ",".join(default_formats()),
    no_lang_check: NoLangCheckOpt = False,
    epub_mode: Annotated[
        str | None,
        typer.Option(
            "--epub-mode",
            help="EPUB reading mode: interleaved (default), sequential, popup, or all (one EPUB "
            "each: SLUG.epub, SLUG.sequential.epub, SLUG.popup.epub). Default: [epub] mode "
            "in edition.toml.",
            show_default=False,
        ),
    ] = None,
    epub_primary: Annotated[
        str | None,
        typer.Option(
            "--epub-primary",
            help="Reading language of the popup mode (default: [epub] primary, else the first language).",
            show_default=False,
        ),
    ] = None,
    print_options: object = None,
    page_list: Annotated[
        bool | None,
        typer.Option(
            "--page-list/--no-page-list",
            help="Give the EPUB a page-list of the print edition's pages (needs "
            "the print layout). Default: [epub] page_list, else on.",
            show_default=False,
        ),
    ] = None,
    no_cache: NoCacheOpt = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail (exit 1, no output replaced) on warnings too, not only on errors.")
    ] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="List every finding, not only the summary table.")
    ] = False,
    quiet: QuietOpt = False,
    wait: Annotated[
        bool, typer.Option("--wait", help="If another build is writing OUT, wait for it instead of stopping.")
    ] = False,
    allow_missing_glyphs: Annotated[
        bool,
        typer.Option(
            "--allow-missing-glyphs",
            help="Build even with characters no vendored font covers (a warning each; "
            "the PDF then claims no PDF/UA or PDF/A conformance). Without it they fail the build.",
        ),
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            help="Processes laying out the PDF, a chapter each at a time (the same PDF whatever the "
            "number). Default: one per core.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Build the edition into OUT: SLUG.tei.xml, SLUG.epub, SLUG.pdf, SLUG.report.json, SHA256SUMS.

    All outputs are replaced together: if anything fails, the previous outputs stay as they were.
    Stages whose inputs have not changed are taken from the cache; an up-to-date build does nothing.
    What the build has to say is summed up in one table at the end (every finding is in the report).
    """
    from .commands.build import build as run_build
    from .commands.build import parse_formats

    console = _console(quiet)
    chosen = parse_formats(formats_asked)
    edition_dir = _edition_dir(edition)
    with _stages(console) as progress:
        result = run_build(
            edition_dir,
            out,
            chosen,
            progress,
            check_language=not no_lang_check,
            epub_mode=epub_mode,
            epub_primary=epub_primary,
            print_options=print_options,
            page_list=page_list,
            use_cache=not no_cache,
            strict=strict,
            allow_missing_glyphs=allow_missing_glyphs,
            wait=wait,
            jobs=jobs,
            waiting=lambda pid: console.print(f"waiting for the build (pid {pid or '?'}) writing {out}…"),
        )
    _show_findings(console, result.findings, verbose=verbose)
    if result.failed:
        what = "error(s) and warning(s)" if strict else "error(s)"
        _console().print(
            f"[red]enface: {len(result.failed)} {what} fail the build"
            f"{' (--strict)' if strict else ''}; no output was replaced[/red]"
        )
        raise typer.Exit(1)
    if result.up_to_date:
        console.print(f"[green]up to date[/green]: {len(result.outputs)} outputs in {out}")
        return
    for path in result.outputs:
        size = path.stat().st_size
        console.print(f"[green]wrote[/green] {path} ({size / 1024:,.0f} KiB)")


@contextlib.contextmanager
def _stages(console):
    """A build's display: one line per stage (``• reading…``) and, on a terminal, a live line
    with the counts of the long stages (sources read, divisions aligned, pages laid out).
    Gives the function that announces a stage."""

    def line(message: str) -> None:
        console.print(f"[dim]•[/dim] {message}")

    if console.quiet or not console.is_terminal:
        yield line
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn

    from . import progress as counts

    display = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=console,
        transient=True,
    )
    task = display.add_task("building…", total=None)

    def stage(message: str) -> None:
        display.update(task, description=message + "…", completed=0, total=None)
        line(message)

    def count(what: str, done: int, total: int | None) -> None:
        display.update(task, description=what, completed=done, total=total)

    with display, counts.showing(count):
        yield stage


def _show_findings(console, findings, *, verbose: bool = False) -> None:
    """One summary table (code, severity, count, one example); with ``verbose`` every finding."""
    if not findings:
        return
    from rich.table import Table

    from .diagnostics import order, summary_rows

    colour = {"error": "red", "warning": "yellow", "info": "dim"}
    if verbose:
        table = Table("code", "severity", "file", "where", "message", title="Findings", title_justify="left")
        for item in order(findings):
            severity = f"[{colour[item.severity]}]{item.severity}[/]"
            table.add_row(item.code, severity, item.file or "", item.where or "", item.message)
    else:
        table = Table(
            "code",
            "severity",
            "count",
            "example",
            title="Findings (all in the report; --verbose lists them)",
            title_justify="left",
        )
        for code, severity, count, example in summary_rows(findings):
            table.add_row(code, f"[{colour[severity]}]{severity}[/]", str(count), example)
    console.print(table)


@app.command()
def check(
    out: Annotated[Path, typer.Argument(help="Folder holding the built outputs.")] = Path("build"),
    edition: Annotated[
        Path | None,
        typer.Option("--edition", "-e", help="Edition the outputs were built from. Default: the bundled edition."),
    ] = None,
    no_epubcheck: Annotated[bool, typer.Option("--no-epubcheck", help="Skip EPUBCheck (it needs Java).")] = False,
    quiet: QuietOpt = False,
) -> None:
    """Check built outputs: TEI schema, EPUBCheck (0 errors, 0 warnings), PDF fonts and metadata,
    and every word of every source present in the EPUB and PDF text. Exits 1 on any failure."""
    from rich.table import Table

    from .commands.check import run_checks

    console = _console(quiet)
    with console.status("checking…") as status:
        report = run_checks(_edition_dir(edition), out, lambda m: status.update(m + "…"), epubcheck=not no_epubcheck)
    table = Table("output", "check", "result", "detail", show_lines=False)
    for outcome in report.outcomes:
        mark = "[green]ok[/green]" if outcome.ok else "[red]FAIL[/red]"
        table.add_row(outcome.output, outcome.check, mark, outcome.detail)
    console.print(table)
    if not report.ok:
        failed = sum(not o.ok for o in report.outcomes)
        _console().print(f"[red]enface: {failed} check(s) failed[/red]")
        raise typer.Exit(1)


@app.command(name="cache")
def cache_command(
    out: Annotated[Path, typer.Argument(help="The output folder (`enface build --out`).")] = Path("build"),
    info: Annotated[bool, typer.Option("--info", help="Show what the stage cache holds (the default).")] = False,
    clear: Annotated[bool, typer.Option("--clear", help="Delete the stage cache (the outputs stay).")] = False,
) -> None:
    """Show or clear the stage cache of an output folder (OUT/.enface-cache): entries and size
    per stage, and the size limit (ENFACE_CACHE_MB, least recently used entries go first)."""
    from rich.console import Console
    from rich.table import Table

    from .commands import cache as command

    console = Console(highlight=False)
    if clear:
        freed = command.clear(out)
        console.print(f"cleared the stage cache of {out}: {command.size(freed)} freed")
        return
    found = command.info(out)
    if not found.exists:
        console.print(f"no stage cache in {out} (limit {command.size(found.limit)})")
        return
    table = Table("stage", "entries", "size", title=str(found.root), title_justify="left")
    for stage, (entries, size) in found.stages.items():
        table.add_row(stage, str(entries), command.size(size))
    console.print(table)
    console.print(f"{found.entries} entries, {command.size(found.size)} (limit {command.size(found.limit)})")


@app.command()
def align(
    edition: EditionArg = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="json, tmx (TMX 1.4b, for CAT tools) or tsv.")] = "json",
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write to this file instead of standard output.")
    ] = None,
    show_report: Annotated[
        bool,
        typer.Option(
            "--report",
            help="Print per paragraph the beads and their types, and the low-confidence beads to check by hand.",
        ),
    ] = False,
    review: Annotated[
        Path | None,
        typer.Option(
            "--review",
            help="Write a self-contained HTML page to this file: the versions side by side, "
            "the units to check highlighted with their reasons.",
            show_default=False,
        ),
    ] = None,
    no_lang_check: Annotated[
        bool, typer.Option("--no-lang-check", help="Do not verify each source's language.")
    ] = False,
    quiet: QuietOpt = False,
) -> None:
    """Align the translations sentence by sentence and export the alignment.

    JSON: a list of {"paragraph": n, "beads": [{"fr": "…", "id": "…", "ru": "…"}, …]} in reading order;
    each bead maps every language to its sentences' exact text ("" where it has none).
    """
    from .commands import align as command

    console = _console(quiet)
    if fmt not in command.FORMATS:
        raise EnfaceError(f"unknown alignment format {fmt!r}: choose from {', '.join(command.FORMATS)}")
    with console.status("aligning…"):
        loaded, parallel = command.run(_edition_dir(edition), check_language=not no_lang_check)
    for warning in parallel.warnings:
        console.print(f"[yellow]warning:[/yellow] {warning}")
    if review is not None:
        page, to_check = command.review(parallel, loaded)
        _write_file(review, page)
        console.print(f"[green]wrote[/green] {review}: {to_check} unit(s) to check")
        if out is None and not show_report:
            return
    if show_report:
        from rich.table import Table

        table = Table("unit", "paragraphs (" + " / ".join(parallel.langs) + ")", "beads", "types", "to check")
        for row in command.report(parallel):
            table.add_row(str(row.unit), row.paragraphs, str(row.beads), row.kinds, "\n".join(row.doubtful) or "—")
        _console(quiet).print(table)
        total = sum(len(u.beads) for u in parallel.units)
        flagged = sum(len(r.doubtful) for r in command.report(parallel))
        console.print(f"{len(parallel.units)} units, {total} beads, {flagged} to check")
        if out is None:
            return
    data = command.export(parallel, fmt, loaded)
    if out is None:
        sys.stdout.buffer.write(data)
        if not data.endswith(b"\n"):
            sys.stdout.buffer.write(b"\n")
        return
    _write_file(out, data)
    console.print(f"[green]wrote[/green] {out}")


def _write_file(path: Path, data: bytes) -> None:
    """Write one output file whole (staged, then moved into place). A path that is no regular
    file of its own (``-o /dev/null``, ``/dev/stdout``, a named pipe, a link) is written into,
    never replaced: moving the staged file there replaced the device /dev/null with a file."""
    from .errors import machine_error
    from .output import Staging

    if path.is_symlink() or (path.exists() and not path.is_file()):
        try:
            with open(path, "wb") as handle:
                handle.write(data)
        except OSError as exc:
            raise machine_error(exc, "cannot write", path) from None
        return
    with Staging(path.parent if str(path.parent) else Path(".")) as staging:
        staging.write(path.name, data)
        staging.commit()


@app.command()
def lint(
    edition: EditionArg = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 on warnings too, not only on errors.")] = False,
    no_spelling: Annotated[bool, typer.Option("--no-spelling", help="Skip the Hunspell spelling checks.")] = False,
) -> None:
    """Report problems in the sources, never rewriting them: suspected typos and run-together
    words (Hunspell), unbalanced quotes and brackets, paragraphs whose length is out of line
    with their translations, sentence-count mismatches. Exits 1 on errors (and warnings with --strict)."""
    from .commands import lint as command

    console = _console()
    with console.status("linting…"):
        findings = command.run(_edition_dir(edition), spelling=not no_spelling)
    if fmt == "json":
        from .lint import findings_to_json

        sys.stdout.write(findings_to_json(findings) + "\n")
    elif fmt == "table":
        from rich.table import Table

        from .lint import findings_rows, summary

        table = Table("code", "severity", "where", "message")
        table.columns[2].overflow = "fold"
        for row in findings_rows(findings, base=_edition_dir(edition)):
            table.add_row(*row)
        from rich.console import Console

        Console(highlight=False).print(table)
        counts = summary(findings)["severity"]
        console.print(f"{len(findings)} findings: " + ", ".join(f"{n} {sev}" for sev, n in counts.items()))
    else:
        raise EnfaceError(f"unknown lint format {fmt!r}: choose table or json")
    from .lint import exit_status

    status = exit_status(findings, strict=strict)
    if status:
        raise typer.Exit(status)


@app.command()
@with_print_options
def preview(
    edition: EditionArg = None,
    pages: Annotated[str, typer.Option("--pages", "-p", help="Pages to draw: 1-4, 7, 3,5-6, 10- …")] = "1-4",
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the PNG images.")] = Path("build/preview"),
    dpi: Annotated[int, typer.Option("--dpi", help="Resolution of the images.")] = 60,
    pdf: Annotated[
        Path | None, typer.Option("--pdf", help="Draw this PDF instead of laying out the edition.", show_default=False)
    ] = None,
    build_dir: Annotated[
        Path,
        typer.Option(
            "--build-dir",
            help="The build's output folder (`enface build --out`): its stage cache is shared, "
            "so a preview after a build lays nothing out again. Nothing else is written there.",
        ),
    ] = Path("build"),
    print_options: object = None,
    no_lang_check: NoLangCheckOpt = False,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Recompute every stage.")] = False,
    quiet: QuietOpt = False,
) -> None:
    """Draw pages of the print edition as PNG images (OUT/SLUG-p001.png …) to look at before printing.

    Makes the PDF with `enface build`'s own stages and cache, with the same print options (no
    output is written), then draws the pages with pdftoppm (poppler-utils), else pypdfium2."""
    from .commands import preview as command

    console = _console(quiet)
    with console.status("laying out and drawing pages…") as status:
        result = command.run(
            _edition_dir(edition),
            out,
            pages,
            options=print_options,
            pdf_file=pdf,
            dpi=dpi,
            check_language=not no_lang_check,
            build_dir=build_dir,
            use_cache=not no_cache,
            progress=lambda message: status.update(message + "…"),
        )
    _show_findings(console, result.findings)
    for path in result.images:
        console.print(f"[green]wrote[/green] {path}")
    console.print(f"{len(result.images)} of {result.pages} pages drawn with {result.tool}")


@app.command()
def init(
    source_dir: Annotated[
        Path,
        typer.Argument(
            help="Folder of sources (.txt, .md, .docx, .odt, .epub, .html, .fb2): translations of one text, and extra material."
        ),
    ],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="New edition folder to create (must not exist or be empty).")
    ],
    quiet: QuietOpt = False,
) -> None:
    """Draft a new edition from a folder of texts: detects each file's language, which files are
    versions of one text and which are extra material (appendix), copies the sources and writes
    edition.toml. Then `enface build OUT` builds it."""
    from rich.table import Table

    from .commands import init as command

    console = _console(quiet)
    with console.status("reading the texts…"):
        draft = command.run(source_dir, out)
    table = Table(*command.COLUMNS)
    for row in command.rows(draft):
        table.add_row(*row)
    console.print(table)
    console.print(
        f"[green]wrote[/green] {out / 'edition.toml'}: check the titles, description and rights, "
        f"then run [bold]enface build {out}[/bold]"
    )


app.add_typer(catalogue_app, name="catalogue")  # enface catalogue build …


def main() -> None:
    try:
        app()
    except EnfaceError as exc:
        typer.echo(f"enface: error: {exc.render()}", err=True)
        sys.exit(EXIT_BAD_INPUT)
    except OSError as exc:  # the machine's side, where no stage said it better
        from .errors import machine_error

        typer.echo(f"enface: error: {machine_error(exc, 'cannot read or write').render()}", err=True)
        sys.exit(EXIT_BAD_INPUT)
    except KeyboardInterrupt:
        typer.echo("enface: interrupted", err=True)
        sys.exit(130)
