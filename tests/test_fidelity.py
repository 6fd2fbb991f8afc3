from __future__ import annotations

from enface.checks.text import compare, compare_all, unhyphenate, words


def test_a_dropped_paragraph_is_caught():
    source = "Le héros rencontre K.\nLa femme part.\nIl reste seul."
    output = "Le héros rencontre K. La femme part."
    result = compare("s.txt", source, output)
    assert not result.ok
    assert set(result.missing) == {"il", "reste", "seul"}


def test_repeated_words_are_counted():
    result = compare("s.txt", "masque masque masque", "masque masque")
    assert result.missing == {"masque": 1}


def test_typography_changes_do_not_count_as_loss():
    assert compare("s.txt", 'l\'oxygène "Non" - fin...', "l’oxygène «\u202fNon\u202f» – fin…").ok


def test_line_end_hyphenation_is_rejoined_only_for_real_words():
    vocab = set(words("laboratoire tiba"))
    assert unhyphenate("labo\u2010\nratoire", vocab) == "laboratoire"
    assert unhyphenate("tiba-\ntiba", vocab) == "tiba-\ntiba"


def test_split_word_across_columns_counts_only_with_both_halves():
    source = "fabrication"
    assert compare("s", source, "la fabrica\u2010\nPahlawan ... \ntion d'organes").ok
    assert not compare("s", source, "la fabrica\u2010\nPahlawan ... organes").ok


def test_a_word_broken_at_its_own_hyphen_is_not_joined_into_another_word():
    """French "demanda-t-elle" broken after "t-": the words are "t" and "elle", not "telle"
    (which the same text has elsewhere)."""
    from enface.checks.text import compare

    source = "Telle est la question, demanda-t-elle."
    printed = "Telle est la question, demanda-t-\nelle."
    assert compare("fr.txt", source, printed).ok
    assert not compare("fr.txt", source, "Telle est la question, demanda-\ntelle.").ok


def test_right_to_left_words_glued_in_the_extracted_text_count_once_each():
    """pypdf reads "قائلة: «إنها" of an Arabic line as "قائلةإنها", its punctuation moved to the
    line's end (seen on the Snow Queen in Arabic): both words are there. Latin words glued
    together are no such artefact, and a word really missing is still missing."""
    source = "قالت الجدة قائلة: «إنها تطير هناك»."
    assert compare("ar.md", source, ".« :قالت الجدة قائلةإنها تطير هناك").ok
    lost = compare("ar.md", source, ".« :قالت الجدة قائلةإنها هناك")
    assert dict(lost.missing) == {"تطير": 1}
    assert dict(compare("fr.md", "le chat dort", "lechat dort").missing) == {"le": 1, "chat": 1}


def test_a_word_broken_twice_in_a_narrow_column_is_rejoined():
    # seven columns on A4: "herumgesprungen" set over three lines, a hyphen at two line ends
    pdf = "bin ich auf\nden Schnee\u2010\nfeldern her\u2010\numgesprun\u2010\ngen!«\n"
    source = "bin ich auf den Schneefeldern herumgesprungen!"
    assert compare("de.md", source, pdf).ok
    vocab = {"schneefeldern", "herumgesprungen", "bin"}
    assert unhyphenate("her\u2010\numgesprun\u2010\ngen", vocab) == "herumgesprungen"
    # a piece that is a word on its own is not swallowed when the whole is no word
    assert unhyphenate("bin-\nher\u2010\numgesprun\u2010\ngen", vocab) == "bin-\nherumgesprungen"


def test_a_word_broken_twice_across_a_page_is_present():
    """ "herumgesprungen" in the seventh of seven columns: "her‐" at the foot of a page, then
    "umgesprun‐" and "gen!«" on the next, other columns' lines between them as pdftotext reads
    the page (seen on the Snow Queen in seven languages)."""
    german = "bin ich auf den Schneefeldern herumgesprungen!"
    english = "and used to run about the snow-fields"
    printed = (
        "bin ich auf\nden Schnee\u2010\nfeldern her\u2010\n"
        "and used to\numgesprun\u2010\nrun about the\ngen!«\nsnow-fields\n"
    )
    assert [f.ok for f in compare_all([("de.md", german), ("en.md", english)], printed)] == [True, True]
    # its last piece lost: missing
    lost = compare_all([("de.md", german), ("en.md", english)], printed.replace("gen!«", "!«"))
    assert dict(lost[0].missing) == {"herumgesprungen": 1} and lost[1].ok


def test_a_chain_across_a_words_own_hyphen_keeps_that_hyphen():
    vocab = {"telle", "demanda"}
    assert unhyphenate("demanda-t-\nelle", vocab, {"t-elle", "demanda-t"}) == "demanda-t-\nelle"
    assert unhyphenate("deman\u2010\nda-t-\nelle", vocab, {"t-elle", "demanda-t"}) == "demanda-t-\nelle"
