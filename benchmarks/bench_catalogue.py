"""Cold-process time of `glutewake exercises --json` (aim: under 200 ms on a 2-core machine).

Runs the installed command in fresh processes and prints the median, p90 and min wall time and
the CPU time (user + system) of each process, which a busy machine distorts far less.
"""

from __future__ import annotations

import os
import resource
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


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_once(cmd: list[str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one fresh process."""
    cpu_before = children_cpu()
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start, children_cpu() - cpu_before


def describe(label: str, times: list[float]) -> str:
    times = sorted(times)
    p90 = times[int(0.9 * (len(times) - 1))]
    return (
        f"  {label}: median {statistics.median(times) * 1000:.0f} ms, "
        f"p90 {p90 * 1000:.0f} ms, min {times[0] * 1000:.0f} ms (aim: under 200 ms)"
    )


def main() -> None:
    cmd = command()
    time_once(cmd)  # warm the OS file cache; the process itself stays cold every run
    runs = [time_once(cmd) for _ in range(RUNS)]
    print(f"glutewake exercises --json, {RUNS} cold processes, load {os.getloadavg()[0]:.1f}:")
    print(describe("wall", [wall for wall, _ in runs]))
    print(describe("CPU ", [cpu for _, cpu in runs]))


if __name__ == "__main__":
    main()
