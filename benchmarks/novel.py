"""Book-scale figures: a novella-length edition made from the bilinguator corpus.

    .venv/bin/python benchmarks/novel.py [--work the_canterville_ghost] [--langs fr,en,de]

The edition is written into a temporary folder by ``bilinguator.edition()`` (the corpus
text never enters the repository). Rows: cold full build (TEI + EPUB + PDF, empty output
folder and cache), no-op rebuild, a rebuild after editing one paragraph, EPUB only cold
with ``--no-page-list``, ``enface check`` (EPUBCheck included) on the full build; and,
timed in the same run, the references: Pandoc's EPUB of the same Markdown texts, and
Pandoc → standalone HTML → WeasyPrint PDF. Each figure is measured in a fresh process
(``measure.py``: wall time, peak RSS of the command and its children).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import ENFACE, PY, measure, pages
from bilinguator import edition


def pandoc() -> str:
    import pypandoc

    return pypandoc.get_pandoc_path()


def edit_one_paragraph(folder: Path, lang: str) -> None:
    """Change one word of the middle paragraph of ``lang``'s text (the word count stays)."""
    path = folder / f"{lang}.md"
    paragraphs = path.read_text(encoding="utf-8").split("\n\n")
    middle = len(paragraphs) // 2
    while not paragraphs[middle].strip() or paragraphs[middle].lstrip().startswith("#"):
        middle += 1
    paragraphs[middle] = paragraphs[middle].replace(" ", " benchmark ", 1)
    path.write_text("\n\n".join(paragraphs), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--work", default="the_canterville_ghost")
    parser.add_argument("--langs", default="fr,en,de")
    args = parser.parse_args()
    langs = args.langs.split(",")
    rows: list[tuple[str, dict]] = []
    with tempfile.TemporaryDirectory(prefix="enface-novel-") as tmp:
        tmp_path = Path(tmp)
        ed = tmp_path / "edition"
        ed.mkdir()
        edition(args.work, langs, ed)
        words = sum(len((ed / f"{lang}.md").read_text(encoding="utf-8").split()) for lang in langs)
        out = tmp_path / "out"
        build = [*ENFACE, "build", str(ed), "--out", str(out), "-q"]
        rows.append(("cold full build (TEI + EPUB + PDF)", measure(build)))
        pdf = next(out.glob("*.pdf"))
        rows[-1][1]["pages"] = pages(pdf)
        rows.append(("no-op rebuild", measure(build)))
        rows.append(("enface check (EPUBCheck included)", measure([*ENFACE, "check", str(out), "-e", str(ed), "-q"])))
        edit_one_paragraph(ed, langs[0])
        rows.append(("one-paragraph edit rebuild", measure(build)))
        epub_out = tmp_path / "epub-only"
        epub = [*ENFACE, "build", str(ed), "--out", str(epub_out), "--format", "epub", "--no-page-list", "-q"]
        rows.append(("EPUB only, cold, no page-list", measure(epub)))
        sources = [str(ed / f"{lang}.md") for lang in langs]
        rows.append(
            (
                "reference: Pandoc EPUB",
                measure([pandoc(), "-o", str(tmp_path / "pandoc.epub"), "--metadata", "title=bench", *sources]),
            )
        )
        html = tmp_path / "pandoc.html"
        subprocess.run([pandoc(), "-s", "-o", str(html), "--metadata", "title=bench", *sources], check=True)
        weasy = measure([PY, "-m", "weasyprint", str(html), str(tmp_path / "pandoc.pdf")])
        weasy["pages"] = pages(tmp_path / "pandoc.pdf")
        rows.append(("reference: Pandoc HTML → WeasyPrint PDF (render only)", weasy))
    load = os.getloadavg()
    print(f"{args.work} ({', '.join(langs)}; {words} words), load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}\n")
    print("| what | wall s | peak RSS MB | pages |\n| --- | ---: | ---: | ---: |")
    for what, r in rows:
        print(f"| {what} | {r['wall']:.2f} | {r['rss_mb']:.0f} | {r.get('pages', '')} |")


if __name__ == "__main__":
    main()
