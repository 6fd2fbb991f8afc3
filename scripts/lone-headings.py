"""Pages of a PDF on which a unit heading ("Paragraph n" in any language) stands alone.

Used by `make reader-check` on calibre's A6 rendering of each AZW3: a heading must never be
left at the foot of a page without the text it introduces. Prints the pages; exits 1 if any.
"""

from __future__ import annotations

import re
import subprocess
import sys

HEADING = re.compile(r"^\S+\s+\d+$")  # "PARAGRAPHE 3", "Абзац 3", "Paragraph 3"


def lone_heading_pages(pdf: str) -> list[int]:
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    found = []
    for page in range(1, pages + 1):
        text = subprocess.run(
            ["pdftotext", "-f", str(page), "-l", str(page), "-layout", pdf, "-"], capture_output=True, text=True
        ).stdout
        lines = [line.strip() for line in text.splitlines() if line.strip() and not line.strip().isdigit()]
        if len(lines) == 1 and HEADING.match(lines[0]):
            found.append(page)
    return found


if __name__ == "__main__":
    pages = lone_heading_pages(sys.argv[1])
    if pages:
        print(f"headings alone on pages {', '.join(map(str, pages))}")
    sys.exit(1 if pages else 0)
