"""Russian words with ё are hyphenated as with е (pyphen's patterns lack ё)."""

from enface.languages import pack


def test_a_word_with_yo_breaks_where_the_same_word_with_ye_does():
    repair = pack("ru").hyphenation_repair
    # Russian syllables: о-ди-нё-шень-ка, у-чё-но-го (breaks after the 1st, 3rd, 5th, 9th letters)
    assert repair("одинёшенька", [9]) == [1, 3, 5, 9]
    assert repair("учёного", []) == [1, 3, 5]
    assert repair("дом", []) == []  # without ё: pyphen's own positions, untouched
    assert repair("книга", [2]) == [2]


def test_print_layout_breaks_a_long_yo_word_in_a_narrow_column():
    """48 pt hold "свету" but not "одинёшенька": with the repair it breaks after "одинё"
    (three letters or more on each side, hyphenate-limit-chars 6 3 3); without, it stood whole
    and ran past the column's edge."""
    import weasyprint

    from enface.pdf.hyphenation import repaired_dictionaries

    html = (
        '<html lang="ru"><style>@page { size: A6; margin: 10mm } p { width: 48pt; font-size: 9.5pt; '
        "hyphens: auto; hyphenate-limit-chars: 6 3 3; text-align: left }</style>"
        "<body><p>шла по белу свету одинёшенька и</p></body></html>"
    )
    with repaired_dictionaries():
        document = weasyprint.HTML(string=html).render()
    lines = ["".join(box.text for box in _text_boxes(line)) for line in _line_boxes(document.pages[0]._page_box)]
    assert "одинё\u2010" in lines and "шенька и" in lines


def _line_boxes(box):
    if type(box).__name__ == "LineBox":
        yield box
        return
    for child in getattr(box, "children", ()) or ():
        yield from _line_boxes(child)


def _text_boxes(box):
    if type(box).__name__ == "TextBox":
        yield box
    for child in getattr(box, "children", ()) or ():
        yield from _text_boxes(child)
