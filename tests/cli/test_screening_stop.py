"""A red flag raised in the terminal wizard is a stop at once, even if the person quits there.

Real processes on a real SQLite file: the person has a program, starts a new screening, answers
yes to the first warning sign and then quits (end of input, or Ctrl+C). ``today`` and ``log``
must refuse afterwards, as they do after the web wizard stored its red-flags-only stop.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

GLUTEWAKE = (sys.executable, "-c", "from glutewake.cli.app import main; main()")
EXAMPLE_ANSWERS = Path(__file__).resolve().parents[2] / "docs" / "examples" / "answers.yaml"
WARNING_SIGN = "found a warning sign"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    environment = {**os.environ, "GLUTEWAKE_DATA_DIR": str(tmp_path), "COLUMNS": "200"}
    environment.pop("GLUTEWAKE_DATABASE_URL", None)
    return environment


def glutewake(env: dict[str, str], *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*GLUTEWAKE, *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def with_a_program(env: dict[str, str]) -> None:
    assert glutewake(env, "screen", "--answers", str(EXAMPLE_ANSWERS)).returncode == 0
    planned = glutewake(env, "plan")
    assert planned.returncode == 0, planned.stderr
    assert glutewake(env, "today").returncode == 0


def assert_training_refused(env: dict[str, str]) -> None:
    today = glutewake(env, "today")
    assert today.returncode == 2, today.stdout
    assert WARNING_SIGN in " ".join(today.stderr.split())
    logged = glutewake(env, "log", "glute-bridge", "--reps", "10")
    assert logged.returncode == 2, logged.stdout
    assert WARNING_SIGN in " ".join(logged.stderr.split())
    shown = glutewake(env, "screen", "--show")
    assert "Safety gate: STOP" in shown.stdout


def test_a_red_flag_then_the_end_of_input_stores_a_stop(env: dict[str, str]) -> None:
    with_a_program(env)
    quit_early = glutewake(env, "screen", stdin="y\n")  # yes to the first sign, then nothing
    assert quit_early.returncode == 2
    said = " ".join(quit_early.stderr.split())
    assert "warning signs you answered yes to are saved: training stays paused" in said
    assert "nothing was saved" not in said
    assert_training_refused(env)


def test_a_red_flag_then_ctrl_c_stores_a_stop(env: dict[str, str]) -> None:
    with_a_program(env)
    wizard = subprocess.Popen(
        [*GLUTEWAKE, "screen"],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert wizard.stdin is not None and wizard.stdout is not None
    wizard.stdin.write("y\n")
    wizard.stdin.flush()
    seen = ""
    while "Seek emergency care now" not in seen:  # the sign's action: the stop is stored first
        line = wizard.stdout.readline()
        assert line, seen
        seen += line
    while "[y/n" not in seen.rsplit("Seek emergency care now", 1)[1]:  # the next question
        chunk = wizard.stdout.read(1)
        assert chunk, seen
        seen += chunk
    wizard.send_signal(signal.SIGINT)
    wizard.communicate(timeout=30)
    assert wizard.returncode != 0
    assert_training_refused(env)


def test_no_red_flag_and_quitting_still_saves_nothing(env: dict[str, str]) -> None:
    with_a_program(env)
    quit_early = glutewake(env, "screen", stdin="\n")  # no to the first sign, then nothing
    assert quit_early.returncode == 2
    assert "nothing was saved" in " ".join(quit_early.stderr.split())
    assert glutewake(env, "today").returncode == 0
