"""The desktop coach and the safety rule: no glute exercise while training is paused.

While the newest screening is ``stop``, or ``clearance`` without a recorded clearance, a break
only asks the person to stand up and move, with the rule's words. Real processes throughout:
the store bridge (``python -m glutewake.desktop.storage``), ``glutewake breaks --once``, and the
coach's loop with the bridge as its store, on a real SQLite file.
"""

from __future__ import annotations

import asyncio
import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from flows import CLEARANCE, GO, STOP, clear, take

from glutewake.application import App, breaks, safety
from glutewake.catalogue import default_catalogue
from glutewake.config import Settings
from glutewake.desktop.bridge import StoreSink, load_training_pause
from glutewake.desktop.control import ControlFiles
from glutewake.desktop.daemon import Daemon
from glutewake.desktop.idle import NoIdleDetection
from glutewake.desktop.notify import Response, TerminalPrompter
from glutewake.reminders.chooser import micro_breaks, week_start
from glutewake.reminders.clock import FakeClock
from glutewake.reminders.coach import Coach
from glutewake.reminders.records import BoutEnd, BoutRecord, BreakRecord, Outcome
from glutewake.reminders.settings import BreakSettings
from glutewake.reminders.standup import STAND_UP_TITLE, TrainingPause
from glutewake.reminders.week import BreakPicker
from glutewake.weekday import Weekday

GLUTEWAKE = (sys.executable, "-c", "from glutewake.cli.app import main; main()")
BRIDGE = (sys.executable, "-m", "glutewake.desktop.storage")
LONDON = ZoneInfo("Europe/London")
EXERCISE_PROMPT = "Time to stand: "  # the title of a prompt that offers an exercise


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path, timer_scale=0.02)


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """The child processes' environment: the same data folder, no desktop, work all day."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("GLUTEWAKE_")
        and key not in ("DBUS_SESSION_BUS_ADDRESS", "DISPLAY", "WAYLAND_DISPLAY")
    }
    return {
        **environment,
        "GLUTEWAKE_DATA_DIR": str(tmp_path),
        "GLUTEWAKE_TIMER_SCALE": "0.02",
        "GLUTEWAKE_BREAKS__WORK_START": "00:00",
        "GLUTEWAKE_BREAKS__WORK_END": "23:59:59",
        "GLUTEWAKE_BREAKS__WORK_DAYS": json.dumps([day.value for day in Weekday]),
    }


def expected_pause(settings: Settings) -> TrainingPause | None:
    """The safety rule's own words for the person's newest screening, read in this process."""
    application = App.open(settings)
    try:
        with application.work() as work:
            blocked = safety.training_blocked(work)
    finally:
        application.close()
    if blocked is None:
        return None
    return TrainingPause(gate=blocked.gate, message=str(blocked), hint=blocked.hint)


def stored(settings: Settings) -> list[BoutRecord | BreakRecord]:
    application = App.open(settings)
    try:
        with application.work() as work:
            return breaks.records_since(work)
    finally:
        application.close()


def bridge(env: dict[str, str], command: str) -> Any:
    done = subprocess.run(
        [*BRIDGE, command], env=env, capture_output=True, text=True, check=False, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return json.loads(done.stdout)


# ---- the start-up data ----------------------------------------------------------------------


def test_the_coach_starts_knowing_whether_exercises_are_paused_and_the_gate_lifts(
    settings: Settings, env: dict[str, str]
) -> None:
    take(settings, GO)
    assert bridge(env, "load")["training_paused"] is None
    assert bridge(env, "gate") is None
    for paused_by, gate, lift in ((STOP, "stop", GO), (CLEARANCE, "clearance", None)):
        take(settings, paused_by)
        words = expected_pause(settings)
        assert words is not None and words.gate == gate
        start = bridge(env, "load")
        assert TrainingPause.model_validate(start["training_paused"]) == words
        assert start["rules"]["work_start"] == "00:00:00"  # the rest of the start-up data stays
        assert TrainingPause.model_validate(bridge(env, "gate")) == words
        if lift is None:
            clear(settings)  # a recorded clearance lifts the gate
        else:
            take(settings, lift)  # a new go screening lifts it
        assert bridge(env, "load")["training_paused"] is None
        assert bridge(env, "gate") is None


# ---- the demo prompt as a real process ------------------------------------------------------


def read_until(stream: Any, text: str) -> str:
    seen = ""
    while text not in seen:
        line = stream.readline()
        assert line, f"the output ended before {text!r}:\n{seen}"
        seen += line
    return seen


def demo(env: dict[str, str], key: str, until: str) -> tuple[str, str]:
    """``glutewake breaks --once``: what it printed up to ``until``, then after ``key``."""
    coach = subprocess.Popen(
        [*GLUTEWAKE, "breaks", "--once"],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert coach.stdout is not None and coach.stdin is not None
    try:
        shown = read_until(coach.stdout, until)
        coach.stdin.write(key + "\n")
        coach.stdin.flush()
        rest, err = coach.communicate(timeout=60)
    finally:
        if coach.poll() is None:
            coach.kill()
            coach.wait()
    assert coach.returncode == 0, err
    return shown, rest


@pytest.mark.parametrize("paused_by", [STOP, CLEARANCE], ids=["stop", "clearance"])
def test_a_paused_coach_asks_only_to_stand_up_and_says_why(
    settings: Settings, env: dict[str, str], paused_by: dict[str, Any]
) -> None:
    take(settings, paused_by)
    words = expected_pause(settings)
    assert words is not None
    shown, rest = demo(env, "d", "[d] done, I stood up")
    assert "Breaks: stand up and move only." in shown  # said at start, then in the prompt
    assert words.message in shown and words.hint in shown
    assert STAND_UP_TITLE in shown and EXERCISE_PROMPT not in shown
    assert "guided timer" not in shown and "Go: " not in rest  # no guided timer follows
    assert "break: done" in rest and "Did you do it?" not in rest
    [stood] = stored(settings)
    assert isinstance(stood, BreakRecord)
    assert (stood.outcome, stood.exercise_id) == (Outcome.DONE, None)
    status = subprocess.run(
        [*GLUTEWAKE, "breaks", "--status"], env=env, capture_output=True, text=True, timeout=60
    )
    assert " ".join(f"Exercises paused: {words.words()}".split()) in " ".join(status.stdout.split())

    if paused_by is STOP:
        take(settings, GO)
    else:
        clear(settings)
    shown, _ = demo(env, "k", "[d] done   [s] snooze   [k] skip")
    assert EXERCISE_PROMPT in shown and "Done starts a guided timer" in shown
    assert words.message not in shown and STAND_UP_TITLE not in shown


# ---- the running coach asks again before each prompt ----------------------------------------


@pytest.fixture
def bridge_env(env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """This process's environment for the bridge's child processes the coach starts."""
    for name in [key for key in os.environ if key.startswith("GLUTEWAKE_")]:
        monkeypatch.delenv(name)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    yield


@pytest.mark.usefixtures("bridge_env")
def test_the_running_coach_asks_the_store_before_each_prompt(
    settings: Settings, tmp_path: Path
) -> None:
    """A screening taken while the coach runs changes its next prompt, both ways."""
    take(settings, GO)
    rules = BreakSettings(
        interval_minutes=5,
        idle_threshold_minutes=60,  # the fake clock jumps five minutes between ticks
        work_start=time(0),
        work_end=time(23, 59, 59),
        work_days=tuple(Weekday),
    )
    clock = FakeClock(datetime(2025, 6, 2, 10, tzinfo=LONDON), LONDON)
    out = io.StringIO()
    files = ControlFiles.in_data_dir(tmp_path)

    async def shown(text: str) -> None:
        async with asyncio.timeout(60):
            while text not in out.getvalue():
                await asyncio.sleep(0.05)

    async def run() -> None:
        responses: asyncio.Queue[Response | None] = asyncio.Queue()
        picker = BreakPicker(
            micro_breaks(default_catalogue().exercises),
            frozenset(),
            week_start(clock.wall().date()),
        )
        daemon = Daemon(
            Coach(rules, clock),
            TerminalPrompter(responses.put_nowait, "a test", out, io.StringIO()),
            NoIdleDetection(["a test"]),
            StoreSink(out),
            picker,
            files,
            out,
            tick_seconds=0.05,
            check_training=load_training_pause,
        )
        running = asyncio.create_task(daemon.run(responses))
        async with asyncio.timeout(60):
            while files.read_status() is None:  # the first tick: the bout begins
                await asyncio.sleep(0.05)
        take(settings, STOP)  # after the coach started with exercises
        clock.advance(5 * 60)
        await shown("[d] done, I stood up")
        status = files.read_status()
        assert status is not None and status["training_paused"]["gate"] == "stop"
        responses.put_nowait(Response.DONE)
        await shown("break: done")
        take(settings, GO)
        clock.advance(5 * 60)
        await shown("glute exercises are back")
        await shown("Done starts a guided timer")
        responses.put_nowait(Response.SKIP)
        await shown("break: skipped")
        responses.put_nowait(None)
        await running

    asyncio.run(run())
    printed = out.getvalue()
    stand_up, offered = printed.split("glute exercises are back")
    assert "glute exercises paused: Your newest screening found a warning sign" in stand_up
    assert EXERCISE_PROMPT not in stand_up and EXERCISE_PROMPT in offered
    outcomes = [
        (r.outcome, r.exercise_id is None) for r in stored(settings) if isinstance(r, BreakRecord)
    ]
    assert outcomes == [(Outcome.DONE, True), (Outcome.SKIPPED, False)]
    bouts = [r for r in stored(settings) if isinstance(r, BoutRecord)]
    assert [bout.ended_by for bout in bouts] == [BoutEnd.BREAK, BoutEnd.STOPPED]
    assert bouts[0].minutes == 5
