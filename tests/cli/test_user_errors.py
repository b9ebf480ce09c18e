"""Every file, path and value a person can get wrong exits 2 with a message in the options'
names, for each command, in a real process; and a command that needs an earlier step names
the first one missing."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from cli_store import Store

from glutewake.weekday import Weekday

CLI = [sys.executable, "-c", "from glutewake.cli.app import main; main()"]
ANSWERS = Path(__file__).resolve().parents[2] / "docs" / "examples" / "answers.yaml"
TODAY = Weekday.of(date.today()).value


def run(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    variables = {k: v for k, v in os.environ.items() if not k.startswith("GLUTEWAKE_")}
    env = {**variables, "GLUTEWAKE_DATA_DIR": str(folder), "COLUMNS": "200"}
    return subprocess.run(
        [*CLI, *args], env=env, capture_output=True, text=True, timeout=120, check=False
    )


@pytest.fixture(scope="module")
def planned(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A store with the example screening and a program whose weekly session is today."""
    folder = tmp_path_factory.mktemp("planned")
    assert run(folder, "screen", "--answers", str(ANSWERS)).returncode == 0
    built = run(folder, "plan", "--days", TODAY, "--start", "today")
    assert built.returncode == 0, built.stderr
    yield folder


BRIDGE = ["--effort", "5", "--felt", "glutes-left"]
HOLD = "glute-bridge-hold"  # a timed hold, in the example's program today
# (arguments, what the message must say); {tmp} is a folder that exists.
CASES = {
    "svg in a missing folder": (
        ["exercises", "show", "glute-bridge", "--svg", "/nonexistent-dir/x.svg"],
        "--svg: the folder /nonexistent-dir does not exist",
    ),
    "strip in a missing folder": (
        ["exercises", "show", "glute-bridge", "--strip", "/nonexistent-dir/x.svg"],
        "--strip: the folder /nonexistent-dir does not exist",
    ),
    "svg to a folder": (
        ["exercises", "show", "glute-bridge", "--svg", "{tmp}"],
        "--svg: {tmp} is a folder; give a file name",
    ),
    "an unknown level": (["exercises", "--level", "9"], "Unknown level '9'"),
    "a missing answers file": (
        ["screen", "--answers", "{tmp}/none.yaml"],
        "--answers: {tmp}/none.yaml cannot be read",
    ),
    "answers that are a folder": (
        ["screen", "--answers", "{tmp}"],
        "Invalid value for '--answers'",
    ),
    "one id to compare": (["screen", "--compare", "1"], "--compare: give two screening ids"),
    "an unknown limit": (
        ["clearance", "--by", "Dr X", "--limit", "flying"],
        "--limit: 'flying' is not one of",
    ),
    "minutes out of range": (["plan", "--minutes", "0"], "--minutes:"),
    "sessions out of range": (["plan", "--sessions", "9"], "--sessions: 9 sessions a week"),
    "days that do not match the sessions": (
        ["plan", "--days", "mon,wed", "--sessions", "3"],
        "--days and --sessions: 2 training days given for 3 sessions a week",
    ),
    "a start that is not a date": (["plan", "--start", "2026-13-01"], "'--start'"),
    "a day that is not a date": (["today", "--on", "next week"], "'--on'"),
    "a log day that is not a date": (
        ["log", HOLD, "--hold", "9", *BRIDGE, "--day", "x"],
        "'--day'",
    ),
    "a side that is not one": (["log", HOLD, "--hold", "9", *BRIDGE, "--side", "up"], "'--side'"),
    "neither reps nor hold": (["log", HOLD, *BRIDGE], "--reps, --hold: give one of them"),
    "reps for a hold": (
        ["log", HOLD, "--reps", "12", *BRIDGE],
        "--reps: Glute bridge hold is a hold",
    ),
    "effort out of range": (
        ["log", HOLD, "--hold", "9", "--effort", "11", "--felt", "nowhere"],
        "--effort:",
    ),
    "an interval out of range": (["breaks", "--interval", "2", "--once"], "--interval:"),
    "a report of no days": (["breaks", "report", "--days", "0"], "'--days'"),
    "a negative pause": (["breaks", "--pause", "-1"], "'--pause'"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_wrong_value_exits_2_in_the_options_words(
    case: str, planned: Path, tmp_path: Path
) -> None:
    args, phrase = CASES[case]
    result = run(planned, *(a.replace("{tmp}", str(tmp_path)) for a in args))
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    assert result.returncode == 2, output
    assert phrase.replace("{tmp}", str(tmp_path)) in " ".join(output.split()), output
    assert "hold_seconds" not in output and "sessions_per_week" not in output


def test_nothing_is_written_for_a_wrong_path(planned: Path, tmp_path: Path) -> None:
    good = tmp_path / "bridge.svg"
    result = run(
        planned,
        "exercises",
        "show",
        "glute-bridge",
        "--svg",
        str(good),
        "--strip",
        str(tmp_path / "missing" / "strip.svg"),
    )
    assert result.returncode == 2
    assert not good.exists()  # both paths are checked before either is written


# -- the first missing step ---------------------------------------------------------------------


def said(store: Store, *args: str) -> str:
    result = store.run(*args)
    assert result.exit_code != 0, result.output
    error = result.exception
    return " ".join(f"{result.output} {error} {getattr(error, 'hint', '')}".split())


def test_before_a_screening_every_command_names_the_screening(store: Store) -> None:
    for args in (
        ("today",),
        ("plan",),
        ("plan", "--explain"),
        ("log", HOLD, "--hold", "10", *BRIDGE),
        ("clearance", "--by", "Dr X"),
        ("screen", "--show"),
    ):
        words = said(store, *args)
        assert "`glutewake screen`" in words, (args, words)
        assert "glutewake plan" not in words, (args, words)


def test_after_a_screening_today_and_log_name_the_plan(store: Store) -> None:
    store.screen()
    for args in (("today",), ("log", HOLD, "--hold", "10", *BRIDGE)):
        words = said(store, *args)
        assert "`glutewake plan`" in words, (args, words)
        assert "glutewake screen" not in words, (args, words)
