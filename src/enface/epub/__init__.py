"""EPUB 3 writer: TEI → XHTML documents → ebooklib package → deterministic zip."""

from .writer import write_epub

__all__ = ["write_epub"]
