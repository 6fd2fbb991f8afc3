"""TEI → XHTML: the fragments both writers share (EPUB documents and the print HTML)."""
