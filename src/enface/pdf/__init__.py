"""Print writer: TEI → print HTML → WeasyPrint → PDF."""

from .options import PrintOptions
from .writer import PrintResult, print_html, render, write_pdf

__all__ = ["PrintOptions", "PrintResult", "print_html", "render", "write_pdf"]
