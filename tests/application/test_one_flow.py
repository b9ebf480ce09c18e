"""The CLI and the web app run the same flows: what one does, the other sees the same way."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from fastapi.testclient import TestClient
from flows import CLEARANCE, GO, clear, cli, take
from sqlalchemy import text

from glutewake.application import App, programs, sessions
from glutewake.config import Settings
from glutewake.store import set_logs

PREFERENCES = {"minutes": "20", "can_floor": "yes"}


@pytest.fixture
def settings(settings_on_each_database: Settings) -> Settings:
    """The web and the CLI sharing one database, SQLite and PostgreSQL."""
    return settings_on_each_database


def stored_programs(settings: Settings) -> list[tuple[int, str]]:
    application = App.open(settings)
    try:
        with application.work() as work:
            rows = work.db.execute(text("SELECT id, created_at FROM program ORDER BY id"))
            return [(row[0], str(row[1])) for row in rows]
    finally:
        application.close()


def test_a_plain_plan_keeps_the_program_the_web_built(
    settings: Settings, client: TestClient
) -> None:
    take(settings, GO)
    assert client.post("/preferences", data=PREFERENCES).status_code == 303
    built = stored_programs(settings)
    code, output = cli("plan")
    assert code == 0, output
    assert "Your current program" in output
    assert stored_programs(settings) == built


def test_saving_the_same_preferences_again_builds_nothing_new(
    settings: Settings, client: TestClient
) -> None:
    take(settings, GO)
    client.post("/preferences", data=PREFERENCES)
    client.post("/preferences", data=PREFERENCES)
    assert cli("plan", "--minutes", "20")[0] == 0
    assert len(stored_programs(settings)) == 1
    assert cli("plan", "--minutes", "25")[0] == 0
    assert len(stored_programs(settings)) == 2


def test_the_cli_stores_times_as_naive_utc(settings: Settings, client: TestClient) -> None:
    del client
    take(settings, GO)
    assert cli("plan", "--minutes", "20")[0] == 0
    ((_, created_at),) = stored_programs(settings)
    assert "+" not in created_at, created_at


def test_today_agrees_between_the_cli_and_the_web_after_missed_sessions(
    settings: Settings, client: TestClient
) -> None:
    take(settings, GO)
    two_weeks_ago = (date.today() - timedelta(days=14)).isoformat()
    assert cli("plan", "--minutes", "20", "--start", two_weeks_ago)[0] == 0
    code, output = cli("today", "--json")
    assert code == 0, output
    shown = json.loads(output)
    web = client.get("/api/today").json()
    cli_day = shown["session"]["day"]
    web_day = web["day"] if web["session"] else web["next_session"]["day"]
    assert cli_day == web_day
    assert cli_day >= web["day"]  # missed sessions slid forward, on both
    assert shown["changes"], "the slide is shown as a pending change"
    # and reading changed nothing
    assert cli("today", "--json")[1] == output


def test_a_clearance_travels_with_the_program(settings: Settings, client: TestClient) -> None:
    take(settings, CLEARANCE)
    clear(settings, "avoid heavy loading", "no-heavy-loading")
    code, output = cli("plan", "--minutes", "20", "--explain")
    assert code == 0, output
    flat = " ".join(output.split())
    assert "Cleared by Dr Lee, physiotherapist" in flat
    assert "avoid heavy loading" in flat
    assert "Sciatica" in flat
    assert "No heavy loading" in flat
    today = " ".join(cli("today")[1].split())
    assert "avoid heavy loading" in today
    player = client.get("/api/today").json()
    assert "avoid heavy loading" in player["clearance"]
    page = client.get("/program").text
    assert "avoid heavy loading" in page and "Sciatica" in page


def logged_pains(settings: Settings) -> list[int | None]:
    """Each stored set's pain, None where it was not given (not answered is not 0)."""
    application = App.open(settings)
    try:
        with application.work() as work:
            return [log.pain for log in set_logs.set_logs(work.db, work.person_id)]
    finally:
        application.close()


BRIDGE = (
    "log",
    "glute-bridge",
    "--reps",
    "12",
    "--effort",
    "5",
    "--felt",
    "glutes-left",
    "--extra",  # not in today's session: logged on purpose outside the plan
)


def test_logging_the_same_set_number_twice_keeps_both_and_says_so(
    settings: Settings, client: TestClient
) -> None:
    del client
    take(settings, GO)
    assert cli("plan", "--minutes", "20")[0] == 0
    assert cli(*BRIDGE, "--set", "1")[0] == 0
    code, output = cli(*BRIDGE, "--set", "1", "--pain", "6")
    assert code == 0, output
    assert "already logged" in " ".join(output.split())
    assert logged_pains(settings) == [None, 6]


def test_a_cli_key_stores_once_refuses_another_set_and_a_correction_is_explicit(
    settings: Settings, client: TestClient
) -> None:
    del client
    take(settings, GO)
    assert cli("plan", "--minutes", "20")[0] == 0
    assert cli(*BRIDGE, "--key", "morning-set-1")[0] == 0
    assert cli(*BRIDGE, "--key", "morning-set-1")[0] == 0  # the same command again
    code, output = cli(*BRIDGE, "--key", "morning-set-1", "--pain", "6")
    assert code == 2 and "already used for a different set" in output
    assert logged_pains(settings) == [None]
    code, output = cli("log", "--json", *BRIDGE[1:], "--key", "other-set-12")
    set_id = json.loads(output)["id"]
    code, output = cli(*BRIDGE, "--pain", "3", "--correct", str(set_id))
    assert code == 0 and "Corrected set" in output
    assert logged_pains(settings) == [None, 3]


def test_today_sees_a_corrected_earlier_set(settings: Settings, client: TestClient) -> None:
    """The Today view is derived from the logs; a correction of yesterday's set shows at once."""
    del client
    take(settings, GO)
    start = (date.today() - timedelta(days=14)).isoformat()
    assert cli("plan", "--minutes", "20", "--start", start)[0] == 0
    application = App.open(settings)
    try:
        with application.work() as work:
            item = programs.today(work).plan.program.sessions[0].items[0]
            fields = {
                "exercise_id": item.exercise_id,
                "day": date.today() - timedelta(days=1),
                "set_number": 1,
                "side": "left" if item.per_side else None,
                ("hold_seconds" if item.measure == "hold_seconds" else "reps"): item.target,
                "effort": 5,
                "felt": ["glutes-left"],
                "pain": 0,
            }
            log_id = sessions.record_set(work, fields, "yesterday-set-1")
            before = [change.rule for change in programs.today(work).pending]
            sessions.correct_set(work, log_id, {**fields, "pain": 8})
            after = [change.rule for change in programs.today(work).pending]
    finally:
        application.close()
    assert after != before
    assert len(after) > len(before)
