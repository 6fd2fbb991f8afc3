"""Check that each source is in the language its manifest entry says.

A wrong ``lang`` silently breaks hyphenation, typography and alignment, so we
refuse to build rather than guess. py3langid is right on every bundled source.

Loading py3langid's model costs about 0.85 s, so a verdict is kept in the build's cache
(stage ``lang``, see :class:`Verdicts`), keyed by the source's SHA-256, the declared
language and the enface version (not the code digest: editing enface's code keeps the
verdicts): the model is only loaded for text it has not checked yet.
"""

from __future__ import annotations

import hashlib
from functools import cache
from typing import Protocol

from .. import languages
from ..diagnostics import Finding, finding
from ..errors import EnfaceError
from .reader import SourceText

VERDICT_STAGE = "lang"


class _Store(Protocol):  # :class:`enface.cache.Cache`
    def get_json(self, stage: str, k: str) -> object | None: ...
    def put_json(self, stage: str, k: str, value: object) -> None: ...


class Verdicts:
    """The language verdicts already reached, in a build's stage cache (or nowhere)."""

    def __init__(self, store: _Store | None = None) -> None:
        self.store = store

    @staticmethod
    def key(kind: str, *parts: str) -> str:
        from .. import __version__

        h = hashlib.sha256(f"enface-lang 1\0enface {__version__}\0{_model_version()}\0{kind}".encode())
        for part in parts:
            h.update(b"\0" + part.encode())
        return h.hexdigest()

    def get(self, k: str) -> object | None:
        return None if self.store is None else self.store.get_json(VERDICT_STAGE, k)

    def put(self, k: str, value: object) -> None:
        if self.store is not None:
            self.store.put_json(VERDICT_STAGE, k, value)


@cache
def _model_version() -> str:
    """py3langid's version (its model ships with it), read without importing it."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"py3langid {version('py3langid')}"
    except PackageNotFoundError:
        return "py3langid ?"


# Below this many letters a language identifier is a coin toss: skip the check.
MIN_LETTERS = 60


@cache
def _identifier():  # py3langid loads a 100 MB model: only when needed
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def release() -> None:
    """Let go of the model (about 70 MB resident) once the sources are checked: a build holds
    it no longer than that, and a long book's layout workers need the memory."""
    _identifier.cache_clear()


def identify(text: str) -> tuple[str, float]:
    lang, probability = _identifier().classify(text)
    return str(lang), float(probability)


def supported(code: str) -> bool:
    return languages.primary(code) in set(_identifier().nb_classes)


def verify(source_text: SourceText, verdicts: Verdicts | None = None) -> Finding | None:
    """Raise when the text is clearly in another language; return a finding when unsure.
    A verdict in ``verdicts`` for this source's bytes and declared language is reused; a
    new one (accepted or unsupported, never a refusal) is stored there."""
    source = source_text.source
    if not source.verify_lang:
        return None
    letters = sum(ch.isalpha() for ch in source_text.text)
    if letters < MIN_LETTERS:
        return finding("lang.too-short", f"too short to check that it is in {source.lang!r}", file=source.file)
    verdicts = verdicts or Verdicts()
    k = Verdicts.key("source", source_text.sha256, source.lang)
    verdict = verdicts.get(k)
    if verdict not in ("ok", "unsupported"):
        verdict = _verdict(source_text)
        verdicts.put(k, verdict)
    if verdict == "unsupported":
        return finding(
            "lang.unsupported",
            f"the language identifier does not know {source.lang!r}; not checked",
            file=source.file,
        )
    return None


def _verdict(source_text: SourceText) -> str:
    """``"ok"`` or ``"unsupported"`` (loading the model); raise when clearly wrong."""
    source = source_text.source
    declared = languages.primary(source.lang)
    if not supported(declared):
        return "unsupported"
    found, probability = identify(source_text.text)
    if found != declared and probability > 0.5:
        raise EnfaceError(
            f"the text reads as {languages.native_name(found)} ({found!r}, p={probability:.2f}), "
            f"but edition.toml declares lang = {source.lang!r}",
            path=source_text.path,
            hint="fix `lang` for this source, or set verify_lang = false if the identifier is wrong",
        )
    return "ok"


def free_text_lang(text: str, verdicts: Verdicts | None = None) -> str | None:
    """The language of a free text of the manifest (description, rights), when sure of it:
    60 letters or more, and the identifier at least 90 % sure; else ``None``. Kept in
    ``verdicts`` by the text's SHA-256."""
    if sum(ch.isalpha() for ch in text) < MIN_LETTERS:
        return None
    verdicts = verdicts or Verdicts()
    k = Verdicts.key("free", hashlib.sha256(text.encode("utf-8")).hexdigest())
    known = verdicts.get(k)
    if isinstance(known, dict) and set(known) == {"lang"} and isinstance(known["lang"], str | None):
        return known["lang"]
    found = _free_text_lang(text)
    verdicts.put(k, {"lang": found})
    return found


def _free_text_lang(text: str) -> str | None:
    try:
        found, probability = identify(text)
    except Exception:
        return None
    return found if probability > 0.9 else None
