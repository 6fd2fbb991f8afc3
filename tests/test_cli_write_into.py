"""`-o` naming a device, a pipe or a link: written into, never replaced (``-o /dev/null`` run as
root replaced the device with a file)."""

import os
import threading
from pathlib import Path

from enface.cli import _write_file


def test_a_named_pipe_is_written_into_not_replaced(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(pipe.read_bytes()))
    reader.start()
    _write_file(pipe, b"bead 1\n")
    reader.join(timeout=10)
    assert got == [b"bead 1\n"]
    assert pipe.is_fifo()  # still the pipe, not a file put in its place


def test_a_link_is_written_through_and_stays_a_link(tmp_path: Path) -> None:
    target = tmp_path / "real.json"
    target.write_bytes(b"old")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    _write_file(link, b"new")
    assert link.is_symlink() and target.read_bytes() == b"new"


def test_a_regular_file_is_replaced_whole(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    out.write_bytes(b"old")
    _write_file(out, b"new")
    assert out.read_bytes() == b"new" and not out.is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]  # nothing staged left behind
