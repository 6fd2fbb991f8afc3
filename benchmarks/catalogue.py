"""Catalogue builds: editions per minute with 1 and 2 local jobs and on a Dask LocalCluster.

The work is a five-language text of the bilinguator corpus (``../shared/corpora/bilinguator/``,
not part of the project), converted to Markdown in a temporary folder as
``benchmarks/bilinguator.py`` does (its ``edition()``); the catalogue makes all 10 pairs of
its languages. Each configuration builds cold (a fresh OUT, no stage cache). The machine's
load average is printed with each run: on a shared machine, read the figures with it.

    .venv/bin/python benchmarks/catalogue.py [WORK] [--formats tei,epub,pdf] [--skip-cluster]
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bilinguator import edition  # the corpus → Markdown conversion, reused

LANGS = ["en", "fr", "de", "ru", "id"]


def _catalogue(folder: Path, work: str, formats: list[str]) -> Path:
    texts = folder / work
    texts.mkdir()
    edition(work, LANGS, texts)
    path = folder / "catalogue.toml"
    path.write_text(
        f'title = "Benchmark"\n\n[[works]]\nedition = "{work}"\npairs = "all"\nformats = {formats!r}\n'.replace(
            "'", '"'
        ),
        encoding="utf-8",
    )
    return path


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(path: Path, out: Path, label: str, **how) -> dict:
    from enface.catalogue.run import build_catalogue

    load_before, cpu_before = os.getloadavg()[0], _children_cpu()
    started = time.perf_counter()
    result = build_catalogue(path, out, **how)
    took = time.perf_counter() - started
    cpu = _children_cpu() - cpu_before  # local workers' CPU time (reaped when the pool closes)
    failed = [f"{o.folder}: {o.reason}" for o in result.failed]
    built = result.count("built")
    row = {
        "label": label,
        "editions": built,
        "seconds": took,
        "per_minute": built / took * 60,
        "cpu": cpu,
        "load": (load_before, os.getloadavg()[0]),
        "failed": failed,
    }
    print(
        f"{label:<28} {built:>2} editions in {took:6.1f} s = {row['per_minute']:5.2f} /min"
        + (f"   worker CPU {cpu:6.1f} s" if "jobs" in how else "")
        + f"   load average {load_before:.1f} → {row['load'][1]:.1f}",
        flush=True,
    )
    for line in failed:
        print(f"  failed {line}")
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("work", nargs="?", default="den_standhaftige_tinsoldat")
    parser.add_argument("--formats", default="tei,epub,pdf")
    parser.add_argument("--skip-cluster", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1767225600")
    print(f"{os.cpu_count()} cores; load average now {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory(prefix="enface-bench-catalogue-") as tmp:
        folder = Path(tmp)
        path = _catalogue(folder, args.work, args.formats.split(","))
        rows = [
            run(path, folder / "out-j1", "local, --jobs 1", jobs=1),
            run(path, folder / "out-j2", "local, --jobs 2", jobs=2),
        ]
        if not args.skip_cluster:
            from distributed import LocalCluster

            with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
                rows.append(
                    run(path, folder / "out-dask", "Dask LocalCluster, 2 workers", scheduler=cluster.scheduler_address)
                )
        reference = _visible(folder / "out-j1")
        differ = sorted(
            f"{row_out}/{name}"
            for row_out in ("out-j2", "out-dask")[: len(rows) - 1]
            for name, data in _visible(folder / row_out).items()
            if reference.get(name) != data
        )
    one, two = rows[0]["seconds"], rows[1]["seconds"]
    print(f"--jobs 2 is {one / two:.2f}× --jobs 1 (target 1.7×)")
    print("outputs identical across runs" if not differ else f"outputs that differ from --jobs 1: {', '.join(differ)}")


def _visible(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(out).parts)
    }


if __name__ == "__main__":
    main()
