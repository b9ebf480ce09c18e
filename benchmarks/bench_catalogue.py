"""Cold-process time of `glutewake exercises --json` (aim: under 300 ms on a 2-core machine).

Runs the installed command in fresh processes and prints the median, p90 and min wall time.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

RUNS = 30


def command() -> list[str]:
    installed = Path(sys.executable).with_name("glutewake")
    if installed.exists():
        return [str(installed), "exercises", "--json"]
    found = shutil.which("glutewake")
    if found is None:
        sys.exit("glutewake is not installed: run `make test` or `pip install -e .` first")
    return [found, "exercises", "--json"]


def time_once(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    cmd = command()
    time_once(cmd)  # warm the OS file cache; the process itself stays cold every run
    times = sorted(time_once(cmd) for _ in range(RUNS))
    p90 = times[int(0.9 * (RUNS - 1))]
    print(f"glutewake exercises --json, {RUNS} cold processes:")
    print(
        f"  median {statistics.median(times) * 1000:.0f} ms, p90 {p90 * 1000:.0f} ms, "
        f"min {times[0] * 1000:.0f} ms (aim: under 300 ms)"
    )


if __name__ == "__main__":
    main()
