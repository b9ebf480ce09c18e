"""Cold-process time of `glutewake exercises --json` (aim: under 200 ms on a 2-core machine).

Runs the installed command in fresh processes and prints the median, p90 and min wall time and
the CPU time (user + system) of each process, which a busy machine distorts far less, with the
load average. ``--compare DIR`` alternates each run with the same command on another checkout
(``PYTHONPATH=DIR/src``, e.g. ``git worktree add /tmp/base HEAD``), so that both see the same
load:

    .venv/bin/python benchmarks/bench_catalogue.py [--runs 40] [--compare /tmp/base]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path


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


def time_once(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one fresh process."""
    cpu_before = children_cpu()
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start, children_cpu() - cpu_before


def describe(label: str, times: list[float]) -> str:
    times = sorted(times)
    p90 = times[int(0.9 * (len(times) - 1))]
    return (
        f"  {label}: median {statistics.median(times) * 1000:.0f} ms, "
        f"p90 {p90 * 1000:.0f} ms, min {times[0] * 1000:.0f} ms (aim: under 200 ms)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--compare", type=Path, help="another checkout, run alternately")
    args = parser.parse_args()
    cmd = command()
    envs = {"this tree": dict(os.environ)}
    if args.compare:
        envs[str(args.compare)] = {**os.environ, "PYTHONPATH": str(args.compare / "src")}
    for env in envs.values():
        time_once(cmd, env)  # warm the OS file cache; each process itself stays cold
    runs: dict[str, list[tuple[float, float]]] = {label: [] for label in envs}
    for _ in range(args.runs):
        for label, env in envs.items():
            runs[label].append(time_once(cmd, env))
    print(
        f"glutewake exercises --json, {args.runs} cold processes each, "
        f"load average {os.getloadavg()[0]:.1f}:"
    )
    for label, times in runs.items():
        print(f" {label}:")
        print(describe("wall", [wall for wall, _ in times]))
        print(describe("CPU ", [cpu for _, cpu in times]))


if __name__ == "__main__":
    main()
