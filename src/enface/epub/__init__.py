"""EPUB 3 writer: TEI → XHTML documents (three reading modes) → ebooklib package → deterministic zip."""

from .modes import DEFAULT_MODE, MODES
from .writer import EpubOutput, build_epub, check_primary, output_name, parse_modes, write_epub

__all__ = ["DEFAULT_MODE", "MODES", "EpubOutput", "build_epub", "check_primary", "output_name", "parse_modes",
           "write_epub"]
