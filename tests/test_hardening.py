"""Nothing wrong, ever: a cache that cannot lie, outputs that appear together or not at all,
one clear error (exit 3) from the machine's side, and limits on big input."""

from __future__ import annotations

import errno
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from conftest import TINY, write_edition
from enface import progress
from enface.cache import CACHE_DIR, Cache, _header
from enface.commands.build import build
from enface.errors import EnfaceError
from enface.output import LOCK_NAME, OUTPUTS_DIR, BuildLock, Release

ROOT = Path(__file__).resolve().parent.parent


# --- helpers ------------------------------------------------------------------------------


def listed(out: Path) -> dict[str, bytes]:
    """What ``SHA256SUMS`` lists, read through the folder, after ``sha256sum -c`` passed."""
    checked = subprocess.run(["sha256sum", "--quiet", "-c", "SHA256SUMS"], cwd=out, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    names = [line.split("  ", 1)[1] for line in (out / "SHA256SUMS").read_text().splitlines()]
    return {name: (out / name).read_bytes() for name in names}


def shown(out: Path) -> set[str]:
    """The outputs a user sees in the folder (files, or links to files)."""
    return {p.name for p in out.iterdir() if not p.name.startswith(".") and p.is_file()}


def leftovers(out: Path) -> list[str]:
    """Temporary files, sets not in use, locks: what no finished build may leave."""
    found = [p.name for p in out.glob(".*.part")] + [p.name for p in out.glob(LOCK_NAME)]
    store = out / OUTPUTS_DIR
    if store.is_dir():
        found += [p.name for p in store.iterdir() if p.name != "current" and p.name != os.readlink(store / "current")]
    found += [str(p) for p in (out / CACHE_DIR).rglob(".*.part")]
    return found


def digests(out: Path) -> dict[str, str]:
    return {name: hashlib.sha256(data).hexdigest() for name, data in listed(out).items()}


def run_main(monkeypatch, capsys, *args: str) -> tuple[int, str]:
    """``enface ARGS`` in this process (so the machine can be patched): exit status, stderr."""
    from enface import cli

    monkeypatch.setattr(sys, "argv", ["enface", *args])
    with pytest.raises(SystemExit) as exited:
        cli.main()
    return exited.value.code or 0, capsys.readouterr().err


def one_error(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert "Traceback" not in stderr, stderr
    errors = [line for line in lines if line.startswith("enface: error:")]
    assert len(errors) == 1, stderr
    return errors[0]


@pytest.fixture
def tiny_built(tiny_edition, tmp_path) -> Path:
    """The tiny edition's TEI built into ``tmp_path/out`` (the previous outputs of a test)."""
    out = tmp_path / "out"
    build(tiny_edition, out, ["tei"], check_language=False)
    return out


def in_out(out: Path, path) -> bool:
    return str(os.fspath(path)).startswith(str(out))


# --- 1. a cache that cannot lie -----------------------------------------------------------


def test_a_cache_entry_that_does_not_verify_is_discarded(tmp_path):
    cache = Cache(tmp_path)
    cache.put("stage", "k1", b"the first entry")
    cache.put("stage", "k2", b"the second entry")
    assert cache.get("stage", "k1") == b"the first entry"
    entry = tmp_path / CACHE_DIR / "stage" / "k1"

    entry.write_bytes(entry.read_bytes()[:-3])  # truncated
    assert cache.get("stage", "k1") is None and not entry.exists()

    shutil.copyfile(tmp_path / CACHE_DIR / "stage" / "k2", entry)  # another entry's bytes
    assert cache.get("stage", "k1") is None and not entry.exists()

    entry.write_bytes(b"garbage")
    assert cache.get("stage", "k1") is None

    entry.write_bytes(_header("stage", "k1", b"{not json") + b"{not json")  # verifies, does not parse
    assert cache.get_json("stage", "k1") is None and not entry.exists()

    assert [why for _stage, why in cache.discarded] == [
        "truncated or damaged",
        "another entry's content",
        "not an enface cache entry",
        "unparsable",
    ]
    assert "4 cache entries did not verify" in cache.notice()


def test_least_recently_used_entries_go_first(tmp_path, monkeypatch):
    cache = Cache(tmp_path)
    size = len(_header("s", "a", b"x" * 1000)) + 1000
    monkeypatch.setenv("ENFACE_CACHE_MB", str(3.5 * size / 1024 / 1024))  # room for three
    for when, name in enumerate("abc", start=1):
        cache.put("s", name, b"x" * 1000)
        os.utime(tmp_path / CACHE_DIR / "s" / name, (when * 1000, when * 1000))
    assert cache.get("s", "a") is not None  # used: the most recent now
    stale = tmp_path / CACHE_DIR / "s" / ".left-by-a-killed-build.part"
    stale.write_bytes(b"x")
    os.utime(stale, (1, 1))
    cache.put("s", "d", b"x" * 1000)
    assert sorted(p.name for p in (tmp_path / CACHE_DIR / "s").iterdir()) == ["a", "c", "d"]


def test_a_cache_write_that_fails_leaves_nothing(tmp_path, monkeypatch):
    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fdopen", full)
    Cache(tmp_path).put("s", "k", b"data")  # a cache that cannot be written only costs time
    assert not list((tmp_path / CACHE_DIR).rglob("*.part"))


@pytest.mark.slow
def test_a_damaged_stage_is_recomputed_with_one_notice(tiny_edition, tmp_path):
    out = tmp_path / "out"
    build(tiny_edition, out, ["tei"], check_language=False)
    tei = (out / "tiny.tei.xml").read_bytes()
    text = next((out / CACHE_DIR / "text").iterdir())
    record = next((out / CACHE_DIR / "builds").iterdir()).read_bytes()
    damages = {
        "truncated or damaged": lambda: text.write_bytes(text.read_bytes()[:-100]),
        "another entry's content": lambda: text.write_bytes(record),
        "unparsable": lambda: text.write_bytes(_header("text", text.name, b"[1, 2") + b"[1, 2"),
        "not what the stage stores": lambda: text.write_bytes(_header("text", text.name, b"[]") + b"[]"),
    }
    for why, damage in damages.items():
        damage()
        shutil.rmtree(out / CACHE_DIR / "builds")  # so that the build reads its stages
        again = build(tiny_edition, out, ["tei"], check_language=False)
        assert again.rebuilt == ["text"], why
        notices = [f for f in again.findings if f.code == "cache.discarded"]
        assert len(notices) == 1 and why in notices[0].message
        assert (out / "tiny.tei.xml").read_bytes() == tei
        report = json.loads((out / "tiny.report.json").read_text(encoding="utf-8"))
        assert not [f for f in report["findings"] if f["code"] == "cache.discarded"]  # not the edition's
    assert build(tiny_edition, out, ["tei"], check_language=False).up_to_date


def test_stylesheets_reached_by_import_and_url_are_inputs(tmp_path, monkeypatch):
    from enface.writers.base import css_references, referenced_files, style_digest

    edition = tmp_path / "ed"
    (edition / "deep").mkdir(parents=True)
    (edition / "extra.css").write_text('@import "more.css";\nbody { background: url(a.png); }\n')
    (edition / "more.css").write_text("@import url(\"deep/last.css\");\nh1 { background: url('b.png'); }\n")
    (edition / "deep" / "last.css").write_text("p { background: url(../c.png) }\n")
    for name in ("a.png", "b.png", "c.png"):
        (edition / name).write_bytes(b"png")
    found = {str(p.relative_to(edition)) for p in css_references(edition / "extra.css")}
    assert found == {"more.css", "a.png", "deep/last.css", "b.png", "c.png"}
    document = SimpleNamespace(units=[], appendices=[])
    before = referenced_files(document, edition, edition / "extra.css")
    (edition / "deep" / "last.css").write_text("p { color: red }\n")
    assert referenced_files(document, edition, edition / "extra.css") != before

    import enface.paths

    data = tmp_path / "data"
    shutil.copytree(ROOT / "styles", data / "styles")
    monkeypatch.setattr(enface.paths, "_data_root", lambda: data)
    css = data / "styles" / "epub.css"
    css.write_text('@import "more-epub.css";\n' + css.read_text(encoding="utf-8"), encoding="utf-8")
    (data / "styles" / "more-epub.css").write_text("p { margin: 0 }\n")
    first = style_digest("epub.css")
    (data / "styles" / "more-epub.css").write_text("p { margin: 1em }\n")
    assert style_digest("epub.css") != first


@pytest.mark.slow
def test_a_warm_cache_still_refuses_a_source_outside_the_edition(tiny_edition, tmp_path):
    out = tmp_path / "out"
    build(tiny_edition, out, ["tei"], check_language=False)
    outside = tmp_path / "outside.txt"
    shutil.move(tiny_edition / "fr.txt", outside)
    (tiny_edition / "fr.txt").symlink_to(outside)  # the same bytes: every stage is in the cache
    with pytest.raises(EnfaceError, match="outside the edition folder"):
        build(tiny_edition, out, ["tei"], check_language=False)


@pytest.mark.slow
def test_enface_cache_info_and_clear(tiny_built):
    from typer.testing import CliRunner

    from enface.cli import app

    shown_info = CliRunner().invoke(app, ["cache", str(tiny_built), "--info"])
    assert shown_info.exit_code == 0, shown_info.output
    assert "text" in shown_info.output and "builds" in shown_info.output and "limit" in shown_info.output
    cleared = CliRunner().invoke(app, ["cache", str(tiny_built), "--clear"])
    assert cleared.exit_code == 0 and "freed" in cleared.output
    assert not (tiny_built / CACHE_DIR).exists()
    assert (tiny_built / "tiny.tei.xml").is_file()
    assert "no stage cache" in CliRunner().invoke(app, ["cache", str(tiny_built)]).output


# --- 2. all or nothing --------------------------------------------------------------------

OLD = {"x.tei.xml": b"old tei\n", "x.pdf": b"old pdf\n"}
NEW = {"x.tei.xml": b"new tei\n", "x.epub": b"new epub\n"}  # x.pdf not built: kept as it was
ORDER = ["x.report.json", "x.tei.xml", "x.pdf", "x.epub"]

# Put NEW in place, dying (os._exit: nothing cleans up) right after the Nth change to the file
# system of the commit: every rename, link, removal, folder made, counted.
KILL_COMMIT = """
import os, sys
from pathlib import Path
from enface.output import BuildLock, Release

out, kill_at = Path(sys.argv[1]), int(sys.argv[2])
calls = 0

def counted(real):
    def change(*args, **kwargs):
        global calls
        result = real(*args, **kwargs)
        calls += 1
        if calls == kill_at:
            os._exit(9)
        return result
    return change

with BuildLock(out), Release(out, %(order)r) as release:
    for name, data in %(new)r.items():
        release.write(name, data)
    for name in ("replace", "rename", "symlink", "link", "unlink", "mkdir", "rmdir"):
        setattr(os, name, counted(getattr(os, name)))
    release.commit()
"""


def commit(out: Path, files: dict[str, bytes]) -> dict[str, str]:
    out.mkdir(exist_ok=True)
    with BuildLock(out), Release(out, ORDER) as release:
        for name, data in files.items():
            release.write(name, data)
        return release.commit()


def old_folder(folder: Path, how: str) -> Path:
    if how == "managed":  # written by this enface
        commit(folder, OLD)
    else:  # written by an older enface, or copied: plain files
        folder.mkdir()
        for name, data in OLD.items():
            (folder / name).write_bytes(data)
        sums = "".join(f"{hashlib.sha256(d).hexdigest()}  {n}\n" for n, d in OLD.items())
        (folder / "SHA256SUMS").write_text(sums)
        (folder / "notes.txt").write_text("the user's own file\n")
    return folder


@pytest.mark.parametrize("how", ["managed", "plain files"])
def test_a_commit_killed_at_any_step_leaves_the_old_set_or_the_new(tmp_path, how):
    template = old_folder(tmp_path / "template", how)
    before = listed(template)
    after = {**NEW, "x.pdf": OLD["x.pdf"]}
    script = KILL_COMMIT % {"order": ORDER, "new": NEW}
    seen = []
    for kill_at in range(1, 200):
        out = tmp_path / f"kill-{kill_at}"
        shutil.copytree(template, out, symlinks=True)
        died = subprocess.run([sys.executable, "-c", script, str(out), str(kill_at)], capture_output=True, text=True)
        assert died.returncode in (0, 9), died.stderr
        now = listed(out)
        assert now in (before, after), (kill_at, now)
        assert shown(out) - {"notes.txt"} == set(now) | {"SHA256SUMS"}
        seen.append("new" if now == after else "old")
        commit(out, NEW)  # the next build: the new set, and nothing left behind
        assert listed(out) == after and not leftovers(out)
        if how != "managed":
            assert (out / "notes.txt").read_text() == "the user's own file\n"
        shutil.rmtree(out)
        if died.returncode == 0:
            break
    assert seen[0] == "old" and seen[-1] == "new" and len(seen) > 5, seen


def test_a_commit_that_fails_leaves_the_old_set(tmp_path, monkeypatch):
    out = old_folder(tmp_path / "out", "managed")
    before = listed(out)
    real, calls = os.replace, []

    def failing(src, dst, *args, **kwargs):
        calls.append(dst)
        if len(calls) == 2:  # after the first rename of the commit
            raise OSError(errno.EIO, os.strerror(errno.EIO), str(dst))
        return real(src, dst, *args, **kwargs)

    refused = pytest.raises(EnfaceError, match="cannot put the new outputs in place")
    with refused, BuildLock(out), Release(out, ORDER) as release:
        for name, data in NEW.items():
            release.write(name, data)
        monkeypatch.setattr(os, "replace", failing)
        release.commit()
    monkeypatch.undo()
    assert listed(out) == before and not leftovers(out)


@pytest.mark.slow
def test_a_build_killed_between_renames(tiny_edition, tiny_built, monkeypatch):
    before = listed(tiny_built)
    script = (
        "import os, sys, runpy\n"
        "from enface import output\n"
        "commit = output.Release.commit\n"
        "def dying(self):\n"
        "    real = os.replace\n"
        "    def once(*a, **k):\n"
        "        real(*a, **k)\n"
        "        os._exit(9)\n"
        "    os.replace = once\n"
        "    return commit(self)\n"
        "output.Release.commit = dying\n"
        "sys.argv = ['enface', *sys.argv[1:]]\n"
        "runpy.run_module('enface', run_name='__main__')\n"
    )
    args = ["build", str(tiny_edition), "--out", str(tiny_built), "-f", "tei", "--no-lang-check", "-q"]
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1000000000"}  # a new TEI
    died = subprocess.run([sys.executable, "-c", script, *args], env=env, capture_output=True, text=True)
    assert died.returncode == 9, died.stderr
    assert listed(tiny_built) == before
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1000000000")
    build(tiny_edition, tiny_built, ["tei"], check_language=False)
    assert listed(tiny_built)["tiny.tei.xml"] != before["tiny.tei.xml"] and not leftovers(tiny_built)


@pytest.mark.slow
def test_outputs_of_formats_not_built_are_kept_and_listed(tiny_edition, tmp_path):
    out = tmp_path / "out"
    build(tiny_edition, out, ["tei", "epub"], check_language=False, page_list=False)
    epub = (out / "tiny.epub").read_bytes()
    build(tiny_edition, out, ["tei"], check_language=False, page_list=False)
    assert listed(out)["tiny.epub"] == epub
    assert shown(out) == {"SHA256SUMS", "tiny.tei.xml", "tiny.report.json", "tiny.epub"}


# --- 3. one clear error from the machine's side -------------------------------------------


def test_a_folder_the_machine_will_not_write_is_one_error(tiny_edition, tiny_built, monkeypatch, capsys):
    before = digests(tiny_built)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1000000000")  # a build that would change the TEI
    real_open, real_mkdir = os.open, os.mkdir

    def read_only_open(path, flags, *args, **kwargs):
        if in_out(tiny_built, path) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        return real_open(path, flags, *args, **kwargs)

    def read_only_mkdir(path, *args, **kwargs):
        if in_out(tiny_built, path) and os.path.exists(path):
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path))
        if in_out(tiny_built, path):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        return real_mkdir(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", read_only_open)
    monkeypatch.setattr(os, "mkdir", read_only_mkdir)
    args = ["build", str(tiny_edition), "--out", str(tiny_built), "-f", "tei", "--no-lang-check", "-q"]
    code, err = run_main(monkeypatch, capsys, *args)
    assert code == 3
    assert "Read-only file system" in one_error(err) and "give --out a writable folder" in err
    monkeypatch.undo()
    assert digests(tiny_built) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes in read-only folders")
def test_a_read_only_folder_for_real(tiny_edition, tiny_built, monkeypatch, capsys):
    before = digests(tiny_built)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1000000000")
    tiny_built.chmod(0o555)
    try:
        args = ["build", str(tiny_edition), "--out", str(tiny_built), "-f", "tei", "--no-lang-check", "-q"]
        code, err = run_main(monkeypatch, capsys, *args)
    finally:
        tiny_built.chmod(0o755)
    assert code == 3 and "Permission denied" in one_error(err)
    assert digests(tiny_built) == before


def test_a_missing_parent_is_one_error(tiny_edition, tmp_path, monkeypatch, capsys):
    out = tmp_path / "no" / "such" / "out"
    code, err = run_main(monkeypatch, capsys, "build", str(tiny_edition), "--out", str(out), "-f", "tei")
    assert code == 3 and "does not exist" in one_error(err) and str(tmp_path / "no" / "such") in err
    assert not (tmp_path / "no").exists()


@pytest.mark.slow
def test_a_full_disk_is_one_error_and_leaves_no_partial_file(tiny_edition, tiny_built, monkeypatch, capsys):
    before = digests(tiny_built)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1000000000")
    real = os.fdopen

    class Full:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *_exc):
            self.handle.close()

        def write(self, data):
            self.handle.write(data[: len(data) // 2])  # half of it, then the disk is full
            self.handle.flush()
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fdopen", lambda fd, *args, **kwargs: Full(real(fd, *args, **kwargs)))
    args = ["build", str(tiny_edition), "--out", str(tiny_built), "-f", "tei", "--no-lang-check", "-q"]
    code, err = run_main(monkeypatch, capsys, *args)
    monkeypatch.undo()
    assert code == 3
    line = one_error(err)
    assert "No space left on device" in line and "the disk is full" in line
    assert digests(tiny_built) == before and not leftovers(tiny_built)


def test_permission_denied_is_one_error(tiny_edition, tiny_built, monkeypatch, capsys):
    before = digests(tiny_built)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1000000000")
    real = os.symlink

    def denied(src, dst, *args, **kwargs):
        if in_out(tiny_built, dst):
            raise OSError(errno.EACCES, os.strerror(errno.EACCES), str(dst))
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "symlink", denied)
    args = ["build", str(tiny_edition), "--out", str(tiny_built), "-f", "tei", "--no-lang-check", "-q"]
    code, err = run_main(monkeypatch, capsys, *args)
    monkeypatch.undo()
    assert code == 3 and "Permission denied" in one_error(err)
    assert digests(tiny_built) == before and not leftovers(tiny_built)


def test_a_second_build_into_the_same_folder_is_refused(tiny_edition, tiny_built):
    refused = pytest.raises(EnfaceError, match=rf"another build is writing .*out \(pid {os.getpid()}\)")
    with BuildLock(tiny_built), refused:  # a build writing the folder (this process, another lock)
        build(tiny_edition, tiny_built, ["tei"], check_language=False)


HOLD_LOCK = """
import sys, time
from pathlib import Path
from enface.output import BuildLock
with BuildLock(Path(sys.argv[1])):
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
"""


@pytest.mark.slow
def test_a_second_build_stops_or_waits(tiny_edition, tiny_built):
    def enface(*extra: str) -> subprocess.CompletedProcess:
        args = ["build", str(tiny_edition), "--out", str(tiny_built), "-f", "tei", "--no-lang-check", *extra]
        return subprocess.run([sys.executable, "-m", "enface", *args], capture_output=True, text=True, timeout=300)

    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(tiny_built), "60"], stdout=subprocess.PIPE)
    try:
        assert holder.stdout.readline().strip() == b"locked"
        refused = enface("-q")
        assert refused.returncode == 3
        assert f"another build is writing {tiny_built} (pid {holder.pid})" in one_error(refused.stderr)
        assert "--wait" in refused.stderr
    finally:
        holder.kill()
        holder.wait()
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(tiny_built), "2"], stdout=subprocess.PIPE)
    try:
        assert holder.stdout.readline().strip() == b"locked"
        waited = enface("--wait")
        assert waited.returncode == 0, waited.stderr
        assert f"waiting for the build (pid {holder.pid})" in waited.stderr
    finally:
        holder.wait()


def test_a_stale_lock_is_taken_over(tiny_edition, tiny_built):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    (tiny_built / LOCK_NAME).write_text(dead.stdout)  # a build that was killed
    build(tiny_edition, tiny_built, ["tei"], check_language=False)
    assert not (tiny_built / LOCK_NAME).exists()


def test_a_loop_of_symbolic_links_among_sources_is_one_error(tmp_path, monkeypatch, capsys):
    edition = write_edition(tmp_path / "ed", TINY, slug="tiny")
    (edition / "fr.txt").unlink()
    (edition / "fr.txt").symlink_to("loop.txt")
    (edition / "loop.txt").symlink_to("fr.txt")
    code, err = run_main(monkeypatch, capsys, "build", str(edition), "--out", str(tmp_path / "out"), "-f", "tei")
    assert code == 3 and "loop" in one_error(err) and "fr.txt" in err
    assert not (tmp_path / "out").exists()


def test_an_output_folder_in_the_edition_is_refused(tiny_edition):
    for out in (tiny_edition, tiny_edition / "build", tiny_edition / "." / "x" / ".."):
        with pytest.raises(EnfaceError, match="inside the edition folder"):
            build(tiny_edition, out, ["tei"], check_language=False)
    assert not (tiny_edition / "build").exists()


@pytest.mark.parametrize("epoch", ["32503680000", "0", "-1", "315532799", "4354819200", str(10**30)])
def test_a_build_date_no_zip_or_pdf_can_hold_is_refused_first(tiny_edition, tmp_path, monkeypatch, epoch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    started = time.monotonic()
    with pytest.raises(EnfaceError, match="between 1980-01-01 and 2107-12-31"):
        build(tiny_edition, tmp_path / "out", ["tei", "epub", "pdf"])
    assert time.monotonic() - started < 5 and not (tmp_path / "out").exists()


def test_the_first_and_last_dates_a_zip_holds_are_taken(tiny_edition, monkeypatch):
    from enface.dates import build_datetime

    for epoch, year in (("315532800", 1980), ("4354819199", 2107)):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
        assert build_datetime(tiny_edition).year == year


def test_a_year_3000_build_is_one_error_on_the_command_line(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "32503680000")
    code, err = run_main(monkeypatch, capsys, "build", "--out", str(tmp_path / "out"))
    assert code == 3 and "3000-01-01" in one_error(err)


@pytest.fixture(scope="module")
def full_tiny(tmp_path_factory) -> tuple[Path, Path]:
    """The tiny edition with its TEI, EPUB and PDF (built once for the module)."""
    root = tmp_path_factory.mktemp("full")
    edition = write_edition(root / "tiny", TINY, slug="tiny")
    build(edition, root / "out", ["tei", "epub", "pdf"], check_language=False)
    return edition, root / "out"


@pytest.mark.slow
def test_check_reports_damaged_outputs_as_failed_checks(full_tiny, tmp_path, monkeypatch, capsys):
    from enface.commands.check import run_checks

    edition, built = full_tiny
    out = tmp_path / "damaged"
    out.mkdir()
    for name in ("tiny.tei.xml", "tiny.epub", "tiny.pdf"):
        data = (built / name).read_bytes()
        (out / name).write_bytes(data[: len(data) * 2 // 3])  # cut short
    report = run_checks(edition, out, epubcheck=False)
    failed = {(o.output, o.check) for o in report.outcomes if not o.ok}
    assert failed == {("tiny.tei.xml", "intact"), ("tiny.epub", "intact"), ("tiny.pdf", "intact")}
    code, err = run_main(monkeypatch, capsys, "check", str(out), "--edition", str(edition), "--no-epubcheck")
    assert code == 1 and "Traceback" not in err and "3 check(s) failed" in err


def test_check_without_edition_names_the_edition_whose_outputs_are_there(full_tiny, tmp_path, monkeypatch, capsys):
    """Outputs of another edition than the default one: the error says whose they are and how
    to name its folder, not only that the bundled edition's are missing."""
    _edition, built = full_tiny
    out = tmp_path / "elsewhere"
    out.mkdir()
    shutil.copy(built / "tiny.tei.xml", out)
    code, err = run_main(monkeypatch, capsys, "check", str(out), "--no-epubcheck")
    message = one_error(err)
    assert code == 3 and "'tiny'" in message and "--edition" in message
    code, err = run_main(monkeypatch, capsys, "check", str(tmp_path / "elsewhere-empty"), "--no-epubcheck")
    assert code == 3 and "run `enface build` first" in one_error(err)


@pytest.mark.slow
def test_check_passes_whole_outputs(full_tiny):
    from enface.commands.check import run_checks

    edition, built = full_tiny
    report = run_checks(edition, built, epubcheck=False)
    assert report.ok, [o for o in report.outcomes if not o.ok]


@pytest.mark.slow
def test_check_runs_epubcheck_while_it_reads_the_pdf(full_tiny, monkeypatch):
    """EPUBCheck's JVM is started before the PDF is read (a background thread waiting on it),
    once, and the EPUB's check takes its result."""
    from enface.checks import epubcheck, layout
    from enface.commands.check import run_checks

    edition, built = full_tiny
    started = threading.Event()
    calls: list[str] = []

    def fake(path):
        calls.append(threading.current_thread().name)
        started.set()
        return epubcheck.EpubCheckResult([], [], [])

    measure = layout.inspect_layout
    waited: list[bool] = []

    def inspect_layout(path):
        waited.append(started.wait(30))  # EPUBCheck already running: no wait
        return measure(path)

    monkeypatch.setattr(epubcheck, "_epubcheck", fake)
    monkeypatch.setattr(layout, "inspect_layout", inspect_layout)
    report = run_checks(edition, built)
    assert report.ok, [o for o in report.outcomes if not o.ok]
    assert ("tiny.epub", "EPUBCheck") in {(o.output, o.check) for o in report.outcomes}
    assert waited == [True]
    assert len(calls) == 1 and calls[0].startswith("epubcheck"), calls
    assert epubcheck._EARLY == {}


def test_epubcheck_started_early_is_waited_for_not_run_again(tmp_path, monkeypatch):
    from enface.checks import epubcheck

    calls: list[tuple[str, str]] = []

    def fake(path):
        calls.append((path.name, threading.current_thread().name))
        return epubcheck.EpubCheckResult([], [f"W {path.name}"], [])

    monkeypatch.setattr(epubcheck, "_epubcheck", fake)
    books = []
    for name in ("a.epub", "b.epub", "c.epub"):
        books.append(tmp_path / name)
        books[-1].write_bytes(os.urandom(32))  # bytes of its own: no result of another test's
    with epubcheck.early(books[:2]):
        results = [epubcheck.run_epubcheck(book) for book in reversed(books[:2])]
    assert [r.warnings for r in results] == [["W b.epub"], ["W a.epub"]]
    assert sorted(name for name, _thread in calls) == ["a.epub", "b.epub"]
    assert all(thread.startswith("epubcheck") for _name, thread in calls)
    assert epubcheck._EARLY == {}
    assert epubcheck.run_epubcheck(books[2]).warnings == ["W c.epub"]  # not started early: run now
    assert calls[-1] == ("c.epub", threading.current_thread().name)


def test_epubcheck_jvm_options_go_to_the_jvm_only(tmp_path, monkeypatch):
    """The JVM options are in the JVM's environment, the user's own after them (they win);
    this process's environment is left as it was. Messages go by severity."""
    from enface.checks import epubcheck

    monkeypatch.setenv("JAVA_TOOL_OPTIONS", "-Xmx2g")
    seen: dict = {}
    report = {
        "checker": {"filename": str(tmp_path / "x.epub")},
        "messages": [
            {
                "ID": "RSC-005",
                "severity": severity,
                "message": "bad",
                "suggestion": None,
                "locations": [{"path": "EPUB/a.xhtml", "line": 3, "column": -1}],
            }
            for severity in ("ERROR", "WARNING", "USAGE")
        ],
    }

    def run(command, **kwargs):
        seen.update(kwargs, command=command)
        return subprocess.CompletedProcess(command, 1, json.dumps(report).encode(), None)

    monkeypatch.setattr(epubcheck.subprocess, "run", run)
    result = epubcheck._epubcheck(tmp_path / "x.epub")
    assert seen["env"]["JAVA_TOOL_OPTIONS"] == f"{epubcheck.JVM_OPTIONS} -Xmx2g"
    assert os.environ["JAVA_TOOL_OPTIONS"] == "-Xmx2g"
    assert seen["command"][-4:] == ["--profile", "default", "--json", "-"]
    location = f"{tmp_path / 'x.epub'}/EPUB/a.xhtml:3"
    assert result.errors == [f"RSC-005 {location}: bad"] and result.warnings == [f"RSC-005 {location}: bad"]
    assert len(result.infos) == 1 and not result.ok


def test_epubcheck_without_a_report_is_one_clear_error(tmp_path, monkeypatch):
    """A JVM that does not start (or EPUBCheck stopping before its report) is said in one line,
    with its last word and what to do, not a JSON traceback."""
    from enface.checks import epubcheck

    def run(command, **kwargs):
        return subprocess.CompletedProcess(command, 1, b"", b"Error: could not create the Java Virtual Machine.\n")

    monkeypatch.setattr(epubcheck.subprocess, "run", run)
    with pytest.raises(EnfaceError, match="no report on x.epub .exit 1: Error: could not create the Java") as caught:
        epubcheck._epubcheck(tmp_path / "x.epub")
    assert "--no-epubcheck" in (caught.value.hint or "")


# --- 4. limits and progress ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("limits", "message"),
    [
        ("source_mb = 0.0001", "more than the 0.0001 MB a source may have"),
        ("edition_mb = 0.0002", "more than the 0.0002 MB an edition may have"),
        ("paragraphs = 2", "3 paragraphs, more than the 2 a source may have"),
    ],
)
def test_limits_refuse_with_the_reason(tmp_path, limits, message):
    edition = write_edition(tmp_path / "ed", TINY, slug="tiny")
    manifest = edition / "edition.toml"
    manifest.write_text(manifest.read_text(encoding="utf-8") + f"\n[limits]\n{limits}\n", encoding="utf-8")
    with pytest.raises(EnfaceError, match=message.replace("(", r"\(")) as refused:
        build(edition, tmp_path / "out", ["tei"], check_language=False)
    assert "[limits]" in str(refused.value)


# A 4 MB source read before the refusal (seconds of CPU): in `make test-books`; the limit itself is
# refused in `make test` too (test_limits_refuse_with_the_reason, paragraphs = 2)
@pytest.mark.books
def test_a_million_one_word_paragraphs_are_refused_up_front(tmp_path):
    texts = dict(TINY)
    texts["fr.txt"] = ("fr", "translation", "mot\n" * 1_000_000)
    edition = write_edition(tmp_path / "ed", texts, slug="tiny")
    started = time.monotonic()
    with pytest.raises(EnfaceError, match="1,000,000 paragraphs, more than the 50,000"):
        build(edition, tmp_path / "out", ["tei"], check_language=False)
    assert time.monotonic() - started < 60
    assert not (tmp_path / "out" / "tiny.tei.xml").exists()


def test_long_stages_count_their_progress(tiny_edition, tmp_path):
    counts = []
    with progress.showing(lambda what, done, total: counts.append((what, done, total))):
        build(tiny_edition, tmp_path / "out", ["tei"], check_language=False)
    assert ("reading sources", 2, 2) in counts
    assert next(c for c in counts if c[0] == "aligning divisions") == ("aligning divisions", 0, 1)
    counts.clear()
    build(tiny_edition, tmp_path / "again", ["tei"], check_language=False)
    assert counts == []  # nothing shows them: nothing counted


def test_the_progress_display_shows_counts_on_a_terminal_only():
    from rich.console import Console

    from enface.cli import _stages

    terminal = Console(file=io.StringIO(), force_terminal=True, width=100)
    with _stages(terminal) as stage:
        stage("reading, checking and aligning the sources")
        progress.count("reading sources", 1, 3)
        terminal.file.flush()
    assert "reading sources" in terminal.file.getvalue() and "1/3" in terminal.file.getvalue()

    for console in (Console(file=io.StringIO(), width=100), Console(file=io.StringIO(), quiet=True)):
        with _stages(console) as stage:
            stage("reading, checking and aligning the sources")
            progress.count("reading sources", 1, 3)
        assert "reading sources" not in console.file.getvalue()  # the stage line only, or nothing
    assert console.file.getvalue() == ""
