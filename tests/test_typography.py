"""Typography: every rule both ways, the bundled sources, and two properties for any text."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from enface.ingest import SourceText, read_edition
from enface.manifest import load_edition
from enface.typography import RULES, Fix, Rule, count_fixes, describe_rules, fix, rules_for
from enface.typography.common import parse_quotes

EDITION = Path(__file__).resolve().parent.parent / "editions" / "face-of-another"
NNBSP, NBSP = "\u202f", "\u00a0"


def fixed(text: str, lang: str) -> str:
    return fix(text, lang).text


def codes(text: str, lang: str) -> set[str]:
    return {f.rule for f in fix(text, lang).fixes}


# --- the examples every rule carries ----------------------------------------------

EXAMPLES = [
    (info.code, info.example_lang, before, after) for info in RULES.values() for before, after in info.rule.examples
]


@pytest.mark.parametrize("code,lang,before,after", EXAMPLES, ids=[f"{c}:{b[:20]}" for c, _, b, _ in EXAMPLES])
def test_rule_examples(code: str, lang: str, before: str, after: str) -> None:
    result = fix(before, lang)
    assert result.text == after
    if before != after and code in {r.code for r in rules_for(lang)}:
        assert code in {f.rule for f in result.fixes}


def test_every_rule_has_an_example_and_a_description() -> None:
    for info in RULES.values():
        assert info.description.endswith(".")
        assert info.rule.examples, f"{info.code} has no example"


# --- French -------------------------------------------------------------------------


class TestFrench:
    def test_straight_double_quotes_become_guillemets_with_narrow_spaces(self) -> None:
        text = '"Une personne défigurée est-elle capable d\'influencer la musique?" Il se lamente.'
        assert fixed(text, "fr") == (
            f"«{NNBSP}Une personne défigurée est-elle capable d’influencer la musique{NNBSP}?{NNBSP}» Il se lamente."
        )

    def test_existing_guillemets_get_the_right_spaces(self) -> None:
        assert fixed("du théâtre «Non».", "fr") == f"du théâtre «{NNBSP}Non{NNBSP}»."
        assert fixed("« Nous jouons des secrets »", "fr") == f"«{NNBSP}Nous jouons des secrets{NNBSP}»"
        assert fixed(f"«{NBSP}Oui{NBSP}»", "fr") == f"«{NNBSP}Oui{NNBSP}»"

    def test_nested_quotes_become_english_double_quotes(self) -> None:
        assert fixed("«Il dit «non» à tous»", "fr") == f"«{NNBSP}Il dit “non” à tous{NNBSP}»"
        assert fixed('«Il dit "non" à tous»', "fr") == f"«{NNBSP}Il dit “non” à tous{NNBSP}»"
        assert fixed("«Il dit « non » à tous»", "fr") == f"«{NNBSP}Il dit “non” à tous{NNBSP}»"

    def test_apostrophes(self) -> None:
        assert fixed("l'oxygène, aujourd'hui, d'argile", "fr") == "l’oxygène, aujourd’hui, d’argile"

    def test_high_punctuation(self) -> None:
        assert fixed("Vraiment? Oui! Non; soit", "fr") == f"Vraiment{NNBSP}? Oui{NNBSP}! Non{NNBSP}; soit"
        assert fixed("Quoi ?!", "fr") == f"Quoi{NNBSP}?!"
        assert fixed("il ne s'y attendait: même", "fr") == f"il ne s’y attendait{NBSP}: même"
        assert fixed("il ne s'y attendait : même", "fr") == f"il ne s’y attendait{NBSP}: même"

    def test_colon_and_question_mark_left_alone_in_times_and_urls(self) -> None:
        assert fixed("à 10:30 précises", "fr") == "à 10:30 précises"
        url = "voir https://example.com/a?b=1;c=2 ou www.example.org:8080/x"
        assert fixed(url, "fr") == url

    def test_spaced_hyphen_is_an_en_dash_with_a_no_break_space_before(self) -> None:
        assert fixed("il rencontre K. - un scientifique", "fr") == f"il rencontre K.{NBSP}– un scientifique"
        assert fixed("la barbe -- ça a l'air", "fr") == f"la barbe{NBSP}– ça a l’air"
        assert fixed("un ami — un spécialiste", "fr") == f"un ami{NBSP}— un spécialiste"

    def test_hyphens_in_words_and_between_numbers_stay(self) -> None:
        for text in ("là-bas, lui-même, peut-être, rendez-vous", "de 10 - 20 ans", "x-5", "-5 degrés"):
            assert fixed(text, "fr") == text

    def test_dialogue_dash(self) -> None:
        assert fixed("- Bonjour, dit-il.", "fr") == f"—{NBSP}Bonjour, dit-il."
        assert fixed("« - Bonjour »", "fr") == f"«{NNBSP}—{NBSP}Bonjour{NNBSP}»"

    def test_percent(self) -> None:
        assert fixed("50 % et 20%", "fr") == f"50{NNBSP}% et 20{NNBSP}%"


# --- Russian ------------------------------------------------------------------------


class TestRussian:
    def test_quotes_outer_and_inner(self) -> None:
        assert fixed('театра "Но".', "ru") == "театра «Но»."
        assert fixed('"Он сказал "да" вчера"', "ru") == "«Он сказал „да“ вчера»"
        assert fixed("«Он сказал «да» вчера»", "ru") == "«Он сказал „да“ вчера»"
        assert fixed("« Жаль его очень »", "ru") == "«Жаль его очень»"

    def test_dash_is_an_em_dash_with_a_no_break_space_before(self) -> None:
        assert fixed("Его цель - привыкнуть", "ru") == f"Его цель{NBSP}— привыкнуть"
        assert fixed("Его цель – привыкнуть", "ru") == f"Его цель{NBSP}— привыкнуть"
        assert fixed("с К. — учёным", "ru") == f"с{NBSP}К.{NBSP}— учёным"
        assert fixed("мысли и чувства, — содержание", "ru") == f"мысли и{NBSP}чувства,{NBSP}— содержание"
        assert fixed("доктор—злой гений", "ru") == f"доктор{NBSP}— злой гений"

    def test_unspaced_hyphens_stay_hyphens(self) -> None:
        for text in (
            "тиба-тиба",
            "научно-технический",
            "по-прежнему",
            "это доктор-своего рода злой гений",
            "шикарный-на пределе драматизма вальс",
            "1941—1945",
            "числа 10 - 20 мая",
        ):
            assert fixed(text, "ru") == text

    def test_review_quotation_in_straight_single_quotes(self) -> None:
        text = (
            "начать жить.'-Месть?Дело не в мести. Я хочу что бы моя жена не относилась "
            "предвзято к чужимлицам. Если это мне удастся, вот это будет помощь.'Что он хочет "
            "этим сказать?Кстати говоря"
        )
        result = fixed(text, "ru")
        assert f"начать жить. «— Месть? Дело не в{NBSP}мести." in result
        assert "вот это будет помощь.» Что он хочет этим сказать? Кстати говоря" in result
        assert "чужимлицам" in result  # typography never splits words: lint reports it

    def test_numbers_abbreviations_and_initials_stay(self) -> None:
        for text in ("10 из 10", "т. е. всё", f"с{NBSP}К. Если лицо", f"в{NBSP}1966 году", "версия 3.5", "P.S. Новое"):
            assert fixed(text, "ru") == text

    def test_one_letter_words_are_bound_to_the_next(self) -> None:
        assert fixed("я пошёл в лес и к реке, а потом у дома", "ru") == (
            f"я{NBSP}пошёл в{NBSP}лес и{NBSP}к{NBSP}реке, а{NBSP}потом у{NBSP}дома"
        )
        assert fixed("доктор-а и К. о", "ru") == f"доктор-а и{NBSP}К. о"  # a letter in a word, a last word

    def test_space_after_a_free_standing_parenthesis(self) -> None:
        assert (
            fixed("военных (ученых-экспериментальных)действий", "ru") == "военных (ученых-экспериментальных) действий"
        )


# --- Indonesian ---------------------------------------------------------------------


class TestIndonesian:
    def test_quotes(self) -> None:
        assert fixed('teater "Tidak".', "id") == "teater “Tidak”."
        assert fixed("\"Dia bilang 'ya' kemarin\"", "id") == "“Dia bilang ‘ya’ kemarin”"

    def test_half_typeset_closing_quote(self) -> None:
        text = 'Kata-kata terakhirnya: “Saya tidak pernah bisa menulis lagi. "'
        assert fixed(text, "id") == "Kata-kata terakhirnya: “Saya tidak pernah bisa menulis lagi.”"

    def test_dash_is_a_closed_em_dash(self) -> None:
        assert fixed("teman sekolah - seorang spesialis", "id") == "teman sekolah—seorang spesialis"
        assert fixed("teman sekolah — seorang spesialis", "id") == "teman sekolah—seorang spesialis"

    def test_reduplication_and_compounds(self) -> None:
        assert fixed("pada mereka, masing - masing.", "id") == "pada mereka, masing-masing."
        for text in ("bertanya-tanya", "tiba-tiba", "orang-orang", "10 - 20"):
            assert fixed(text, "id") == text

    def test_clitic_after_a_quotation(self) -> None:
        assert fixed('dengan "pengkhianatan" -nya, yang', "id") == "dengan “pengkhianatan”-nya, yang"


# --- every language -----------------------------------------------------------------


class TestGeneric:
    @pytest.mark.parametrize("lang", ["fr", "ru", "id", "en", "eo"])
    def test_missing_space_after_sentence_punctuation(self, lang: str) -> None:
        assert fixed("si facile.L'incapacité", lang).startswith("si facile. L")
        assert fixed("puis à dîner.Elle laisse", lang) == "puis à dîner. Elle laisse"
        assert fixed("Месть?Дело", lang).startswith("Месть") and "Дело" in fixed("Месть?Дело", lang)
        assert fixed("dans la maison S.La femme", lang) == "dans la maison S. La femme"
        assert fixed("une virgule,sans espace", lang) == "une virgule, sans espace"

    @pytest.mark.parametrize("lang", ["fr", "ru", "id", "en", "eo"])
    def test_what_the_spacing_rules_leave_alone(self, lang: str) -> None:
        for text in (
            "avec K. Si le visage",
            "Selon K., ce n",
            "1966",
            "3.5",
            "10 из 10",
            "e.g. here",
            "т. е. так",
            "z. B. so",
            "example.com",
            "index.html",
            "U.S.A. and ASP.NET",
            "mail me@example.org now",
            "https://example.com/A.B?x=1,Y",
            "J.R.R. Tolkien",
            "word(s) and (s)he",
            "1,5 kg",
        ):
            assert fixed(text, lang) == text, (lang, text)

    def test_doubled_spaces_and_spaces_before_punctuation(self) -> None:
        assert fixed("deux  espaces , puis ( ici ) .", "en") == "deux espaces, puis (ici)."
        assert fixed("  bords  ", "en") == "bords"
        assert fixed("0 .5 and .com", "en") == "0 .5 and .com"

    def test_ellipsis(self) -> None:
        assert fixed("Attends... non", "ru") == "Attends… non"
        assert fixed("Что?..", "ru") == "Что?.."
        assert fixed("a....b", "en") == "a....b"

    def test_unknown_language_keeps_straight_quotes_but_fixes_the_rest(self) -> None:
        assert fixed('"Saluton" - li diris. L\'amiko...', "eo") == f'"Saluton"{NBSP}– li diris. L’amiko…'

    def test_english_quotes_and_apostrophe_inside_a_word(self) -> None:
        # Quotation marks take the glyph of their depth, whatever they were typed as.
        assert fixed("Carlyle's \"Sartor\" and 'Resartus'", "en") == "Carlyle’s “Sartor” and “Resartus”"

    def test_unbalanced_quotes_are_left_as_they_are(self) -> None:
        for lang in ("fr", "ru", "id", "en"):
            assert '"' in fixed('Il dit "non. Puis il part.', lang)
        assert fixed("'90s and 5'", "en") == "'90s and 5'"

    def test_stray_apostrophes_do_not_block_double_quotes(self) -> None:
        assert fixed('the students\' "books"', "en") == "the students' “books”"

    def test_region_subtags_use_the_language(self) -> None:
        assert fixed('"oui"', "fr-CA") == fixed('"oui"', "fr")


# --- the engine: fixes, offsets, registry ---------------------------------------------


def test_fixes_point_into_the_input() -> None:
    text = 'Il dit "non".'
    result = fix(text, "fr")
    guillemets = [f for f in result.fixes if f.rule == "fr.guillemets"]
    assert [(f.offset, f.before, f.after) for f in guillemets] == [(7, '"', "«"), (11, '"', "»")]
    assert all(0 <= f.offset <= len(text) for f in result.fixes)
    assert 'dit "non' in guillemets[0].context


def test_fix_context_is_short() -> None:
    text = "x" * 200 + " - " + "y" * 200
    (only,) = fix(text, "en").fixes
    assert only.rule == "dash.spaced-hyphen" and only.offset == 200
    assert len(only.context) <= 40


def test_fix_per_paragraph_and_counts() -> None:
    results = [fix(paragraph, "id") for paragraph in ["a - b", "c"]]
    assert [r.text for r in results] == ["a—b", "c"]
    assert [len(r.fixes) for r in results] == [1, 0]
    counted = count_fixes([Fix("b", 0, "", "", ""), Fix("a", 0, "", "", ""), Fix("b", 1, "", "", "")])
    assert list(counted.items()) == [("b", 2), ("a", 1)]


def test_registry_describes_every_rule_of_every_language() -> None:
    for rules in (rules_for("fr"), rules_for("ru"), rules_for("id"), rules_for("eo"), rules_for("en")):
        for rule in rules:
            assert rule.code in RULES
    described = describe_rules(["fr.guillemets", "nope"])
    assert described == [
        {"code": "fr.guillemets", "description": RULES["fr.guillemets"].description, "languages": ["fr"]}
    ]
    json.dumps(describe_rules())
    assert set(RULES["punct.apostrophe"].languages) >= {"fr", "ru", "id", "*"}


def test_a_rule_needs_a_pattern_or_a_finder() -> None:
    with pytest.raises(ValueError):
        Rule("x.y", "Nothing.")
    with pytest.raises(ValueError):
        Rule("x.y", "Pattern without replacement.", re.compile("a"))


def test_quote_parser_reports_where_pairing_fails() -> None:
    assert parse_quotes("«a» “b”").balanced
    broken = parse_quotes("«a “b» c”")
    assert not broken.balanced and broken.problem == 5


# --- the bundled sources ---------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled() -> list[SourceText]:
    return read_edition(EDITION, load_edition(EDITION))


def _counts(source: SourceText) -> dict[str, int]:
    return count_fixes(f for p in source.paragraphs for f in fix(p.text, source.lang).fixes)


def test_bundled_sources_fix_counts(bundled: list) -> None:
    french, indonesian, russian, review = (_counts(s) for s in bundled)
    assert french["fr.guillemets"] == 10 and french["fr.guillemet-space"] == 20
    assert french["fr.dash"] == 10 and french["space.after-punct"] == 4
    assert french["punct.apostrophe"] > 100
    assert indonesian["id.quotes"] == 19 and indonesian["id.dash"] == 10
    assert indonesian["id.reduplication"] == 1 and indonesian["id.clitic"] == 1
    assert russian["ru.dash-space"] == 17 and set(russian) == {"ru.dash-space", "ru.one-letter"}
    assert russian["ru.one-letter"] > 100
    assert review["space.after-punct"] == 4 and review["ru.quotes"] == 2


def test_bundled_sources_keep_their_words_and_settle(bundled: list) -> None:
    for source in bundled:
        for paragraph in source.paragraphs:
            result = fix(paragraph.text, source.lang)
            assert re.findall(r"\w+", result.text) == re.findall(r"\w+", paragraph.text)
            again = fix(result.text, source.lang)
            assert again.text == result.text and again.fixes == []
            assert '"' not in result.text and " - " not in result.text


def test_bundled_known_defects_are_fixed(bundled: list) -> None:
    french = [fix(p.text, "fr").text for p in bundled[0].paragraphs]
    assert "si facile. L’incapacité" in french[5]
    assert "puis à dîner. Elle" in french[11]
    assert "la maison S. La femme" in french[15]
    assert "immédiatement. Avant" in french[18]
    assert "avec K. Si le visage" in french[3]
    assert f"il rencontre K.{NBSP}– un scientifique" in french[1]


# --- properties ---------------------------------------------------------------------------

_ALPHABET = "aAéÉzZжЖKSLдД015 \u00a0\u202f.,;:!?…-–—\"'«»“”„‘’‚()[]%/@_"
_TOKENS = [
    "K.",
    "S.La",
    "3.5",
    "http://x.org/a?b",
    "example.com",
    "e.g.",
    "т. е.",
    " - ",
    "...",
    "l'a",
    "'",
    '"',
    "«",
    "»",
    "masing - masing",
    " — ",
    "Месть?Дело",
    "(ab)cd",
    "10 - 20",
    "U.S.A.",
    "ASP.NET",
    "“",
    "„",
    "-nya",
    "?!",
    " : ",
    "5'",
    "'90s",
]
TEXT = st.one_of(
    st.text(alphabet=_ALPHABET, max_size=40),
    st.lists(st.one_of(st.sampled_from(_TOKENS), st.text(alphabet=_ALPHABET, max_size=6)), max_size=12).map("".join),
    st.text(max_size=30),
)


@pytest.mark.parametrize("lang", ["fr", "ru", "id", "en", "eo"])
@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT)
def test_words_survive_and_fix_is_idempotent(lang: str, text: str) -> None:
    result = fix(text, lang)
    assert re.findall(r"\w+", result.text) == re.findall(r"\w+", text)
    again = fix(result.text, lang)
    assert again.text == result.text
    assert again.fixes == []


def test_colon_at_the_end_of_a_paragraph_gets_its_space() -> None:
    """Paragraph 14 of the bundled French ends "lui dit:" (the quotation is paragraph 15)."""
    assert fix("Mais la fille lui dit:", "fr").text == "Mais la fille lui dit\u00a0:"
