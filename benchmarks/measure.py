"""Run one command and print its wall time and the peak RSS of everything it started.

Used by bench.py in a fresh process per measurement, so that RUSAGE_CHILDREN holds
the command's own peak (and its worker processes') and nothing else.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time


def main() -> None:
    command = sys.argv[1:]
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True)
    wall = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(
        json.dumps(
            {"wall": wall, "rss_mb": peak_kib / 1024, "returncode": result.returncode, "stderr": result.stderr[-2000:]}
        )
    )


if __name__ == "__main__":
    main()
