"""Hardening: nothing outside the edition is read, text never becomes markup, XML entities
stay unexpanded, outputs are replaced atomically, and builds are reproducible."""

from __future__ import annotations

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

from conftest import write_edition
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
    time.sleep(0.2)
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


def test_a_huge_paragraph_builds(tmp_path):
    sentence = "Le héros marche dans la rue avec un masque et personne ne le reconnaît. "
    paragraph = (sentence * (100_000 // len(sentence) + 1))[:100_000]
    edition = write_edition(tmp_path / "ed", {"fr.txt": ("fr", "translation", paragraph + "\n")})
    started = time.monotonic()
    build(edition, tmp_path / "out", ["tei", "epub"])
    assert time.monotonic() - started < 120


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir() if p.is_file()}


def test_two_builds_in_different_folders_are_identical(built, tmp_path, bundled_dir, monkeypatch):
    monkeypatch.chdir(tmp_path)
    time.sleep(1.1)  # a different second: clocks must not leak into outputs
    again = tmp_path / "again"
    build(bundled_dir, again, ["tei", "epub", "pdf"])
    assert _digests(again) == _digests(built)
    sums = (again / "SHA256SUMS").read_text().splitlines()
    assert len(sums) == 4 and all(len(line.split()[0]) == 64 for line in sums)


def test_a_killed_build_leaves_previous_outputs(built, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    for path in built.iterdir():
        if path.is_file():
            (out / path.name).write_bytes(path.read_bytes())
    before = _digests(out)
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1000000000"}  # a build that would change every output
    process = subprocess.Popen([sys.executable, "-m", "enface", "build", "--out", str(out), "-q"], env=env)
    # kill it while WeasyPrint lays out pages (before the EPUB, whose page-list needs the layout):
    # after the TEI is staged, before the renames
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list(out.glob(".face-of-another.tei.xml.*.part")):
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert list(out.glob(".*.part")), "the build was not killed halfway"
    assert {k: v for k, v in _digests(out).items() if not k.startswith(".")} == before
    # the next build cleans up what the killed one left behind
    build(Path(__file__).parent.parent / "editions" / "face-of-another", out, ["tei"])
    assert not list(out.glob(".*.part"))
