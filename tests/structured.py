"""A small structured book in French and Russian (chapters, verse, a quotation, emphasis, a
footnote), written for the tests, and the TEI the text stages make of it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from enface.blocks import Block, Mark, Note, SourceDocument

ROOT = Path(__file__).resolve().parents[1]

FR_TEXT = 'Il dit "non". C\'est vrai ici.'
RU_TEXT = 'Он сказал "нет". Это правда здесь.'


def french() -> SourceDocument:
    vrai = FR_TEXT.index("vrai")
    return SourceDocument(
        (
            Block("head", "Chapitre premier", 1, level=1),
            Block(
                "p",
                FR_TEXT,
                3,
                marks=(
                    Mark(vrai, vrai + 4, "italic"),
                    Mark(FR_TEXT.index(".") + 1, FR_TEXT.index(".") + 1, "note", "a"),
                ),
            ),
            Block("verse", "Le ciel est bleu,\nla mer est grise,\net moi je rêve.", 5),
            Block("head", "Chapitre deux", 9, level=1),
            Block("quote", "Une citation longue. Encore une.", 11),
            Block("p", "Fin du livre.", 13),
        ),
        (Note("a", (Block("p", "Une note.", 15),)),),
    )


def russian() -> SourceDocument:
    pravda = RU_TEXT.index("правда")
    return SourceDocument(
        (
            Block("head", "Глава первая", 1, level=1),
            Block("p", RU_TEXT, 3, marks=(Mark(pravda, pravda + 6, "bold"),)),
            Block("verse", "Небо синее,\nморе серое,\nа я мечтаю.", 5),
            Block("head", "Глава вторая", 9, level=1),
            Block("quote", "Длинная цитата. Ещё одна.", 11),
            Block("p", "Конец книги.", 13),
        )
    )


def parallel():
    from enface.blocktext import text_blocks
    from enface.model import Parallel, Text
    from enface.pipeline import align as align_all

    texts = {}
    for lang, document in (("fr", french()), ("ru", russian())):
        blocks, notes, _fixes = text_blocks(document, lang)
        texts[lang] = Text(lang, "translation", f"{lang}.md", "0" * 64, blocks=blocks, notes=notes)
    divisions, units, warnings = align_all(["fr", "ru"], texts)
    return Parallel(("fr", "ru"), texts, (), units, tuple(warnings), divisions=divisions)


def tei_tree():
    from enface.manifest import load_edition
    from enface.tei import build_tei

    edition = load_edition(ROOT / "editions" / "face-of-another")
    return build_tei(edition, parallel(), dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
