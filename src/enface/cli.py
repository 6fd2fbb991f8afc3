"""The ``enface`` command line: parses options and calls the stages, nothing more.

Heavy modules (lxml trees, WeasyPrint, the language model) are imported inside
the commands, so ``enface --help`` answers at once.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from . import __version__
from .errors import EnfaceError

app = typer.Typer(
    name="enface",
    help=(
        "Build parallel-text (en face) editions from aligned plain-text translations: "
        "a TEI P5 intermediate, an EPUB 3 ebook and a PDF print edition.\n\n"
        "Run `enface build` to build the bundled edition into ./build."
    ),
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
# Print (PDF) options, shared by `build` and `preview`.
PageSizeOpt = Annotated[
    str,
    typer.Option(
        "--page-size", help="PDF page size: a4 (three columns), a5 (two languages), b5, letter, 6x9 (inches)."
    ),
]
BleedOpt = Annotated[str, typer.Option("--bleed", help="Bleed around each page for the printer, e.g. 3mm.")]
MarksOpt = Annotated[
    str, typer.Option("--marks", help="Printer's marks in the bleed: crop, cross, crop,cross or none.")
]
VariantOpt = Annotated[
    str, typer.Option("--pdf-variant", help="pdf/ua-1 (tagged, accessible) or pdf/a-3b (archival; also tagged).")
]
NotesOpt = Annotated[
    str,
    typer.Option(
        "--notes-pages", help="Notes pages after the appendix: a count (ruled), or ruled:N, blank:N; 0 for none."
    ),
]


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
def build(
    edition: EditionArg = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("build"),
    formats: Annotated[
        str, typer.Option("--format", "-f", help="Comma-separated outputs: tei, epub, pdf.")
    ] = "tei,epub,pdf",
    no_lang_check: Annotated[
        bool, typer.Option("--no-lang-check", help="Do not verify each source's language.")
    ] = False,
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
    page_size: PageSizeOpt = "a4",
    bleed: BleedOpt = "0",
    marks: MarksOpt = "none",
    pdf_variant: VariantOpt = "pdf/ua-1",
    notes_pages: NotesOpt = "0",
    page_list: Annotated[
        bool | None,
        typer.Option(
            "--page-list/--no-page-list",
            help="Give the EPUB a page-list of the print edition's pages (needs "
            "the print layout). Default: [epub] page_list, else on.",
            show_default=False,
        ),
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Recompute every stage (the cache lives in OUT/.enface-cache).")
    ] = False,
    quiet: QuietOpt = False,
) -> None:
    """Build the edition into OUT: SLUG.tei.xml, SLUG.epub, SLUG.pdf, SLUG.report.json, SHA256SUMS.

    All outputs are replaced together: if anything fails, the previous outputs stay as they were.
    Stages whose inputs have not changed are taken from the cache; an up-to-date build does nothing.
    """
    from .commands.build import build as run_build
    from .commands.build import parse_formats
    from .pdf.options import options_from_strings

    console = _console(quiet)
    chosen = parse_formats(formats)
    edition_dir = _edition_dir(edition)
    print_options = options_from_strings(page_size, bleed, marks, pdf_variant, notes_pages)
    with console.status("building…") as status:

        def progress(message: str) -> None:
            status.update(message + "…")
            console.print(f"[dim]•[/dim] {message}")

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
        )
    for warning in result.warnings:
        console.print(f"[yellow]warning:[/yellow] {warning}")
    if result.up_to_date:
        console.print(f"[green]up to date[/green]: {len(result.outputs)} outputs in {out}")
        return
    sources = result.report.get("typography", {}).get("sources", [])
    if sources:
        from rich.table import Table

        table = Table(
            "source", "lang", "typography fixes", title="Typography (details in the report)", title_justify="left"
        )
        for source in sources:
            summary = ", ".join(f"{rule} {n}" for rule, n in source["rules"].items())
            table.add_row(source["file"], source["lang"], summary or "—")
        console.print(table)
    for path in result.outputs:
        size = path.stat().st_size
        console.print(f"[green]wrote[/green] {path} ({size / 1024:,.0f} KiB)")


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
        _edition, parallel = command.run(_edition_dir(edition), check_language=not no_lang_check)
    for warning in parallel.warnings:
        console.print(f"[yellow]warning:[/yellow] {warning}")
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
    data = command.export(parallel, fmt)
    if out is None:
        sys.stdout.buffer.write(data)
        if not data.endswith(b"\n"):
            sys.stdout.buffer.write(b"\n")
        return
    from .output import Staging

    with Staging(out.parent if str(out.parent) else Path(".")) as staging:
        staging.write(out.name, data)
        staging.commit()
    console.print(f"[green]wrote[/green] {out}")


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
def preview(
    edition: EditionArg = None,
    pages: Annotated[str, typer.Option("--pages", "-p", help="Pages to draw: 1-4, 7, 3,5-6, 10- …")] = "1-4",
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the PNG images.")] = Path("build/preview"),
    dpi: Annotated[int, typer.Option("--dpi", help="Resolution of the images.")] = 60,
    pdf: Annotated[
        Path | None, typer.Option("--pdf", help="Draw this PDF instead of laying out the edition.", show_default=False)
    ] = None,
    page_size: PageSizeOpt = "a4",
    bleed: BleedOpt = "0",
    marks: MarksOpt = "none",
    pdf_variant: VariantOpt = "pdf/ua-1",
    notes_pages: NotesOpt = "0",
    no_lang_check: Annotated[
        bool, typer.Option("--no-lang-check", help="Do not verify each source's language.")
    ] = False,
    quiet: QuietOpt = False,
) -> None:
    """Draw pages of the print edition as PNG images (OUT/SLUG-p001.png …) to look at before printing.

    Lays out the PDF as `enface build` would with the same print options (nothing else is written),
    then draws the pages with pdftoppm (poppler-utils), else pypdfium2."""
    from .commands import preview as command
    from .pdf.options import options_from_strings

    console = _console(quiet)
    options = options_from_strings(page_size, bleed, marks, pdf_variant, notes_pages)
    with console.status("laying out and drawing pages…"):
        result = command.run(
            _edition_dir(edition), out, pages, options=options, pdf_file=pdf, dpi=dpi, check_language=not no_lang_check
        )
    for message in result.messages:
        console.print(f"[yellow]warning:[/yellow] {message}")
    for path in result.images:
        console.print(f"[green]wrote[/green] {path}")
    console.print(f"{len(result.images)} of {result.pages} pages drawn with {result.tool}")


@app.command()
def init(
    source_dir: Annotated[
        Path, typer.Argument(help="Folder of .txt files: translations of one text, and extra material.")
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

    from .draft import draft_edition

    console = _console(quiet)
    with console.status("reading the texts…"):
        draft = draft_edition(source_dir, out)
    table = Table("file", "language", "paragraphs", "role", "why")
    for d in draft.decisions:
        table.add_row(d.file, f"{d.lang} ({d.lang_probability:.2f})", str(d.paragraphs), d.role, d.reason)
    console.print(table)
    console.print(
        f"[green]wrote[/green] {out / 'edition.toml'}: check the titles, description and rights, "
        f"then run [bold]enface build {out}[/bold]"
    )


def main() -> None:
    try:
        app()
    except EnfaceError as exc:
        typer.echo(f"enface: error: {exc.render()}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        typer.echo("enface: interrupted", err=True)
        sys.exit(130)
