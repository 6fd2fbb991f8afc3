"""``enface lint``: read the edition's sources and report what a publisher should look at."""

from __future__ import annotations

from pathlib import Path

from ..ingest import read_edition
from ..lint import Finding, inputs_from_sources, lint
from ..manifest import load_edition


def run(edition_dir: Path, *, spelling: bool = True) -> list[Finding]:
    edition = load_edition(edition_dir)
    return lint(inputs_from_sources(read_edition(edition_dir, edition), sentences=True), spelling=spelling)
