"""enface's benchmark: prints one table of build times, peak memory and pages.

    make bench            (or: .venv/bin/python benchmarks/bench.py [--sizes 1,10,30])

Rows, for the bundled edition (1×) and synthetic 10× and 30× editions made from it:
cold full build (TEI + EPUB + PDF, checks off, empty output folder and cache), no-op
rebuild (same inputs, same folder), EPUB only without the print page-list; at 1× also
EPUB only with the page-list and PDF only (at 10×/30× they would repeat the full build's
layout and push the run past ten minutes). Timed in the same run, the two
references the budget is stated against: one plain WeasyPrint render of enface's final
print HTML, and Pandoc making an EPUB from the same four texts. Every figure is measured
in a fresh process (benchmarks/measure.py) so peak RSS is that command's own.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "editions" / "face-of-another"
PY = sys.executable
ENFACE = [PY, "-m", "enface"]
EPOCH = "1767225600"


def measure(command: list[str], cwd: Path | None = None) -> dict:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    out = subprocess.run(
        [PY, str(ROOT / "benchmarks" / "measure.py"), *command],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        check=True,
    ).stdout
    result = json.loads(out)
    if result["returncode"] != 0:
        raise SystemExit(f"benchmark command failed: {' '.join(command)}\n{result['stderr']}")
    return result


def synthetic(factor: int, folder: Path) -> Path:
    """The bundled edition with every source repeated ``factor`` times (same manifest)."""
    target = folder / f"edition-{factor}x"
    shutil.copytree(BUNDLED, target)
    if factor == 1:
        return target
    for path in target.glob("*.txt"):
        text = path.read_text(encoding="utf-8").strip("\n")
        joiner = "\n\n" if "\n\n" in text else "\n"
        path.write_text(joiner.join([text] * factor) + "\n", encoding="utf-8")
    return target


def pages(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(pdf)).pages)


def print_html_file(edition: Path, folder: Path) -> Path:
    """enface's final print HTML for this edition, written to a file for the plain render."""
    code = (
        "import sys; from pathlib import Path\n"
        "from enface.manifest import load_edition; from enface.pipeline import prepare\n"
        "from enface.tei import build_tei; from enface.tei.read import read_tei\n"
        "from enface.dates import build_datetime; from enface.pdf.writer import print_html\n"
        "d = Path(sys.argv[1]); e = load_edition(d); when = build_datetime(d)\n"
        "doc = read_tei(build_tei(e, prepare(d, e, check_language=False), when))\n"
        "Path(sys.argv[2]).write_text(print_html(doc, when), encoding='utf-8')\n"
    )
    out = folder / f"{edition.name}.print.html"
    subprocess.run([PY, "-c", code, str(edition), str(out)], check=True, env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH})
    return out


def pandoc_epub(edition: Path, folder: Path) -> dict | None:
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        return None
    sources = sorted(str(p) for p in edition.glob("*.txt"))
    return measure(
        [
            pandoc,
            "-f",
            "markdown",
            "-t",
            "epub3",
            "--metadata",
            "title=Face of Another",
            "-o",
            str(folder / f"{edition.name}.pandoc.epub"),
            *sources,
        ]
    )


def run(sizes: list[int]) -> list[dict]:
    rows: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="enface-bench-") as tmp:
        tmp_path = Path(tmp)
        for factor in sizes:
            edition = synthetic(factor, tmp_path)
            label = f"{factor}×"
            out = tmp_path / f"out-{factor}"
            full = measure([*ENFACE, "build", str(edition), "--out", str(out), "-q"])
            rows.append(
                {
                    "edition": label,
                    "what": "cold full build (TEI+EPUB+PDF)",
                    **full,
                    "pages": pages(out / "face-of-another.pdf"),
                }
            )
            noop = measure([*ENFACE, "build", str(edition), "--out", str(out), "-q"])
            rows.append({"edition": label, "what": "no-op rebuild", **noop})
            if factor == 1:  # at 10× and 30× these repeat the layout the full build measured
                epub = measure(
                    [
                        *ENFACE,
                        "build",
                        str(edition),
                        "--out",
                        str(tmp_path / f"epub-{factor}"),
                        "--format",
                        "epub",
                        "-q",
                    ]
                )
                rows.append({"edition": label, "what": "EPUB only (cold, with print page-list)", **epub})
            bare = measure(
                [
                    *ENFACE,
                    "build",
                    str(edition),
                    "--out",
                    str(tmp_path / f"epub-bare-{factor}"),
                    "--format",
                    "epub",
                    "--no-page-list",
                    "-q",
                ]
            )
            rows.append({"edition": label, "what": "EPUB only (cold, no page-list)", **bare})
            if factor == 1:
                pdf_out = tmp_path / f"pdf-{factor}"
                pdf = measure([*ENFACE, "build", str(edition), "--out", str(pdf_out), "--format", "pdf", "-q"])
                rows.append(
                    {
                        "edition": label,
                        "what": "PDF only (cold)",
                        **pdf,
                        "pages": pages(pdf_out / "face-of-another.pdf"),
                    }
                )
            html = print_html_file(edition, tmp_path)
            plain = measure(
                [
                    PY,
                    str(ROOT / "benchmarks" / "plain_render.py"),
                    str(html),
                    str(tmp_path / f"plain-{factor}.pdf"),
                    str(ROOT / "styles") + "/",
                ]
            )
            rows.append(
                {
                    "edition": label,
                    "what": "reference: plain WeasyPrint render",
                    **plain,
                    "pages": pages(tmp_path / f"plain-{factor}.pdf"),
                }
            )
            pandoc = pandoc_epub(edition, tmp_path)
            if pandoc is not None:
                rows.append({"edition": label, "what": "reference: Pandoc EPUB", **pandoc})
    return rows


def ratios(rows: list[dict]) -> list[tuple[str, float, float, bool]]:
    def get(edition: str, what: str) -> dict | None:
        return next((r for r in rows if r["edition"] == edition and r["what"].startswith(what)), None)

    checks = []
    one_full, one_plain = get("1×", "cold full"), get("1×", "reference: plain")
    one_epub, one_pandoc, one_noop = (
        get("1×", "EPUB only (cold, no page-list)"),
        get("1×", "reference: Pandoc"),
        get("1×", "no-op"),
    )
    if one_epub and one_pandoc:
        r = one_epub["wall"] / one_pandoc["wall"]
        checks.append(("EPUB-only build (no page-list) / Pandoc EPUB (1×)", r, 1.5, r <= 1.5))
    if one_full and one_plain:
        r = one_full["wall"] / one_plain["wall"]
        checks.append(("full build / plain WeasyPrint render (1×)", r, 1.2, r <= 1.2))
    if one_noop:
        checks.append(("no-op rebuild, seconds (1×)", one_noop["wall"], 0.5, one_noop["wall"] <= 0.5))
    thirty = get("30×", "cold full")
    if thirty and one_full:
        r = thirty["wall"] / one_full["wall"]
        checks.append(("30× full build / 1× full build", r, 35.0, r <= 35.0))
        checks.append(("30× full build peak RSS, MB", thirty["rss_mb"], 1536.0, thirty["rss_mb"] <= 1536))
    return checks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,30", help="edition sizes to build (default 1,10,30)")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON too")
    args = parser.parse_args()
    rows = run([int(s) for s in args.sizes.split(",")])

    from rich.console import Console
    from rich.table import Table

    table = Table("edition", "what", "wall s", "peak RSS MB", "pages", title="enface benchmark")
    for row in rows:
        table.add_row(
            row["edition"], row["what"], f"{row['wall']:.2f}", f"{row['rss_mb']:.0f}", str(row.get("pages", ""))
        )
    console = Console()
    console.print(table)
    budget = Table("budget", "measured", "limit", "ok", title="budget")
    for name, value, limit, ok in ratios(rows):
        budget.add_row(name, f"{value:.2f}", f"{limit:g}", "yes" if ok else "NO")
    console.print(budget)
    if args.json:
        print(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
