"""A generated cover: the title in every language of the edition, black on white.

Drawn with Pillow and the vendored fonts (never a system font): Charis SIL, and each title
in another script in its language's font (``enface.fonts``), shaped and ordered by Raqm
(Arabic joined, right to left); in greyscale so it reads the same on e-ink. The same
edition gives the same PNG bytes: no dates, no randomness, fixed compression settings.
"""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont

from ..fonts import TEXT, Family, family_for
from ..paths import fonts_dir
from ..tei.read import Meta

WIDTH, HEIGHT = 1400, 2100
MARGIN = 120
INK = 0
PAPER = 255
GREY = 90


def _font(name: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(fonts_dir() / name), size, layout_engine=ImageFont.Layout.BASIC)


def _family_font(family: Family, bold: bool, size: int) -> ImageFont.FreeTypeFont:
    """A face of a family other than Charis SIL, laid out by Raqm (shaping, bidi)."""
    face = next((f for f in family.faces if f.style == "normal" and (f.weight == "bold") == bold), family.regular)
    return ImageFont.truetype(str(fonts_dir() / face.file), size, layout_engine=ImageFont.Layout.RAQM)


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines: list[str] = []
    current = ""
    words = text.split()
    by_character = len(words) == 1 and font.getlength(text) > width  # Chinese, Japanese: no spaces
    for word in list(text) if by_character else words:
        candidate = current + word if by_character else f"{current} {word}".strip()
        if current and font.getlength(candidate) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def _split_title(title: str) -> tuple[str, str]:
    """'Main: rest' → ('Main', 'rest'); the main part is set large."""
    for mark in (" : ", ": ", " — ", " – "):
        if mark in title:
            main, rest = title.split(mark, 1)
            return main.strip(), rest.strip()
    return title, ""


def _block(meta: Meta, lang: str, width: int, scale: float) -> list[tuple[str, ImageFont.FreeTypeFont, int]]:
    """Lines of one language's title: (text, font, fill)."""
    main, rest = _split_title(meta.titles[lang])
    family = family_for(lang, meta.titles[lang])
    if family is TEXT:
        label_font = _font("CharisSIL-Regular.ttf", int(40 * scale))
        main_font = _font("CharisSIL-Bold.ttf", int(140 * scale))
        rest_font = _font("CharisSIL-Regular.ttf", int(66 * scale))
    else:
        label_font = _family_font(family, False, int(40 * scale))
        main_font = _family_font(family, True, int(140 * scale))
        rest_font = _family_font(family, False, int(66 * scale))
    lines = [(meta.labels.get(lang, lang).upper(), label_font, GREY)]
    lines += [(line, main_font, INK) for line in _wrap(main, main_font, width)]
    lines += [(line, rest_font, INK) for line in _wrap(rest, rest_font, width)]
    return lines


def _height(lines: list[tuple[str, ImageFont.FreeTypeFont, int]]) -> int:
    return sum(int(font.size * 1.25) for _text, font, _fill in lines)


def cover_png(meta: Meta) -> bytes:
    langs = [lang for lang in meta.langs if meta.titles.get(lang)] or [meta.lang]
    width = WIDTH - 2 * MARGIN
    footer_font = _font("CharisSIL-Regular.ttf", 40)
    gap = 170
    available = HEIGHT - 2 * MARGIN - 260
    scale = 1.0
    while True:  # shrink until every title fits
        blocks = [_block(meta, lang, width, scale) for lang in langs]
        total = sum(_height(b) for b in blocks) + gap * (len(blocks) - 1)
        if total <= available or scale < 0.4:
            break
        scale *= 0.92

    image = Image.new("L", (WIDTH, HEIGHT), PAPER)
    draw = ImageDraw.Draw(image)
    draw.rectangle((50, 50, WIDTH - 51, HEIGHT - 51), outline=INK, width=6)
    draw.rectangle((68, 68, WIDTH - 69, HEIGHT - 69), outline=INK, width=2)
    y = MARGIN + 80 + (available - total) // 2
    for index, block in enumerate(blocks):
        if index:
            rule_y = y + gap // 2 - 2
            draw.line((WIDTH // 2 - 120, rule_y, WIDTH // 2 + 120, rule_y), fill=INK, width=3)
            y += gap
        for text, font, fill in block:
            line_width = font.getlength(text)
            draw.text(((WIDTH - line_width) / 2, y), text, font=font, fill=fill)
            y += int(font.size * 1.25)

    codes = " · ".join(lang.upper() for lang in langs)
    footer = codes if not meta.publisher else f"{codes}    {meta.publisher}"
    draw.text(((WIDTH - footer_font.getlength(footer)) / 2, HEIGHT - MARGIN - 60), footer, font=footer_font, fill=INK)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False, compress_level=9)
    return out.getvalue()
