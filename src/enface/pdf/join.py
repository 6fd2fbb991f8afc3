"""Join the parts of the print edition (``sections``) into one PDF, with pikepdf.

Each part is a complete tagged PDF (PDF/UA structure tree, languages marked, margin boxes
as artifacts, no folios). The join makes one PDF as WeasyPrint would have written it for
the whole book:

- pages in order, a blank page (from the folio layer: printer's marks only) before a part
  that would otherwise open on a verso;
- the folio layer's page of the same number laid over every page, as a form XObject in
  ``/Artifact <</Type /Pagination>>`` marked content (folios are pagination artifacts);
- one structure tree: one ``/Document`` whose kids are every part's kids in order, the
  ``/StructParents`` of pages and ``/StructParent`` of annotations renumbered and one
  ``/ParentTree`` rebuilt;
- the outline (every part's bookmarks in order), the named destinations (a part's
  placeholder anchors give way to the real ones, so the contents' links land on the
  chapters), the catalogue's ``/Lang``, ``/MarkInfo``, ``/ViewerPreferences``, XMP metadata,
  output intents and the document information, from the front matter.

Everything is read from the parts' bytes, in order; saved with a deterministic ``/ID``:
the same parts give the same bytes.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

ARTIFACT_OPEN = b"/Artifact <</Type /Pagination>> BDC q /EnfaceFolio Do Q EMC\n"
CATALOG_KEYS = ("/Lang", "/MarkInfo", "/ViewerPreferences", "/Metadata", "/OutputIntents")


@dataclass(frozen=True)
class Source:
    pdf: bytes
    placeholders: frozenset[str] = frozenset()
    blank_before: bool = False  # a blank page goes before it (it opens on a recto)


def _nums(tree) -> list[tuple[int, object]]:
    parent_tree = tree.get("/ParentTree")
    if parent_tree is None or "/Nums" not in parent_tree:
        return []
    nums = parent_tree.Nums
    return [(int(nums[i]), nums[i + 1]) for i in range(0, len(nums) - 1, 2)]


def _copy(out, value):
    """``value`` in ``out``: indirect objects copied by pikepdf (once per source: the same
    page, element or annotation always gives the same copy), direct ones rebuilt."""
    import pikepdf

    if isinstance(value, pikepdf.Object) and value.is_indirect:
        return out.copy_foreign(value)
    if isinstance(value, pikepdf.Array):
        return pikepdf.Array([_copy(out, v) for v in value])
    if isinstance(value, pikepdf.Dictionary):
        return pikepdf.Dictionary({k: _copy(out, v) for k, v in value.items()})
    return value


def _outline(items, page_of) -> list:
    import pikepdf

    made = []
    for item in items:
        dest = item.destination
        new_dest = None
        if isinstance(dest, pikepdf.Array) and len(dest) and dest[0].objgen in page_of:
            new_dest = pikepdf.Array([page_of[dest[0].objgen], *list(dest)[1:]])
        new = pikepdf.OutlineItem(str(item.title), destination=new_dest)
        new.is_closed = item.is_closed
        new.children.extend(_outline(item.children, page_of))
        made.append(new)
    return made


def _overlay(out, page, layer_page) -> None:
    """The folio layer's page over ``page``, as a pagination artifact."""
    import pikepdf

    form = out.copy_foreign(layer_page.as_form_xobject())
    # the whole media box (qpdf bounds the form by the trim box: the printer's marks are outside)
    form.BBox = pikepdf.Array([float(v) for v in layer_page.MediaBox])
    # the pages of a part share one resource dictionary: each gets its own (same entries)
    resources = pikepdf.Dictionary(dict(page.obj.get("/Resources", pikepdf.Dictionary()).items()))
    xobjects = pikepdf.Dictionary(dict(resources.get("/XObject", pikepdf.Dictionary()).items()))
    xobjects.EnfaceFolio = form
    resources.XObject = xobjects
    page.obj.Resources = resources
    page.contents_add(out.make_stream(b"q\n"), prepend=True)
    page.contents_add(out.make_stream(b"\nQ\n" + ARTIFACT_OPEN))


def join(sources: list[Source], layer: bytes) -> bytes:
    """One PDF: ``sources`` (the front matter first) in order, the folio layer over each page."""
    import pikepdf

    out = pikepdf.new()
    opened = [pikepdf.open(io.BytesIO(s.pdf)) for s in sources]
    folios = pikepdf.open(io.BytesIO(layer))
    try:
        document = out.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.Document))
        kids = pikepdf.Array()
        nums = pikepdf.Array()
        next_key = 0
        outline: list = []
        dests: dict[str, object] = {}
        version = "1.7"
        for source, pdf in zip(sources, opened):
            version = max(version, pdf.pdf_version)
            if source.blank_before:
                layer_page = folios.pages[len(out.pages)]
                blank = pikepdf.Dictionary(
                    Type=pikepdf.Name.Page,
                    MediaBox=layer_page.MediaBox,
                    Resources=pikepdf.Dictionary(),
                    Contents=out.make_stream(b""),
                )
                for box in ("/TrimBox", "/BleedBox"):
                    if box in layer_page.obj:
                        blank[box] = layer_page.obj[box]
                blank.StructParents = next_key  # like every page WeasyPrint writes: its entry, empty
                nums.append(next_key)
                nums.append(out.make_indirect(pikepdf.Array()))
                next_key += 1
                out.pages.append(pikepdf.Page(blank))
            first = len(out.pages)
            with warnings.catch_warnings():  # the named destinations are joined below
                warnings.filterwarnings("ignore", message="Copying pages from another Pdf")
                out.pages.extend(pdf.pages)
            page_of = {page.obj.objgen: out.pages[first + i].obj for i, page in enumerate(pdf.pages)}
            tree = pdf.Root.get("/StructTreeRoot")
            offset = next_key
            if tree is not None:
                top = tree.K if isinstance(tree.K, pikepdf.Array) else pikepdf.Array([tree.K])
                for element in top:
                    for kid in element.get("/K", pikepdf.Array()) if element.get("/S") == "/Document" else [element]:
                        copied = _copy(out, kid)
                        if isinstance(copied, pikepdf.Dictionary):
                            copied.P = document
                        kids.append(copied)
                entries = _nums(tree)
                for number, value in entries:
                    nums.append(number + offset)
                    nums.append(_copy(out, value))
                next_key += max((n for n, _v in entries), default=-1) + 1
            for i in range(len(pdf.pages)):
                page = out.pages[first + i]
                if "/StructParents" in page.obj:
                    page.obj.StructParents = int(page.obj.StructParents) + offset
                for annot in page.obj.get("/Annots", pikepdf.Array()):
                    if "/StructParent" in annot:
                        annot.StructParent = int(annot.StructParent) + offset
            if "/Outlines" in pdf.Root:
                with pdf.open_outline() as part_outline:
                    outline += _outline(part_outline.root, page_of)
            names = pdf.Root.get("/Names")
            flat = names.get("/Dests", {}).get("/Names", pikepdf.Array()) if names is not None else []
            for i in range(0, len(flat) - 1, 2):
                name = str(flat[i])
                if name in source.placeholders or name in dests:
                    continue
                dest = flat[i + 1]
                if isinstance(dest, pikepdf.Array) and len(dest) and dest[0].objgen in page_of:
                    dests[name] = pikepdf.Array([page_of[dest[0].objgen], *list(dest)[1:]])
        if len(folios.pages) != len(out.pages):
            raise ValueError(f"the folio layer has {len(folios.pages)} pages, the book {len(out.pages)}")
        for page, layer_page in zip(out.pages, folios.pages):
            _overlay(out, page, layer_page)
        document.K = kids
        root = out.make_indirect(
            pikepdf.Dictionary(
                Type=pikepdf.Name.StructTreeRoot,
                K=pikepdf.Array([document]),
                ParentTree=out.make_indirect(pikepdf.Dictionary(Nums=nums)),
                ParentTreeNextKey=next_key,
            )
        )
        document.P = root
        front = opened[0]
        front_tree = front.Root.get("/StructTreeRoot")
        for key in ("/RoleMap", "/ClassMap"):
            if front_tree is not None and key in front_tree:
                root[key] = _copy(out, front_tree[key])
        out.Root.StructTreeRoot = root
        for key in CATALOG_KEYS:
            if key in front.Root:
                out.Root[key] = _copy(out, front.Root[key])
        if dests:
            flat_dests = pikepdf.Array()
            for name in sorted(dests):
                flat_dests.append(pikepdf.String(name))
                flat_dests.append(dests[name])
            out.Root.Names = pikepdf.Dictionary(Dests=pikepdf.Dictionary(Names=flat_dests))
        if outline:
            with out.open_outline() as joined:
                joined.root.extend(outline)
        if "/PageMode" in front.Root:
            out.Root.PageMode = front.Root.PageMode
        if "/Info" in front.trailer:
            out.trailer.Info = _copy(out, front.trailer.Info)
        buffer = io.BytesIO()
        out.save(
            buffer,
            deterministic_id=True,
            min_version=version,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
        )
        return buffer.getvalue()
    finally:
        for pdf in opened:
            pdf.close()
        folios.close()
        out.close()
