"""Hardening: nothing outside the edition is read, text never becomes markup, XML entities
stay unexpanded, outputs are replaced atomically, and builds are reproducible."""

from __future__ import annotations

import datetime
import hashlib
import os
import signal
import socket
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from conftest import MOVED, SLUG, clock_moved, write_edition
from enface.checks.text import epub_text, pdf_text
from enface.commands.build import build
from enface.xmlsafe import parse_bytes

pytestmark = pytest.mark.slow

FR = (
    "Le chercheur travaille au laboratoire avec une équipe nombreuse et patiente. "
    "Il écrit des notes chaque soir pour sa femme qui ne les lit jamais."
)
RU = (
    "Исследователь работает в лаборатории вместе с большой и терпеливой командой. "
    "Каждый вечер он пишет записки жене, которая их никогда не читает."
)


def test_stylesheet_cannot_read_files_or_reach_the_network(tmp_path):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.setblocking(False)
    port = listener.getsockname()[1]
    edition = write_edition(
        tmp_path / "ed", {"fr.txt": ("fr", "translation", FR)}, extra='[style]\nprint = "extra.css"'
    )
    (edition / "extra.css").write_text(
        "body { background: url(file:///etc/passwd); }\n"
        f"h1 {{ background-image: url(http://127.0.0.1:{port}/x.png); }}\n",
        encoding="utf-8",
    )
    result = build(edition, tmp_path / "out", ["pdf"])
    refused = [w for w in result.warnings if "refused to load" in w]
    assert any("file:///etc/passwd" in w for w in refused)
    assert any(f"127.0.0.1:{port}" in w for w in refused)
    # the build fetches synchronously: a connection made during it would be queued by now
    with pytest.raises(BlockingIOError):
        listener.accept()  # nobody connected
    listener.close()


MARKUP = 'Avant <script>alert("x")</script> &amp; ]]> <img src="file:///etc/passwd"> après la fin du texte.'


def test_text_that_looks_like_markup_stays_text(tmp_path):
    body = FR + "\n" + MARKUP + "\n"
    edition = write_edition(tmp_path / "ed", {"fr.txt": ("fr", "translation", body)})
    out = tmp_path / "out"
    build(edition, out, ["tei", "epub", "pdf"])
    tei = (out / "mini.tei.xml").read_bytes()
    assert b"<script>" not in tei and b"&lt;script&gt;" in tei
    with zipfile.ZipFile(out / "mini.epub") as archive:
        xhtml = archive.read("EPUB/text/parallel.xhtml")
        assert b"<script" not in xhtml and b"<img" not in xhtml
    # French typography may respace the punctuation ("&amp ;", « »), never turn it into markup
    for text in (epub_text(out / "mini.epub"), pdf_text(out / "mini.pdf")):
        flat = " ".join(text.split())
        for piece in ("<script>alert(", "</script>", "&amp", "]]>", "<img src=", "file:///etc/passwd"):
            assert piece in flat, piece


def test_xml_entities_are_not_expanded():
    payload = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'
    root = parse_bytes(payload)
    assert "root:" not in "".join(root.itertext())


# A 100,000-character paragraph built to TEI and EPUB (about 8 s of CPU): in `make test-books`
@pytest.mark.books
def test_a_huge_paragraph_builds(tmp_path):
    sentence = "Le héros marche dans la rue avec un masque et personne ne le reconnaît. "
    paragraph = (sentence * (100_000 // len(sentence) + 1))[:100_000]
    edition = write_edition(tmp_path / "ed", {"fr.txt": ("fr", "translation", paragraph + "\n")})
    started = time.monotonic()
    build(edition, tmp_path / "out", ["tei", "epub"])
    assert time.monotonic() - started < 120


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir() if p.is_file()}


def test_the_moved_clock_is_what_code_reads(monkeypatch):
    """The reproducibility test below is only as good as its moved clock."""
    import io
    import types

    bound = types.ModuleType("bound_names")  # a library that imported the names itself
    exec("from datetime import date, datetime\nfrom time import localtime", bound.__dict__)
    monkeypatch.setitem(sys.modules, "bound_names", bound)
    before = time.time()
    with clock_moved(MOVED):
        assert time.time() - before >= MOVED and time.time_ns() / 10**9 - before >= MOVED
        assert datetime.datetime.now().timestamp() - before >= MOVED
        assert bound.datetime.now().timestamp() - before >= MOVED
        assert bound.date.today() > datetime.date.fromtimestamp(before + MOVED - 86400)
        assert bound.localtime().tm_year > time.localtime(before).tm_year
        with zipfile.ZipFile(io.BytesIO(), "w") as archive:  # zip entries take the clock's time
            archive.writestr("x", b"")
            assert archive.getinfo("x").date_time[0] > time.localtime(before).tm_year
    assert abs(time.time() - before) < 60 and abs(bound.datetime.now().timestamp() - before) < 60


def test_two_builds_in_different_folders_are_identical(rebuilt_elsewhere, built):
    """Another edition folder (its files with other times), another output folder, another
    working directory and a clock more than a year ahead: the same bytes. The second build is
    ``rebuilt_elsewhere`` (conftest.py: made once, also without the stage cache, which
    test_cache.py checks on it; asked for first: this module builds it while test_print.py
    builds ``built``'s, LONGEST_FIRST in conftest.py)."""
    again = rebuilt_elsewhere.out
    assert _digests(again) == _digests(built)
    sums = dict(reversed(line.split("  ", 1)) for line in (again / "SHA256SUMS").read_text().splitlines())
    assert sorted(sums) == sorted(p.name for p in again.iterdir() if p.is_file() and p.name != "SHA256SUMS")
    assert all(sums[name] == hashlib.sha256((again / name).read_bytes()).hexdigest() for name in sums)


# `enface build` that kills itself (SIGKILL: no clean-up runs) as soon as the TEI is staged,
# that is while the print layout is still to come and before any output is renamed into place
KILLED_AFTER_TEI = """
import os, runpy, signal, sys
from enface import output

write = output.Staging.write

def write_then_die(self, name, data):
    target = write(self, name, data)
    if name.endswith(".tei.xml"):
        os.kill(os.getpid(), signal.SIGKILL)
    return target

output.Staging.write = write_then_die
sys.argv = ["enface", *sys.argv[1:]]
runpy.run_module("enface", run_name="__main__")
"""


def test_a_killed_build_leaves_previous_outputs(built, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    for path in built.iterdir():
        if path.is_file():
            (out / path.name).write_bytes(path.read_bytes())
    before = _digests(out)
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1000000000"}  # a build that would change every output
    process = subprocess.run(
        [sys.executable, "-c", KILLED_AFTER_TEI, "build", "--out", str(out), "-q"], env=env, timeout=300
    )
    assert process.returncode == -signal.SIGKILL, "the build was not killed"
    assert list(out.glob(f".{SLUG}.tei.xml.*.part")), "the build was not killed halfway"
    assert {k: v for k, v in _digests(out).items() if not k.startswith(".")} == before
    # the next build cleans up what the killed one left behind
    build(Path(__file__).parent.parent / "editions" / "face-of-another", out, ["tei"])
    assert not list(out.glob(".*.part"))
