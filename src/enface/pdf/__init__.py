"""Print writer: TEI → print HTML → WeasyPrint → PDF."""

from .writer import print_html, write_pdf

__all__ = ["print_html", "write_pdf"]
