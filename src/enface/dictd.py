"""Where Debian's FreeDict dictionaries are installed, and which of them are: what a cached
alignment made with them is keyed by. Kept apart from :mod:`enface.align.dictionaries` so that
a build's cache check does not import the aligner."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from .languages import ISO_639_3

DICTD = Path(os.environ.get("ENFACE_DICTD", "/usr/share/dictd"))
CODE = "align.dictionaries"  # the build's notice when dictionaries that would help are missing


def index_path(src_lang: str, tgt_lang: str, folder: Path | None = None) -> Path | None:
    """The dictd index a dictionary from one language to another would have (None: a language
    FreeDict has no code for)."""
    src, tgt = ISO_639_3.get(src_lang.split("-")[0]), ISO_639_3.get(tgt_lang.split("-")[0])
    return (folder or DICTD) / f"freedict-{src}-{tgt}.index" if src and tgt else None


# The language through which a bridge joins two languages FreeDict has no dictionary between
# (``enface.align.dictionaries.bridge``): the one most of its dictionaries have on one side.
VIA = "en"


def identity(langs: Sequence[str], folder: Path | None = None) -> str:
    """Which dictionaries between these languages (and English, for the bridges) are installed,
    and which versions (size and time of each file), so that installing or updating one aligns
    again."""
    found = []
    every = list(dict.fromkeys([*langs, VIA]))
    for src in every:
        for tgt in every:
            index = index_path(src, tgt, folder) if src != tgt else None
            for path in (index, index.with_suffix(".dict.dz")) if index else ():
                try:
                    stat = path.stat()
                except OSError:
                    continue
                found.append(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}")
    return "\n".join(found)


# The FreeDict dictionaries Debian 12 packages (``dict-freedict-SRC-TGT``), by ISO 639-3 codes:
# what the set-up can install for an edition's languages (scripts/dictionary-packages.py reads
# this literal; ``apt-cache search --names-only '^dict-freedict-'``, Debian 12.11).
PACKAGED = frozenset(
    """
    afr-deu afr-eng ara-eng bre-fra ces-eng ckb-kmr cym-eng dan-eng deu-bul deu-ell deu-eng deu-fin
    deu-fra deu-ind deu-ita deu-kur deu-nld deu-pol deu-por deu-rus deu-spa deu-swe deu-tur ell-bul
    ell-eng ell-fin ell-fra ell-ind ell-ita ell-jpn ell-lat ell-lit ell-nld ell-nor ell-pol ell-por
    ell-rus ell-spa ell-swe eng-afr eng-ara eng-bul eng-ces eng-cym eng-dan eng-deu eng-ell eng-fin
    eng-fra eng-gle eng-hin eng-hrv eng-hun eng-ind eng-ita eng-jpn eng-lat eng-lit eng-nld eng-nor
    eng-pol eng-por eng-rom eng-rus eng-spa eng-srp eng-swe eng-swh eng-tur epo-eng fin-bul fin-deu
    fin-ell fin-eng fin-fra fin-ind fin-ita fin-jpn fin-lat fin-lit fin-nld fin-nor fin-pol fin-por
    fin-swe fra-bre fra-bul fra-deu fra-ell fra-eng fra-fin fra-ita fra-jpn fra-lat fra-lit fra-nld
    fra-pol fra-por fra-rus fra-spa fra-swe fra-tur gla-deu gle-eng gle-pol hrv-eng hun-eng isl-eng
    ita-bul ita-deu ita-ell ita-eng ita-fin ita-ind ita-jpn ita-lit ita-nor ita-pol ita-por ita-rus
    ita-spa ita-swe ita-tur jpn-deu jpn-eng jpn-fra jpn-rus kha-deu kha-eng kur-deu kur-eng kur-tur
    lat-deu lat-eng lit-eng mkd-bul nld-bul nld-deu nld-ell nld-eng nld-fin nld-fra nld-ind nld-ita
    nld-lat nld-lit nld-pol nld-por nld-rus nld-spa nld-swe nno-nob oci-cat pol-bul pol-deu pol-ell
    pol-eng pol-fin pol-fra pol-gle pol-ind pol-ita pol-jpn pol-nld pol-nor pol-por pol-rus pol-spa
    pol-swe pol-tur por-deu por-eng por-fra por-spa san-deu slk-eng slv-eng spa-ast spa-deu spa-eng
    spa-por srp-eng swe-bul swe-deu swe-ell swe-eng swe-fin swe-fra swe-ita swe-jpn swe-lat swe-nld
    swe-nor swe-pol swe-por swe-rus swe-spa swe-tur swh-eng swh-pol tur-deu tur-eng wol-fra
    """.split()
)


def pairs(langs: Sequence[str]) -> list[str]:
    """The FreeDict pairs (``fra-deu``) that serve these languages' alignment: Debian's between
    any two of them (either direction), and where it has none from one to another, the two
    through English that bridge them (``ara-eng``, ``eng-fra``), with the two back when Debian
    has both (they check the bridge's words)."""
    codes = list(dict.fromkeys(ISO_639_3[lang.split("-")[0]] for lang in langs if lang.split("-")[0] in ISO_639_3))
    via = ISO_639_3[VIA]
    found: set[str] = set()
    for src in codes:
        for tgt in codes:
            if src == tgt:
                continue
            if f"{src}-{tgt}" in PACKAGED:
                found.add(f"{src}-{tgt}")
                continue
            legs, back = {f"{src}-{via}", f"{via}-{tgt}"}, {f"{tgt}-{via}", f"{via}-{src}"}
            if via not in (src, tgt) and legs <= PACKAGED:
                found |= legs | (back if back <= PACKAGED else set())
    return sorted(found)


def packages(langs: Sequence[str], folder: Path | None = None, *, missing: bool = False) -> list[str]:
    """The Debian packages of the dictionaries of :func:`pairs`; ``missing``: only those whose
    files are not installed."""
    found = []
    for pair in pairs(langs):
        index = (folder or DICTD) / f"freedict-{pair}.index"
        if not (missing and index.is_file() and index.with_suffix(".dict.dz").is_file()):
            found.append(f"dict-freedict-{pair}")
    return sorted(found)


def suggestion(langs: Sequence[str], folder: Path | None = None) -> str | None:
    """What to install for these languages' alignment, when Debian packages dictionaries for
    them that are not installed (shown by the build, not in its report: it is about this
    machine, as a cached stage is)."""
    wanted = packages(langs, folder, missing=True)
    if not wanted:
        return None
    return (
        f"{', '.join(wanted)}: Debian's bilingual dictionaries between the edition's languages "
        f"(or to and from English, where none joins two of them), not installed; "
        f"they help align free translations (install with `make dictionaries EDITION=<folder>` in enface's "
        f"checkout, or `sudo apt install {' '.join(wanted)}`)"
    )
