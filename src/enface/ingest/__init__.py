"""Reading sources: bytes on disk to checked, normalised paragraphs."""

from .reader import Paragraph, SourceText, read_edition, read_source

__all__ = ["Paragraph", "SourceText", "read_edition", "read_source"]
