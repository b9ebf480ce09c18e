"""``glutewake plan``, ``today`` and ``log`` on a real SQLite file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from programming_factories import profile
from typer.testing import CliRunner, Result

from glutewake.cli.app import app
from glutewake.config import get_settings
from glutewake.errors import InvalidInputError, NotFoundError, SafetyGateError
from glutewake.screening.profile import Gate, Profile
from glutewake.store import Database, open_database, set_logs
from glutewake.store import repository as repo

runner = CliRunner()
# A Monday after today: sessions start there, so nothing is missed before the test logs.
MONDAY = date.today() + timedelta(days=7 - date.today().weekday())


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("GLUTEWAKE_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("GLUTEWAKE_DATABASE_URL", raising=False)
    get_settings.cache_clear()
    yield tmp_path
    get_settings.cache_clear()


def database() -> Database:
    return open_database()


def screen(person: Profile) -> int:
    db = database()
    try:
        with db.session() as session:
            me = repo.default_person(session)
            return repo.save_screening(session, me.id, {}, person, datetime(2025, 1, 1))
    finally:
        db.close()


def stored(what: str) -> Any:
    db = database()
    try:
        with db.session() as session:
            me = repo.default_person(session).id
            record = repo.current_program(session, me)
            return {
                "program": record.program if record else None,
                "preferences": repo.get_preferences(session, me),
                "adjustments": repo.adjustments(session, me),
                "logs": set_logs.set_logs(session, me),
            }[what]
    finally:
        db.close()


def invoke(*args: str) -> Result:
    return runner.invoke(app, list(args))


def plan_json(*args: str) -> dict[str, Any]:
    result = invoke("plan", "--start", MONDAY.isoformat(), "--json", *args)
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.output)
    return data


def test_without_a_screening_the_command_says_to_screen_first(data_dir: Path) -> None:
    env = {**os.environ, "GLUTEWAKE_DATA_DIR": str(data_dir)}
    done = subprocess.run(
        [sys.executable, "-c", "from glutewake.cli.app import main; main()", "plan"],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    assert done.returncode == 2
    assert "`glutewake screen`" in done.stderr


def test_plan_builds_and_stores_the_program_and_preferences(data_dir: Path) -> None:
    screening_id = screen(profile())
    program = plan_json("--minutes", "15", "--equipment", "mini-band", "--days", "mon,wed,fri")
    assert program["screening_id"] == screening_id
    sessions = [s for w in program["weeks"] for s in w["sessions"]]
    assert all(s["estimated_seconds"] <= 15 * 60 for s in sessions)
    assert {date.fromisoformat(s["day"]).weekday() for s in sessions} == {0, 2, 4}
    assert stored("program") == program
    prefs = stored("preferences")
    assert (prefs["minutes"], prefs["sessions_per_week"], prefs["equipment"]) == (
        15,
        3,
        ["mini-band"],
    )


def test_plan_without_options_shows_the_current_program(data_dir: Path) -> None:
    screen(profile())
    first = plan_json("--minutes", "15")
    result = invoke("plan", "--explain")
    assert result.exit_code == 0, result.output
    assert "Your current program" in result.output
    assert "Why this program" in result.output
    assert "Wake up to build: not yet" in result.output
    assert stored("program") == first


def test_a_new_preference_keeps_the_others(data_dir: Path) -> None:
    screen(profile())
    plan_json("--minutes", "15", "--no-floor")
    program = plan_json("--weeks", "6")
    assert (program["preferences"]["minutes"], program["preferences"]["can_floor"]) == (15, False)
    assert len(program["weeks"]) == 6


def test_invalid_preferences_are_refused_and_nothing_is_saved(data_dir: Path) -> None:
    screen(profile())
    result = invoke("plan", "--minutes", "0", "--sessions", "9", "--equipment", "kettlebel")
    assert isinstance(result.exception, InvalidInputError)
    fields = {p.field for p in result.exception.problems}
    assert fields == {"--minutes", "--sessions", "--equipment"}
    assert stored("program") is None and stored("preferences") is None


def test_safety_gates(data_dir: Path) -> None:
    screen(profile(gate=Gate.STOP))
    result = invoke("plan")
    assert isinstance(result.exception, SafetyGateError)
    screening_id = screen(profile(gate=Gate.CLEARANCE))
    result = invoke("plan")
    assert isinstance(result.exception, SafetyGateError)
    assert "clearance" in str(result.exception)
    db = database()
    try:
        with db.session() as session:
            me = repo.default_person(session).id
            repo.record_clearance(
                session, me, screening_id, "Dr Physio", "ok", datetime(2025, 1, 2)
            )
    finally:
        db.close()
    assert plan_json()["screening_id"] == screening_id


def test_today_shows_the_session_of_the_day(data_dir: Path) -> None:
    screen(profile())
    plan_json("--minutes", "15")
    result = invoke("today", "--on", MONDAY.isoformat(), "--json")
    assert result.exit_code == 0, result.output
    shown = json.loads(result.output)
    assert shown["is_today"] and shown["session"]["number"] == 1
    sunday = MONDAY - timedelta(days=1)
    result = invoke("today", "--on", sunday.isoformat())
    assert f"{sunday.day} {sunday:%b}: rest day. Next session: Mon {MONDAY.day}" in result.output


def test_today_needs_a_program(data_dir: Path) -> None:
    screen(profile())
    result = invoke("today")
    assert isinstance(result.exception, NotFoundError)
    assert "glutewake plan" in result.exception.hint


def amount(item: dict[str, Any]) -> list[str]:
    """The option that logs this item's dose: --hold for a hold, else --reps."""
    option = "--hold" if item["measure"] == "hold_seconds" else "--reps"
    return [option, str(item["target"])]


def first_items(program: dict[str, Any]) -> list[dict[str, Any]]:
    session = program["weeks"][0]["sessions"][0]
    return [item for block in session["blocks"] for item in block["items"]]


def test_log_records_sets_and_shows_the_program_changes(data_dir: Path) -> None:
    screen(profile())
    program = plan_json("--minutes", "15")
    item = first_items(program)[-1]
    first = item["exercise_id"]
    side = ["--side", "left"] if item["per_side"] else []
    day = ["--day", MONDAY.isoformat(), *amount(item), *side, "--effort", "6"]
    result = invoke("log", first, *day, "--felt", "hamstrings")
    assert result.exit_code == 0, result.output
    assert f"Logged set 1 of {item['name']}" in result.output
    assert f"{item['name']}: " in result.output  # the cue change, with its reason
    result = invoke("log", first, *day, "--felt", "glutes-left", "--pain", "6")
    assert "Logged set 2" in result.output
    adjustments = stored("adjustments")
    assert [a.change.split(" ")[0] for a in adjustments] == ["cue", "stop"]
    assert all(a.exercise_id == first and a.reason for a in adjustments)
    assert len(stored("logs")) == 2
    assert stored("program")["changes"][-1]["rule"] == "pain"


def test_an_invalid_set_is_refused_in_option_names_and_not_stored(data_dir: Path) -> None:
    screen(profile())
    item = first_items(plan_json())[0]
    monday = ["--day", MONDAY.isoformat()]
    result = invoke(
        "log", item["exercise_id"], *amount(item), "--effort", "11", "--felt", "nowhere", *monday
    )
    assert isinstance(result.exception, InvalidInputError)
    assert {p.field for p in result.exception.problems} == {"--effort"}
    result = invoke("log", item["exercise_id"], *amount(item), "--effort", "5", "--felt", "knees")
    assert result.exit_code == 2
    assert "Invalid value for '--felt': 'knees' is not one of the places" in result.output
    result = invoke("log", item["exercise_id"], "--effort", "5", "--felt", "nowhere")
    assert isinstance(result.exception, InvalidInputError)
    assert "give one of them: --reps for reps or steps, --hold" in str(result.exception)
    assert stored("logs") == []
