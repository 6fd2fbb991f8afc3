"""Check that each source is in the language its manifest entry says.

A wrong ``lang`` silently breaks hyphenation, typography and alignment, so we
refuse to build rather than guess. py3langid is right on every bundled source.
"""

from __future__ import annotations

from functools import cache

from .. import languages
from ..diagnostics import Finding, finding
from ..errors import EnfaceError
from .reader import SourceText

# Below this many letters a language identifier is a coin toss: skip the check.
MIN_LETTERS = 60


@cache
def _identifier():  # py3langid loads a 100 MB model: only when needed
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def identify(text: str) -> tuple[str, float]:
    lang, probability = _identifier().classify(text)
    return str(lang), float(probability)


def supported(code: str) -> bool:
    return languages.primary(code) in set(_identifier().nb_classes)


def verify(source_text: SourceText) -> Finding | None:
    """Raise when the text is clearly in another language; return a finding when unsure."""
    source = source_text.source
    if not source.verify_lang:
        return None
    letters = sum(ch.isalpha() for ch in source_text.text)
    if letters < MIN_LETTERS:
        return finding("lang.too-short", f"too short to check that it is in {source.lang!r}", file=source.file)
    declared = languages.primary(source.lang)
    if not supported(declared):
        return finding(
            "lang.unsupported",
            f"the language identifier does not know {source.lang!r}; not checked",
            file=source.file,
        )
    found, probability = identify(source_text.text)
    if found != declared and probability > 0.5:
        raise EnfaceError(
            f"the text reads as {languages.native_name(found)} ({found!r}, p={probability:.2f}), "
            f"but edition.toml declares lang = {source.lang!r}",
            path=source_text.path,
            hint="fix `lang` for this source, or set verify_lang = false if the identifier is wrong",
        )
    return None


def free_text_lang(text: str) -> str | None:
    """The language of a free text of the manifest (description, rights), when sure of it:
    60 letters or more, and the identifier at least 90 % sure; else ``None``."""
    if sum(ch.isalpha() for ch in text) < MIN_LETTERS:
        return None
    try:
        found, probability = identify(text)
    except Exception:
        return None
    return found if probability > 0.9 else None
