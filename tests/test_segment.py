"""Sentence segmentation: every trap of the bundled sources, both ways of going wrong.

A *false split* cuts a sentence in two ("Selon K. | , ce n'est pas"); a *missed split* runs two
sentences together ("avec K. Si le visage…"). Each real case from the sources is a test.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from enface.ingest.reader import decode, detect_convention, normalise, split_paragraphs
from enface.segment import split_sentences, split_sentences_spans
from enface.segment.splitter import REPORTED_SPEECH_LIMIT

ROOT = Path(__file__).resolve().parent.parent
EDITION = ROOT / "editions" / "face-of-another"
FILES = {"fr": "000_17a15a535a755a60.txt", "id": "001_bc9df355ac308037.txt", "ru": "002_8b5314bc04e1d0a1.txt"}
REVIEW = "003_77f1739700b8fbe3.txt"


def paragraphs(name: str) -> list[str]:
    path = EDITION / name
    text, _ = normalise(decode(path.read_bytes(), path))
    return [p.text for p in split_paragraphs(text, detect_convention(text))]


# --- "K." / "К.": a character's name, almost never a sentence end ---------------------------

NOT_A_BOUNDARY = [
    # (lang, text): each must come out as one sentence
    ("fr", "Tout d'abord, il rencontre K. - un scientifique impliqué dans la fabrication d'organes artificiels."),
    ("fr", "K. lui montre un doigt artificiel, mais son visage est une autre affaire."),
    (
        "fr",
        "Selon K., ce n'est pas seulement un problème esthétique, mais aussi un problème lié à la "
        "prévention des maladies mentales.",
    ),
    ("fr", "Pendant la guerre, K. était médecin militaire."),
    (
        "fr",
        "Cela a convaincu K. qu'une \"blessure externe grave au visage, comme une décalcomanie, est "
        "imprimée sous la forme d'un traumatisme mental\".",
    ),
    ("fr", "K. est prêt à affronter le visage du héros."),
    ("id", "Pertama-tama, ia bertemu dengan K. - seorang ilmuwan yang terlibat dalam pembuatan organ buatan."),
    ("id", "K. menunjukkan padanya jari buatan, tetapi wajahnya adalah masalah lain."),
    ("id", "Menurut K., ini bukan hanya masalah kosmetik."),
    ("id", "K. selama perang adalah seorang dokter militer."),
    (
        "id",
        'Ini meyakinkan K. bahwa "luka luar yang serius pada wajah, seperti stiker, tercetak dalam '
        'bentuk trauma mental."',
    ),
    ("id", "K. siap untuk mengatasi wajah pahlawan."),
    (
        "ru",
        "Первым делом он встречается с К. — учёным, занимающимся изготовлением искусственных органов.",
    ),
    ("ru", "К. демонстрирует ему искусственный палец, но лицо — другое дело."),
    ("ru", "По мнению К., это не только косметическая проблема."),
    ("ru", "К. во время войны был военным врачом."),
    (
        "ru",
        "Это убедило К. в том, что «серьёзное наружное ранение лица, подобно переводной картинке, "
        "отпечатывается в виде душевной травмы».",
    ),
    ("ru", "К. готов заняться лицом героя."),
]


@pytest.mark.parametrize(("lang", "text"), NOT_A_BOUNDARY)
def test_initial_k_is_not_a_sentence_end(lang: str, text: str) -> None:
    assert split_sentences(text, lang) == [text]


BOUNDARY = [
    # The one "K." that ends a sentence: a clause opener follows ("Si", "Jika", "Если").
    (
        "fr",
        "Le héros réfléchit à sa conversation avec K. Si le visage est un chemin entre les gens, "
        "cela signifie que perdre le visage.",
        [
            "Le héros réfléchit à sa conversation avec K.",
            "Si le visage est un chemin entre les gens, cela signifie que perdre le visage.",
        ],
    ),
    (
        "id",
        "Sang pahlawan merenungkan percakapannya dengan K. Jika wajah adalah jalan di antara orang-orang.",
        ["Sang pahlawan merenungkan percakapannya dengan K.", "Jika wajah adalah jalan di antara orang-orang."],
    ),
    (
        "ru",
        "Герой обдумывает свой разговор с К. Если лицо — тропинка между людьми, значит.",
        ["Герой обдумывает свой разговор с К.", "Если лицо — тропинка между людьми, значит."],
    ),
    # "S." is a house: it ends a sentence before a clause opener, or in another script.
    (
        "fr",
        "Sans attendre sa femme, le héros se précipite vers la maison S. Il n'y a pas de femme là-bas.",
        ["Sans attendre sa femme, le héros se précipite vers la maison S.", "Il n'y a pas de femme là-bas."],
    ),
    (
        "id",
        "Tanpa menunggu istrinya, sang pahlawan bergegas ke rumah S. Tidak ada istri di sana.",
        ["Tanpa menunggu istrinya, sang pahlawan bergegas ke rumah S.", "Tidak ada istri di sana."],
    ),
    (
        "id",
        "Sang pahlawan memberi tahu istrinya cara untuk pergi ke tempat tinggalnya di S. Sang istri datang ke sana.",
        [
            "Sang pahlawan memberi tahu istrinya cara untuk pergi ke tempat tinggalnya di S.",
            "Sang istri datang ke sana.",
        ],
    ),
    (
        "ru",
        "Не дождавшись жены, герой спешит к дому S. Жены там нет.",
        ["Не дождавшись жены, герой спешит к дому S.", "Жены там нет."],
    ),
    (
        "ru",
        "Закончив записки, герой сообщает жене, как попасть в его убежище в доме S. Жена приходит туда.",
        ["Закончив записки, герой сообщает жене, как попасть в его убежище в доме S.", "Жена приходит туда."],
    ),
    # Missing spaces after sentence punctuation.
    (
        "fr",
        "le héros dit à sa femme comment se rendre à son abri dans la maison S.La femme vient là.",
        ["le héros dit à sa femme comment se rendre à son abri dans la maison S.", "La femme vient là."],
    ),
    (
        "fr",
        "Maintenant, il doit choisir, ce qui n'est pas si facile.L'incapacité de partager votre chagrin.",
        ["Maintenant, il doit choisir, ce qui n'est pas si facile.", "L'incapacité de partager votre chagrin."],
    ),
    (
        "fr",
        "Il l'invite à boire un café, puis à dîner.Elle laisse calmement le masque la séduire.",
        ["Il l'invite à boire un café, puis à dîner.", "Elle laisse calmement le masque la séduire."],
    ),
    (
        "fr",
        "Le héros sent que son humeur change immédiatement.Avant, il sentait qu'il avait déjà quarante ans.",
        ["Le héros sent que son humeur change immédiatement.", "Avant, il sentait qu'il avait déjà quarante ans."],
    ),
    (
        "id",
        "Dia mengundangnya untuk minum kopi, lalu makan.Dia dengan tenang membiarkan topeng merayunya.",
        ["Dia mengundangnya untuk minum kopi, lalu makan.", "Dia dengan tenang membiarkan topeng merayunya."],
    ),
    (
        "id",
        "yang tidak begitu mudah.Ketidakmampuan untuk berbagi kesedihan.",
        ["yang tidak begitu mudah.", "Ketidakmampuan untuk berbagi kesedihan."],
    ),
    ("ru", "'-Месть?Дело не в мести.", ["'-Месть?", "Дело не в мести."]),
    (
        "ru",
        "или и то и другое?После этого, человек уже почти пуст.",
        ["или и то и другое?", "После этого, человек уже почти пуст."],
    ),
]


@pytest.mark.parametrize(("lang", "text", "expected"), BOUNDARY)
def test_real_boundaries_are_found(lang: str, text: str, expected: list[str]) -> None:
    assert split_sentences(text, lang) == expected


def test_every_k_and_s_in_the_sources_is_decided() -> None:
    """Guard: the lists above cover every "K."/"К."/"S." of the three summaries (counted on the files)."""
    found = 0
    for name in FILES.values():
        for paragraph in paragraphs(name):
            found += len(re.findall(r"(?<!\w)[KКS]\.", paragraph))
    covered = sum(len(re.findall(r"(?<!\w)[KКS]\.", text)) for _, text in NOT_A_BOUNDARY)
    covered += sum(len(re.findall(r"(?<!\w)[KКS]\.", text)) for _, text, _ in BOUNDARY[:9])
    assert found == covered > 0


def test_the_sources_split_exactly_as_the_gold_says() -> None:
    """Whole-source regression: the hand-checked gold sentences of all 57 paragraphs."""
    gold = json.loads((ROOT / "tests" / "gold" / "face-of-another.json").read_text(encoding="utf-8"))
    for lang, name in FILES.items():
        texts = paragraphs(name)
        for paragraph in gold["paragraphs"]:
            expected = [s for bead in paragraph["beads"] for s in bead[lang]]
            assert split_sentences(texts[paragraph["paragraph"] - 1], lang) == expected, (lang, paragraph["paragraph"])


# --- quotations: the closing mark stays with its sentence ------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "fr",
            "mais un morceau d'argile. \"Une personne défigurée est-elle capable d'influencer la perception "
            'de la musique?" Il se lamente.',
            [
                "mais un morceau d'argile.",
                '"Une personne défigurée est-elle capable d\'influencer la perception de la musique?"',
                "Il se lamente.",
            ],
        ),
        (
            "ru",
            "«Неужели изуродованное лицо способно влиять на восприятие музыки?» — сокрушается он. Герой размышляет.",
            [
                "«Неужели изуродованное лицо способно влиять на восприятие музыки?» — сокрушается он.",
                "Герой размышляет.",
            ],
        ),
        (
            "fr",
            "«Nous jouons des secrets», lui dit la jeune fille. Le héros est étonné.",
            ["«Nous jouons des secrets», lui dit la jeune fille.", "Le héros est étonné."],
        ),
        (
            "id",
            '"Jangan khawatir, kami memainkan rahasia." Pahlawan melihat.',
            ['"Jangan khawatir, kami memainkan rahasia."', "Pahlawan melihat."],
        ),
        (
            "fr",
            "Ses derniers mots: «Je ne pourrai plus jamais écrire. Apparemment, l'écriture n'est nécessaire "
            "que lorsque rien ne se passe. »",
            [
                "Ses derniers mots: «Je ne pourrai plus jamais écrire.",
                "Apparemment, l'écriture n'est nécessaire que lorsque rien ne se passe. »",
            ],
        ),
        (
            "id",
            "Kata-kata terakhirnya: “Saya tidak pernah bisa menulis lagi. Tampaknya, menulis diperlukan "
            'hanya ketika tidak ada yang terjadi. "',
            [
                "Kata-kata terakhirnya: “Saya tidak pernah bisa menulis lagi.",
                'Tampaknya, menulis diperlukan hanya ketika tidak ada yang terjadi. "',
            ],
        ),
        (
            "ru",
            "а по новому начать жить.'-Месть?Дело не в мести. Если это мне удастся, вот это будет "
            "помощь.'Что он хочет этим сказать?",
            [
                "а по новому начать жить.",
                "'-Месть?",
                "Дело не в мести.",
                "Если это мне удастся, вот это будет помощь.'",
                "Что он хочет этим сказать?",
            ],
        ),
        (
            "en",
            'He said "Stop!" and left. "Why?" she asked. "Go." He went.',
            ['He said "Stop!" and left.', '"Why?" she asked.', '"Go."', "He went."],
        ),
        (
            "de",
            "Er sagte: „Komm her.“ Dann ging er. Sie rief: »Warte!« Er blieb.",
            ["Er sagte: „Komm her.“", "Dann ging er.", "Sie rief: »Warte!«", "Er blieb."],
        ),
        ("en", "It ended. (So she said.) Then nothing.", ["It ended.", "(So she said.)", "Then nothing."]),
    ],
)
def test_quotations(lang: str, text: str, expected: list[str]) -> None:
    assert split_sentences(text, lang) == expected


def test_review_quirks() -> None:
    """The film review: "P.S." opens a sentence, the rating line stands alone, blank lines break."""
    text = (EDITION / REVIEW).read_text(encoding="utf-8")
    sentences = split_sentences(text, "ru")
    assert "P.S. Новое лицо, которое легко снимается." in sentences
    assert sentences[-1] == "10 из 10"
    assert "Что он хочет этим сказать?" in sentences


# --- ellipses, abbreviations, numbers, URLs ---------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "fr",
            "Il attend… Puis il part. Il attend… et repart. Il hésite... Non!",
            ["Il attend…", "Puis il part.", "Il attend… et repart.", "Il hésite...", "Non!"],
        ),
        ("fr", "Il cite un passage […] Le reste manque.", ["Il cite un passage […] Le reste manque."]),
        (
            "en",
            "Dr. Smith arrived. Mr. Jones left. We met at St. Paul's. Use e.g. apples. Then go.",
            ["Dr. Smith arrived.", "Mr. Jones left.", "We met at St. Paul's.", "Use e.g. apples.", "Then go."],
        ),
        ("en", "I met K. Marx in London. He was tired.", ["I met K. Marx in London.", "He was tired."]),
        (
            "en",
            "A. S. Pushkin wrote it. The U.S. Army came. He went to the U.S. The end.",
            ["A. S. Pushkin wrote it.", "The U.S. Army came.", "He went to the U.S.", "The end."],
        ),
        (
            "de",
            "Er kam z. B. am 3. Oktober. Dr. Müller war da usw. Dann ging er. Siehe S. 12 und Nr. 5.",
            ["Er kam z. B. am 3. Oktober.", "Dr. Müller war da usw.", "Dann ging er.", "Siehe S. 12 und Nr. 5."],
        ),
        (
            "fr",
            "M. Dupont est là. Mme Durand aussi, p. ex. hier. Il y avait des poires, etc. et des prunes. "
            "Il part etc. Le lendemain, rien.",
            [
                "M. Dupont est là.",
                "Mme Durand aussi, p. ex. hier.",
                "Il y avait des poires, etc. et des prunes.",
                "Il part etc.",
                "Le lendemain, rien.",
            ],
        ),
        (
            "ru",
            "Это было в 1964 г. Фильм вышел позже. Он жил в г. Москва, т. е. в столице. Яблоки, груши "
            "и т. д. Потом всё. Книги, журналы и др. Всё.",
            [
                "Это было в 1964 г.",
                "Фильм вышел позже.",
                "Он жил в г. Москва, т. е. в столице.",
                "Яблоки, груши и т. д.",
                "Потом всё.",
                "Книги, журналы и др.",
                "Всё.",
            ],
        ),
        ("ru", "Т.е. всё ясно. А.С. Пушкин родился.", ["Т.е. всё ясно.", "А.С. Пушкин родился."]),
        (
            "id",
            "Dia membeli buah, sayur, dll. Kemudian pulang. Bpk. Ahmad datang. Rumah No. 5 kosong, dsb. Selesai.",
            [
                "Dia membeli buah, sayur, dll.",
                "Kemudian pulang.",
                "Bpk. Ahmad datang.",
                "Rumah No. 5 kosong, dsb.",
                "Selesai.",
            ],
        ),
        (
            "en",
            "The value is 3.5 today. It was 10 yesterday. 1964. The end.",
            ["The value is 3.5 today.", "It was 10 yesterday.", "1964.", "The end."],
        ),
        ("fr", "1. Introduction générale. 2. Méthode.", ["1. Introduction générale.", "2. Méthode."]),
        ("ru", "Моя оценка: 10 из 10. Смотрите.", ["Моя оценка: 10 из 10.", "Смотрите."]),
        (
            "en",
            "See https://example.com/a.b?x=1. Next one. Mail john.doe@example.org. Then wait.",
            ["See https://example.com/a.b?x=1.", "Next one.", "Mail john.doe@example.org.", "Then wait."],
        ),
        ("en", "Visit www.Example.com/Page today.", ["Visit www.Example.com/Page today."]),
        ("es", "Sr. García llegó. La casa S. El hombre.", ["Sr. García llegó.", "La casa S.", "El hombre."]),
    ],
)
def test_abbreviations_numbers_urls(lang: str, text: str, expected: list[str]) -> None:
    assert split_sentences(text, lang) == expected


def test_unknown_language_uses_generic_rules() -> None:
    assert split_sentences("Tere! Kuidas läheb? Hästi. Dr. Tamm tuli.", "et") == [
        "Tere!",
        "Kuidas läheb?",
        "Hästi.",
        "Dr. Tamm tuli.",
    ]
    assert split_sentences("这是第一句。这是第二句！第三句？", "zh") == ["这是第一句。", "这是第二句！", "第三句？"]
    assert split_sentences("   \n ", "fr") == []
    assert split_sentences("sans point final", "xx") == ["sans point final"]


def test_a_japanese_quotation_and_its_verb_of_saying_are_one_sentence() -> None:
    # 「…。」と、ゲルダはいいました: the quotative particle と ties the quotation to "said Gerda",
    # as a French "— …, dit Gerda." is one sentence; a sentence that merely starts with と
    # (ところで "by the way") after a quotation is a sentence of its own
    text = "「カイちゃんは死んだのよ。」 と、ゲルダはいいました。「そうおもわないね。」といいました。「いいえ。」ところで、ばらは。"
    assert split_sentences(text, "ja") == [
        "「カイちゃんは死んだのよ。」 と、ゲルダはいいました。",
        "「そうおもわないね。」といいました。",
        "「いいえ。」",
        "ところで、ばらは。",
    ]


def test_a_short_japanese_quotation_with_its_verb_of_saying_is_not_cut_inside() -> None:
    # "'Let her come! I'll put her on the stove, and she'll melt,' said the boy" is one line
    # of dialogue (French: "— Qu'elle vienne donc ! dit Kay, je la mettrai sur le poêle…");
    # a quotation without its verb of saying, or longer than the limit (a story told inside
    # 「…」), is still cut at each 。
    said = "「くるといいな。そうすれば、ぼく、ストーブの上にのせてやるよ！すると女王はとろけてしまうだろう。」と、男の子がいいました。"
    bare = "「わたし、じぶんがみられるのよ。じぶんがわかるのよ。」"
    story = "「" + "むかし、ひとりの王女がいました。" * 10 + "おしまい。」と、からすはいいました。"
    assert split_sentences(said + bare + "それから。", "ja") == [
        said,
        "「わたし、じぶんがみられるのよ。",
        "じぶんがわかるのよ。」",
        "それから。",
    ]
    parts = split_sentences(story, "ja")
    assert len(story) - 1 > REPORTED_SPEECH_LIMIT
    assert len(parts) == 11 and parts[-1] == "おしまい。」と、からすはいいました。"


def test_the_greek_question_mark_ends_a_sentence() -> None:
    # Greek asks with ";" (U+037E, normalised to the semicolon): "Where is Kay? Do you know?"
    # ends two sentences; before a lower-case word ("ρώτησε", asked) the sentence goes on, as
    # after "?"; in French ";" ends nothing
    text = "«Πού είναι ο Κέι; Μήπως ξέρετε;» ρώτησε τα τριαντάφυλλα. Τι λες\u037e Ναι."
    assert split_sentences(text, "el") == [
        "«Πού είναι ο Κέι;",
        "Μήπως ξέρετε;» ρώτησε τα τριαντάφυλλα.",
        "Τι λες\u037e",
        "Ναι.",
    ]
    assert split_sentences("Il vint ; Elle partit.", "fr") == ["Il vint ; Elle partit."]


def test_blank_lines_break_sentences() -> None:
    assert split_sentences("Titre sans point\n\nLe texte commence ici.", "fr") == [
        "Titre sans point",
        "Le texte commence ici.",
    ]
    assert split_sentences("Une ligne\ncoupée en deux.", "fr") == ["Une ligne\ncoupée en deux."]


def test_context_teaches_common_words() -> None:
    """An unknown capitalised word after an initial is a surname unless the text uses it in lower case."""
    text = "He met K. Doctors came later."
    assert split_sentences(text, "en") == [text]
    assert split_sentences(text, "en", context="The doctors were busy.") == ["He met K.", "Doctors came later."]


def test_spans_point_at_the_sentences() -> None:
    text = "  Il part.  Elle reste?\nOui!  "
    spans = split_sentences_spans(text, "fr")
    assert spans == [(2, 10), (12, 23), (24, 28)]
    assert [text[a:b] for a, b in spans] == split_sentences(text, "fr")


# --- nothing lost, nothing altered ------------------------------------------------------------

_ALPHABET = st.sampled_from(
    list(
        "abcK S.La é Жж К ?!…., ;:-—«»\"'“”„()[]0123456789 \n\n\t\u00a0 T.e. Dr. M. etc. dll. г. z. B. "
        "https://x.io/a.b "
    )
    + ["K. ", "S.", ". ", "?»", " »", "\n\n", "...", "P.S.", "т. е.", "J. R. R. "]
)


@settings(max_examples=300, deadline=None)
@given(
    text=st.lists(_ALPHABET, max_size=60).map("".join), lang=st.sampled_from(["fr", "id", "ru", "en", "de", "xx", "zh"])
)
def test_sentences_are_the_text_itself(text: str, lang: str) -> None:
    sentences = split_sentences(text, lang)
    spans = split_sentences_spans(text, lang)
    assert [text[a:b] for a, b in spans] == sentences
    previous_end = 0
    for (start, end), sentence in zip(spans, sentences):
        assert sentence and sentence == sentence.strip()
        assert start >= previous_end and not text[previous_end:start].strip()
        previous_end = end
    assert not text[previous_end:].strip()
    assert re.sub(r"\s", "", "".join(sentences)) == re.sub(r"\s", "", text)


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=200), lang=st.sampled_from(["fr", "ru", "id", "de"]))
def test_any_unicode_text_is_kept(text: str, lang: str) -> None:
    sentences = split_sentences(text, lang)
    assert re.sub(r"\s", "", "".join(sentences)) == re.sub(r"\s", "", text)
    assert all(s == s.strip() and s for s in sentences)


def test_english_honorifics_kept_in_a_translation_end_no_sentence():
    """The German Canterville Ghost keeps "Mrs. Otis": one sentence, not "Mrs." alone."""
    text = "Mrs. Otis war als Miss Lucretia R. Tappan bekannt. Sie war sehr schön."
    assert split_sentences(text, "de") == [
        "Mrs. Otis war als Miss Lucretia R. Tappan bekannt.",
        "Sie war sehr schön.",
    ]
