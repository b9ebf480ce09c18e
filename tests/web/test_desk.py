"""Desk breaks in the web app: the prompt, "Did you do it?", settings, the pause, bouts, report.

TestClient on a real SQLite file; the desktop coach and the CLI report run as real processes on
the same data folder, to show they read what the web app wrote.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time as clock
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient
from flows import CLEARANCE, GO, STOP, clear, take
from markupsafe import escape
from web_helpers import field_errors, onboard

from glutewake.application import App, SystemClock, Work, breaks, safety
from glutewake.catalogue import default_catalogue
from glutewake.config import Settings
from glutewake.desktop.control import ControlFiles
from glutewake.reminders.chooser import micro_breaks
from glutewake.reminders.records import BoutEnd, BoutRecord, BreakRecord, Outcome
from glutewake.reminders.settings import BreakSettings, TimeWindow
from glutewake.reminders.timing import plan_timer
from glutewake.store import Database, repository
from glutewake.web.app import create_app
from glutewake.weekday import Weekday

GLUTEWAKE = (sys.executable, "-c", "from glutewake.cli.app import main; main()")
EVERY_DAY = [day.value for day in Weekday]
GOOD_SETTINGS: dict[str, Any] = {
    "interval_minutes": "45",
    "snooze_minutes": "10",
    "idle_threshold_minutes": "4",
    "daily_max": "8",
    "work_start": "00:00",
    "work_end": "23:59",
    "work_days": EVERY_DAY,
    "quiet_start": ["12:00", ""],
    "quiet_end": ["13:00", ""],
}


def local(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute)).astimezone()


YESTERDAY = date.today() - timedelta(days=1)


@contextmanager
def working(database: Database) -> Iterator[Work]:
    """A unit of work on the app's database, as the app's own use cases get one."""
    with App(database, default_catalogue(), SystemClock()).work() as work:
        yield work


def records(database: Database) -> list[BoutRecord | BreakRecord]:
    with working(database) as work:
        return breaks.records_since(work)


def store(database: Database, *stored: BoutRecord | BreakRecord) -> None:
    with working(database) as work:
        breaks.record(work, *stored)


def saved_breaks(database: Database) -> Any:
    with database.session() as session:
        person_id = repository.default_person(session).id
        return repository.get_break_settings(session, person_id)


def rules_of(database: Database, settings: Settings) -> BreakSettings:
    with working(database) as work:
        return breaks.break_settings(work, settings.breaks)


def offered(client: TestClient) -> str:
    return client.get("/desk").text.split('name="exercise_id" value="')[1].split('"')[0]


# ---- the prompt and "Did you do it?" ---------------------------------------------------------


def start_break(client: TestClient) -> tuple[str, str]:
    """Press "Do it now"; the exercise and when it began, from the guided break's address."""
    exercise_id = offered(client)
    response = client.post(
        "/desk/break", data={"exercise_id": exercise_id, "outcome": "done"}, follow_redirects=False
    )
    assert response.status_code == 303
    location = urlsplit(response.headers["location"])
    assert location.path == "/desk/exercise"
    query = parse_qs(location.query)
    assert query["exercise_id"] == [exercise_id]
    return exercise_id, query["started"][0]


def test_done_starts_the_guided_break_and_only_the_answer_is_logged(
    client: TestClient, database: Database
) -> None:
    client.post("/desk/settings", data=GOOD_SETTINGS)
    assert "0 breaks done this week" in client.get("/desk").text
    exercise_id, started = start_break(client)
    assert records(database) == []  # pressing Done logs nothing: the answer will

    guide = client.get("/desk/exercise", params={"exercise_id": exercise_id, "started": started})
    assert guide.status_code == 200
    assert "Did you do it?" in guide.text and 'name="did_it" value="yes"' in guide.text
    assert f'data-started="{datetime.fromisoformat(started).isoformat()}"' in guide.text

    bout_started, break_started = local(YESTERDAY, 10), local(YESTERDAY, 10, 40)
    answer = client.post(
        "/desk/answer",
        data={
            "exercise_id": exercise_id,
            "did_it": "yes",
            "started": break_started.isoformat(),
            "bout_started": bout_started.isoformat(),
        },
        follow_redirects=False,
    )
    assert answer.headers["location"] == "/desk?after=done"
    bout, done = sorted(records(database), key=lambda r: r.kind)
    assert isinstance(done, BreakRecord) and isinstance(bout, BoutRecord)
    assert (done.outcome, done.exercise_id) == (Outcome.DONE, exercise_id)
    assert (bout.at, bout.ended_at, bout.ended_by) == (bout_started, break_started, BoutEnd.BREAK)
    page = client.get("/desk?after=done").text
    assert "1 break done this week" in page
    assert f'name="exercise_id" value="{exercise_id}"' not in page  # the rotation moves on


def test_no_is_logged_as_not_done_and_the_bout_goes_on(
    client: TestClient, database: Database
) -> None:
    exercise_id, started = start_break(client)
    answer = client.post(
        "/desk/answer",
        data={
            "exercise_id": exercise_id,
            "did_it": "no",
            "started": started,
            "bout_started": local(YESTERDAY, 10).isoformat(),
        },
        follow_redirects=False,
    )
    assert answer.headers["location"] == "/desk?after=not-done"
    [record] = records(database)
    assert isinstance(record, BreakRecord) and record.outcome is Outcome.NOT_DONE
    assert "0 breaks done this week" in client.get("/desk").text


def test_without_javascript_the_answer_needs_no_bout_and_snooze_and_skip_are_logged(
    client: TestClient, database: Database
) -> None:
    exercise_id, _ = start_break(client)
    answer = client.post("/desk/answer", data={"exercise_id": exercise_id, "did_it": "yes"})
    assert answer.status_code == 200 and "1 break done this week" in answer.text
    for outcome in ("snoozed", "skipped"):
        response = client.post(
            "/desk/break",
            data={"exercise_id": offered(client), "outcome": outcome},
            follow_redirects=False,
        )
        assert response.headers["location"] == f"/desk?after={outcome}"
    outcomes = [r.outcome for r in records(database) if isinstance(r, BreakRecord)]
    assert outcomes == [Outcome.DONE, Outcome.SNOOZED, Outcome.SKIPPED]
    assert "3 of at most 12 prompts today" in client.get("/desk").text


def test_bad_answers_are_refused_and_nothing_is_stored(
    client: TestClient, database: Database
) -> None:
    bad = client.post("/desk/break", data={"exercise_id": "deadlift", "outcome": "maybe"})
    assert bad.status_code == 422
    assert "not a desk micro-break" in bad.text and "choose done" in bad.text
    exercise_id = offered(client)
    for fields in (
        {"exercise_id": exercise_id, "did_it": "perhaps"},
        {"exercise_id": exercise_id, "did_it": "yes", "started": "yesterday"},
        {"exercise_id": exercise_id, "did_it": "yes", "bout_started": "2025-06-02T10:00:00"},
    ):
        assert client.post("/desk/answer", data=fields).status_code == 422
    unknown = client.get("/desk/exercise", params={"exercise_id": "glute-bridge"})
    assert unknown.status_code == 422 and "not a desk micro-break" in unknown.text
    assert records(database) == []


# ---- settings --------------------------------------------------------------------------------


def test_settings_are_validated_by_field_and_nothing_is_saved_on_error(
    client: TestClient, database: Database
) -> None:
    page = client.get("/desk/settings").text
    assert 'name="interval_minutes"' in page and 'value="30"' in page
    bad = client.post(
        "/desk/settings",
        data={
            **GOOD_SETTINGS,
            "interval_minutes": "2",
            "snooze_minutes": "",
            "work_start": "18:00",
            "work_end": "09:00",
            "work_days": [],
            "daily_max": "200",
            "quiet_start": ["12:00", "15:00"],
            "quiet_end": ["12:00", ""],
        },
    )
    assert bad.status_code == 422
    errors = field_errors(bad.text)
    assert errors["interval_minutes"] == "Input should be greater than or equal to 5"
    assert "valid integer" in errors["snooze_minutes"]
    assert errors["work_days"] == "choose at least one working day"
    assert errors["daily_max"] == "Input should be less than or equal to 96"
    assert errors["quiet_hours"] == "quiet hours 2: give both times"
    assert 'value="18:00"' in bad.text  # what was typed is shown again
    assert saved_breaks(database) is None

    crossed = client.post("/desk/settings", data={**GOOD_SETTINGS, "work_end": "00:00"})
    assert field_errors(crossed.text)["work_end"] == (
        "work_end must come after work_start on the same day"
    )
    empty_quiet = client.post(
        "/desk/settings", data={**GOOD_SETTINGS, "quiet_start": ["12:00"], "quiet_end": ["12:00"]}
    )
    assert field_errors(empty_quiet.text)["quiet_hours"] == (
        "quiet hours 1: start and end must differ"
    )
    assert saved_breaks(database) is None


def test_saved_settings_are_the_persons_and_the_desk_shows_them(
    client: TestClient, database: Database, settings: Settings
) -> None:
    saved = client.post("/desk/settings", data=GOOD_SETTINGS, follow_redirects=False)
    assert saved.headers["location"] == "/desk?after=saved"
    assert rules_of(database, settings) == BreakSettings(
        interval_minutes=45,
        snooze_minutes=10,
        idle_threshold_minutes=4,
        daily_max=8,
        work_start=time(0),
        work_end=time(23, 59),
        work_days=tuple(Weekday),
        quiet_hours=(TimeWindow(start=time(12), end=time(13)),),
    )
    desk = client.get("/desk?after=saved").text
    assert "Settings saved." in desk
    assert "every day, 00:00\N{EN DASH}23:59" in desk and "12:00\N{EN DASH}13:00" in desk
    assert "Snooze 10 min" in desk and "0 of at most 8 prompts today" in desk
    shown = client.get("/desk/settings").text
    assert 'value="45"' in shown and 'value="12:00"' in shown


def test_fields_set_by_the_environment_are_shown_but_not_edited(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("env"), breaks=BreakSettings(interval_minutes=7)
    )
    with TestClient(create_app(settings), headers={"Origin": "http://testserver"}) as client:
        page = client.get("/desk/settings").text
        assert "GLUTEWAKE_BREAKS__INTERVAL_MINUTES" in page
        assert 'id="interval_minutes" name="interval_minutes"' in page and "disabled" in page
        response = client.post("/desk/settings", data={**GOOD_SETTINGS, "interval_minutes": "50"})
        assert response.status_code == 200
        assert "<dt>Every</dt><dd>7 min of sitting</dd>" in response.text


# ---- the pause -------------------------------------------------------------------------------


def test_pause_for_an_hour_is_stored_where_the_desktop_coach_reads_it(
    client: TestClient, database: Database, settings: Settings
) -> None:
    no_quiet_hours: dict[str, list[str]] = {"quiet_start": [], "quiet_end": []}
    client.post("/desk/settings", data={**GOOD_SETTINGS, **no_quiet_hours})  # every day, 45 min
    before = datetime.now(UTC)
    paused = client.post("/desk/pause", data={"minutes": "60"}, follow_redirects=False)
    assert paused.headers["location"] == "/desk?after=paused"
    found = ControlFiles(settings.data_dir / "breaks").read_pause()
    assert found is not None and found[1] is not None
    until = found[1]
    assert before + timedelta(minutes=60) <= until <= datetime.now(UTC) + timedelta(minutes=60)
    desk = client.get("/desk").text
    assert f"Paused until {until.astimezone():%H:%M}" in desk and "Resume now" in desk
    timer = client.get("/desk/timer").json()
    assert datetime.fromisoformat(timer["paused_until"]) == until
    served_now = datetime.fromisoformat(timer["now"])
    planned = plan_timer(rules_of(database, settings), served_now, paused_until=until)
    assert timer["plan"] == planned.model_dump(mode="json")
    assert planned.prompt_at is not None and planned.prompt_at >= until
    if served_now.astimezone().time() < time(22, 45):  # the hour ends before work does
        assert (planned.prompt_at, planned.held_back_by) == (until, "paused")

    client.post("/desk/pause", data={"minutes": "0"})
    resumed = ControlFiles(settings.data_dir / "breaks").read_pause()
    assert resumed is not None and resumed[1] is None
    assert "Pause for an hour" in client.get("/desk").text
    for minutes in ("-5", "abc", "1441", "²"):
        assert client.post("/desk/pause", data={"minutes": minutes}).status_code == 422


def test_numbers_out_of_range_are_refused_by_field_never_with_a_server_error(
    client: TestClient, database: Database, settings: Settings
) -> None:
    """Issue 12: ``POST /desk/pause`` with a 5,000-digit ``minutes`` answered 500."""
    huge = "9" * 5000
    paused = client.post("/desk/pause", data={"minutes": huge})
    assert paused.status_code == 422
    assert "<strong>Minutes</strong>: a whole number from 0 to 1440" in paused.text
    assert huge[:80] not in paused.text  # the input is not echoed back
    assert ControlFiles(settings.data_dir / "breaks").read_pause() is None
    for name in ("interval_minutes", "snooze_minutes", "daily_max", "idle_threshold_minutes"):
        for bad in (huge, f"-{huge}", "1e999", "nan"):
            response = client.post("/desk/settings", data={**GOOD_SETTINGS, name: bad})
            assert response.status_code == 422, (name, bad[:10])
            assert name in field_errors(response.text), (name, bad[:10])
    assert saved_breaks(database) is None
    assert client.get("/desk/report", params={"days": huge}).status_code == 422


def test_the_desktop_coach_runs_by_the_web_settings_and_pause(
    client: TestClient, settings: Settings
) -> None:
    client.post("/desk/settings", data=GOOD_SETTINGS)
    client.post("/desk/pause", data={"minutes": "60"})
    env = {**os.environ, "GLUTEWAKE_DATA_DIR": str(settings.data_dir)}
    for name in (
        "GLUTEWAKE_DATABASE_URL",
        "DBUS_SESSION_BUS_ADDRESS",
        "DISPLAY",
        "WAYLAND_DISPLAY",
    ):
        env.pop(name, None)
    env = {k: v for k, v in env.items() if not k.startswith("GLUTEWAKE_BREAKS__")}
    coach = subprocess.Popen(
        [*GLUTEWAKE, "breaks"],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        status = wait_for_status(
            env, lambda s: s.get("running") and s["status"]["paused_until"] is not None
        )
        assert status["rules"]["interval_minutes"] == 45
        assert status["rules"]["quiet_hours"] == [{"start": "12:00:00", "end": "13:00:00"}]
    finally:
        coach.send_signal(signal.SIGTERM)
        _, err = coach.communicate(timeout=30)
    assert coach.returncode == 0, err


def wait_for_status(env: dict[str, str], wanted: Any, seconds: float = 30) -> dict[str, Any]:
    deadline = clock.monotonic() + seconds
    status: dict[str, Any] = {}
    while clock.monotonic() < deadline:
        done = subprocess.run(
            [*GLUTEWAKE, "breaks", "--status", "--json"],
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
        status = json.loads(done.stdout)
        if wanted(status):
            return status
        clock.sleep(0.5)
    raise AssertionError(f"the status never became what was wanted: {status}")


def test_saving_desk_settings_leaves_the_program_preferences_alone(
    client: TestClient, database: Database, settings: Settings
) -> None:
    """Issue 11: after the desk settings were saved on the web, ``glutewake plan --minutes 25``
    failed with "breaks: not a preference"; they are now a document of their own."""
    onboard(client, date.today())
    with database.session() as session:
        person_id = repository.default_person(session).id
        preferences_before = repository.get_preferences(session, person_id)
    assert client.post("/desk/settings", data=GOOD_SETTINGS).status_code == 200
    with database.session() as session:
        assert repository.get_preferences(session, person_id) == preferences_before
    env = {**os.environ, "GLUTEWAKE_DATA_DIR": str(settings.data_dir)}
    env.pop("GLUTEWAKE_DATABASE_URL", None)
    plan = subprocess.run(
        [*GLUTEWAKE, "plan", "--minutes", "25"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert plan.returncode == 0, plan.stdout + plan.stderr
    with database.session() as session:
        assert (repository.get_preferences(session, person_id) or {})["minutes"] == 25
    assert rules_of(database, settings).interval_minutes == 45  # the break settings stay


# ---- the timer -------------------------------------------------------------------------------


def test_the_timer_is_planned_by_the_persons_rules_the_pause_and_todays_prompts(
    client: TestClient, database: Database, settings: Settings
) -> None:
    client.post("/desk/settings", data={**GOOD_SETTINGS, "daily_max": "2"})
    now = datetime.now(UTC)
    store(
        database,
        BreakRecord(at=now, outcome=Outcome.SNOOZED),
        BreakRecord(at=now, outcome=Outcome.SKIPPED),
        BreakRecord(at=now, outcome=Outcome.AWAY),  # not a prompt: does not count
    )
    client.post("/desk/pause", data={"minutes": "30"})
    bout_started = (now - timedelta(minutes=20)).isoformat()
    timer = client.get("/desk/timer", params={"wait": "snooze", "bout_started": bout_started})
    answer = timer.json()
    assert (answer["prompts_today"], answer["daily_max"]) == (2, 2)
    served_now = datetime.fromisoformat(answer["now"])
    expected = plan_timer(
        rules_of(database, settings),
        served_now,
        snoozed=True,
        bout_started=datetime.fromisoformat(bout_started),
        prompts_today=2,
        paused_until=datetime.fromisoformat(answer["paused_until"]),
    )
    assert answer["plan"] == expected.model_dump(mode="json")
    prompt_at = datetime.fromisoformat(answer["plan"]["prompt_at"])
    assert prompt_at.astimezone().date() > served_now.astimezone().date()  # today is full

    again = client.get("/desk/timer", params={"due_at": answer["plan"]["due_at"]}).json()
    assert again["plan"]["due_at"] == answer["plan"]["due_at"]
    for bad in (
        {"wait": "forever"},
        {"due_at": "soon"},
        {"bout_started": "9999-12-31T23:59:59-23:59"},
    ):
        assert client.get("/desk/timer", params=bad).status_code == 422


# ---- bouts the tab ends ----------------------------------------------------------------------


def test_a_bout_the_tab_ends_is_stored_once_within_working_hours(
    client: TestClient, database: Database
) -> None:
    client.post(
        "/desk/settings", data={**GOOD_SETTINGS, "work_start": "09:00", "work_end": "17:00"}
    )

    def end(started: datetime, ended: datetime, ended_by: str, prompt_open: str = "no") -> int:
        form = {
            "bout_started": started.isoformat(),
            "ended_at": ended.isoformat(),
            "ended_by": ended_by,
            "prompt_open": prompt_open,
        }
        return client.post("/desk/bout", data=form).status_code

    assert end(local(YESTERDAY, 8), local(YESTERDAY, 9, 50), "stopped") == 204
    assert end(local(YESTERDAY, 8), local(YESTERDAY, 9, 50), "stopped") == 204  # a retry
    assert end(local(YESTERDAY, 10), local(YESTERDAY, 10, 25), "asleep") == 204
    assert end(local(YESTERDAY, 16), local(YESTERDAY, 17), "end-of-day", "yes") == 204
    assert end(local(YESTERDAY, 18), local(YESTERDAY, 19), "stopped") == 204  # after work
    assert end(local(YESTERDAY, 11), local(YESTERDAY, 12), "break") == 422
    bouts = [(r.at, r.ended_at, r.ended_by) for r in records(database) if isinstance(r, BoutRecord)]
    assert bouts == [
        (local(YESTERDAY, 9), local(YESTERDAY, 9, 50), BoutEnd.STOPPED),
        (local(YESTERDAY, 10), local(YESTERDAY, 10, 25), BoutEnd.ASLEEP),
        (local(YESTERDAY, 16), local(YESTERDAY, 17), BoutEnd.END_OF_DAY),
    ]
    breaks = [(r.at, r.outcome) for r in records(database) if isinstance(r, BreakRecord)]
    assert breaks == [
        (local(YESTERDAY, 10, 25), Outcome.ASLEEP),
        (local(YESTERDAY, 17), Outcome.UNANSWERED),
    ]


# ---- the report ------------------------------------------------------------------------------


def test_the_report_shows_the_cli_reports_figures_and_draws_each_bout(
    client: TestClient, database: Database, settings: Settings
) -> None:
    assert "No sitting bouts or breaks in the last 7 days." in client.get("/desk/report").text
    earlier = YESTERDAY - timedelta(days=1)

    def bout(day: date, hour: int, minute: int, minutes: int) -> BoutRecord:
        start = local(day, hour, minute)
        return BoutRecord(
            at=start, ended_at=start + timedelta(minutes=minutes), ended_by=BoutEnd.BREAK
        )

    store(
        database,
        bout(earlier, 9, 0, 35),
        BreakRecord(at=local(earlier, 9, 35), outcome=Outcome.DONE, exercise_id="x", seconds=60),
        bout(earlier, 9, 40, 52),
        BreakRecord(at=local(earlier, 10, 32), outcome=Outcome.SNOOZED),
        BreakRecord(at=local(earlier, 10, 37), outcome=Outcome.SKIPPED),
        BreakRecord(at=local(earlier, 10, 40), outcome=Outcome.SKIPPED),
        bout(YESTERDAY, 10, 12, 48),
        bout(YESTERDAY, 11, 30, 20),
        bout(YESTERDAY, 14, 0, 31),
        BreakRecord(at=local(YESTERDAY, 15), outcome=Outcome.AWAY),
    )
    page = client.get("/desk/report").text
    env = {**os.environ, "GLUTEWAKE_DATA_DIR": str(settings.data_dir)}
    env.pop("GLUTEWAKE_DATABASE_URL", None)
    cli = subprocess.run(
        [*GLUTEWAKE, "breaks", "report", "--json"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    days = json.loads(cli.stdout)
    assert [day["day"] for day in days] == [earlier.isoformat(), YESTERDAY.isoformat()]
    for day in days:
        started = datetime.fromisoformat(day["longest_bout_started"])
        section = page.split(f'id="breaks-{day["day"]}"')[1].split("</section>")[0]
        assert f"{day['bouts']} bouts" in section
        assert f"{day['sitting_minutes'] / 60:.1f} h sat" in section
        assert (
            f"<strong>{round(day['longest_bout_minutes'])} min</strong> from {started:%H:%M}"
            in (section)
        )
        for outcome in ("done", "snoozed", "skipped"):
            assert f"<strong>{day['outcomes'][outcome]}</strong> {outcome}" in section
        assert section.count("<rect") == day["bouts"]
        assert section.count('class="longest"') == 1
    assert "<strong>1</strong> away from the desk" in page
    assert page.index(YESTERDAY.isoformat()) < page.index(earlier.isoformat())  # newest first
    assert client.get("/desk/report", params={"days": 0}).status_code == 422
    assert 'href="/desk/report"' in client.get("/history").text
    assert 'href="/desk/report"' in client.get("/desk").text


# ---- the safety rule: no glute exercise while training is paused ------------------------------


def pause_words(database: Database) -> tuple[str, str]:
    """The safety rule's message and hint for the newest screening, as the page escapes them;
    the desk timer carries them unescaped, with the gate."""
    with working(database) as work:
        blocked = safety.training_blocked(work)
    assert blocked is not None
    return str(escape(str(blocked))), str(escape(blocked.hint))


def timer_pause(client: TestClient) -> Any:
    return client.get("/desk/timer").json()["training_paused"]


def a_micro_break() -> str:
    return micro_breaks(default_catalogue().exercises)[0].exercise_id


@pytest.mark.parametrize("paused_by", [STOP, CLEARANCE], ids=["stop", "clearance"])
def test_while_training_is_paused_a_break_is_to_stand_up_and_the_page_says_why(
    client: TestClient, database: Database, settings: Settings, paused_by: dict[str, Any]
) -> None:
    client.post("/desk/settings", data=GOOD_SETTINGS)
    take(settings, paused_by)
    message, hint = pause_words(database)
    page = client.get("/desk").text
    assert message in page and hint in page
    paused = timer_pause(client)
    assert paused["gate"] == ("stop" if paused_by is STOP else "clearance")
    assert f'data-gate="{paused["gate"]}"' in page
    assert (str(escape(paused["message"])), str(escape(paused["hint"]))) == (message, hint)
    assert "Time to stand up" in page and "I stood up" in page
    assert 'name="exercise_id" value=""' in page  # the break offers no exercise
    assert "illustration.svg" not in page and ">Do it now<" not in page
    assert 'class="steps"' not in page

    exercise_id = a_micro_break()
    refused = client.post("/desk/break", data={"exercise_id": exercise_id, "outcome": "done"})
    assert refused.status_code == 409 and message in refused.text and hint in refused.text
    guide = client.get("/desk/exercise", params={"exercise_id": exercise_id})
    assert guide.status_code == 409 and message in guide.text
    assert 'id="desk-exercise"' not in guide.text and "Did you do it?" not in guide.text
    assert records(database) == []

    bout_started = local(YESTERDAY, 10)
    stood = client.post(
        "/desk/break",
        data={"exercise_id": "", "outcome": "done", "bout_started": bout_started.isoformat()},
        follow_redirects=False,
    )
    assert stood.headers["location"] == "/desk?after=done"
    snoozed = client.post("/desk/break", data={"exercise_id": "", "outcome": "snoozed"})
    assert snoozed.status_code == 200
    bout, done, snooze = sorted(records(database), key=lambda r: (r.kind, r.at))
    assert isinstance(bout, BoutRecord) and isinstance(done, BreakRecord)
    assert (bout.at, bout.ended_by) == (bout_started, BoutEnd.BREAK)
    assert (done.outcome, done.exercise_id) == (Outcome.DONE, None)
    assert isinstance(snooze, BreakRecord) and snooze.outcome is Outcome.SNOOZED
    assert "1 break done this week" in client.get("/desk").text


@pytest.mark.parametrize("paused_by", [STOP, CLEARANCE], ids=["stop", "clearance"])
def test_the_exercises_come_back_when_the_gate_lifts(
    client: TestClient, database: Database, settings: Settings, paused_by: dict[str, Any]
) -> None:
    take(settings, paused_by)
    message, _ = pause_words(database)
    assert "I stood up" in client.get("/desk").text
    if paused_by is STOP:
        take(settings, GO)  # a new go screening
    else:
        clear(settings)  # a recorded clearance
    page = client.get("/desk").text
    assert message not in page and "I stood up" not in page and 'data-gate=""' in page
    assert timer_pause(client) is None
    assert "illustration.svg" in page and ">Do it now<" in page
    exercise_id, started = start_break(client)
    guide = client.get("/desk/exercise", params={"exercise_id": exercise_id, "started": started})
    assert guide.status_code == 200 and 'id="desk-exercise"' in guide.text


def test_before_any_screening_the_desk_offers_exercises(client: TestClient) -> None:
    page = client.get("/desk").text
    assert ">Do it now<" in page and "I stood up" not in page
    assert timer_pause(client) is None
