"""`glutewake retest` in real processes on a real SQLite file: the wizard, a file, --show."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from glutewake.screening.data import load_screening_data

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "answers.yaml"
DATA = load_screening_data()


def glutewake(folder: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GLUTEWAKE_DATA_DIR": str(folder), "COLUMNS": "120"}
    env.pop("GLUTEWAKE_DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-c", "from glutewake.cli.app import main; main()", *args],
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )


@pytest.fixture
def planned(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    for args in (("screen", "--answers", str(EXAMPLE)), ("plan", "--minutes", "20", "--yes")):
        done = glutewake(folder, *args)
        assert done.returncode == 0, done.stderr
    return folder


def squeeze_only() -> str:
    """Typed answers: no warning sign, both sides of the glute squeeze clear, the rest skipped."""
    lines = ["n"] * len(DATA.red_flags.flags)
    for test in DATA.self_tests:
        lines += ["", "1", "1"] if test.id == "glute_squeeze" else ["s"]
    return "\n".join(lines) + "\n"


def test_the_wizard_asks_flags_and_tests_then_shows_before_and_after(planned: Path) -> None:
    done = glutewake(planned, "retest", stdin=squeeze_only())
    assert done.returncode == 0, done.stderr
    out = " ".join(done.stdout.split())
    assert "glutewake re-test" in out
    assert "How many hours a day do you sit" not in out  # the questionnaire is carried over
    assert "Self-tests, before and after" in out
    assert "better" in out
    assert "re-planned from this re-test" in out
    shown = json.loads(glutewake(planned, "retest", "--show", "--json").stdout)
    [left] = [t for t in shown["tests"] if (t["test"], t["side"]) == ("glute_squeeze", "left")]
    assert left["verdict"] == "better"
    assert left["measures"][0]["after"] == "I clearly felt it tighten and relax"
    mirror = next(t for t in shown["tests"] if t["test"] == "mirror_check")
    assert mirror["verdict"] is None  # done before, skipped now
    program = json.loads(glutewake(planned, "plan", "--json").stdout)
    assert program["screening_id"] == shown["after"]["id"]


def test_a_file_with_a_red_flag_stops_training(planned: Path, tmp_path: Path) -> None:
    answers = tmp_path / "retest.yaml"
    answers.write_text(yaml.safe_dump({"red_flags": ["saddle-numbness"], "self_tests": {}}))
    done = glutewake(planned, "retest", "--answers", str(answers))
    assert done.returncode == 0, done.stderr
    out = " ".join(done.stdout.split())
    assert "Safety gate: STOP" in out
    assert "get the check named above" in out
    today = glutewake(planned, "today")
    assert today.returncode == 2
    again = glutewake(planned, "retest", "--answers", str(answers))
    assert again.returncode == 2
    assert "a re-test cannot be taken now" in again.stderr


def test_a_file_may_not_change_the_questionnaire(planned: Path, tmp_path: Path) -> None:
    raw: dict[str, Any] = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    answers = tmp_path / "whole.json"
    answers.write_text(json.dumps(raw))
    done = glutewake(planned, "retest", "--answers", str(answers), "--json")
    assert done.returncode == 2
    assert "a re-test takes red_flags and self_tests only" in done.stderr
    stopped = glutewake(planned, "retest", stdin="n\n")  # the input ends after one answer
    assert stopped.returncode == 2
    assert "The re-test was stopped before the end; nothing was saved." in stopped.stderr
    assert glutewake(planned, "retest", "--show").returncode == 2  # none stored


def test_without_a_screening_it_says_to_take_one_first(tmp_path: Path) -> None:
    done = glutewake(tmp_path / "empty", "retest", stdin="n\n")
    assert done.returncode == 2
    assert "Take the screening first" in done.stderr


def test_the_replan_keeps_a_started_session_unless_told_yes(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    today = date.today().strftime("%a").lower()
    for args in (
        ("screen", "--answers", str(EXAMPLE)),
        ("plan", "--minutes", "20", "--days", today, "--yes"),
    ):
        done = glutewake(folder, *args)
        assert done.returncode == 0, done.stderr
    session = json.loads(glutewake(folder, "today", "--json").stdout)
    item = session["session"]["blocks"][0]["items"][0]
    amount = "--hold" if item["measure"] == "hold_seconds" else "--reps"
    logged = [
        "log",
        item["exercise_id"],
        amount,
        str(item["target"]),
        *(["--side", item["side_order"][0]] if item["side_order"] else []),
    ]
    assert glutewake(folder, *logged).returncode == 0
    before = json.loads(glutewake(folder, "today", "--json").stdout)
    screened = json.loads(glutewake(folder, "screen", "--show", "--json").stdout)["id"]
    answers = tmp_path / "retest.json"
    answers.write_text(json.dumps({"red_flags": [], "self_tests": {}}))
    kept = glutewake(folder, "retest", "--answers", str(answers))
    assert kept.returncode == 0, kept.stderr
    assert "your program was not re-planned" in " ".join(kept.stdout.split())
    assert json.loads(glutewake(folder, "today", "--json").stdout) == before
    told = glutewake(folder, "retest", "--answers", str(answers), "--yes")
    assert told.returncode == 0, told.stderr
    after = json.loads(glutewake(folder, "plan", "--json").stdout)
    shown = json.loads(glutewake(folder, "retest", "--show", "--json").stdout)
    assert after["screening_id"] == shown["after"]["id"] != screened
