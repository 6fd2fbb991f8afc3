"""Book-scale figures: a novella-length edition made from the bilinguator corpus.

    .venv/bin/python benchmarks/novel.py [--work the_canterville_ghost] [--langs fr,en,de]

The edition is written into a temporary folder by ``bilinguator.edition()`` (the corpus
text never enters the repository). Rows: cold full build (TEI + EPUB + PDF, empty output
folder and cache), no-op rebuild, a rebuild after editing one paragraph, EPUB only cold
with ``--no-page-list``, ``enface check`` (EPUBCheck included) on the full build; and,
timed in the same run, the references: Pandoc's EPUB of the same Markdown texts, and
Pandoc → standalone HTML → WeasyPrint PDF, and the print budget's reference: one plain
single-process WeasyPrint render of enface's own print HTML (``plain_render.py``). The PDF
builds are timed with the default ``--jobs`` (one process per core) and with ``--jobs 1``.
Each figure is measured in a fresh process: wall time, and the peak RSS both of the largest
single process (``measure.py``) and of the whole process tree at once (sampled every 50 ms:
the build and its layout workers together); the load average before each row is printed with it.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import ENFACE, PY, ROOT, measure, pages, print_html_file
from bilinguator import edition


def measure_tree(command: list[str]) -> dict:
    """``measure`` plus the peak of the summed RSS of the command's process tree (psutil)."""
    import threading
    import time

    import psutil

    load = os.getloadavg()[0]
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        me = psutil.Process()
        while not done.is_set():
            total = 0
            for proc in me.children(recursive=True):
                try:
                    total += proc.memory_info().rss
                except psutil.Error:
                    continue
            peak = max(peak, total)
            time.sleep(0.05)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    try:
        result = measure(command)
    finally:
        done.set()
        thread.join()
    result["tree_mb"] = peak / 1024 / 1024
    result["load"] = load
    return result


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
        html = print_html_file(ed, tmp_path)
        plain = [PY, str(ROOT / "benchmarks" / "plain_render.py"), str(html), str(tmp_path / "plain.pdf")]
        rows.append(
            (
                "reference: plain WeasyPrint render of enface's print HTML",
                measure_tree([*plain, str(ROOT / "styles") + "/"]),
            )
        )
        rows[-1][1]["pages"] = pages(tmp_path / "plain.pdf")

        def pdf_only(folder: str) -> list[str]:
            return [*ENFACE, "build", str(ed), "--out", str(tmp_path / folder), "-q", "--format", "pdf"]

        rows.append(("PDF only, cold, --jobs 1", measure_tree([*pdf_only("one"), "--jobs", "1"])))
        rows.append(("PDF only, cold, default --jobs", measure_tree(pdf_only("many"))))
        rows.append(("cold full build (TEI + EPUB + PDF)", measure_tree(build)))
        pdf = next(out.glob("*.pdf"))
        rows[-1][1]["pages"] = pages(pdf)
        rows.append(("no-op rebuild", measure_tree(build)))
        rows.append(
            ("enface check (EPUBCheck included)", measure_tree([*ENFACE, "check", str(out), "-e", str(ed), "-q"]))
        )
        edit_one_paragraph(ed, langs[0])
        rows.append(("one-paragraph edit rebuild", measure_tree(build)))
        epub_out = tmp_path / "epub-only"
        epub = [*ENFACE, "build", str(ed), "--out", str(epub_out), "--format", "epub", "--no-page-list", "-q"]
        rows.append(("EPUB only, cold, no page-list", measure(epub)))
        sources = [str(ed / f"{lang}.md") for lang in langs]
        rows.append(
            (
                "reference: Pandoc EPUB",
                measure_tree([pandoc(), "-o", str(tmp_path / "pandoc.epub"), "--metadata", "title=bench", *sources]),
            )
        )
        pandoc_html = tmp_path / "pandoc.html"
        subprocess.run([pandoc(), "-s", "-o", str(pandoc_html), "--metadata", "title=bench", *sources], check=True)
        weasy = measure_tree([PY, "-m", "weasyprint", str(pandoc_html), str(tmp_path / "pandoc.pdf")])
        weasy["pages"] = pages(tmp_path / "pandoc.pdf")
        rows.append(("reference: Pandoc HTML → WeasyPrint PDF (render only)", weasy))
    load = os.getloadavg()
    print(f"{args.work} ({', '.join(langs)}; {words} words), load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}\n")
    print("| what | wall s | peak RSS MB (largest process) | peak RSS MB (all processes) | pages | load |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for what, r in rows:
        tree = f"{r['tree_mb']:.0f}" if "tree_mb" in r else ""
        load = f"{r['load']:.2f}" if "load" in r else ""
        print(f"| {what} | {r['wall']:.2f} | {r['rss_mb']:.0f} | {tree} | {r.get('pages', '')} | {load} |")


if __name__ == "__main__":
    main()
