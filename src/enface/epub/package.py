"""Make an EPUB zip byte-identical from run to run.

ebooklib writes entries in its own order with the current time; readers and
EPUBCheck need ``mimetype`` first and stored, and reproducibility needs fixed
timestamps, attributes and order.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def normalise_zip(data: bytes, when: dt.datetime) -> bytes:
    stamp = max(_ZIP_EPOCH, when.timetuple()[:6])
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        entries = {info.filename: source.read(info) for info in source.infolist()}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        names = ["mimetype"] + sorted(n for n in entries if n != "mimetype")
        for name in names:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.create_system = 3  # unix, so external_attr below is meaningful everywhere
            info.external_attr = 0o644 << 16
            if name == "mimetype":
                info.compress_type = zipfile.ZIP_STORED
            else:
                info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, entries[name], compresslevel=9)
    return out.getvalue()
