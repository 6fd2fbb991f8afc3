"""Alignment that follows the books' structure: divisions, then blocks, then sentences.

A book's top-level headings cut each version into divisions (chapters). Divisions are
aligned first (one to one when every version has as many, else by length with the
paragraph model, so a chapter missing in one version is shown empty there); then the blocks
inside each group of divisions (paragraphs, headings, stanzas, quotations) with the
paragraph model; then the segments inside each group of blocks: sentences with the
Gale–Church sentence model, verse lines one to one when the stanzas have as many lines.

A text without headings is one division, aligned exactly as :func:`align_document` does.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..cache import key
from ..model import Block, DivisionLink, Text, Unit
from ..progress import count
from . import (
    NESTED_END_BONUS,
    Bead,
    Lexicons,
    _starts,
    align_blocks,
    align_paragraphs,
    align_sentences,
    first_paragraph_pass,
    learn_document,
    merge_pairs,
    nested_share,
    nests,
    pair_beads,
    pooled_lengths,
    sure_versions,
)
from .dictionaries import identity
from .lexicon import known_share, vocabulary

if TYPE_CHECKING:
    from ..memo import Memo


# A unit found in a group of divisions: its blocks (1-based numbers per language), its beads, its
# paragraphs' confidence, and whether its versions are paragraphed on their own there (its blocks
# are then the smallest runs no sentence bead crosses, joined paragraphs expected), and how much
# dearer its end put elsewhere would be (:attr:`Bead.margin`).
Found = tuple[dict[str, tuple[int, ...]], list[Bead], float, bool, float]


@dataclass(frozen=True)
class Section:
    """The blocks (0-based indexes) of one top-level division of a version; ``number`` is the
    division's 1-based number, 0 for the blocks before the first heading."""

    number: int
    blocks: tuple[int, ...]


def top_level(blocks: Sequence[Block]) -> int:
    """The level of the headings that cut this text into divisions (0: no headings)."""
    return min((b.level for b in blocks if b.kind == "head"), default=0)


def sections(blocks: Sequence[Block], level: int) -> list[Section]:
    """The version cut at its headings of ``level`` (a heading opens its section)."""
    out: list[Section] = []
    current: list[int] = []
    number = 0
    for index, block in enumerate(blocks):
        if level and block.kind == "head" and block.level == level:
            if current or number:
                out.append(Section(number, tuple(current)))
            number += 1
            current = [index]
        else:
            current.append(index)
    if current or number:
        out.append(Section(number, tuple(current)))
    return [s for s in out if s.blocks]


# A first version whose words say this little of the others' (the mean of :func:`known_share`
# with each: dictionary and cognates) is not what the others are aligned against: the version
# whose words say the most is (the hub), when they say twice this, and the units are given in
# the edition's order. Measured
# on the bilinguator works (dictionaries fra-rus, deu-fra, fra-deu; what a version knows of the
# others' words, one way, before :data:`HUB_OUTSAID` measured both): the Snow Queen's Japanese
# and Arabic 0.0, Greek 0.05, French 0.24, English 0.07; the Tin Soldier's Indonesian 0.01. Unit
# boundary F1 with the Japanese first 0.939-0.991 → 0.963-0.990, the Arabic 0.926-0.989 →
# 0.963-0.990, the Indonesian 0.521-0.927 → 0.866-1.000; no other configuration measured
# changes (a Greek first, at 0.05, keeps its 0.950-0.997).
HUB_WEAK = 0.03
# Nor is a first version whose words say something when another's say at least this many times
# as much (both ways: what each knows of the other's words). With every FreeDict dictionary
# Debian has, the Snow Queen's Arabic says 0.09 (through ara-eng), the English 0.49, the French
# 0.39, the Russian 0.22; the Tin Soldier's Indonesian 0.23 (eng-ind), the German 0.56. Measured
# on eight configurations with another version than the French first (benchmarks/bilinguator.py,
# every FreeDict dictionary, 2026-12-02): unit boundary F1 of 46 pairs up, 10 down, units with a
# misplaced boundary 232 → 193; the Snow Queen with the Arabic first 0.887-0.986 → 0.958-0.997
# (Arabic, French, Russian and English 0.951-0.983 → 0.972-0.991), the Tin Soldier with the
# Indonesian first 0.887-0.989 → 0.866-1.000 (its four close versions 1.000 again, the retelling
# 0.866 as with the French first), the Snow Queen's seven with the Russian first 0.964-0.997 →
# 0.958-0.997 (13 up, 6 down; misplaced units 46 → 37); with the Greek first, or the Russian
# first of four, unchanged. Measured one way only, a version that leaves much out knows a larger
# share of its fewer words: a German lacking one of two paragraphs said twice what the English
# said, and became the hub.
HUB_OUTSAID = 2.0


def align_structure(
    texts: Mapping[str, Text], langs: Sequence[str], memo: Memo | None = None
) -> tuple[list[DivisionLink], list[Unit]]:
    """Division links and units (numbered from 1) for the versions in ``langs`` order;
    ``memo`` keeps what depends on one chapter alone (its first paragraph pass), so that an
    edit in one chapter does not make the others' again. The versions are aligned against the
    first, or against the hub when the first's words say little of the others' and another's
    say more (:data:`HUB_WEAK`)."""
    hub = _hub(texts, langs)
    if hub == langs[0]:
        return _align_structure(texts, langs, memo)
    divisions, units = _align_structure(texts, [hub, *(lang for lang in langs if lang != hub)], memo)
    return (
        [DivisionLink(d.n, {lang: d.divisions[lang] for lang in langs}, d.confidence) for d in divisions],
        [
            Unit(
                u.n,
                {lang: u.paragraphs[lang] for lang in langs},
                tuple(_widen(bead, langs) for bead in u.beads),
                u.paragraph_confidence,
                u.own_paragraphing,
                u.end_margin,
            )
            for u in units
        ],
    )


def what_each_says(texts: Mapping[str, Text], langs: Sequence[str]) -> dict[str, float]:
    """Per version, how much its words and each other's know of one another: the mean of
    :func:`known_share` both ways (one way, a version with few words, one that leaves much out,
    knows a larger share of them in the others' than they know of theirs in it)."""
    vocab = {lang: vocabulary([s.text for b in texts[lang].blocks for s in b.segments], lang) for lang in langs}

    def says(lang: str) -> float:
        others = [other for other in langs if other != lang]
        return sum(
            known_share(vocab[lang], vocab[other], lang, other) + known_share(vocab[other], vocab[lang], other, lang)
            for other in others
        ) / (2 * len(others))

    return {lang: says(lang) for lang in langs}


def _hub(texts: Mapping[str, Text], langs: Sequence[str]) -> str:
    """The version the others are aligned against (see :data:`HUB_WEAK`, :data:`HUB_OUTSAID`)."""
    if len(langs) < 3:
        return langs[0]
    said = what_each_says(texts, langs)
    first = said[langs[0]]
    best = max(langs[1:], key=said.__getitem__)
    if first >= HUB_WEAK and said[best] < HUB_OUTSAID * first:
        return langs[0]
    return best if said[best] >= 2 * HUB_WEAK else langs[0]


def _align_structure(
    texts: Mapping[str, Text], langs: Sequence[str], memo: Memo | None = None
) -> tuple[list[DivisionLink], list[Unit]]:
    pivot = langs[0]
    cut = {lang: sections(texts[lang].blocks, top_level(texts[lang].blocks)) for lang in langs}
    groups = _align_sections(texts, langs, cut)
    grouped = [{lang: [i for s in group[lang] for i in s.blocks] for lang in langs} for group, _ in groups]
    book = {lang: sum(len(block.text) for block in texts[lang].blocks) for lang in langs}
    parts = [_part(texts, blocks) for blocks in grouped]
    lexicons = (
        learn_document(parts, pivot, _kept_first_pass(pivot, langs, memo), [_apart(p, pivot, book) for p, _ in parts])
        if len(langs) > 1
        else None
    )
    divisions: list[DivisionLink] = []
    units: list[Unit] = []
    for done, ((group, confidence), blocks) in enumerate(zip(groups, grouped)):
        count("aligning divisions", done, len(groups))
        numbers = {lang: tuple(s.number for s in group[lang] if s.number) for lang in langs}
        if any(numbers.values()):
            divisions.append(DivisionLink(len(divisions) + 1, numbers, confidence))
        for paragraphs, beads, paragraph_confidence, apart, margin in _align_blocks(
            texts, langs, pivot, blocks, lexicons, book
        ):
            units.append(Unit(len(units) + 1, paragraphs, tuple(beads), paragraph_confidence, apart, margin))
    return divisions, units


# --- internals ---------------------------------------------------------------------------


def _kept_first_pass(
    pivot: str, langs: Sequence[str], memo: Memo | None
) -> Callable[[Mapping[str, Sequence[str]]], list[Bead]] | None:
    """:func:`first_paragraph_pass` through ``memo``, keyed by the part's paragraphs and the
    installed dictionaries it looks words up in (the code's version is in every key)."""
    if memo is None:
        return None
    dictionaries = identity(langs)

    def first_pass(paragraphs: Mapping[str, Sequence[str]]) -> list[Bead]:
        k = key("align-first-pass", pivot, dictionaries, json.dumps(paragraphs, ensure_ascii=False))
        kept = memo.get(k)
        if isinstance(kept, tuple) and all(isinstance(bead, Bead) for bead in kept):
            return list(kept)
        beads = first_paragraph_pass(paragraphs, pivot)
        memo.put(k, beads)
        return beads

    return first_pass


def _part(
    texts: Mapping[str, Text], blocks: Mapping[str, list[int]]
) -> tuple[dict[str, list[str]], dict[str, list[tuple[str, ...]]]]:
    """The paragraphs and segments of one group of divisions, for :func:`learn_document`."""
    present = [lang for lang, indexes in blocks.items() if indexes]
    paragraphs = {lang: [texts[lang].blocks[i].text for i in blocks[lang]] for lang in present}
    segments = {
        lang: [tuple(seg.text for seg in texts[lang].blocks[i].segments) for i in blocks[lang]] for lang in present
    }
    return paragraphs, segments


def _section_text(text: Text, section: Section) -> str:
    return " ".join(text.blocks[i].text for i in section.blocks)


def _align_sections(
    texts: Mapping[str, Text], langs: Sequence[str], cut: Mapping[str, list[Section]]
) -> list[tuple[dict[str, list[Section]], float]]:
    counts = {len(cut[lang]) for lang in langs}
    if len(counts) == 1:
        return [({lang: [cut[lang][k]] for lang in langs}, 1.0) for k in range(counts.pop())]
    present = [lang for lang in langs if cut[lang]]
    if len(present) < 2:
        lang = present[0] if present else langs[0]
        return [({other: ([s] if other == lang else []) for other in langs}, 0.0) for s in cut[lang]]
    items = {lang: [_section_text(texts[lang], s) for s in cut[lang]] for lang in present}
    beads = align_paragraphs(items, present[0])
    return [
        ({lang: [cut[lang][i] for i in bead.sentences.get(lang, ())] for lang in langs}, bead.confidence)
        for bead in beads
    ]


def _align_blocks(
    texts: Mapping[str, Text],
    langs: Sequence[str],
    pivot: str,
    blocks: Mapping[str, list[int]],
    lexicons: Lexicons | None = None,
    book: Mapping[str, int] | None = None,
) -> list[Found]:
    """Units of one group of divisions: (1-based block numbers per language, beads, confidence);
    ``book``: each version's length in characters (see :func:`_paragraphed_coarser`)."""
    present = [lang for lang in langs if blocks[lang]]
    if not present:
        return []
    if len(present) == 1:  # a division only one version has: each block a unit of its own
        lang = present[0]
        out = []
        for index in blocks[lang]:
            count = len(texts[lang].blocks[index].segments)
            sentences = {other: (tuple(range(count)) if other == lang else ()) for other in langs}
            kind = "-".join(str(len(sentences[other])) for other in langs)
            numbers = {other: ((index + 1,) if other == lang else ()) for other in langs}
            out.append((numbers, [Bead(sentences, kind, 0.0, 0.0)], 0.0, False, math.inf))
        return out
    if pivot not in present:
        pivot = present[0]
    paragraphs = {lang: [texts[lang].blocks[i].text for i in blocks[lang]] for lang in present}
    segments = {
        lang: [tuple(seg.text for seg in texts[lang].blocks[i].segments) for i in blocks[lang]] for lang in present
    }

    def verse(chosen: Mapping[str, list[int]]) -> list[Bead] | None:
        return _verse_lines(texts, {lang: [blocks[lang][i] for i in idx] for lang, idx in chosen.items()})

    if all(segments[lang] and all(segments[lang]) for lang in present):
        cut = _cut_on_their_own(segments, pivot, lexicons)
        if cut or _paragraphed_apart(paragraphs, pivot, book):
            return _sentence_first(texts, langs, present, pivot, blocks, lexicons, book, cut)
    prose = {lang: [texts[lang].blocks[i].kind == "p" for i in blocks[lang]] for lang in present}
    aligned_blocks = align_blocks(paragraphs, segments, pivot, one_to_one=verse, lexicons=lexicons, prose=prose)
    out = []
    for aligned in aligned_blocks:
        beads = list(aligned.beads)
        if len(present) < len(langs):
            beads = [_widen(bead, langs) for bead in beads]
        numbers = {lang: tuple(blocks[lang][i] + 1 for i in aligned.paragraphs.get(lang, ())) for lang in langs}
        out.append((numbers, beads, aligned.confidence, False, aligned.margin))
    return out


# Share of paragraph beads that join paragraphs (2-1, 1-2, 2-2) above which the versions are
# taken to be paragraphed on their own. Measured: translations paragraphed alike with some
# joins (the bilinguator works, 4-5 languages) join 0-26 % of their paragraph beads per
# division, and paragraph-first alignment is right there (unit boundary F1 0.92-0.99); two
# versions re-paragraphed every 3 and 5 sentences join 79 %, and only sentence-first
# alignment finds their sentences (F1 0.04 → 0.99).
DIFFERENT_PARAGRAPHING = 0.5


# How much longer (or shorter) one version's paragraphs may be on average than the pivot's,
# relative to the two whole texts' lengths, and still be taken for paragraphs that correspond.
# The paragraph DP joins at most two paragraphs, so a version that joins three or more into one
# comes out as 2-1 beads and 1-0 beads (a paragraph opposite nothing), half its beads joined, not
# more: the share above misses it. Measured per division on the bilinguator works (4-7
# languages): 0.73-1.24; The Canterville Ghost with the English joined every 2, 3, 4, 5
# paragraphs: about 2, 3, 4, 5 (fr-en unit boundary F1 with this measure 0.988, 1.000, 0.988,
# 1.000; without it 0.988, 0.640, 0.371, 0.143).
COARSER_PARAGRAPHS = 1.6
COARSER_MIN_PARAGRAPHS = 4  # with fewer in both versions, their paragraphing says nothing


def _paragraphed_coarser(paragraphs: Mapping[str, Sequence[str]], pivot: str, book: Mapping[str, int] | None) -> bool:
    """Does a version cut this division into paragraphs much longer or shorter than the pivot's,
    given how long each whole text is (``book``)? A version that leaves paragraphs out keeps
    their length; one that joins them does not."""
    if not book or not book.get(pivot):
        return False

    def mean(lang: str) -> float:
        return sum(map(len, paragraphs[lang])) / len(paragraphs[lang])

    if not paragraphs[pivot] or not mean(pivot):
        return False
    for lang, texts in paragraphs.items():
        if lang == pivot or not texts or not book.get(lang):
            continue
        if max(len(texts), len(paragraphs[pivot])) < COARSER_MIN_PARAGRAPHS:
            continue
        ratio = mean(lang) / mean(pivot) / (book[lang] / book[pivot])
        if not 1 / COARSER_PARAGRAPHS < ratio < COARSER_PARAGRAPHS:
            return True
    return False


def _apart(paragraphs: Mapping[str, Sequence[str]], pivot: str, book: Mapping[str, int]) -> set[str]:
    """The versions paragraphed on their own in this division, each judged against the pivot
    alone as :func:`_align_blocks` judges the division: :func:`learn_document` learns their
    words on the division's sentences aligned at once, not inside paragraph beads."""
    if pivot not in paragraphs:
        return set()
    return {
        lang
        for lang in paragraphs
        if lang != pivot
        and paragraphs[lang]
        and _paragraphed_apart({pivot: paragraphs[pivot], lang: paragraphs[lang]}, pivot, book)
    }


def _paragraphed_apart(paragraphs: Mapping[str, Sequence[str]], pivot: str, book: Mapping[str, int] | None) -> bool:
    """Are these versions paragraphed on their own? Judged on lengths alone: words make two
    half-overlapping paragraphs a 1-1 bead, where lengths join them (the measures below)."""
    by_length = align_paragraphs(paragraphs, pivot, lexical=False)
    return _paragraphed_differently(by_length) or _paragraphed_coarser(paragraphs, pivot, book)


# How far from the pivot's a version's number of paragraphs in a division may be (as a ratio,
# either way) and its paragraphs still be taken for the pivot's without a look at its sentences;
# beyond, :func:`_cut_on_their_own` looks. Measured per division on the bilinguator works
# paragraphed as the corpus has them (12 configurations, 249 version-divisions): 0.80-1.38, most
# 0.9-1.1; a version cut into paragraphs of three or four sentences wherever the original ends
# its own (the Snow Queen's Russian, Greek) 0.56-0.83.
PARAGRAPH_COUNTS = 0.87
# The share of the pivot's paragraph ends (and of its own) below which such a version, aligned
# with the pivot sentence by sentence over the division, is taken to be paragraphed on its own.
# Measured (same divisions): versions paragraphed alike 0.58-1.0 (the Snow Queen's Japanese
# 0.63 in 66 paragraphs against the French 48, the Tin Soldier's German against its Indonesian
# retelling 0.58); cut every three or four sentences 0.18-0.46.
SHARED_ENDS = 0.5


def _cut_on_their_own(
    segments: Mapping[str, Sequence[Sequence[str]]], pivot: str, lexicons: Lexicons | None
) -> set[str]:
    """The versions of a division cut into paragraphs on their own, though their paragraphs'
    lengths look like the pivot's (:func:`_paragraphed_apart` misses them): with as many
    sentences per paragraph as the pivot's have, a version cut every three sentences has
    paragraphs of the same lengths, and aligned paragraph first each of its paragraphs that
    runs a sentence into the next unit took that unit's start with it (the Snow Queen, French,
    Russian, English, German, the Russian cut every three sentences: 5 of 7 chapters aligned
    paragraph first, 261 units, unit boundary F1 0.610-0.624). Only a version with many more
    or fewer paragraphs than the pivot (:data:`PARAGRAPH_COUNTS`; two at least, and four in one
    of the two, :data:`COARSER_MIN_PARAGRAPHS`: a short text one version lacks a paragraph of
    keeps a unit empty there) is looked at: its sentences
    are aligned with the pivot's over the division, and it is cut on its own when they share
    few paragraph ends (:data:`SHARED_ENDS`)."""
    known = lexicons.sentences if lexicons is not None and lexicons.pivot == pivot else {}
    out: set[str] = set()
    for lang, paragraphs in segments.items():
        if lang == pivot or not paragraphs or not segments.get(pivot):
            continue
        counts = sorted((len(paragraphs), len(segments[pivot])))
        if counts[0] / counts[1] >= PARAGRAPH_COUNTS or counts[0] < 2 or counts[1] < COARSER_MIN_PARAGRAPHS:
            continue
        sentences = {side: [s for p in segments[side] for s in p] for side in (pivot, lang)}
        starts = {side: set(_starts(segments[side])) for side in (pivot, lang)}
        beads = align_sentences(
            sentences,
            pivot,
            lexicons={lang: known[lang]} if lang in known else None,
            ends={side: sorted(positions) for side, positions in starts.items()},
        )
        if _ends_met(beads, pivot, lang, starts) < SHARED_ENDS:
            out.add(lang)
    return out


def _paragraphed_differently(aligned: Sequence[Bead]) -> bool:
    """Did the versions cut this text into paragraphs on their own (most paragraph beads join
    paragraphs)? A paragraph missing in one version is not that: it stays a unit empty there."""
    joined = sum(1 for bead in aligned if any(len(i) > 1 for i in bead.sentences.values()))
    return len(aligned) > 1 and joined > DIFFERENT_PARAGRAPHING * len(aligned)


def _sentence_first(
    texts: Mapping[str, Text],
    langs: Sequence[str],
    present: Sequence[str],
    pivot: str,
    blocks: Mapping[str, list[int]],
    lexicons: Lexicons | None = None,
    book: Mapping[str, int] | None = None,
    cut: Collection[str] = (),
) -> list[Found]:
    """Align the sentences of the whole division at once, then make units of the smallest runs of
    whole paragraphs that no sentence bead crosses.

    Used when the versions are paragraphed differently: paragraph beads would force sentences
    to stay inside paragraphs that do not correspond. A heading that opens the division in every
    version stays a unit of its own.
    """
    out: list[Found] = []
    rest = {lang: list(blocks[lang]) for lang in present}
    if all(texts[lang].blocks[rest[lang][0]].kind == "head" for lang in present):
        first = {lang: rest[lang].pop(0) for lang in present}
        counts = {lang: len(texts[lang].blocks[first[lang]].segments) for lang in present}
        bead = _widen(Bead({lang: tuple(range(counts[lang])) for lang in present}, "", 0.0, 1.0), langs)
        heading = {lang: ((first[lang] + 1,) if lang in first else ()) for lang in langs}
        out.append((heading, [bead], 1.0, False, math.inf))
        if not all(rest.values()):
            rest_blocks = {lang: rest.get(lang, []) for lang in langs}
            return out + _align_blocks(texts, langs, pivot, rest_blocks, lexicons, book)
    owner: dict[str, list[int]] = {}  # each sentence's block
    starts: dict[str, set[int]] = {}  # sentence positions where a block starts (and the end)
    sentences: dict[str, tuple[str, ...]] = {}
    for lang in present:
        owner[lang], starts[lang], seq = [], set(), []
        for index in rest[lang]:
            starts[lang].add(len(seq))
            for segment in texts[lang].blocks[index].segments:
                owner[lang].append(index)
                seq.append(segment.text)
        starts[lang].add(len(seq))
        sentences[lang] = tuple(seq)
    beads = _sentences_by_language(texts, present, pivot, rest, sentences, starts, lexicons, book, cut)
    position = dict.fromkeys(present, 0)
    group: list[Bead] = []
    origin = dict.fromkeys(present, 0)
    for bead in beads:
        group.append(bead)
        for lang in present:
            position[lang] += len(bead.sentences.get(lang, ()))
        if all(position[lang] in starts[lang] for lang in present):
            numbers = {
                lang: tuple(dict.fromkeys(owner[lang][i] + 1 for i in range(origin[lang], position[lang])))
                if lang in present
                else ()
                for lang in langs
            }
            local = [
                _widen(
                    Bead(
                        {lang: tuple(i - origin[lang] for i in b.sentences.get(lang, ())) for lang in present},
                        b.kind,
                        b.cost,
                        b.confidence,
                    ),
                    langs,
                )
                for b in group
            ]
            out.append((numbers, local, min((b.confidence for b in group), default=1.0), True, group[-1].margin))
            origin = dict(position)
            group = []
    return out


# Share of the pivot's paragraph ends that a version, aligned sentence by sentence over the
# division, also ends a paragraph at, from which it is taken to be paragraphed like the pivot
# (and aligned with it paragraph first, see :func:`_sentences_by_language`). Measured: versions
# paragraphed alike 0.79-1.0 (The Canterville Ghost, the Discours), 0.51-0.74 (the Snow Queen's
# English, whose sentences align less surely); joined every three paragraphs 0.18-0.33; cut
# into paragraphs of three and five sentences 0.28. Below it a division is aligned as before.
# The share of the version's own paragraph ends must reach it too: with the pivot joined every
# three paragraphs, a version paragraphed like the original meets most of the pivot's ends (The
# Canterville Ghost, French joined by 3: Russian and English 0.56-1.0) and a third of its own
# (0.19-0.33); aligned with the pivot paragraph first (two paragraphs joined at most), its
# sentences went beside the wrong ones (fr-en unit boundary precision 0.90; with both shares
# 0.97). Versions paragraphed alike meet both (the Snow Queen's English: 0.75-0.94 of each).
ALIKE_ENDS = 0.6
# The share that is enough for a version whose paragraphs the lengths alone take for the
# pivot's (:func:`_apart`): one that leaves a passage out, or whose sentences pair less surely,
# meets fewer of the pivot's ends (the Snow Queen's Arabic 0.43 where it leaves out the flower
# tales, its Japanese 0.55-0.58 in two chapters), one cut into paragraphs on its own that the
# lengths misjudge fewer still (the bundled edition's versions cut every three or five sentences:
# 0.19-0.33).
ALIKE_BY_LENGTHS = 0.4


def _ends_met(beads: Sequence[Bead], pivot: str, lang: str, starts: Mapping[str, set[int]]) -> float:
    """The smaller of the two shares of paragraph ends (the pivot's, the version's) where the
    other side ends a paragraph too: a version cut finer than the pivot meets all its ends."""
    both = {side: starts[side] for side in (pivot, lang)}
    return min(_shared_ends(beads, pivot, both).get(lang, 0.0), _shared_ends(beads, lang, both).get(pivot, 0.0))


def _shared_ends(beads: Sequence[Bead], pivot: str, starts: Mapping[str, set[int]]) -> dict[str, float]:
    """Per version, the share of the pivot's paragraph ends (inside the division) where that
    version's sentence alignment with the pivot ends a paragraph too."""
    inner = starts[pivot] - {0, max(starts[pivot])}
    if not inner:
        return {}
    position = {lang: 0 for lang in starts}
    met = {lang: 0 for lang in starts if lang != pivot}
    for bead in beads:
        for lang in starts:
            position[lang] += len(bead.sentences.get(lang, ()))
        if position[pivot] in inner:
            for lang in met:
                met[lang] += position[lang] in starts[lang]
    return {lang: count / len(inner) for lang, count in met.items()}


# The share of a version's paragraph ends (of the side with fewer) that, aligned again with them
# all but certain (:data:`~enface.align.NESTED_END_BONUS`), its sentences must meet for those ends
# to be taken to nest in the pivot's, when the first alignment met fewer than
# :data:`~enface.align.NESTED_ENDS`: a version that only joins paragraphs meets them all once
# asked to, one cut on its own cannot. Measured per division (benchmarks/bilinguator.py, every
# FreeDict dictionary): versions joined every 2-4 paragraphs below NESTED_ENDS at first
# (0.33-0.69) met 0.88-1.0 so, cut every 3-6 sentences (--cut) 0.50-0.82. Unit boundary F1 at
# 0.95: the Snow Queen fr ru en de with the Russian joined by 3 0.935-0.950 -> 0.944-0.958, the
# French by 4 0.894-0.939 -> 0.905-0.950, in seven with the Russian by 3 0.928-0.957 ->
# 0.929-0.958 (27 figures up, none down); the nine --cut configurations the same.
NESTED_AGAIN = 0.95


def _sentences_by_language(
    texts: Mapping[str, Text],
    present: Sequence[str],
    pivot: str,
    blocks: Mapping[str, list[int]],
    sentences: Mapping[str, Sequence[str]],
    starts: Mapping[str, set[int]],
    lexicons: Lexicons | None,
    book: Mapping[str, int] | None = None,
    cut: Collection[str] = (),
) -> list[Bead]:
    """The sentence beads of a division whose versions are paragraphed on their own: each
    version aligned with the pivot sentence by sentence over the whole division, except that one
    still sharing most of the pivot's paragraph ends (:data:`ALIKE_ENDS`; :data:`ALIKE_BY_LENGTHS`
    when the lengths alone take its paragraphs for the pivot's, :func:`_apart`), when others do
    not, is aligned with it paragraph first (its sentences never cross the paragraphs they share);
    then merged. Aligned sentence by sentence, the versions paragraphed alike lost one shared
    paragraph end in seven to sentences paired across it (The Canterville Ghost fr-ru-en, the
    English joined by three: fr-en unit boundary recall 0.86). Without the lengths' verdict, a
    version that leaves a passage out, or whose sentences pair less surely (the Snow Queen's
    Arabic and Japanese, sharing 0.43-0.58 of the French paragraph ends in some chapters), was
    aligned sentence by sentence and its beads across paragraph ends merged the units of every
    version (the Snow Queen in seven versions with the Russian joined by 3: unit boundary F1
    0.830-0.878 → 0.886-0.942 with it; no other configuration measured changes). A version aligned sentence by
    sentence whose paragraph ends (or the pivot's, when the pivot has fewer) are nearly all met
    where the other ends a paragraph too, or whose sentences are too uneven in number to tell, is
    aligned again with those ends all but certain (:func:`~enface.align.nests`). Where versions paragraphed alike are sure of their sentences
    (:data:`~enface.align.POOLED_COVERAGE`), the others are aligned again against the mean of
    their sentence lengths and the pivot's (measured on the bilinguator works, unit boundary F1:
    the Snow Queen fr-ru-en with the Russian joined by 3, 0.931-0.946 → 0.943-0.958; fr-ru-en-de
    with the Russian by 3, the English by 3, the German by 2, each pair up 0.003-0.008; in seven
    versions with the Russian by 3, 0.809-0.865 → 0.830-0.878; The Canterville Ghost and the
    Discours unchanged)."""
    known = lexicons.sentences if lexicons is not None and lexicons.pivot == pivot else {}
    ends = {lang: sorted(starts[lang]) for lang in present}

    def aligned(lang: str, lengths: Sequence[int] | None = None, **bonus: float) -> list[Bead]:
        pair = {pivot: sentences[pivot], lang: sentences[lang]}
        lexicon = {lang: known[lang]} if lang in known else None
        return align_sentences(pair, pivot, lexicons=lexicon, ends=ends, pivot_lengths=lengths, **bonus)

    pairs: dict[str, list[Bead]] = {}
    shared: dict[str, float] = {}
    for lang in (lang for lang in present if lang != pivot):
        pairs[lang] = aligned(lang)
        shared[lang] = _ends_met(pairs[lang], pivot, lang, starts)
    paragraphs = {lang: [texts[lang].blocks[i].text for i in blocks[lang]] for lang in present}
    own = (_apart(paragraphs, pivot, book) if book else set(shared)) | set(cut)
    alike = [
        lang for lang, share in shared.items() if share >= ALIKE_ENDS or (share >= ALIKE_BY_LENGTHS and lang not in own)
    ]
    # the end bonus of the versions whose paragraph ends nest in the pivot's, or its in theirs
    nested: dict[str, float] = {}
    for lang in shared:
        if len(alike) < len(shared) and lang in alike:
            continue  # aligned paragraph first below
        cuts = [(bead.a.stop, bead.b.stop) for bead in pair_beads(pairs[lang], pivot, lang)]
        if nests(cuts, ends[pivot], ends[lang], len(sentences[pivot]), len(sentences[lang])):
            nested[lang] = NESTED_END_BONUS
            pairs[lang] = aligned(lang, end_bonus=NESTED_END_BONUS)
        elif lang not in alike:
            again = aligned(lang, end_bonus=NESTED_END_BONUS)
            cuts = [(bead.a.stop, bead.b.stop) for bead in pair_beads(again, pivot, lang)]
            if nested_share(cuts, ends[pivot], ends[lang]) >= NESTED_AGAIN:
                nested[lang] = NESTED_END_BONUS
                pairs[lang] = again
    if len(alike) < len(shared):  # some paragraphed like the pivot, some not
        relays = lexicons.relays if lexicons is not None and lexicons.pivot == pivot else {}
        for lang in alike:
            # a version relayed through another (Lexicons.relays) is aligned with it, as in
            # paragraph-first divisions: the Snow Queen in seven versions, the Russian joined by 3,
            # the Japanese, Greek and Arabic through the English: 0.886-0.942 → 0.889-0.949
            parent = relays[lang][0] if lang in relays and relays[lang][0] in alike else None
            sides = (pivot, parent, lang) if parent else (pivot, lang)
            chosen = {side: [texts[side].blocks[i].text for i in blocks[side]] for side in sides}
            segments = {
                side: [tuple(seg.text for seg in texts[side].blocks[i].segments) for i in blocks[side]]
                for side in sides
            }
            beads = [bead for block in align_blocks(chosen, segments, pivot, lexicons=lexicons) for bead in block.beads]
            if parent:
                beads = [part for part in (_widen(bead, (pivot, lang)) for bead in beads) if part.kind != "0-0"]
            pairs[lang] = beads
        sure = sure_versions(sentences[pivot], pivot, {lang: known[lang] for lang in alike if lang in known})
        if sure:  # the others aligned again with the sure versions' sentence lengths pooled
            total = sum(map(len, sentences[pivot])) or 1
            ratios = {lang: sum(map(len, sentences[lang])) / total for lang in sure}
            spans = {lang: pair_beads(pairs[lang], pivot, lang) for lang in sure}
            for lang in (lang for lang in shared if lang not in alike):
                lengths = pooled_lengths(sentences, pivot, lang, spans, ratios)
                pairs[lang] = aligned(lang, lengths, **({"end_bonus": nested[lang]} if lang in nested else {}))
    return merge_pairs(sentences, pivot, pairs)


def _verse_lines(texts: Mapping[str, Text], chosen: Mapping[str, list[int]]) -> list[Bead] | None:
    """Stanzas with as many lines in every version: one bead per line."""
    stanzas = {lang: [texts[lang].blocks[i] for i in indexes] for lang, indexes in chosen.items()}
    if not all(len(blocks) == 1 and blocks[0].kind == "verse" for blocks in stanzas.values()):
        return None
    counts = {len(blocks[0].segments) for blocks in stanzas.values()}
    if len(counts) != 1:
        return None
    order = list(chosen)
    return [Bead({lang: (k,) for lang in order}, "-".join("1" for _ in order), 0.0, 1.0) for k in range(counts.pop())]


def _widen(bead: Bead, langs: Sequence[str]) -> Bead:
    """The bead over ``langs``, in that order: languages it lacks empty, others dropped."""
    sentences = {lang: bead.sentences.get(lang, ()) for lang in langs}
    kind = "-".join(str(len(sentences[lang])) for lang in langs)
    return Bead(sentences, kind, bead.cost, bead.confidence, bead.manual)
