"""Print render time of the bundled edition against one plain WeasyPrint render of the same HTML.

    .venv/bin/python benchmarks/print_render.py [--repeat 3] [--page-size a4]

Prints, best of N runs in one warm process (WeasyPrint imported and fonts loaded once
before timing, so every row pays the same fixed costs):

- plain WeasyPrint: ``HTML(string=final_print_html).write_pdf()``, nothing else;
- plain WeasyPrint, tagged PDF/UA-1: the same with ``pdf_variant="pdf/ua-1"`` (what a
  press-ready accessible PDF costs in WeasyPrint alone);
- enface ``render()``: the same HTML laid out, measured (page starts, line report, language
  plan), written as PDF/UA-1, and post-processed with pikepdf (/Lang per language);

and enface's stages, the ratio to the plain render, and whether it is within 1.5×. The text
stages before the TEI (segmentation, alignment) are not part of the print render and are
done once, untimed.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

LIMIT = 1.5


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--page-size", default="a4")
    args = parser.parse_args()

    from weasyprint import HTML

    from enface.dates import build_datetime
    from enface.manifest import load_edition
    from enface.paths import bundled_edition_dir, styles_dir
    from enface.pdf import PrintOptions, render
    from enface.pdf.hyphenation import repaired_dictionaries
    from enface.pdf.layout import print_html
    from enface.pipeline import prepare
    from enface.tei import build_tei
    from enface.tei.read import read_tei

    edition_dir = bundled_edition_dir()
    edition = load_edition(edition_dir)
    when = build_datetime(edition_dir)
    doc = read_tei(build_tei(edition, prepare(edition_dir, edition, check_language=False), when))
    options = PrintOptions(page_size=args.page_size)
    html = print_html(doc, when, options)
    base = str(styles_dir()) + "/"

    def plain() -> tuple[bytes, int]:
        with repaired_dictionaries():  # the same hyphenation, so the same lines and pages
            document = HTML(string=html, base_url=base).render()
        return document.write_pdf(), len(document.pages)

    def plain_ua() -> tuple[bytes, int]:
        with repaired_dictionaries():
            document = HTML(string=html, base_url=base).render()
        return document.write_pdf(pdf_variant="pdf/ua-1"), len(document.pages)

    def ours() -> tuple[bytes, int]:
        result = render(doc, when, edition_dir=edition_dir, options=options)
        ours.stats = result.stats
        return result.pdf, result.pages

    plain()  # warm-up: fonts, pyphen dictionaries, caches
    rows = []
    for name, run in (("plain WeasyPrint", plain), ("plain WeasyPrint, PDF/UA-1", plain_ua), ("enface render()", ours)):
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            pdf, pages = run()
            times.append(time.perf_counter() - started)
        rows.append((name, min(times), pages, len(pdf)))

    base_time = rows[0][1]
    print(f"bundled edition, {options.size.label}, best of {args.repeat}")
    print(f"{'':32} {'seconds':>8} {'× plain':>8} {'pages':>6} {'KiB':>7}")
    for name, seconds, pages, size in rows:
        print(f"{name:32} {seconds:8.2f} {seconds / base_time:8.2f} {pages:6d} {size / 1024:7.0f}")
    stages = ours.stats["timings"]
    print("enface stages (last run): " + ", ".join(f"{k} {v:.2f}s" for k, v in stages.items()))
    ratio = rows[2][1] / base_time
    verdict = "within" if ratio <= LIMIT else "OVER"
    print(f"enface render / plain WeasyPrint render = {ratio:.2f} ({verdict} the {LIMIT}× budget)")


if __name__ == "__main__":
    main()
