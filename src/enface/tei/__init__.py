"""The TEI P5 document: enface's one document model, between the text stages and the writers."""

from .build import TEI_NS, XML_NS, build_tei
from .validate import validate

__all__ = ["TEI_NS", "XML_NS", "build_tei", "validate"]
