"""The re-test through the real pages: due on Today and Progress, the steps, before and after."""

from __future__ import annotations

import copy
from datetime import date, datetime, time, timedelta
from typing import Any

from fastapi.testclient import TestClient
from web_helpers import example_answers, field_errors, onboard

from glutewake.application import App, programs, screening
from glutewake.application.context import FixedClock
from glutewake.config import Settings
from glutewake.screening.data import load_screening_data
from glutewake.store import Database
from glutewake.store import repository as repo
from glutewake.web.pages.retest import retest_steps
from glutewake.web.wizard import form_from_answers

DATA = load_screening_data()


def better_tests() -> dict[str, Any]:
    tests: dict[str, Any] = copy.deepcopy(example_answers()["self_tests"])
    tests["glute_squeeze"]["left"] = {"contraction": "clear"}
    return tests


def take_retest(client: TestClient, tests: dict[str, Any]) -> Any:
    """Post every re-test page the way the browser does; the final response."""
    form = form_from_answers({"red_flags": [], "self_tests": tests}, DATA)
    response = None
    for step in retest_steps(DATA):
        response = client.post(
            "/retest", data={**form, "step": step.id, "go": "continue"}, follow_redirects=False
        )
        assert response.status_code in (200, 303), field_errors(response.text)
    return response


def planned_days_ago(settings: Settings, days: int) -> None:
    day = date.today() - timedelta(days=days)
    application = App.open(settings, FixedClock(day, datetime.combine(day, time(9))))
    try:
        with application.work() as work:
            screening.take(work, example_answers())
            programs.plan(work, {"minutes": 20}, start=day)
    finally:
        application.close()


def newest(database: Database) -> repo.ScreeningRecord:
    with database.session() as session:
        found = repo.latest_screening(session, repo.default_person(session).id)
    assert found is not None
    return found


def test_a_retest_due_shows_on_today_and_progress(settings: Settings, client: TestClient) -> None:
    planned_days_ago(settings, 15)
    for path in ("/today", "/progress"):
        page = client.get(path).text
        assert "Re-test due" in page, path
        assert 'href="/retest"' in page, path


def test_no_retest_is_due_in_the_first_two_weeks(client: TestClient) -> None:
    onboard(client, date.today())
    for path in ("/today", "/progress"):
        assert "Re-test due" not in client.get(path).text, path


def test_the_retest_asks_flags_and_self_tests_then_shows_before_and_after(
    client: TestClient, database: Database
) -> None:
    onboard(client, date.today())
    before = newest(database)
    first = client.get("/retest")
    assert first.status_code == 200
    assert "Anything new since last time?" in first.text
    assert 'action="/retest"' in first.text
    assert "None of these" in first.text
    assert "About 5 minutes" in first.text
    titles = [step.title for step in retest_steps(DATA)]
    assert titles[1:] == [test.name for test in DATA.self_tests]  # no questionnaire page
    stance = client.post(
        "/retest",
        data={**form_from_answers({"red_flags": []}, DATA), "step": "red_flags", "go": "next"},
    )
    assert stance.status_code == 200
    assert DATA.self_tests[0].name in stance.text
    done = take_retest(client, better_tests())
    assert done.status_code == 303
    assert done.headers["location"] == "/retest/result"
    after = newest(database)
    assert after.id != before.id
    assert after.answers["retest"] is True
    assert after.answers["questionnaire"] == before.answers["questionnaire"]
    assert after.answers["self_tests"] == better_tests()
    result = client.get("/retest/result").text
    assert "Before and after" in result
    assert "re-planned from this re-test" in result
    squeeze = result.split(DATA.self_test("glute_squeeze").name, 1)[1].split("</section>", 1)[0]
    assert "Left side: <span" in squeeze and ">Better</span>" in squeeze
    assert "Right side: <span" in squeeze and ">No change</span>" in squeeze
    assert "I clearly felt it tighten and relax" in squeeze
    with database.session() as session:
        program = repo.current_program(session, repo.default_person(session).id)
    assert program is not None and program.program["screening_id"] == after.id


def test_a_red_flag_in_a_retest_stops_at_once(client: TestClient, database: Database) -> None:
    onboard(client, date.today())
    form = form_from_answers({"red_flags": ["saddle-numbness"]}, DATA)
    stop = client.post("/retest", data={**form, "step": "red_flags", "go": "next"})
    assert stop.status_code == 200
    assert "stop-page" in stop.text
    assert 'action="/retest"' in stop.text
    assert newest(database).profile.gate.value == "stop"  # stored before any other answer
    assert client.get("/today").status_code == 409
    record = client.post(
        "/retest", data={**form, "step": "red_flags", "go": "continue"}, follow_redirects=False
    )
    assert record.status_code == 303 and record.headers["location"] == "/profile"
    stored = newest(database)
    assert stored.answers["retest"] is True and stored.profile.gate.value == "stop"
    assert client.get("/retest").status_code == 409  # a stop on record: the full check
    assert "Re-test due" not in client.get("/progress").text


def test_the_replan_asks_before_replacing_a_started_session(
    client: TestClient, database: Database
) -> None:
    onboard(client, date.today())
    data = client.get("/api/today").json()
    row = next(row for item in data["items"] for row in item["rows"])
    amount = "hold_seconds" if row["measure"] == "hold_seconds" else "reps"
    logged = client.post(
        "/today/log",
        data={
            "key": row["key"],
            "exercise_id": row["exercise_id"],
            "day": data["day"],
            "set_number": str(row["set_number"]),
            "side": row["side"] or "",
            amount: str(row["target"]),
            "effort": "6",
            "felt": ["glutes-left"],
            "pain": "0",
        },
        follow_redirects=False,
    )
    assert logged.status_code == 303, field_errors(logged.text)
    with database.session() as session:
        kept = repo.current_program(session, repo.default_person(session).id)
    asked = take_retest(client, better_tests())
    assert asked.status_code == 200
    assert "Re-plan today's session?" in asked.text
    assert "1 set already logged today" in asked.text
    keep = client.post("/retest/replan", data={"go": "keep"}, follow_redirects=False)
    assert keep.headers["location"] == "/retest/result"
    with database.session() as session:
        current = repo.current_program(session, repo.default_person(session).id)
    assert kept is not None and current is not None and current.id == kept.id
    assert "not re-planned yet" in client.get("/retest/result").text
    client.post("/retest/replan", data={"go": "replan"})
    assert "re-planned from this re-test" in client.get("/retest/result").text


def test_without_a_screening_the_retest_says_to_take_one(client: TestClient) -> None:
    page = client.get("/retest")
    assert page.status_code == 404
    assert "Take the screening first" in page.text
