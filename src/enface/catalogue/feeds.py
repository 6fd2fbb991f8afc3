"""What a catalogue says about its editions: ``catalogue.json`` and an OPDS 1.2 feed.

``catalogue.json`` lists every edition made: its work, languages, titles, folder, build
date and files (name, path, size, SHA-256), and the editions that failed, with their
reasons. ``opds.xml`` is an OPDS Catalog 1.2 acquisition feed (an Atom feed, RFC 4287):
one entry per edition, with a ``dc:language`` per language, its EPUB, PDF and TEI as
acquisition links (hrefs relative to the feed) and the EPUB's cover as its image. Both
hold nothing that changes between two builds of the same inputs (no clock, no timings),
so a local and a cluster build of a catalogue write the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import posixpath
import uuid
import zipfile
from dataclasses import dataclass, field
from urllib.parse import quote, unquote

ATOM = "http://www.w3.org/2005/Atom"
DCTERMS = "http://purl.org/dc/terms/"
OPDS = "http://opds-spec.org/2010/catalog"
ACQUISITION_FEED = "application/atom+xml;profile=opds-catalog;kind=acquisition"
ACQUISITION = "http://opds-spec.org/acquisition"

MEDIA_TYPES = (  # file ending → media type and the link's title; the others are not acquisitions
    (".kepub.epub", "application/kepub+zip", "Kobo EPUB"),
    (".azw3", "application/vnd.amazon.ebook", "Kindle (AZW3)"),
    (".sequential.epub", "application/epub+zip", "EPUB (sequential)"),
    (".popup.epub", "application/epub+zip", "EPUB (popup translations)"),
    (".epub", "application/epub+zip", "EPUB"),
    (".pdf", "application/pdf", "PDF"),
    (".tei.xml", "application/tei+xml", "TEI P5"),
)


@dataclass
class FileEntry:
    path: str  # relative to the catalogue's folder (OUT), with /
    size: int
    sha256: str
    media_type: str = ""

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]


@dataclass
class EditionEntry:
    """One edition as the catalogue lists it."""

    work: str
    langs: tuple[str, ...]
    slug: str
    uid: str
    titles: dict[str, str]
    description: str
    rights: str
    publisher: str
    updated: dt.datetime
    files: list[FileEntry] = field(default_factory=list)
    cover: FileEntry | None = None

    @property
    def folder(self) -> str:
        return f"{self.work}/{'-'.join(self.langs)}"


def iso(when: dt.datetime) -> str:
    return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def catalogue_json(title: str, editions: list[EditionEntry], failures: list[tuple[str, list[str], str]]) -> bytes:
    """``catalogue.json``: every edition with its files, then the failures (work, langs, reason)."""

    def files(entry: EditionEntry) -> list[dict]:
        listed = entry.files + ([entry.cover] if entry.cover else [])
        return [{"name": f.name, "path": f.path, "size": f.size, "sha256": f.sha256} for f in listed]

    data = {
        "title": title,
        "editions": [
            {
                "work": entry.work,
                "langs": list(entry.langs),
                "primary": entry.langs[0],
                "folder": entry.folder,
                "slug": entry.slug,
                "id": entry.uid,
                "titles": entry.titles,
                "updated": iso(entry.updated),
                "files": files(entry),
            }
            for entry in editions
        ],
        "failed": [{"work": work, "langs": langs, "reason": reason} for work, langs, reason in failures],
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def feed_id(title: str, given: str | None) -> str:
    return given or f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'enface:catalogue:' + title)}"


def opds_feed(title: str, author: str, identifier: str, editions: list[EditionEntry], fallback: dt.datetime) -> bytes:
    """The OPDS 1.2 acquisition feed (``opds.xml``), built with lxml."""
    from lxml import etree

    nsmap = {None: ATOM, "dc": DCTERMS, "opds": OPDS}

    def sub(parent, tag: str, text: str | None = None, ns: str = ATOM, **attrs: str):
        element = etree.SubElement(parent, f"{{{ns}}}{tag}", {k: v for k, v in attrs.items() if v is not None})
        if text is not None:
            element.text = text
        return element

    feed = etree.Element(f"{{{ATOM}}}feed", nsmap=nsmap)
    sub(feed, "id", identifier)
    sub(feed, "title", title)
    updated = max((entry.updated for entry in editions), default=fallback)
    sub(feed, "updated", iso(updated))
    sub(sub(feed, "author"), "name", author)
    sub(feed, "link", rel="self", href="opds.xml", type=ACQUISITION_FEED)
    sub(feed, "link", rel="start", href="opds.xml", type=ACQUISITION_FEED)
    for entry in editions:
        item = sub(feed, "entry")
        sub(item, "id", entry.uid)
        sub(item, "title", " / ".join(entry.titles[code] for code in entry.langs if code in entry.titles))
        sub(item, "updated", iso(entry.updated))
        for code in entry.langs:
            sub(item, "language", code, ns=DCTERMS)
        if entry.publisher:
            sub(item, "publisher", entry.publisher, ns=DCTERMS)
        if entry.rights:
            sub(item, "rights", entry.rights)
        sub(item, "content", entry.description, type="text")
        if entry.cover is not None:
            href, kind = _href(entry.cover.path), entry.cover.media_type
            sub(item, "link", rel="http://opds-spec.org/image", href=href, type=kind)
            sub(item, "link", rel="http://opds-spec.org/image/thumbnail", href=href, type=kind)
        for file in entry.files:
            kind = next(((media, label) for end, media, label in MEDIA_TYPES if file.name.endswith(end)), None)
            if kind is not None:
                sub(
                    item,
                    "link",
                    rel=ACQUISITION,
                    href=_href(file.path),
                    type=kind[0],
                    title=kind[1],
                    length=str(file.size),
                )
    return etree.tostring(feed, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _href(path: str) -> str:
    """A file's link, relative to the feed (which is in OUT)."""
    return "/".join(quote(part) for part in path.split("/"))


def epub_cover(data: bytes) -> tuple[bytes, str] | None:
    """The cover image of an EPUB (the manifest item with ``properties="cover-image"``, or
    EPUB 2's ``<meta name="cover">``) and its media type; ``None`` when it has none."""
    from ..xmlsafe import parse_bytes

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as book:
            container = parse_bytes(book.read("META-INF/container.xml"))
            rootfile = container.find(".//{urn:oasis:names:tc:opendocument:xmlns:container}rootfile")
            if rootfile is None:
                return None
            opf_path = rootfile.get("full-path", "")
            opf = parse_bytes(book.read(opf_path))
            ns = {"opf": "http://www.idpf.org/2007/opf"}
            items = opf.xpath(
                "//opf:manifest/opf:item[contains(concat(' ', @properties, ' '), ' cover-image ')]", namespaces=ns
            )
            if not items:
                ids = opf.xpath("//opf:metadata/opf:meta[@name='cover']/@content", namespaces=ns)
                items = opf.xpath("//opf:manifest/opf:item[@id=$id]", namespaces=ns, id=ids[0]) if ids else []
            if not items:
                return None
            href = posixpath.normpath(posixpath.join(posixpath.dirname(opf_path), unquote(items[0].get("href", ""))))
            return book.read(href), items[0].get("media-type", "")
    except Exception:  # a cover is a nicety: an EPUB that does not give one has none
        return None
