"""Catalogues (``enface catalogue build``): many editions of a work, built by local processes
or by a real Dask cluster, with the same bytes either way and as single ``enface build``
runs of the same derived editions; failures reported while the others build; an unchanged
catalogue skipped; ``catalogue.json`` and an OPDS 1.2 feed valid against Atom's and OPDS's
RELAX NG schemas (``tests/schemas/``).

The work is the lighthouse story (``tests/fixtures/lighthouse/``: en, fr, de), given as a
folder of texts with one manifest template. Builds are TEI + EPUB without the page-list
(no print layout) but in the one test about the PDF.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import textwrap
import time
import tomllib
from pathlib import Path

import pytest
from lxml import etree
from typer.testing import CliRunner

from enface.catalogue.feeds import epub_cover
from enface.catalogue.model import load_catalogue, setting_lines
from enface.catalogue.plan import derive, load_work, plan, write_edition
from enface.catalogue.tomlwrite import dumps
from enface.cli import app
from enface.errors import EnfaceError

pytestmark = pytest.mark.books  # make test-books (CI runs it)

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "tests" / "fixtures" / "lighthouse"
SCHEMAS = Path(__file__).resolve().parent / "schemas"
NS = {"a": "http://www.w3.org/2005/Atom", "dc": "http://purl.org/dc/terms/"}

TEMPLATE = """\
slug = "lighthouse"
description = "A short story written for enface's tests, in English, French and German."
rights = "Dedicated to the public domain (CC0 1.0)."

[titles]
en = "The Lighthouse Keeper"
fr = "Le Gardien du phare"
de = "Der Leuchtturmwärter"
"""


def _catalogue(folder: Path, body: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "lighthouse.toml").write_text(TEMPLATE, encoding="utf-8")
    path = folder / "catalogue.toml"
    path.write_text(textwrap.dedent(body).replace("LIGHTHOUSE", str(LIGHTHOUSE)), encoding="utf-8")
    return path


FAST = """\
    title = "Lighthouse"

    [defaults]
    formats = ["tei", "epub"]
    epub = { page_list = false }

    [[works]]
    sources = "LIGHTHOUSE"
    manifest = "lighthouse.toml"
    pairs = "all"
"""


def _run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(app, [str(a) for a in args], env=env)


def _visible(out: Path) -> dict[str, bytes]:
    """Every file a user sees under ``out`` (not the caches and output sets), by path."""
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(out).parts)
    }


@pytest.fixture(scope="module")
def local(tmp_path_factory) -> tuple[Path, Path, str]:
    """The lighthouse catalogue (three pairs) built with ``--jobs 2``: (catalogue, OUT, output)."""
    base = tmp_path_factory.mktemp("catalogue")
    path = _catalogue(base / "cat", FAST)
    out = base / "out"
    result = _run("catalogue", "build", path, "--out", out, "--jobs", "2")
    assert result.exit_code == 0, result.output
    return path, out, result.output


# --- building ---------------------------------------------------------------------------


@pytest.mark.slow
def test_local_build_makes_every_pair_with_progress(local):
    _path, out, output = local
    for n in (1, 2, 3):
        assert f"[{n}/3]" in output  # progress: editions done/total
    for langs in ("en-fr", "en-de", "fr-de"):
        folder = out / "lighthouse" / langs
        assert (folder / f"lighthouse-{langs}.epub").is_file()
        assert (folder / f"lighthouse-{langs}.tei.xml").is_file()
        assert (folder / "SHA256SUMS").is_file()
        assert (folder / ".enface-cache").is_dir()  # each edition's own stage cache
    data = json.loads((out / "catalogue.json").read_text(encoding="utf-8"))
    assert [e["folder"] for e in data["editions"]] == ["lighthouse/en-fr", "lighthouse/en-de", "lighthouse/fr-de"]
    first = data["editions"][0]
    assert first["langs"] == ["en", "fr"] and first["primary"] == "en"
    assert first["titles"] == {"en": "The Lighthouse Keeper", "fr": "Le Gardien du phare"}
    for entry in first["files"]:
        on_disk = (out / entry["path"]).read_bytes()
        assert len(on_disk) == entry["size"] and hashlib.sha256(on_disk).hexdigest() == entry["sha256"]
    assert data["failed"] == []
    # the derived edition keeps only its languages, the first as primary
    tei = etree.parse(str(out / "lighthouse" / "fr-de" / "lighthouse-fr-de.tei.xml"))
    langs = set(tei.xpath("//@xml:lang"))
    assert "en" not in langs and {"fr", "de"} <= langs


@pytest.mark.slow
def test_cluster_and_single_builds_give_the_same_bytes(local, tmp_path):
    distributed = pytest.importorskip("distributed")
    path, out, _output = local
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        result = _run("catalogue", "build", path, "--out", tmp_path / "dask", "--scheduler", cluster.scheduler_address)
    assert result.exit_code == 0, result.output
    assert "[3/3]" in result.output
    local_files, dask_files = _visible(out), _visible(tmp_path / "dask")
    assert sorted(local_files) == sorted(dask_files)
    assert [name for name in local_files if local_files[name] != dask_files[name]] == []
    # the same derived editions built one by one with `enface build`
    the_plan = plan(load_catalogue(path), path)
    for task in the_plan.tasks:
        edition = write_edition(task, tmp_path / "editions" / task.folder)
        single = tmp_path / "single" / task.folder
        single.parent.mkdir(parents=True, exist_ok=True)
        env = {"SOURCE_DATE_EPOCH": str(task.epoch)}
        built = _run("build", edition, "--out", single, "--format", "tei,epub", "--no-page-list", env=env)
        assert built.exit_code == 0, built.output
        for name in (f"lighthouse-{'-'.join(task.langs)}.tei.xml", f"lighthouse-{'-'.join(task.langs)}.epub"):
            assert (single / name).read_bytes() == local_files[f"{task.folder}/{name}"], name


@pytest.mark.slow
def test_rerun_skips_every_edition(local):
    path, out, _output = local
    before = _visible(out)
    started = time.perf_counter()
    result = _run("catalogue", "build", path, "--out", out, "--jobs", "2")
    took = time.perf_counter() - started
    assert result.exit_code == 0, result.output
    assert result.output.count("up to date") >= 3 and "built" not in result.output.replace("3 up to date", "")
    assert took < 15, took  # no worker started: each edition's record says it is up to date
    assert _visible(out) == before
    # without the catalogue's record, each build's own up-to-date short-cut (its stage cache)
    for record in out.glob("lighthouse/*/.enface-cache/catalogue-edition.json"):
        record.unlink()
    again = _run("catalogue", "build", path, "--out", out, "--jobs", "2")
    assert again.exit_code == 0, again.output
    assert again.output.count("up to date") >= 3
    assert _visible(out) == before


@pytest.mark.slow
def test_a_failed_edition_is_reported_and_the_others_build(tmp_path):
    broken = tmp_path / "broken"
    broken.mkdir()
    for lang in ("en", "fr"):
        shutil.copy(LIGHTHOUSE / f"{lang}.md", broken / f"{lang}.md")
    (broken / "de.md").write_bytes((LIGHTHOUSE / "de.md").read_bytes()[:200] + b"\xff\xfe broken\n")
    (broken / "edition.toml").write_text(
        TEMPLATE.replace('slug = "lighthouse"', 'slug = "broken"')
        + "".join(
            f'\n[[sources]]\nfile = "{lang}.md"\nlang = "{lang}"\nrole = "translation"\n' for lang in ("en", "fr", "de")
        ),
        encoding="utf-8",
    )
    path = _catalogue(
        tmp_path / "cat",
        f"""\
        [defaults]
        formats = ["tei", "epub"]
        epub = {{ page_list = false }}

        [[works]]
        sources = "LIGHTHOUSE"
        manifest = "lighthouse.toml"
        pairs = [["fr", "en"]]

        [[works.editions]]
        langs = ["en", "it"]

        [[works]]
        edition = "{broken}"
        pairs = "all"
        """,
    )
    out = tmp_path / "out"
    result = _run("catalogue", "build", path, "--out", out, "--jobs", "2")
    assert result.exit_code == 1, result.output
    assert "[5/5]" in result.output
    assert "Failed editions" in result.output
    data = json.loads((out / "catalogue.json").read_text(encoding="utf-8"))
    assert sorted(e["folder"] for e in data["editions"]) == ["broken/en-fr", "lighthouse/fr-en"]
    failed = {f"{f['work']}/{'-'.join(f['langs'])}": f["reason"] for f in data["failed"]}
    assert sorted(failed) == ["broken/en-de", "broken/fr-de", "lighthouse/en-it"]
    assert "de.md" in failed["broken/en-de"] and "UTF-8" in failed["broken/en-de"]
    assert str(broken) in failed["broken/en-de"]  # the work's folder, not the worker's temporary one
    assert "catalogue.toml:11" in failed["lighthouse/en-it"] and "it is not a language" in failed["lighthouse/en-it"]
    assert (out / "lighthouse" / "fr-en" / "lighthouse-fr-en.epub").is_file()
    assert not (out / "broken" / "en-de" / "broken-en-de.epub").exists()
    assert _opds_ok(out)


@pytest.mark.slow
def test_pdf_editions_with_print_options(tmp_path):
    path = _catalogue(
        tmp_path / "cat",
        """\
        title = "Lighthouse in print"

        [[works]]
        sources = "LIGHTHOUSE"
        manifest = "lighthouse.toml"
        pairs = [["de", "fr"]]
        formats = ["tei", "epub", "pdf"]
        print = { page_size = "a5" }
        """,
    )
    out = tmp_path / "out"
    result = _run("catalogue", "build", path, "--out", out, "--jobs", "1")
    assert result.exit_code == 0, result.output
    pdf = out / "lighthouse" / "de-fr" / "lighthouse-de-fr.pdf"
    from pypdf import PdfReader

    box = PdfReader(str(pdf)).pages[0].mediabox
    assert round(float(box.width) / 72 * 25.4) == 148  # A5
    feed = etree.parse(str(out / "opds.xml"))
    links = feed.xpath("//a:entry/a:link[@type='application/pdf']/@href", namespaces=NS)
    assert links == ["lighthouse/de-fr/lighthouse-de-fr.pdf"]
    assert _opds_ok(out)


# --- the OPDS feed ------------------------------------------------------------------------


def _opds_ok(out: Path) -> bool:
    """The feed is valid against RFC 4287's and OPDS's RELAX NG schemas, keeps their
    Schematron rules, and its links lead to the files."""
    feed = etree.parse(str(out / "opds.xml"))
    for name in ("atom.rng", "opds.rng"):
        schema = etree.RelaxNG(etree.parse(str(SCHEMAS / name)))
        assert schema.validate(feed), (name, schema.error_log)
    root = feed.getroot()
    assert root.xpath("a:author/a:name", namespaces=NS)
    for entry in root.xpath("a:entry", namespaces=NS):
        assert entry.xpath("a:link[starts-with(@rel, 'http://opds-spec.org/acquisition')]", namespaces=NS)
        assert entry.xpath("a:content or a:link[@rel='alternate']", namespaces=NS)
        for href in entry.xpath("a:link/@href", namespaces=NS):
            assert not href.startswith(("/", "http")) and (out / href).is_file(), href
    return True


@pytest.mark.slow
def test_opds_feed(local):
    _path, out, _output = local
    assert _opds_ok(out)
    feed = etree.parse(str(out / "opds.xml")).getroot()
    entries = feed.xpath("a:entry", namespaces=NS)
    assert len(entries) == 3
    first = entries[0]
    assert first.xpath("a:title/text()", namespaces=NS) == ["The Lighthouse Keeper / Le Gardien du phare"]
    assert first.xpath("dc:language/text()", namespaces=NS) == ["en", "fr"]
    assert first.xpath("a:updated/text()", namespaces=NS)[0].endswith("Z")
    epub = first.xpath("a:link[@type='application/epub+zip']/@href", namespaces=NS)
    assert epub == ["lighthouse/en-fr/lighthouse-en-fr.epub"]
    cover = first.xpath("a:link[@rel='http://opds-spec.org/image']", namespaces=NS)[0]
    assert cover.get("type") == "image/png"
    image, media = epub_cover((out / epub[0]).read_bytes())
    assert media == "image/png" and (out / cover.get("href")).read_bytes() == image


def test_opds_schema_rejects_what_opds_forbids(tmp_path):
    """The OPDS schema is not Atom's alone: an acquisition link must say its media type."""
    feed = f"""<feed xmlns="{NS["a"]}"><id>urn:x</id><title>t</title><updated>2026-01-01T00:00:00Z</updated>
      <author><name>n</name></author>
      <entry><id>urn:y</id><title>e</title><updated>2026-01-01T00:00:00Z</updated><content>c</content>
        <link rel="http://opds-spec.org/acquisition" href="a.epub"/></entry></feed>"""
    document = etree.fromstring(feed.encode())
    assert etree.RelaxNG(etree.parse(str(SCHEMAS / "atom.rng"))).validate(document)
    assert not etree.RelaxNG(etree.parse(str(SCHEMAS / "opds.rng"))).validate(document)
    document.find(".//{*}link").set("type", "application/epub+zip")
    assert etree.RelaxNG(etree.parse(str(SCHEMAS / "opds.rng"))).validate(document)


# --- catalogue.toml and planning (no build) -----------------------------------------------


@pytest.mark.parametrize(
    ("body", "line", "words"),
    [
        ('[[works]]\nedition = "x"\npairs = "some"\n', 3, "works[0].pairs"),
        (
            'title = "t"\n\n[[works]]\nedition = "x"\n\n[[works]]\nedition = "y"\nformat = ["epub"]\n',
            8,
            "not a known setting",
        ),
        ('[defaults]\nformats = ["epub", "mobi"]\n\n[[works]]\nedition = "x"\n', 2, "unknown output format mobi"),
        ('[[works]]\nedition = "x"\nprint = { page_size = "a9" }\n', 3, "works[0].print"),
        ('[[works]]\nedition = "x"\n\n[[works.editions]]\nlangs = ["en"]\n', 5, "two languages or more"),
        ('[[works]]\nsources = "x"\n', 1, "manifest"),
        ('[[works]]\nedition = "x"\npairs = [["fr" "ru"]]\n', 3, "TOML syntax error"),
    ],
)
def test_catalogue_errors_name_the_line(tmp_path, body, line, words):
    path = tmp_path / "catalogue.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(EnfaceError) as caught:
        load_catalogue(path)
    assert caught.value.line == line, caught.value.render()
    assert words in caught.value.render()


def test_bad_catalogue_exits_3(tmp_path):
    path = tmp_path / "catalogue.toml"
    path.write_text('[[works]]\nedition = "x"\npairs = "some"\n', encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "enface", "catalogue", "build", str(path)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 3, done.stderr
    assert f"{path}:3: works[0].pairs" in done.stderr


def test_setting_lines_follow_arrays_of_tables():
    text = '[defaults]\nformats = ["tei"]\n[[works]]\nedition = "a"\n[[works]]\nedition = "b"\n[works.print]\npage_size = "a5"\n[[works.editions]]\nlangs = ["en", "fr"]\n'
    lines = setting_lines(text)
    assert lines[("defaults", "formats")] == 2
    assert lines[("works", 1, "edition")] == 6
    assert lines[("works", 1, "print", "page_size")] == 8
    assert lines[("works", 1, "editions", 0, "langs")] == 10


def test_plan_pairs_full_and_derived_manifests(tmp_path):
    path = _catalogue(
        tmp_path,
        """\
        [[works]]
        sources = "LIGHTHOUSE"
        manifest = "lighthouse.toml"
        name = "keeper"
        pairs = "full"

        [[works.editions]]
        langs = ["de", "en"]
        formats = ["epub"]
        epub = { mode = "popup", primary = "en" }
        """,
    )
    catalogue = load_catalogue(path)
    the_plan = plan(catalogue, path)
    assert [t.folder for t in the_plan.tasks] == ["keeper/en-fr-de", "keeper/de-en"]
    full, pair = the_plan.tasks
    assert full.formats == ("tei", "epub", "pdf") and pair.formats == ("epub",)
    assert pair.epub_mode == "popup" and pair.epub_primary == "en"
    assert set(full.files) == {"edition.toml", "en.md", "fr.md", "de.md"}  # not README.md
    work = load_work(catalogue.works[0], path.parent)
    manifest, named = derive(work, ("de", "en"))
    assert manifest["slug"] == "lighthouse-de-en"
    assert list(manifest["titles"]) == ["de", "en"]
    assert [s["lang"] for s in manifest["sources"]] == ["de", "en"] and named == ["de.md", "en.md"]
    assert tomllib.loads(dumps(manifest)) == manifest
    all_pairs = _catalogue(tmp_path / "all", FAST)
    assert [t.langs for t in plan(load_catalogue(all_pairs), all_pairs).tasks] == [
        ("en", "fr"),
        ("en", "de"),
        ("fr", "de"),
    ]


def test_runtime_does_not_need_distributed():
    """`distributed` is imported only by a build with --scheduler."""
    code = (
        "import sys, enface.cli, enface.catalogue.run, enface.catalogue.local, enface.catalogue.task; "
        "sys.exit('distributed' in sys.modules or 'dask' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
