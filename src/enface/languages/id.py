"""Indonesian.

Typography (PUEBI, *Pedoman Umum Ejaan Bahasa Indonesia*, 2016):

- Quotations in “ ”; a quotation inside one in ‘ ’.
- The dash (tanda pisah) is an **em dash without spaces**: "teman sekolah—seorang
  spesialis". A spaced hyphen " - ", " -- " or a spaced – or — becomes one;
  dashes between numbers are left alone.
- A reduplicated word is joined by a plain hyphen (masing-masing): "masing - masing"
  is a spacing slip, not a dash. Only exact repetitions are recognised; a spaced
  hyphen in a partial reduplication ("sayur - mayur") would become a dash.
- A clitic joined to a quotation keeps its hyphen without a space: “pengkhianatan”-nya.
- Apostrophes are ’; "..." is "…".
Hyphens inside words (bertanya-tanya, tiba-tiba) are never touched.

Hyphenation in print: WeasyPrint hyphenates with pyphen, whose Indonesian patterns
(``hyph_id_ID.dic``) break many words of our texts wrongly, checked on the 40 longest
words of the bundled Indonesian text (see ``tests/test_print_hyphenation.py``):

- one-consonant "syllables": ``la-bo-ra-to-r-i-um``, ``ber-se-m-bu-nyi``,
  ``men-do-r-ong-nya``, ``ek-s-pe-ri-men``, ``ke-cem-bu-r-u-an``;
- a digraph torn apart: ``mem-be-ri-ta-hun-ya`` (``ny`` is one sound);
- a consonant kept with the vowel before it: ``ke-pul-ang-an-nya`` (``pu-lang``),
  ``mem-bi-a-sak-an`` (the suffix is ``-kan``).

Indonesian spelling rules (PUEBI) are regular enough to repair these rather than
give up hyphenation, which narrow justified columns need: a break never leaves a
syllable without a vowel, never splits ``ng``, ``ny``, ``kh``, ``sy``, and a single
consonant between vowels starts the next syllable (``V-CV``) unless a prefix
ends there (``ber-``, ``ter-``, ``per-``, ``meng-``, ``peng-``: ``peng-en-tas-an``,
``ber-i-kut``) or the suffix ``-an`` begins (``ca-tat-an``, ``ke-pu-lang-an``), as
PUEBI and KBBI divide affixed words. Every repaired break is a syllable boundary
(:func:`repair_hyphenation`; :mod:`enface.pdf.hyphenation` puts it in front of pyphen).

Spelling: Debian's ``hunspell-id`` (``id_ID``). It lacks most affixed forms
("topengnya", "diperban"), so words are also tried without their common clitics and
prefixes (:func:`stems`) before being called unknown.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..segment.rules import LanguageRules, abbreviations
from ..typography.common import (
    AFTER_TEXT,
    BEFORE_WORD,
    LETTER,
    QUOTE_SPACE_OUTSIDE,
    SPACE,
    QuoteStyle,
    dash_replacement,
    leading_rules,
    quote_space_inside_rule,
    quotes_rule,
    space_before_punct,
    spacing_rules,
)
from ..typography.engine import Rule

SCRIPT = "Latn"
HUNSPELL = "id_ID"
APT_PACKAGES = ("hunspell-id",)

# --- typography -----------------------------------------------------------------

QUOTE_STYLE = QuoteStyle(("“", "”"), ("‘", "’"))

QUOTES = quotes_rule(
    "id.quotes",
    "Quotations in “ ”, a quotation inside one in ‘ ’.",
    QUOTE_STYLE,
    examples=(
        ('teater "Tidak".', "teater “Tidak”."),
        ('“Saya tidak pernah bisa menulis lagi. "', "“Saya tidak pernah bisa menulis lagi.”"),
    ),
)

REDUPLICATION = Rule(
    "id.reduplication",
    "A reduplicated word takes a hyphen without spaces (masing-masing).",
    re.compile(f"\\b({LETTER}+){SPACE}+-{SPACE}+(\\1)\\b", re.IGNORECASE),
    r"\1-\2",
    examples=(("pada mereka, masing - masing.", "pada mereka, masing-masing."),),
)

DASH = Rule(
    "id.dash",
    "A spaced hyphen or dash used as a dash becomes an em dash without spaces.",
    re.compile(AFTER_TEXT + f"{SPACE}(?:-{{1,2}}|–|—){SPACE}" + BEFORE_WORD),
    dash_replacement("—"),
    examples=(
        ("teman sekolah - seorang spesialis", "teman sekolah—seorang spesialis"),
        ("bertanya-tanya", "bertanya-tanya"),
        ("10 - 20", "10 - 20"),
    ),
)

CLITIC = Rule(
    "id.clitic",
    "No space before a clitic hyphenated to a quotation (“…”-nya).",
    re.compile(f"(?<=[”’»)\\]]){SPACE}+(?=-(?:nya|ku|mu|lah|kah|tah|pun)\\b)"),
    "",
    examples=(('dengan "pengkhianatan" -nya', "dengan “pengkhianatan”-nya"),),
)

TYPOGRAPHY: tuple[Rule, ...] = (
    *leading_rules(),
    QUOTES,
    QUOTE_SPACE_OUTSIDE,
    quote_space_inside_rule(),
    REDUPLICATION,
    DASH,
    CLITIC,
    *spacing_rules(space_before_punct(",.;:!?)]}")),
)

# --- sentence segmentation ----------------------------------------------------------

SEGMENTATION = LanguageRules(
    abbreviations=abbreviations(
        title="Bpk.|Bp.|Sdr.|Sdri.|Yth.|Jl.|Jln.|Prof.|Dr.|dr.|Ir.|Hj.|Drs.|Dra.|St.|Kol.|Let."
        "|Kapt.|Mayj.|Jend.|a.n.|u.p.|s.d.|kec.|kab.|Kec.|Kab.|Prov.",
        final="dll.|dsb.|dst.|dkk.|tsb.|sda.|ybs.|Tbk.|PT.|CV.",
        number="No.|no.|Hal.|hal.|Vol.|vol.|Bab.|Psl.",
    ),
    clause_openers=frozenset(
        """
        dia ia saya aku kami kita mereka anda kamu ini itu jika kalau apabila ketika saat
        setelah sebelum tetapi tapi namun dan atau lalu kemudian maka karena sebab sang si
        para seorang sebuah tidak bukan tanpa di ke dari pada dalam untuk dengan oleh ada apa
        siapa mengapa kenapa bagaimana kapan yang juga hanya semua setiap mungkin sudah belum
        akan masih lagi pertama kedua sekarang kini nanti ya sementara meskipun walaupun
        bahkan begitu jadi sehingga agar supaya lagipula selama sejak hari
    """.split()
    ),
)

# --- hyphenation in print ------------------------------------------------------------------

VOWELS = set("aeiouàáâäèéêëìíîïòóôöùúûü")
DIGRAPHS = ("ng", "ny", "kh", "sy")
_PREFIX = re.compile(r"^(?:di|ke|se)?(?:ber|ter|per|memper|diper)?(?:ber|ter|per|meng|peng)$")
_SUFFIX_AN = re.compile(r"^an(?:nya|lah|kah|mu|ku)?$")


def _has_vowel(part: str) -> bool:
    return any(ch in VOWELS for ch in part)


def _consonant_before(word: str, p: int) -> int:
    """Start of the consonant (or digraph) ending at ``p``: ``p - 2`` for a digraph, else ``p - 1``."""
    if p >= 2 and word[p - 2 : p] in DIGRAPHS:
        return p - 2
    return p - 1


def repair_hyphenation(word: str, positions: list[int]) -> list[int]:
    """Fix pyphen's Indonesian break positions for ``word`` (see the module doc)."""
    w = word.lower()
    n = len(w)
    points = sorted({p for p in positions if 0 < p < n})
    # 1. a part without a vowel joins its neighbour: the next part when that starts
    #    with a vowel (to-r-i-um -> to-ri-um), else the previous one (se-m-bu -> sem-bu).
    changed = True
    while changed:
        changed = False
        bounds = [0, *points, n]
        for i in range(len(bounds) - 1):
            start, end = bounds[i], bounds[i + 1]
            if _has_vowel(w[start:end]):
                continue
            if end < n and w[end] in VOWELS and start > 0:
                points.remove(end)  # glue to the next part
            elif start > 0:
                points.remove(start)  # glue to the previous part
            elif end < n:
                points.remove(end)
            changed = True
            break
    fixed: set[int] = set()
    for p in points:
        # 2. never inside a digraph: hun-ya -> hu-nya
        if w[p - 1 : p + 1] in DIGRAPHS:
            p -= 1
        # 3. V C - V: the consonant starts the next syllable, unless a prefix ends or -an begins
        if p < n and w[p] in VOWELS and p >= 1 and w[p - 1] not in VOWELS:
            c = _consonant_before(w, p)
            if c >= 1 and w[c - 1] in VOWELS:
                prefix = bool(_PREFIX.match(w[:p]))
                suffix = bool(_SUFFIX_AN.match(w[p:])) and w[c:p] != "k"  # -kan, not -an
                if not (prefix or suffix):
                    p = c
        fixed.add(p)
    bounds = [0, *sorted(fixed), n]
    return [p for p in sorted(fixed) if 0 < p < n and all(_has_vowel(w[a:b]) for a, b in zip(bounds, bounds[1:]))]


HYPHENATION_REPAIR = repair_hyphenation

# --- spelling ----------------------------------------------------------------------------

_CLITICS = ("nya", "lah", "kah", "tah", "pun", "ku", "mu")
_PREFIXES = ("memper", "diper", "ber", "ter", "per", "di", "ke", "se")
_SUFFIXES = ("kan", "an", "i")


def stems(word: str) -> Iterator[str]:
    """The word without its clitics, prefixes and suffixes, as Hunspell may know it."""
    bases = [word] + [word[: -len(c)] for c in _CLITICS if word.endswith(c)]
    for base in bases:
        yield base
        for prefix in _PREFIXES:
            if base.startswith(prefix):
                stem = base[len(prefix) :]
                yield stem
                yield from (stem[: -len(s)] for s in _SUFFIXES if stem.endswith(s))


STEMS = stems
CLITICS = frozenset(_CLITICS)
SHORT_WORDS = frozenset("di ke ya itu ini dan dia ada apa dari yang ia kau aku".split())
CAPITALISED_WORDS = frozenset({"Anda", "Bapak", "Ibu", "Saudara", "Tuhan"})  # polite address

# --- words -------------------------------------------------------------------------------

WORDS = {
    "contents": "Daftar isi",
    "parallel": "Teks paralel",
    "appendix": "Lampiran",
    "colophon": "Tentang edisi ini",
    "title_page": "Halaman judul",
    "paragraph": "Paragraf",
    "sources": "Sumber",
    "fonts": "Fon",
    "built": "Disusun dengan enface {version} pada {date}.",
    "cover": "Sampul",
    "summary_of": "Teks tentang",
    "rights": "Hak",
    "credits": "Kredit",
    "languages": "Bahasa",
    # EPUB only
    "cover_alt": "Sampul: {titles}",
    "landmarks": "Panduan",
    "pages": "Halaman edisi cetak",
    "page": "halaman {label}",
    "translations": "Terjemahan catatan {n}",
    "back": "Kembali ke teks",
    "other_versions": "Versi lain paragraf {n}",
    "mode_interleaved": "kalimat demi kalimat",
    "mode_sequential": "satu bahasa demi satu bahasa",
    "mode_popup": "{label}, terjemahan dalam catatan",
    "font_licence": "Lisensi fon",
    "pagination": "Nomor halaman (daftar halaman) mengikuti edisi cetak (PDF) yang disusun dari "
    "sumber yang sama dengan versi enface yang sama: {source}.",
    "font_note": "{name} adalah subset dari {original}, dibuat untuk buku ini dan diberi nama baru "
    "sebagaimana disyaratkan SIL Open Font License untuk versi yang diubah.",
    "reading_mode": "Mode baca: {mode}.",
    # colophon of the reflowable editions: what each source is
    "role_translation": "terjemahan",
    "role_appendix": "lampiran",
    # web edition only
    "web_shown": "Bahasa yang ditampilkan",
    "web_lead": "Bahasa utama",
    "web_skip": "Langsung ke teks",
    "web_previous": "Sebelumnya",
    "web_next": "Berikutnya",
    "web_help": "Sentuh atau arahkan penunjuk ke sebuah kalimat untuk melihatnya dalam setiap bahasa; "
    "J dan K (atau tombol panah) berpindah dari satu kelompok kalimat ke kelompok berikutnya.",
    "web_page": "Halaman cetak {label}",
    # print only
    "notes": "Catatan",
}
