"""Check a TEI tree against the schema shipped with enface, and resolve its pointers.

RELAX NG checks structure; it cannot check that every ``#id`` a link points to
exists, so that is checked here too: a dangling pointer would silently drop a
paragraph from an edition.
"""

from __future__ import annotations

from functools import cache

from lxml import etree

from ..errors import EnfaceError
from ..paths import schema_path
from ..xmlsafe import parse_file

XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
TEI = "{http://www.tei-c.org/ns/1.0}"


@cache
def _schema() -> etree.RelaxNG:
    return etree.RelaxNG(parse_file(schema_path()))


def validate(tree: etree._ElementTree, *, label: str = "TEI") -> None:
    schema = _schema()
    if not schema.validate(tree):
        error = schema.error_log.last_error
        raise EnfaceError(f"{label} does not match the enface TEI schema: line {error.line}: {error.message}")
    ids = {element.get(XML_ID) for element in tree.iter() if element.get(XML_ID)}
    for link in tree.iter(f"{TEI}link", f"{TEI}ptr"):
        for target in link.get("target", "").split():
            if target[1:] not in ids:
                kind = "link" if link.tag == f"{TEI}link" else "note reference"
                raise EnfaceError(f"{label}: {kind} {link.get('n')} points to missing {target}")
