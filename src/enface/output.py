"""Atomic output: a build either replaces all its outputs or none of them, and one build
at a time writes an output folder.

:class:`Release` (a build's outputs) keeps every set of outputs in a folder of its own,
``OUT/.enface-outputs/g-…``; ``OUT/.enface-outputs/current`` is a symbolic link to the set
in use, and each output ``OUT/NAME`` (``SHA256SUMS`` too) a symbolic link to
``.enface-outputs/current/NAME``. A build stages its files beside their targets
(``OUT/.NAME.….part``), moves them into a new set folder with the outputs of formats not
built this time (carried over unchanged: hard links) and a ``SHA256SUMS`` of the whole set,
then switches ``current`` to it with one atomic rename. Killed or failing at any point, the
folder shows the whole previous set or the whole new one, and ``sha256sum -c SHA256SUMS``
passes either way; the next build removes what a killed one left behind.

An output folder written by an older enface (or copied without its links) holds plain files:
the first build moves them under ``.enface-outputs`` the same way, the content in place
never changing but at the switch. On a file system without symbolic links (FAT, exFAT)
the outputs are renamed into place one by one, ``SHA256SUMS`` last.

:class:`BuildLock` is ``OUT/.enface.lock``, holding the pid of the build that writes the
folder, locked with ``flock`` (so a lock left by a killed build is free again: taken over).

:class:`Staging` writes single files whole (``enface align --out``): each staged beside
its target and renamed into place.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import os
import secrets
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from types import TracebackType

from .errors import EnfaceError, machine_error

OUTPUTS_DIR = ".enface-outputs"
CURRENT = "current"
LOCK_NAME = ".enface.lock"
SUMS = "SHA256SUMS"
STALE_PART_SECONDS = 600  # a plain Staging (no lock) removes only parts this old
_NO_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOSYS, errno.EINVAL}


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


class Staging:
    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self._pending: list[tuple[Path, Path]] = []
        self._digests: dict[str, str] = {}

    def __enter__(self) -> Staging:
        try:
            self.out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise machine_error(exc, "cannot create the output folder", self.out_dir) from None
        self._remove_parts(older_than=STALE_PART_SECONDS)
        return self

    def _remove_parts(self, older_than: float = 0) -> None:
        """Remove the temporary files a killed build left (``.*.part``)."""
        now = time.time()
        with contextlib.suppress(OSError):
            for stale in self.out_dir.glob(".*.part"):
                with contextlib.suppress(OSError):
                    if not older_than or now - stale.lstat().st_mtime > older_than:
                        _remove(stale)

    def write(self, name: str, data: bytes) -> Path:
        target = self.out_dir / name
        tmp = None
        try:
            fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".part", dir=self.out_dir)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, 0o644)
        except BaseException as exc:
            if tmp is not None:
                Path(tmp).unlink(missing_ok=True)  # no partial file stays behind
            if isinstance(exc, OSError):
                raise machine_error(exc, f"cannot write {name}", self.out_dir) from None
            raise
        self._pending.append((Path(tmp), target))
        self._digests[name] = hashlib.sha256(data).hexdigest()
        return target

    def write_folder(self, name: str, files: dict[str, bytes]) -> Path:
        """A folder output (``OUT/NAME/``, the web edition): ``files`` by their path inside it,
        with a ``SHA256SUMS`` of them, staged as a whole folder and put in place like a file.
        Its digest (in the build's ``SHA256SUMS``, as ``NAME/SHA256SUMS``) is that list's."""
        target = self.out_dir / name
        tmp = None
        try:
            tmp = Path(tempfile.mkdtemp(prefix=f".{name}.", suffix=".part", dir=self.out_dir))
            os.chmod(tmp, 0o755)
            for rel, data in files.items():
                path = tmp / rel
                if not path.resolve().is_relative_to(tmp.resolve()) or rel == SUMS:
                    raise ValueError(f"{rel!r} cannot be a file of a folder output")
                if not path.parent.is_dir():
                    path.parent.mkdir(mode=0o755, parents=True)
                _write(path, data)
            sums = folder_sums(files)
            _write(tmp / SUMS, sums)
            _fsync_dir(tmp)
        except BaseException as exc:
            if tmp is not None:
                shutil.rmtree(tmp, ignore_errors=True)
            if isinstance(exc, OSError):
                raise machine_error(exc, f"cannot write {name}", self.out_dir) from None
            raise
        self._pending.append((tmp, target))
        self._digests[name] = hashlib.sha256(sums).hexdigest()
        return target

    def pending(self) -> list[tuple[Path, Path]]:
        """(temporary file, final path) of every output written so far."""
        return list(self._pending)

    def commit(self) -> list[Path]:
        done = []
        try:
            for tmp, target in self._pending:
                os.replace(tmp, target)
                done.append(target)
        except OSError as exc:
            raise machine_error(exc, "cannot put the file in place", self.out_dir) from None
        self._pending.clear()
        return done

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        for tmp, _target in self._pending:
            with contextlib.suppress(OSError):
                _remove(tmp)
        self._pending.clear()


def folder_sums(files: dict[str, bytes]) -> bytes:
    """The ``SHA256SUMS`` of a folder output's files (``sha256sum -c`` reads it inside the folder)."""
    return "".join(f"{hashlib.sha256(files[rel]).hexdigest()}  {rel}\n" for rel in sorted(files)).encode()


def folder_digest(folder: Path) -> str | None:
    """A folder output's digest (its ``SHA256SUMS``'s) when every file it lists has its bytes,
    else ``None`` (a file changed, missing or added)."""
    try:
        sums = (folder / SUMS).read_bytes()
        listed = {}
        for line in sums.decode("utf-8").splitlines():
            digest, _, name = line.partition("  ")
            listed[name] = digest
        present = {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()} - {SUMS}
        if present != set(listed):
            return None
        for name, digest in listed.items():
            if hashlib.sha256((folder / name).read_bytes()).hexdigest() != digest:
                return None
    except (OSError, UnicodeDecodeError):
        return None
    return hashlib.sha256(sums).hexdigest()


def _remove(path: Path) -> None:
    """Remove a staged file, or a staged folder (a folder output)."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def _sums_name(name: str, path: Path) -> str:
    """How ``SHA256SUMS`` names an output: a folder by its own list, ``NAME/SHA256SUMS``."""
    return f"{name}/{SUMS}" if path.is_dir() else name


class Release(Staging):
    """A build's outputs, put in place together (see the module's doc). Hold the folder's
    :class:`BuildLock` while it is open. ``order`` ranks the names in ``SHA256SUMS``
    (others after, by name)."""

    def __init__(self, out_dir: Path, order: Iterable[str] = ()) -> None:
        super().__init__(out_dir)
        self.store = out_dir / OUTPUTS_DIR
        self._order = {name: i for i, name in enumerate(order)}
        self._new_set: Path | None = None
        self._new_links: list[Path] = []
        self.carried: list[str] = []  # outputs of formats not built this time, kept as they were

    def __enter__(self) -> Release:
        try:
            self.out_dir.mkdir(exist_ok=True)
        except OSError as exc:
            raise machine_error(exc, "cannot create the output folder", self.out_dir) from None
        self._remove_parts()  # the lock is held: any part is a killed build's
        self._collect()
        return self

    def _link_text(self, name: str) -> str:
        return f"{OUTPUTS_DIR}/{CURRENT}/{name}"

    def _ours(self, path: Path) -> bool:
        try:
            return path.is_symlink() and os.readlink(path) == self._link_text(path.name)
        except OSError:
            return False

    def _rank(self, name: str) -> tuple[int, str]:
        return (self._order.get(name, len(self._order)), name)

    def commit(self) -> dict[str, str]:  # type: ignore[override]
        """Put the staged outputs in place, with the outputs of other formats kept and one
        ``SHA256SUMS`` for all: ``{name: sha256}`` of the set now in place, SHA256SUMS last."""
        try:
            return self._commit()
        except OSError as exc:
            raise machine_error(exc, "cannot put the new outputs in place", self.out_dir) from None

    def _commit(self) -> dict[str, str]:
        out, store = self.out_dir, self.store
        previous = self._previous()
        store.mkdir(exist_ok=True)
        new = _new_set(store)
        self._new_set = new
        digests = {}
        for tmp, target in self._pending:
            os.replace(tmp, new / target.name)
            digests[target.name] = self._digests[target.name]
        self._pending.clear()
        for name, path in previous.items():
            if name not in digests and name != SUMS and (path.is_file() or (path / SUMS).is_file()):
                _carry(path, new / name)
                listed = new / name / SUMS if (new / name).is_dir() else new / name
                digests[name] = hashlib.sha256(listed.read_bytes()).hexdigest()
                self.carried.append(name)
        digests = {name: digests[name] for name in sorted(digests, key=self._rank)}
        sums = "".join(f"{digest}  {_sums_name(name, new / name)}\n" for name, digest in digests.items()).encode()
        _write(new / SUMS, sums)
        digests[SUMS] = hashlib.sha256(sums).hexdigest()
        _fsync_dir(new)
        if not _links_work(store):
            return self._commit_file_by_file(new, digests)
        self._adopt([*digests, *previous])
        for name in digests:
            link = out / name
            if not link.is_symlink():  # a new output: its link dangles until the switch
                _symlink(self._link_text(name), link)
                self._new_links.append(link)
        _switch(store, new.name)  # the one step that changes what the folder shows
        self._new_set, self._new_links = None, []
        _fsync_dir(store)
        _fsync_dir(out)
        self._collect(names=set(digests))
        return digests

    def _previous(self) -> dict[str, Path]:
        """The outputs listed in the ``SHA256SUMS`` in place: ``{name: path}``."""
        try:
            lines = (self.out_dir / SUMS).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            return {}
        listed = {}
        for line in lines:
            digest, sep, name = line.partition("  ")
            if name.endswith(f"/{SUMS}"):  # a folder output, listed by its own SHA256SUMS
                name = name[: -len(SUMS) - 1]
            if sep and len(digest) == 64 and name and "/" not in name and not name.startswith("."):
                listed[name] = self.out_dir / name
        return listed

    def _adopt(self, names: Iterable[str]) -> None:
        """Make ``current`` a link and every output in view one of ours, the content in view
        never changing (a folder written by an older enface, or copied without its links)."""
        out, current = self.out_dir, self.store / CURRENT
        names = list(dict.fromkeys(names))
        foreign = [n for n in names if (out / n).exists() or (out / n).is_symlink()]
        foreign = [n for n in foreign if not self._ours(out / n)]
        if not foreign and (current.is_symlink() or not current.exists()):
            return  # in order already, or a first build: nothing in view to keep
        kept = _new_set(self.store)
        for name in names:
            if (out / name).is_file() or (out / name).is_dir():
                _carry(out / name, kept / name)
        _fsync_dir(kept)
        if current.exists() and not current.is_symlink():  # a copied folder: a real folder
            os.replace(current, self.store / f".old-{secrets.token_hex(4)}")
        _switch(self.store, kept.name)
        for name in foreign:
            _symlink(self._link_text(name), out / name, replace=True)

    def _commit_file_by_file(self, new: Path, digests: dict[str, str]) -> dict[str, str]:
        for name in digests:  # SHA256SUMS last
            if (new / name).is_dir() and (self.out_dir / name).is_dir():  # a folder output: the old one aside
                old = self.out_dir / f".{name}.{secrets.token_hex(4)}.part"
                os.replace(self.out_dir / name, old)
                shutil.rmtree(old, ignore_errors=True)
            os.replace(new / name, self.out_dir / name)
        shutil.rmtree(new, ignore_errors=True)
        self._new_set = None
        _fsync_dir(self.out_dir)
        return digests

    def _collect(self, names: set[str] | None = None) -> None:
        """Remove the sets not in use and, after a switch, our links to outputs no longer there."""
        try:
            target = os.readlink(self.store / CURRENT)
        except OSError:
            target = None
        with contextlib.suppress(OSError):
            for child in self.store.iterdir():
                if child.name in (CURRENT, target):
                    continue
                if child.is_dir() and not child.is_symlink():
                    shutil.rmtree(child, ignore_errors=True)
                else:
                    child.unlink(missing_ok=True)
        if names is not None:
            with contextlib.suppress(OSError):
                for entry in self.out_dir.iterdir():
                    if entry.name not in names and self._ours(entry) and not entry.exists():
                        entry.unlink(missing_ok=True)

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        super().__exit__(exc_type, exc, tb)
        for link in self._new_links:  # links made for a switch that did not happen
            with contextlib.suppress(OSError):
                link.unlink(missing_ok=True)
        if self._new_set is not None:
            shutil.rmtree(self._new_set, ignore_errors=True)
        self._new_set, self._new_links = None, []


def _new_set(store: Path) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="g-", dir=store))
    os.chmod(folder, 0o755)  # as readable as the outputs in it
    return folder


def _write(path: Path, data: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.chmod(path, 0o644)


def _carry(source: Path, target: Path) -> None:
    """``target`` with the bytes of ``source`` (a hard link to the file behind it, else a copy;
    a folder output file by file)."""
    real = Path(os.path.realpath(source))
    if real.is_dir():
        target.mkdir(mode=0o755)
        for child in sorted(real.iterdir()):
            _carry(child, target / child.name)
        return
    try:
        os.link(real, target)
    except OSError:
        shutil.copyfile(real, target)
        os.chmod(target, 0o644)


def _symlink(text: str, path: Path, *, replace: bool = False) -> None:
    if not replace:
        os.symlink(text, path)
        return
    tmp = path.parent / f".{path.name}.{secrets.token_hex(4)}.part"
    os.symlink(text, tmp)
    try:
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def _switch(store: Path, target: str) -> None:
    """``store/current`` → ``target``, in one atomic rename."""
    tmp = store / f".{CURRENT}.{secrets.token_hex(4)}"
    os.symlink(target, tmp)
    try:
        os.replace(tmp, store / CURRENT)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def _links_work(folder: Path) -> bool:
    probe = folder / f".probe.{secrets.token_hex(4)}"
    try:
        os.symlink(CURRENT, probe)
    except OSError as exc:
        if exc.errno in _NO_LINKS:
            return False
        raise
    probe.unlink()
    return True


class BuildLock:
    """``OUT/.enface.lock``: one build writes an output folder at a time. A second one is
    refused ("another build is writing OUT (pid N)"), or with ``wait`` waits for the first
    (``waiting(pid)`` is called once). The lock is ``flock``-ed, so the kernel frees it when
    its build dies, even killed: the file a dead build left is taken over."""

    def __init__(
        self, out_dir: Path, *, wait: bool = False, waiting: Callable[[int | None], None] = lambda _pid: None
    ) -> None:
        self.out_dir = out_dir
        self.path = out_dir / LOCK_NAME
        self.wait = wait
        self.waiting = waiting
        self._fd: int | None = None

    def __enter__(self) -> BuildLock:
        self.acquire()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()

    def acquire(self) -> None:
        told = False
        while True:
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
            except OSError as exc:
                raise machine_error(exc, "cannot write in the output folder", self.out_dir) from None
            try:
                if self._lock(fd, told):
                    self._fd = fd
                    os.ftruncate(fd, 0)
                    os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
                    return
            except BaseException as exc:
                os.close(fd)
                if isinstance(exc, OSError):
                    raise machine_error(exc, "cannot lock the output folder", self.out_dir) from None
                raise
            os.close(fd)
            told = True

    def _lock(self, fd: int, told: bool) -> bool:
        """Lock ``fd``; ``False`` when the file was replaced meanwhile (try again)."""
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read_pid(fd)
            if not self.wait:
                raise EnfaceError(
                    f"another build is writing {self.out_dir} (pid {holder if holder else '?'})",
                    hint="wait for it to finish, or run with --wait",
                ) from None
            if not told:
                self.waiting(holder)
            fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError as exc:
            if exc.errno not in (errno.ENOLCK, errno.EOPNOTSUPP, errno.EINVAL):
                raise
            return self._lock_by_pid(fd, told)
        try:
            return os.path.samestat(os.fstat(fd), os.stat(self.path))
        except FileNotFoundError:
            return False  # released (and removed) while we waited

    def _lock_by_pid(self, fd: int, told: bool) -> bool:
        """Where ``flock`` is not supported: the pid in the file, if that process lives."""
        while True:
            holder = _read_pid(fd)
            if not holder or holder == os.getpid() or not _alive(holder):
                return True
            if not self.wait:
                raise EnfaceError(
                    f"another build is writing {self.out_dir} (pid {holder})",
                    hint="wait for it to finish, or run with --wait",
                )
            if not told:
                self.waiting(holder)
                told = True
            time.sleep(0.5)

    def release(self) -> None:
        if self._fd is None:
            return
        with contextlib.suppress(OSError):
            if os.path.samestat(os.fstat(self._fd), os.stat(self.path)):
                self.path.unlink()
        os.close(self._fd)
        self._fd = None


def _read_pid(fd: int) -> int | None:
    try:
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
        return int(text) if text else None
    except (OSError, ValueError):
        return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
