"""The measuring layouts the print HTML needs before it is complete, one chapter at a time.

Two passes lay text out only to measure it: facing pages' beads (``facing``: each version's
height and lines, for the pagination) and the hyphenation limits (``layout.limit_hyphenation``:
the parallel rows laid out to find runs of hyphenated line ends, and again once words are kept
whole). Both are done per division (a chapter opens a new spread or recto, so what is found in
one never depends on another) as :class:`Probe` jobs: an HTML document and the kind of
measurement. The result is plain data (JSON): heights and lines by block id, or the breaks
forbidden pass by pass (replayed on the print HTML by ``layout.replay_hyphenation``). So a
probe can run in a worker process and be kept in the cache by its own HTML (``parts.Runner``):
an edit in one chapter measures only that chapter again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass

from .beadsplit import Line
from .hyphenation import Break, Kept

BEADS = "beads"  # facing pages: a ``facing.measure_html`` document → the breaks forbidden, heights and lines
HYPHENS = "hyphens"  # the hyphenation limits of the sections of a document → the breaks forbidden
KEPT_META = "enface-kept"  # a measuring document's words kept whole (JSON), in its head: its cache key has them


@dataclass(frozen=True)
class Probe:
    """One measuring layout: ``kind`` (:data:`BEADS` or :data:`HYPHENS`) and its document."""

    kind: str
    html: str

    def key_parts(self) -> tuple[str, ...]:
        return (self.kind, self.html)


Render = Callable[[str, Kept], object]  # HTML, words kept whole → WeasyPrint document
Prober = Callable[[list[Probe]], list[dict]]  # runs probes (in workers, from the cache…), results in order


def run_probe(probe: Probe, render: Render) -> dict:
    """Lay out ``probe``'s document (once or, for the hyphenation limits, a few times) and
    return what was measured, as JSON-ready data."""
    if probe.kind == BEADS:  # the beads' hyphenation limits enforced first (``facing.limit_beads``)
        from .facing import limit_beads

        found, forbidden, broken = limit_beads(probe.html, render)
        return {
            "broken": sorted(broken),
            "boxes": {
                ident: [height, [[line.bottom, line.letters] for line in lines]]
                for ident, (height, lines) in found.items()
            },
            "passes": [[asdict(item) for item in breaks] for breaks in forbidden],
        }
    if probe.kind == HYPHENS:
        from lxml import html as lxml_html

        from .layout import limit_hyphenation

        root = lxml_html.document_fromstring(probe.html)
        sections = [el for el in root.find("body") if isinstance(el.tag, str)]
        passes = limit_hyphenation(sections, root.find("head"), render, dict(root.attrib), {})
        return {"passes": [[asdict(item) for item in breaks] for breaks in passes]}
    raise ValueError(f"unknown probe kind {probe.kind!r}")


def kept_of(html: str) -> Kept:
    """The words a measuring document is to be laid out with kept whole (its ``KEPT_META``)."""
    import json
    import re

    # lxml quotes an attribute holding double quotes (JSON) with single ones
    found = re.search(rf"""<meta name="{KEPT_META}" content=(?:"([^"]*)"|'([^']*)')""", html)
    if found is None:
        return {}
    from html import unescape

    return {path: set(words) for path, words in json.loads(unescape(found.group(1) or found.group(2) or "[]"))}


def boxes(result: dict) -> dict[str, tuple[float, list[Line]]]:
    """A :data:`BEADS` result as ``facing.read_boxes`` gives it."""
    return {
        ident: (float(height), [Line(float(bottom), int(letters)) for bottom, letters in lines])
        for ident, (height, lines) in result["boxes"].items()
    }


def broken(result: dict) -> set[str]:
    """A :data:`BEADS` result's words broken at line ends (``hyphenation.broken_keys``)."""
    return set(result.get("broken", ()))


def passes(result: dict) -> list[list[Break]]:
    """A :data:`HYPHENS` result: the breaks forbidden, pass by pass."""
    return [[Break(**item) for item in breaks] for breaks in result.get("passes", [])]


def in_process(render: Callable[[str], object] | None = None) -> Prober:
    """Probes run one by one in this process (``print_html`` called alone: tests, benchmarks),
    with ``render`` (HTML → document) or plain WeasyPrint with the repaired dictionaries."""

    def default(text: str, kept: Kept):
        from weasyprint import HTML

        from ..paths import styles_dir
        from .hyphenation import repaired_dictionaries

        with repaired_dictionaries(kept):
            return HTML(string=text, base_url=str(styles_dir()) + "/").render()

    def given(text: str, kept: Kept):
        from .hyphenation import repaired_dictionaries

        with repaired_dictionaries(kept):
            return render(text)

    chosen: Render = default if render is None else given
    return lambda probes: [run_probe(probe, chosen) for probe in probes]
