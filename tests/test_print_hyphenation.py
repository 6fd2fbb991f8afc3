"""Indonesian hyphenation for print: pyphen's patterns checked on the 40 longest words of the
bundled Indonesian text, and the repair enface puts in front of them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyphen
import pytest

from conftest import hyphenate
from enface.languages.id import DIGRAPHS, VOWELS
from enface.languages.id import repair_hyphenation as repair_indonesian
from enface.pdf.hyphenation import repaired_dictionaries

SOURCE = Path(__file__).resolve().parent.parent / "editions" / "face-of-another" / "001_bc9df355ac308037.txt"

# Syllable division as PUEBI / KBBI give it (affixes kept whole: peng-en-tas-an, ca-tat-an),
# for the words pyphen's patterns get wrong and a few it gets right.
EXPECTED = {
    "memberitahunya": "mem-be-ri-ta-hu-nya",  # pyphen: ta-hun-ya (tears "ny" apart)
    "kepulangannya": "ke-pu-lang-an-nya",  # pyphen: ke-pul-ang-an-nya
    "laboratorium": "la-bo-ra-to-ri-um",  # pyphen: to-r-i-um
    "menanganinya": "me-na-nga-ni-nya",  # pyphen: nga-n-i-nya
    "mendorongnya": "men-do-rong-nya",  # pyphen: do-r-ong-nya
    "bersembunyi": "ber-sem-bu-nyi",  # pyphen: ber-se-m-bu-nyi
    "kecemburuan": "ke-cem-bu-ru-an",  # pyphen: bu-r-u-an
    "membiasakan": "mem-bi-a-sa-kan",  # pyphen: sak-an (the suffix is -kan)
    "eksperimen": "eks-pe-ri-men",  # pyphen: ek-s-pe-ri-men
    "pengentasan": "peng-en-tas-an",
    "berpengalaman": "ber-peng-a-lam-an",
    "pengkhianatan": "peng-khi-a-nat-an",
    "memperhatikannya": "mem-per-ha-ti-kan-nya",
    "menyembunyikan": "me-nyem-bu-nyi-kan",
}

_PREFIX = re.compile(r"^(?:di|ke|se)?(?:ber|ter|per|memper|diper)?(?:ber|ter|per|meng|peng)$")


def longest_words(count: int = 40) -> list[str]:
    text = SOURCE.read_text(encoding="utf-8")
    words = {w.lower() for w in re.findall(r"[^\W\d_]+", text)}
    return sorted(words, key=lambda w: (-len(w), w))[:count]


def problems(word: str, parts: list[str]) -> list[str]:
    """What is wrong with a division of an Indonesian word, by the spelling rules."""
    found = []
    for part in parts:
        if not any(ch in VOWELS for ch in part):
            found.append(f"'{part}' has no vowel")
    cut = 0
    for left, right in zip(parts, parts[1:]):
        cut += len(left)
        if word[cut - 1 : cut + 1] in DIGRAPHS:
            found.append(f"splits '{word[cut - 1 : cut + 1]}'")
        elif (
            right[0] in VOWELS
            and left[-1] not in VOWELS
            and len(left) >= 2
            and left[-2] in VOWELS
            and not _PREFIX.match(word[:cut])
            and not re.match(r"^an(nya|lah|kah|mu|ku)?$", word[cut:])
        ):
            found.append(f"'{left}-{right}': a consonant between vowels ends the syllable")
    return found


def test_pyphen_indonesian_patterns_fail_on_our_words():
    """The check that led to the repair: pyphen alone breaks 6 of these 40 words wrongly."""
    raw = pyphen.Pyphen(lang="id")
    wrong = {w: raw.inserted(w) for w in longest_words() if problems(w, raw.inserted(w).split("-"))}
    assert len(wrong) >= 5, wrong


@pytest.mark.parametrize("word", longest_words())
def test_repaired_division_of_the_40_longest_words_follows_the_rules(word):
    parts = hyphenate(word, "id")
    assert "".join(parts) == word
    assert problems(word, parts) == []
    assert len(parts) >= 2  # and the long words can still be broken


@pytest.mark.parametrize("word, expected", sorted(EXPECTED.items()))
def test_known_divisions(word, expected):
    assert "-".join(hyphenate(word, "id", left=1, right=1)) == expected


def test_repair_only_removes_or_moves_breaks():
    for word in longest_words(200):
        raw = [int(p) for p in pyphen.Pyphen(lang="id", left=1, right=1).positions(word)]
        fixed = repair_indonesian(word, raw)
        assert len(fixed) <= len(raw)
        assert all(0 < p < len(word) for p in fixed)


def test_weasyprint_sees_the_repair_only_while_rendering():
    path = pyphen.LANGUAGES[pyphen.language_fallback("id")]
    before = pyphen.hdcache.get(path)
    with repaired_dictionaries():
        # what WeasyPrint does for hyphens: auto, lang="id"
        inside = pyphen.Pyphen(lang="id", left=2, right=2).inserted("laboratorium")
    after = pyphen.hdcache.get(path)
    assert inside == "la-bo-ra-to-ri-um"
    assert type(after).__name__ == "HyphDict" and (before is None or after is before)
    assert pyphen.Pyphen(lang="fr").inserted("laboratoire") == "la-bo-ra-toire"  # others untouched


def test_words_kept_whole_are_explicit_data():
    """The words the hyphenation limits keep whole are given to a layout, never held by the
    process: only the layouts given them keep the word whole, and a frozen copy (a part's job
    and cache key) thaws to the same."""
    from enface.pdf.hyphenation import freeze, keep_whole, kept_in, merged, thaw

    kept: dict[str, set[str]] = {}
    keep_whole(kept, "fr", "l’obscurité")
    path = str(pyphen.LANGUAGES[pyphen.language_fallback("fr")])  # str: JSON keeps it (probes)
    assert kept == {path: {"l’obscurité", "obscurité"}}
    assert {k: set(v) for k, v in json.loads(json.dumps(freeze(kept)))} == kept
    with repaired_dictionaries(kept):
        assert pyphen.Pyphen(lang="fr").inserted("obscurité") == "obscurité"
    with repaired_dictionaries():
        assert pyphen.Pyphen(lang="fr").inserted("obscurité") != "obscurité"
    assert thaw(freeze(kept)) == kept
    assert kept_in(kept, "<p>dans l’obscurité</p>") == freeze(kept)
    assert kept_in(kept, "<p>au jour</p>") == ()
    assert merged(kept, {path: {"lumière"}}) == {path: {"l’obscurité", "obscurité", "lumière"}}


LONG_WORDS = {  # long words every narrow line of a column breaks: runs of hyphenated line ends
    "en": ("The", "internationalization", "counterrevolutionaries", "uncharacteristically", "incomprehensibilities"),
    "fr": (
        "Les",
        "anticonstitutionnellement",
        "internationalisation",
        "incompréhensibilités",
        "contre-révolutionnaires",
    ),
    "de": (
        "Die",
        "Donaudampfschifffahrtsgesellschaft",
        "Rechtsschutzversicherungen",
        "Eisenbahnverkehrsunternehmen",
        "Unverständlichkeiten",
    ),
    "es": ("Los", "internacionalización", "anticonstitucionalmente", "incomprensibilidades", "contrarrevolucionarios"),
}


def long_word_edition(folder: Path, sentences: int = 8) -> Path:
    """Four versions of sentences of long words, set on facing pages (eight sentences: two
    spreads on A5, and some twenty runs of hyphenated line ends over the limit without it)."""
    folder.mkdir(parents=True)
    manifest = [
        'slug = "long-words"',
        'description = "Long words, for the hyphenation limits."',
        'rights = "Dedicated to the public domain (CC0 1.0)."',
        "",
        "[print]",
        'layout = "facing"',
        "",
        "[titles]",
        *(f'{lang} = "Long words {lang}"' for lang in LONG_WORDS),
        "",
    ]
    for lang, (article, *words) in LONG_WORDS.items():
        text = " ".join(
            f"{article} {' '.join(words[(i + k) % len(words)] for k in range(6))} {i}." for i in range(sentences)
        )
        (folder / f"{lang}.md").write_text(f"# {lang}\n\n{text}\n", encoding="utf-8")
        manifest += ["[[sources]]", f'file = "{lang}.md"', f'lang = "{lang}"', 'role = "translation"', ""]
    (folder / "edition.toml").write_text("\n".join(manifest), encoding="utf-8")
    return folder


def test_facing_pages_limit_hyphen_runs(tmp_path, monkeypatch):
    """Facing pages: the beads' hyphenation limits are enforced after a first layout, as in the
    columns layout: sentences of long words in four languages on A5 (two narrow columns a page)
    have runs of three or more hyphenated line ends without them, none with them; the words
    kept whole are measured as laid out, so every bead still starts level in every language."""
    from enface.checks.layout import inspect_layout
    from enface.commands.build import build
    from enface.pdf import facing
    from enface.pdf.options import PrintOptions

    edition = long_word_edition(tmp_path / "edition")
    reports = {}
    for limits in (False, True):
        with monkeypatch.context() as patch:
            if not limits:
                patch.setattr(facing, "MAX_PASSES", 0)  # measured once, nothing kept whole
            out = tmp_path / f"out-{limits}"
            build(edition, out, ["pdf"], print_options=PrintOptions(page_size="a5"), use_cache=False, jobs=1)
        reports[limits] = inspect_layout(out / "long-words.pdf")
    assert reports[False].hyphen_runs_over > 0, reports[False].summary()  # the limits have work to do
    report = reports[True]
    assert report.hyphen_runs_over == 0, report.summary()
    assert report.longest_hyphen_run <= 2
    assert report.max_drift <= 1.0, report.summary()
    assert reports[False].max_drift <= 1.0, reports[False].summary()
