"""The reference point for the print budget: one plain WeasyPrint render of enface's
final print HTML (same HTML, same CSS, same fonts), with none of enface's pipeline."""

from __future__ import annotations

import sys
from pathlib import Path


def main(html_path: str, out_pdf: str, base_url: str) -> None:
    from weasyprint import HTML

    HTML(filename=html_path, base_url=base_url).write_pdf(out_pdf)


if __name__ == "__main__":
    main(*sys.argv[1:4])
    sys.exit(0 if Path(sys.argv[2]).stat().st_size > 0 else 1)
