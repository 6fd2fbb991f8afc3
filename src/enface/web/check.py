"""``enface check`` on a web edition folder: every reference local, the text's words."""

from __future__ import annotations

import re
from pathlib import Path

from lxml import html

BLOCKS = ("p", "div", "section", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "figcaption", "blockquote")
_URL = re.compile(r"""url\(\s*['"]?([^'")]+)""")


def _local(ref: str, page: Path, folder: Path) -> str | None:
    """What is wrong with a reference from ``page``, or None."""
    if not ref or ref.startswith("#"):
        return None
    if re.match(r"^[a-z][a-z0-9+.-]*:", ref, re.I) or ref.startswith("//"):
        return f"{page.name}: {ref} leaves the folder"
    target = (page.parent / ref.split("#")[0].split("?")[0]).resolve()
    if not target.is_relative_to(folder.resolve()) or not target.is_file():
        return f"{page.name}: {ref} is not in the folder"
    return None


def problems(folder: Path) -> list[str]:
    """References that would go to the network or to no file (pages, stylesheet)."""
    found = []
    pages = sorted(folder.glob("*.html"))
    if not (folder / "index.html").is_file():
        found.append("no index.html")
    for page in pages:
        tree = html.parse(str(page))
        for _element, _attribute, link, _pos in tree.getroot().iterlinks():
            problem = _local(link, page, folder)
            if problem:
                found.append(problem)
    for css in folder.glob("*.css"):
        for match in _URL.finditer(css.read_text(encoding="utf-8")):
            problem = _local(match.group(1), css, folder)
            if problem:
                found.append(problem)
    return found


def page_text(folder: Path) -> str:
    """The text of every page, in order (index first)."""
    pages = sorted(folder.glob("*.html"), key=lambda p: (p.name != "index.html", p.name))
    texts = []
    for page in pages:
        root = html.parse(str(page)).getroot()
        for bad in list(root.iter("script", "style")):
            bad.drop_tree()
        for block in root.iter(*BLOCKS):  # blocks apart, as a browser shows them
            block.text = "\n" + (block.text or "")
            block.tail = "\n" + (block.tail or "")
        texts.append(root.text_content())
    return "\n".join(texts)
