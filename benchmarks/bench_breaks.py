"""Cost of the desk-break coach in the background: CPU share and resident memory over 60 s.

Runs the real ``glutewake breaks`` process (working hours set to the whole day so its timer
is live) and reads its CPU time and memory from /proc (Linux only). Where Xvfb, dbus-daemon
and dunst are installed it runs inside a private desktop made of them, so desktop
notifications and X11 idle detection are loaded as on a real desk; otherwise it runs with
terminal prompts. Aims (issue #6): under 0.5% of one CPU core and under 60 MB resident.

    .venv/bin/python benchmarks/bench_breaks.py [seconds]
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

GLUTEWAKE = (sys.executable, "-c", "from glutewake.cli.app import main; main()")
CPU_AIM_PERCENT = 0.5
RSS_AIM_MB = 60.0


def cpu_seconds(pid: int) -> float:
    """User + system CPU of the process and of its finished children (the store bridge)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = sum(int(value) for value in fields[11:15])  # utime, stime, cutime, cstime
    return ticks / os.sysconf("SC_CLK_TCK")


def memory_mb(pid: int) -> dict[str, float]:
    """VmRSS and VmHWM (peak RSS) from status, Pss (shared pages split) from smaps_rollup."""
    values = {}
    for name in ("status", "smaps_rollup"):
        for line in Path(f"/proc/{pid}/{name}").read_text().splitlines():
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM", "Pss"):
                values[key] = int(rest.split()[0]) / 1024
    return values


@contextlib.contextmanager
def private_desktop(folder: Path) -> Iterator[dict[str, str]]:
    """DISPLAY and DBUS_SESSION_BUS_ADDRESS of Xvfb + dbus-daemon + dunst, if installed."""
    if any(shutil.which(tool) is None for tool in ("Xvfb", "dbus-daemon", "dunst")):
        yield {}
        return
    read, write = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-nolisten", "tcp"],
        pass_fds=(write,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as numbers:
        display = ":" + numbers.readline().strip()
    bus = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert bus.stdout is not None
    env = {"DISPLAY": display, "DBUS_SESSION_BUS_ADDRESS": bus.stdout.readline().strip()}
    dunst = subprocess.Popen(
        ["dunst"], env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    time.sleep(1)
    try:
        yield env
    finally:
        for process in (dunst, bus, xvfb):
            process.terminate()
            process.communicate(timeout=10)


def wait_until_running(
    status: Path, process: subprocess.Popen[str], seconds: float
) -> dict[str, object]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"glutewake breaks exited early:\n{process.communicate()[1]}")
        with contextlib.suppress(FileNotFoundError, json.JSONDecodeError):
            data: dict[str, object] = json.loads(status.read_text())
            if data.get("running"):
                return data
        time.sleep(0.05)
    raise SystemExit("glutewake breaks did not start")


def main(seconds: float) -> None:
    if not Path("/proc/self/stat").exists():
        raise SystemExit("This benchmark reads /proc and runs on Linux only.")
    with tempfile.TemporaryDirectory() as folder, private_desktop(Path(folder)) as desktop:
        env = {
            **{k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")},
            **desktop,
            "GLUTEWAKE_DATA_DIR": folder,
            "GLUTEWAKE_DATABASE_URL": f"sqlite:///{folder}/glutewake.db",
            "GLUTEWAKE_BREAKS__WORK_START": "00:00",
            "GLUTEWAKE_BREAKS__WORK_END": "23:59:59",
            "GLUTEWAKE_BREAKS__WORK_DAYS": '["mon","tue","wed","thu","fri","sat","sun"]',
        }
        if not desktop:
            env.pop("DBUS_SESSION_BUS_ADDRESS", None)
        started = time.monotonic()
        coach = subprocess.Popen(
            [*GLUTEWAKE, "breaks"],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        status = wait_until_running(Path(folder) / "breaks" / "status.json", coach, 60)
        startup = time.monotonic() - started
        startup_cpu = cpu_seconds(coach.pid)
        peak_rss = 0.0
        wall_start, cpu_start = time.monotonic(), startup_cpu
        while time.monotonic() - wall_start < seconds:
            time.sleep(1)
            peak_rss = max(peak_rss, memory_mb(coach.pid)["VmRSS"])
        wall = time.monotonic() - wall_start
        cpu = cpu_seconds(coach.pid) - cpu_start
        memory = memory_mb(coach.pid)
        coach.send_signal(signal.SIGTERM)
        _, err = coach.communicate(timeout=30)
    share = 100 * cpu / wall
    resolution = 100 / os.sysconf("SC_CLK_TCK") / wall  # one clock tick, as a share
    print(f"glutewake breaks in the background for {wall:.0f} s")
    print(f"  prompts:         {status['prompter']}")
    print(f"  idle detection:  {status['idle']}")
    print(f"  start-up:        {startup:.2f} s wall, {startup_cpu:.2f} s CPU with the store child")
    print(
        f"  CPU share:       {share:.3f}% of one core ({cpu:.2f} s CPU; /proc counts in steps "
        f"of {resolution:.3f}%)  aim < {CPU_AIM_PERCENT}%"
    )
    print(
        f"  resident memory: {memory['VmRSS']:.1f} MB now, {peak_rss:.1f} MB most seen "
        f"while idle, {memory['VmHWM']:.1f} MB peak incl. start-up  aim < {RSS_AIM_MB:.0f} MB"
    )
    print(f"  proportional:    {memory['Pss']:.1f} MB PSS (shared library pages split)")
    print(f"  stopped cleanly: {'yes' if coach.returncode == 0 else f'no ({err.strip()})'}")


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 60.0)
