"""``enface catalogue``: many editions of many works, built locally or on a Dask cluster.

The sub-commands are declared here (``enface.cli`` adds them with one ``add_typer``); the
work is done by :mod:`enface.catalogue`, imported when a command runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    help="Build catalogues: every edition (language pair, triple, all languages) of several works, "
    "with catalogue.json and an OPDS feed.",
    no_args_is_help=True,
    rich_markup_mode="markdown",
)


@app.command("build")
def build(
    catalogue: Annotated[Path, typer.Argument(help="The catalogue.toml (or a folder holding one).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder: `OUT/<work>/<langs>/…`")] = Path(
        "build/catalogue"
    ),
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs", "-j", help="Editions built at once on this machine. Default: one per core.", show_default=False
        ),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            help="Build on a Dask cluster: the scheduler's address, e.g. tcp://host:8786 (needs `enface[cluster]`).",
            show_default=False,
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors and failures.")] = False,
) -> None:
    """Build every edition of the catalogue into `OUT/<work>/<langs>/` (as `enface build` would),
    then OUT/catalogue.json and the OPDS feed OUT/opds.xml.

    Each edition has its own stage cache: an unchanged edition is skipped. A failed edition is
    reported and the others go on; the command then exits 1 with a table of the failures."""
    from rich.console import Console
    from rich.table import Table

    from ..catalogue.run import build_catalogue

    console = Console(stderr=True, quiet=quiet, highlight=False)
    colour = {"built": "green", "up to date": "green", "failed": "red"}
    with console.status("planning the editions…") as status:

        def progress(done: int, total: int, outcome) -> None:
            status.update(f"building editions: {done}/{total} done…")
            took = f" ({outcome.seconds:.1f} s)" if outcome.seconds else ""
            console.print(
                f"[dim][{done:>{len(str(total))}}/{total}][/dim] [{colour[outcome.status]}]{outcome.status}[/] "
                f"{outcome.folder}{took}"
            )

        result = build_catalogue(catalogue, out, jobs=jobs, scheduler=scheduler, progress=progress)
    counts = ", ".join(f"{result.count(s)} {s}" for s in ("built", "up to date", "failed") if result.count(s))
    console.print(f"{len(result.outcomes)} editions: {counts}")
    for path in result.written:
        console.print(f"[green]wrote[/green] {path}")
    if result.failed:
        table = Table("edition", "reason", title="Failed editions", title_justify="left")
        table.columns[1].overflow = "fold"
        for outcome in result.failed:
            table.add_row(outcome.folder, outcome.reason)
        Console(stderr=True, highlight=False).print(table)
        raise typer.Exit(1)
