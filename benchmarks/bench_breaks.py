"""Cost of the desk-break coach through a prompt: CPU share and resident memory over 6.5 min.

Runs the real ``glutewake breaks`` process (working hours set to the whole day so its timer
is live, the break interval set to five minutes) and reads its CPU time and memory from /proc
every second (Linux only). Where Xvfb, dbus-daemon and dunst are installed it runs inside a
private desktop made of them, so desktop notifications and X11 idle detection are loaded as on
a real desk, and xdotool plays a person working at it: the pointer moves every few seconds and
Shift is pressed now and then, so the idle detection sees input and the sitting timer runs on
to a prompt. Otherwise it says what is missing and runs with terminal prompts (on the coach's
stdout; without idle detection the timer runs on by itself).

It checks that at least one prompt came due and was shown (the coach's "prompt N" line, the
prompt count and time in ``breaks/status.json``, and the records ``glutewake breaks report``
reads from the store after the stop), and prints the run length, the interval, the prompts
(how many, when in minutes from the start), the CPU share over the whole run and around each
prompt, and the resident memory peak. Aims (issue #6): under 0.5% of one CPU core and under
60 MB resident.

    .venv/bin/python benchmarks/bench_breaks.py [--seconds 390] [--interval-minutes 5]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from itertools import pairwise
from pathlib import Path
from typing import IO, Any

GLUTEWAKE = (sys.executable, "-c", "from glutewake.cli.app import main; main()")
CPU_AIM_PERCENT = 0.5
RSS_AIM_MB = 60.0
POINTER_EVERY_SECONDS = 3.0
KEY_EVERY_SECONDS = 30.0
BEFORE_PROMPT_SECONDS = 30.0  # the window "around a prompt": from this long before it...
AFTER_PROMPT_SECONDS = 60.0  # ...to this long after
PROMPT_LINE = re.compile(r"^\d\d:\d\d prompt (\d+): (.+)$")
AWAY_LINE = re.compile(r"ended \((away|asleep)\)$")


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


def missing_desktop_tools() -> list[str]:
    return [tool for tool in ("Xvfb", "dbus-daemon", "dunst") if shutil.which(tool) is None]


@contextlib.contextmanager
def private_desktop() -> Iterator[dict[str, str]]:
    """DISPLAY and DBUS_SESSION_BUS_ADDRESS of Xvfb + dbus-daemon + dunst, if installed."""
    if missing_desktop_tools():
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


class Desk:
    """A person at the desk: pointer moves and a harmless key (Shift) in the private display."""

    def __init__(self, display: str | None) -> None:
        self.display = display
        self.xdotool = shutil.which("xdotool")
        self.inputs = 0
        self.failures = 0
        self._last_pointer = self._last_key = float("-inf")
        self._step = 1

    @property
    def active(self) -> bool:
        return self.display is not None and self.xdotool is not None

    def work(self, now: float) -> None:
        if not self.active:
            return
        if now - self._last_key >= KEY_EVERY_SECONDS:
            self._last_key = now
            self._run("key", "shift")
        elif now - self._last_pointer >= POINTER_EVERY_SECONDS:
            self._last_pointer = now
            self._step = -self._step
            self._run("mousemove_relative", "--", str(self._step * 7), "0")

    def _run(self, *command: str) -> None:
        assert self.xdotool is not None and self.display is not None
        done = subprocess.run(
            [self.xdotool, *command],
            env={**os.environ, "DISPLAY": self.display},
            capture_output=True,
            check=False,
        )
        self.inputs += 1
        self.failures += done.returncode != 0


@dataclass
class Prompt:
    number: int
    exercise: str
    seen_at: float  # monotonic, when its line arrived


@dataclass
class CoachOutput:
    """The coach's stdout, read line by line in a thread, with the prompts it announced."""

    lines: list[str] = field(default_factory=list)
    prompts: list[Prompt] = field(default_factory=list)
    away: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def follow(self, stream: IO[str]) -> threading.Thread:
        def read() -> None:
            for line in stream:
                self._take(line.rstrip("\n"), time.monotonic())

        reader = threading.Thread(target=read, name="coach-stdout", daemon=True)
        reader.start()
        return reader

    def _take(self, line: str, at: float) -> None:
        with self._lock:
            self.lines.append(line)
            if found := PROMPT_LINE.match(line):
                self.prompts.append(Prompt(int(found[1]), found[2], at))
            self.away += bool(AWAY_LINE.search(line))


def read_status(path: Path) -> dict[str, Any] | None:
    with contextlib.suppress(FileNotFoundError, json.JSONDecodeError):
        data: dict[str, Any] = json.loads(path.read_text())
        return data
    return None


def wait_until_running(
    status: Path, process: subprocess.Popen[str], seconds: float
) -> dict[str, Any]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"glutewake breaks exited early:\n{process.communicate()[1]}")
        if (data := read_status(status)) and data.get("running"):
            return data
        time.sleep(0.05)
    raise SystemExit("glutewake breaks did not start")


def share_between(samples: list[tuple[float, float]], start: float, end: float) -> float | None:
    """CPU share (% of one core) between two monotonic instants, from (time, cpu) samples."""
    inside = [sample for sample in samples if start <= sample[0] <= end]
    if len(inside) < 2 or inside[-1][0] - inside[0][0] <= 0:
        return None
    (t0, c0), (t1, c1) = inside[0], inside[-1]
    return 100 * (c1 - c0) / (t1 - t0)


def share_outside(
    samples: list[tuple[float, float]], windows: list[tuple[float, float]]
) -> float | None:
    """CPU share (% of one core) over the sample steps that lie outside every window."""
    steps = [
        (t1 - t0, c1 - c0)
        for (t0, c0), (t1, c1) in pairwise(samples)
        if not any(start < t1 and t0 < end for start, end in windows)
    ]
    seconds = sum(step[0] for step in steps)
    return 100 * sum(step[1] for step in steps) / seconds if seconds > 0 else None


def stored_breaks(env: dict[str, str]) -> list[dict[str, Any]]:
    done = subprocess.run(
        [*GLUTEWAKE, "breaks", "report", "--days", "2", "--json"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        return []
    summaries: list[dict[str, Any]] = json.loads(done.stdout)
    return summaries


def coach_env(folder: str, desktop: dict[str, str], interval_minutes: int) -> dict[str, str]:
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")},
        **desktop,
        "GLUTEWAKE_DATA_DIR": folder,
        "GLUTEWAKE_DATABASE_URL": f"sqlite:///{folder}/glutewake.db",
        "GLUTEWAKE_BREAKS__INTERVAL_MINUTES": str(interval_minutes),
        "GLUTEWAKE_BREAKS__WORK_START": "00:00",
        "GLUTEWAKE_BREAKS__WORK_END": "23:59:59",
        "GLUTEWAKE_BREAKS__WORK_DAYS": '["mon","tue","wed","thu","fri","sat","sun"]',
    }
    if not desktop:
        env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    return env


def main(seconds: float, interval_minutes: int) -> None:
    if not Path("/proc/self/stat").exists():
        raise SystemExit("This benchmark reads /proc and runs on Linux only.")
    if missing := missing_desktop_tools():
        print(f"No private desktop ({', '.join(missing)} not found): terminal prompts, no idle")
        print("detection, and no simulated activity (the sitting timer runs on by itself).")
    with tempfile.TemporaryDirectory() as folder, private_desktop() as desktop:
        desk = Desk(desktop.get("DISPLAY"))
        if desktop and not desk.active:
            print("xdotool not found: no simulated activity, so X11 idle detection sees none.")
        env = coach_env(folder, desktop, interval_minutes)
        status_path = Path(folder) / "breaks" / "status.json"
        output = CoachOutput()
        started = time.monotonic()
        coach = subprocess.Popen(
            [*GLUTEWAKE, "breaks"],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert coach.stdout is not None
        reader = output.follow(coach.stdout)
        status = wait_until_running(status_path, coach, 60)
        startup = time.monotonic() - started
        startup_cpu = cpu_seconds(coach.pid)
        wall_start = time.monotonic()
        samples = [(wall_start, startup_cpu)]
        peak_rss = 0.0
        while (now := time.monotonic()) - wall_start < seconds:
            desk.work(now)
            time.sleep(max(0.0, 1 - (time.monotonic() - now)))
            samples.append((time.monotonic(), cpu_seconds(coach.pid)))
            peak_rss = max(peak_rss, memory_mb(coach.pid)["VmRSS"])
        wall = time.monotonic() - wall_start
        cpu = cpu_seconds(coach.pid) - startup_cpu
        memory = memory_mb(coach.pid)
        last_status = read_status(status_path) or status
        coach.send_signal(signal.SIGTERM)
        coach.wait(timeout=60)
        reader.join(timeout=10)
        assert coach.stderr is not None
        err = coach.stderr.read()
        stored = stored_breaks(env)

    share = 100 * cpu / wall
    resolution = 100 / os.sysconf("SC_CLK_TCK") / wall  # one clock tick, as a share
    interval = last_status["rules"]["interval_minutes"]
    print(f"glutewake breaks through {wall / 60:.1f} min at a {interval}-minute interval")
    print(f"  prompts:         {status['prompter']}")
    print(f"  idle detection:  {status['idle']}")
    if desk.active:
        print(
            f"  simulated desk:  {desk.inputs} xdotool inputs (pointer every "
            f"{POINTER_EVERY_SECONDS:.0f} s, Shift every {KEY_EVERY_SECONDS:.0f} s), "
            f"{desk.failures} failed; breaks taken away seen: {output.away}"
        )
    print(f"  start-up:        {startup:.2f} s wall, {startup_cpu:.2f} s CPU with the store child")
    when = ", ".join(
        f"#{p.number} at {(p.seen_at - wall_start) / 60:.2f} min ({p.exercise})"
        for p in output.prompts
    )
    print(f"  prompts shown:   {len(output.prompts)}{': ' + when if when else ''}")
    state, shown = last_status["state"], last_status["status"]
    asked = state.get("asked_at")
    asked_text = f"{datetime.fromisoformat(asked).astimezone():%H:%M:%S}" if asked else "none"
    print(
        f"  status.json:     phase {shown['phase']}, prompts today {shown['prompts_today']}, "
        f"last asked at {asked_text}"
    )
    outcomes = {
        outcome: sum(day["outcomes"].get(outcome, 0) for day in stored)
        for outcome in sorted({name for day in stored for name in day["outcomes"]})
    }
    stored_text = ", ".join(f"{n} {o}" for o, n in outcomes.items() if n) or "no breaks"
    bouts = sum(day["bouts"] for day in stored)
    print(
        f"  stored:          {bouts} sitting bout(s), {stored_text} (glutewake breaks report; "
        "the stop closes an open prompt as unanswered)"
    )
    print(
        f"  CPU share:       {share:.3f}% of one core over the run ({cpu:.2f} s CPU; /proc "
        f"counts in steps of {resolution:.3f}%)  aim < {CPU_AIM_PERCENT}%"
    )
    windows = [
        (prompt.seen_at - BEFORE_PROMPT_SECONDS, prompt.seen_at + AFTER_PROMPT_SECONDS)
        for prompt in output.prompts
    ]
    for prompt, (start, end) in zip(output.prompts, windows, strict=True):
        if (around := share_between(samples, start, end)) is not None:
            print(
                f"  around #{prompt.number}:       {around:.3f}% of one core from "
                f"{BEFORE_PROMPT_SECONDS:.0f} s before to {AFTER_PROMPT_SECONDS:.0f} s after "
                "(the safety check before it runs a store child)"
            )
    if windows and (between := share_outside(samples, windows)) is not None:
        print(f"  between prompts: {between:.3f}% of one core (the run outside those windows)")
    print(
        f"  resident memory: {memory['VmRSS']:.1f} MB at the end, {peak_rss:.1f} MB most seen "
        f"while running, {memory['VmHWM']:.1f} MB peak incl. start-up  aim < {RSS_AIM_MB:.0f} MB"
    )
    print(f"  proportional:    {memory['Pss']:.1f} MB PSS (shared library pages split)")
    print(f"  stopped cleanly: {'yes' if coach.returncode == 0 else f'no ({err.strip()})'}")
    if wall >= interval_minutes * 60 + 30 and not output.prompts:
        tail = "\n".join(output.lines[-15:])
        raise SystemExit(f"No prompt was shown in {wall / 60:.1f} min. The coach said:\n{tail}")


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--seconds",
        type=float,
        default=390.0,
        help="How long to run after start-up (default 390: six and a half minutes).",
    )
    parser.add_argument(
        "--interval-minutes",
        type=int,
        default=5,
        help="Sitting before a prompt, 5-240 (default 5, the shortest the settings allow).",
    )
    return parser.parse_args()


if __name__ == "__main__":
    given = arguments()
    main(given.seconds, given.interval_minutes)
