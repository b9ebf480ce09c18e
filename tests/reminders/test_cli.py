"""``glutewake breaks`` as a real process: terminal prompts, pause, status, stop, report."""

from __future__ import annotations

import json
import os
import shlex
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import pytest

GLUTEWAKE = (sys.executable, "-c", "from glutewake.cli.app import main; main()")


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    environment = {
        **os.environ,
        "GLUTEWAKE_DATA_DIR": str(tmp_path),
        "GLUTEWAKE_DATABASE_URL": f"sqlite:///{tmp_path / 'glutewake.db'}",
        "GLUTEWAKE_TIMER_SCALE": "0.02",
        "GLUTEWAKE_BREAKS__WORK_START": "00:00",
        "GLUTEWAKE_BREAKS__WORK_END": "23:59:59",
        "GLUTEWAKE_BREAKS__WORK_DAYS": '["mon","tue","wed","thu","fri","sat","sun"]',
    }
    for name in ("DBUS_SESSION_BUS_ADDRESS", "DISPLAY", "WAYLAND_DISPLAY"):
        environment.pop(name, None)  # no desktop: terminal prompts, no idle detection
    return environment


def glutewake(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*GLUTEWAKE, *args], env=env, capture_output=True, text=True, check=False, timeout=60
    )


def read_until(stream: IO[str], text: str) -> str:
    seen = ""
    while text not in seen:
        line = stream.readline()
        assert line, f"the output ended before {text!r}:\n{seen}"
        seen += line
    return seen


def start(env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*GLUTEWAKE, "breaks", *args],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def answer(process: subprocess.Popen[str], line: str) -> None:
    assert process.stdin is not None
    process.stdin.write(line + "\n")
    process.stdin.flush()


def report(env: dict[str, str]) -> list[dict[str, Any]]:
    result = glutewake(env, "breaks", "report", "--json")
    assert result.returncode == 0, result.stderr
    days: list[dict[str, Any]] = json.loads(result.stdout)
    return days


def test_the_demo_prompt_in_the_terminal_logs_the_answer(env: dict[str, str]) -> None:
    coach = start(env, "--once")
    assert coach.stdout is not None
    intro = read_until(coach.stdout, "[d] done")
    assert "Prompts: terminal prompts (DBUS_SESSION_BUS_ADDRESS is not set" in intro
    assert "Idle detection: none" in intro
    assert "DISPLAY is not set" in intro
    assert "Showing one demo prompt now." in intro
    answer(coach, "d")
    read_until(coach.stdout, "Did you do it?")
    answer(coach, "y")
    out, err = coach.communicate(timeout=30)
    assert coach.returncode == 0, err
    assert "break: done" in out
    [today] = report(env)
    assert today["outcomes"]["done"] == 1
    assert today["bouts"] == 0  # a demo's bout is not a real sitting bout


def test_a_snoozed_demo_prompt_is_logged_as_snoozed(env: dict[str, str]) -> None:
    coach = start(env, "--once")
    assert coach.stdout is not None
    read_until(coach.stdout, "[d] done")
    answer(coach, "maybe")
    read_until(coach.stdout, "Type one of")
    answer(coach, "s")
    _, err = coach.communicate(timeout=30)
    assert coach.returncode == 0, err
    [today] = report(env)
    assert (today["outcomes"]["snoozed"], today["outcomes"]["done"]) == (1, 0)


def wait_for_status(
    env: dict[str, str], wanted: Callable[[dict[str, Any]], bool], seconds: float = 30
) -> dict[str, Any]:
    """The status once ``wanted`` holds; the coach reads a pause at its next tick (<= 15 s)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = glutewake(env, "breaks", "--status", "--json")
        status: dict[str, Any] = json.loads(result.stdout)
        if wanted(status):
            return status
        time.sleep(0.5)
    raise AssertionError(f"the status never became what was wanted: {status}")


def test_the_background_coach_reports_its_status_pauses_and_stops_cleanly(
    env: dict[str, str],
) -> None:
    assert "not run yet" in glutewake(env, "breaks", "--status").stdout
    coach = start(env)
    try:
        running = wait_for_status(env, lambda status: status["running"])
        assert running["status"]["phase"] == "sitting"
        assert running["prompter"].startswith("terminal prompts")
        paused = glutewake(env, "breaks", "--pause", "30")
        assert "No prompts until" in paused.stdout
        wait_for_status(env, lambda status: status["status"]["paused_until"] is not None)
        shown = glutewake(env, "breaks", "--status").stdout
        assert "Paused until:" in shown and "Coach: running" in shown
    finally:
        coach.send_signal(signal.SIGTERM)
        out, err = coach.communicate(timeout=30)
    assert coach.returncode == 0, err
    assert "sitting bout of 0 min ended (stopped)" in out
    assert "Waiting for you to sit: the first prompt comes after 30 minutes of sitting" in out
    assert "all the time it runs counts as sitting" in out  # no idle detection here
    assert not wait_for_status(env, lambda status: not status["running"])["running"]
    [today] = report(env)
    assert today["bouts"] == 1


def test_a_bad_interval_is_refused_with_the_reason(env: dict[str, str]) -> None:
    result = glutewake(env, "breaks", "--interval", "2")
    assert result.returncode == 2
    assert "--interval" in result.stderr
    assert "greater than or equal to 5" in result.stderr


def test_an_empty_report_says_so(env: dict[str, str]) -> None:
    result = glutewake(env, "breaks", "report", "--days", "3")
    assert result.returncode == 0
    assert "No sitting bouts or breaks in the last 3 days." in result.stdout


def test_saved_settings_that_no_longer_validate_stop_the_coach_with_the_field(
    env: dict[str, str],
) -> None:
    from glutewake.store import open_database
    from glutewake.store import repository as repo

    db = open_database(env["GLUTEWAKE_DATABASE_URL"])
    with db.session() as session:
        person_id = repo.default_person(session).id
        repo.save_break_settings(session, person_id, {"daily_max": 0})
    db.close()
    result = glutewake(env, "breaks", "--once")
    assert result.returncode == 2
    assert "Invalid saved break settings" in result.stderr
    assert "daily_max" in result.stderr


def demo_with_closed_input(env: dict[str, str], how: str) -> tuple[str, float]:
    """``breaks --once`` whose input is closed in one of three ways: the output, and the seconds
    from the prompt to the end of the process."""
    command = shlex.join((*GLUTEWAKE, "breaks", "--once"))
    stdin: int | None = subprocess.PIPE
    if how == "no standard input":
        command += " <&-"  # Python then has no sys.stdin at all
    elif how == "/dev/null":
        stdin = subprocess.DEVNULL
    coach = subprocess.Popen(
        command, shell=True, env=env, stdin=stdin, stdout=subprocess.PIPE, text=True
    )
    assert coach.stdout is not None
    if coach.stdin is not None:
        coach.stdin.close()  # a pipe whose writer went away
    with coach.stdout:
        seen = read_until(coach.stdout, "[d] done")
        prompted = time.monotonic()
        seen += coach.stdout.read()
    assert coach.wait(timeout=90) == 0
    return seen, time.monotonic() - prompted


@pytest.mark.parametrize("how", ["/dev/null", "a closed pipe", "no standard input"])
def test_a_demo_whose_input_is_closed_ends_at_once_and_says_why(
    env: dict[str, str], how: str
) -> None:
    env = {**env, "GLUTEWAKE_BREAKS__PROMPT_TIMEOUT_MINUTES": "1"}
    out, seconds = demo_with_closed_input(env, how)
    assert seconds < 30, f"waited {seconds:.0f} s for an answer that could not come"
    assert "no answer can be typed: the standard input is closed" in out
    assert "the demo ends now" in out
    assert "Exception" not in out
    [today] = report(env)
    assert today["outcomes"]["unanswered"] == 1


def test_a_break_stopped_by_ctrl_c_during_its_timer_is_logged_as_interrupted(
    env: dict[str, str],
) -> None:
    coach = start({**env, "GLUTEWAKE_TIMER_SCALE": "1"}, "--once")  # the timer runs > 30 s
    assert coach.stdout is not None
    read_until(coach.stdout, "[d] done")
    answer(coach, "d")
    read_until(coach.stdout, "Go: ")
    coach.send_signal(signal.SIGINT)
    out, err = coach.communicate(timeout=30)
    assert coach.returncode == 0, err
    assert "break: interrupted" in out
    [today] = report(env)
    assert (today["outcomes"]["interrupted"], today["outcomes"]["unanswered"]) == (1, 0)


def test_input_that_ends_at_did_you_do_it_logs_the_started_break_as_interrupted(
    env: dict[str, str],
) -> None:
    coach = start(env, "--once")
    assert coach.stdout is not None and coach.stdin is not None
    read_until(coach.stdout, "[d] done")
    answer(coach, "d")
    read_until(coach.stdout, "Did you do it?")
    coach.stdin.close()
    coach.stdin = None  # closed: communicate() has nothing to send
    out, err = coach.communicate(timeout=30)
    assert coach.returncode == 0, err
    assert "break: interrupted" in out
    [today] = report(env)
    assert (today["outcomes"]["interrupted"], today["outcomes"]["unanswered"]) == (1, 0)
