"""The HTML pages through FastAPI's TestClient, on a real SQLite file."""

from __future__ import annotations

from datetime import date

import pytest
from fastapi.testclient import TestClient
from web_helpers import (
    choose_preferences,
    complete_screening,
    example_answers,
    field_errors,
    onboard,
)

from glutewake.screening.data import load_screening_data
from glutewake.store import Database, repository, set_logs
from glutewake.web.wizard import form_from_answers, wizard_steps
from glutewake.weekday import Weekday


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("/", "Do you have glute amnesia?"),
        ("/exercises", "Exercise library"),
        ("/exercises/glute-bridge", "How to do it"),
        ("/screening", "Safety first"),
        ("/program", "No program yet"),
        ("/today", "Nothing planned yet"),
        ("/history", "No sets logged yet"),
    ],
)
def test_every_page_renders_for_a_newcomer(client: TestClient, path: str, text: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert text in response.text
    assert 'name="viewport"' in response.text


def test_the_library_filters_and_explains_bad_filters(client: TestClient) -> None:
    activation = client.get("/exercises", params={"category": "activation"}).text
    everything = client.get("/exercises").text
    assert (
        0
        < activation.count('class="card exercise-card"')
        < everything.count('class="card exercise-card"')
    )
    bad = client.get("/exercises", params={"level": "9"})
    assert bad.status_code == 422
    assert "Unknown level" in bad.text and "Valid choices: 1, 2, 3, 4, 5" in bad.text


def test_an_exercise_page_shows_dose_steps_evidence_and_sources(client: TestClient) -> None:
    page = client.get("/exercises/glute-bridge").text
    for part in ("Dose", "How to do it", "Cautions", "Evidence", "Sources", "<svg"):
        assert part in page
    missing = client.get("/exercises/moonwalk")
    assert missing.status_code == 404
    assert "Unknown exercise id" in missing.text


def test_illustrations_are_served_as_svg(client: TestClient) -> None:
    response = client.get("/exercises/glute-bridge/illustration.svg")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("image/svg+xml")
    assert response.text.lstrip().startswith("<svg")


def test_a_wizard_page_rerenders_with_the_message_next_to_the_field(
    client: TestClient, database: Database
) -> None:
    data = load_screening_data()
    sitting = next(
        s for s in wizard_steps(data) if s.section and s.section.id == "sitting_and_training"
    )
    form = form_from_answers(example_answers(), data)
    form["questionnaire.sitting_hours"] = ["lots"]
    form["questionnaire.longest_sitting_bout"] = ["30"]
    response = client.post("/screening", data={**form, "step": sitting.id, "go": "next"})
    assert response.status_code == 422
    errors = field_errors(response.text)
    assert "must be a number" in errors["questionnaire.sitting_hours"]
    assert "between 0 and 24" in errors["questionnaire.longest_sitting_bout"]
    assert 'value="lots"' in response.text  # what was typed is kept
    with database.session() as session:
        assert repository.latest_screening(session, 1) is None


def test_a_red_flag_stops_before_any_exercise(client: TestClient) -> None:
    answers = example_answers() | {"red_flags": ["saddle-numbness"]}
    form = form_from_answers(answers, load_screening_data())
    stop = client.post("/screening", data={**form, "step": "red_flags", "go": "next"})
    assert stop.status_code == 200
    assert "Get emergency help now" in stop.text
    assert "emergency" in stop.text.lower()
    assert complete_screening(client, answers) == "/profile"
    profile = client.get("/profile").text
    assert "Do not start: seek medical care" in profile
    assert "Next: your preferences" not in profile
    refused = choose_preferences(client, date.today())
    assert refused.status_code == 409
    assert "found a warning sign, so glutewake has paused your program" in refused.text


def test_a_clearance_is_recorded_before_planning(client: TestClient) -> None:
    answers = example_answers()
    answers["questionnaire"]["pain_worse_with_exercise"] = True
    assert complete_screening(client, answers) == "/profile"
    assert "See a professional first" in client.get("/profile").text
    assert choose_preferences(client, date.today()).status_code == 409
    empty = client.post("/profile/clearance", data={"cleared_by": " ", "note": ""})
    assert empty.status_code == 422
    assert "name the doctor" in field_errors(empty.text)["cleared_by"]
    done = client.post(
        "/profile/clearance",
        data={"cleared_by": "Dr Okafor, physiotherapist"},
        follow_redirects=False,
    )
    assert done.status_code == 303
    assert "Cleared by Dr Okafor" in client.get("/profile").text
    assert choose_preferences(client, date.today()).status_code == 303


def test_onboarding_reaches_a_program_explained_by_week(client: TestClient) -> None:
    assert complete_screening(client, example_answers()) == "/profile"
    profile = client.get("/profile").text
    assert "Safe to start" in profile and "Next: your preferences" in profile
    retake = client.get("/screening").text
    assert 'value="9"' in retake  # the wizard starts from the last answers
    assert "questionnaire.pain_over_48h" not in retake  # but health now is asked afresh
    bad = choose_preferences(client, date.today(), minutes="2", weeks="9", training_days=["mon"])
    assert bad.status_code == 422
    errors = field_errors(bad.text)
    assert "out of range" in errors["minutes"] and "out of range" in errors["weeks"]
    assert choose_preferences(client, date.today()).status_code == 303
    program = client.get("/program").text
    assert "Week 1" in program and "Week 4" in program
    assert "Why this program" in program and "Why these exercises" in program


def test_a_whole_session_without_javascript(client: TestClient, database: Database) -> None:
    today = date.today()
    onboard(client, today)
    data = client.get("/api/today").json()
    assert data["status"] == "due"
    rows = [row for item in data["items"] for row in item["rows"]]
    assert rows, "today's session has sets"
    page = client.get("/today").text
    assert f'name="key" value="{rows[0]["key"]}"' in page
    for row in rows:
        amount = "hold_seconds" if row["measure"] == "hold_seconds" else "reps"
        form = {
            "key": row["key"],
            "exercise_id": row["exercise_id"],
            "day": data["day"],
            "set_number": str(row["set_number"]),
            "side": row["side"] or "",
            amount: str(row["target"]),
            "effort": "6",
            "felt": ["glutes-left" if row["side"] == "left" else "glutes-right"],
            "pain": "0",
        }
        logged = client.post("/today/log", data=form, follow_redirects=False)
        assert logged.status_code == 303, field_errors(logged.text)
        again = client.post("/today/log", data=form, follow_redirects=False)
        assert again.status_code == 303  # a double submit is stored once
    with database.session() as session:
        assert len(set_logs.set_logs(session, 1)) == len(rows)
    assert "Every set is logged" in client.get("/today").text
    finished = client.post("/today/finish", follow_redirects=False)
    assert finished.headers["location"] == "/history?finished=1"
    history = client.get("/history?finished=1").text
    assert "Session saved" in history and f"{len(rows)}</strong><span>sets logged" in history
    assert "Today's session is done" in client.get("/today").text


def test_a_bad_log_rerenders_today_with_field_messages(client: TestClient) -> None:
    onboard(client, date.today())
    row = client.get("/api/today").json()["items"][0]["rows"][0]
    response = client.post(
        "/today/log",
        data={
            "key": row["key"],
            "exercise_id": row["exercise_id"],
            "day": "2026-13-40",
            "set_number": "1",
            "effort": "11",
            "pain": "-1",
        },
    )
    assert response.status_code == 422
    errors = field_errors(response.text)
    assert {"day", "effort", "pain"} <= set(errors)
    assert "felt" not in errors  # where it was felt is optional: not answered is no error
    pool = client.app.state.application.database.engine.pool  # type: ignore[attr-defined]
    assert pool.checkedout() == 0  # showing the error leaves no connection behind


def test_skip_and_swap_work_without_javascript(client: TestClient) -> None:
    onboard(client, date.today())
    items = client.get("/api/today").json()["items"]
    first_key = items[0]["rows"][0]["key"]
    skipped = client.get("/today", params={"skip": "0"}).text
    assert f'name="key" value="{first_key}"' not in skipped
    target = next(item for item in items if item["alternatives"])
    option = target["alternatives"][0]
    params: list[tuple[str, str | int | float | bool | None]]
    params = [("skip", str(i)) for i in range(target["index"])]
    params.append(("swap", f"{target['index']}:{option['exercise_id']}"))
    swapped = client.get("/today", params=params).text
    assert f'name="exercise_id" value="{option["exercise_id"]}"' in swapped
    assert f'name="swap" value="{target["index"]}:{option["exercise_id"]}"' in swapped


def test_a_rest_day_offers_the_next_session_now(client: TestClient) -> None:
    today = date.today()
    tomorrow = list(Weekday)[(today.weekday() + 1) % 7].value
    assert complete_screening(client, example_answers()) == "/profile"
    chosen = choose_preferences(client, today, sessions_per_week="1", training_days=[tomorrow])
    assert chosen.status_code == 303
    assert "Rest day" in client.get("/today").text
    number = client.get("/api/today").json()["next_session"]["number"]
    moved = client.post("/today/start", data={"session": str(number)}, follow_redirects=False)
    assert moved.status_code == 303
    assert client.get("/api/today").json()["status"] == "due"
    assert client.post("/today/start", data={"session": "99"}).status_code == 404


def test_numbers_in_other_scripts_are_refused_not_a_server_error(client: TestClient) -> None:
    # "²".isdigit() is True but int("²") fails: the fuzzer found this as a 500.
    refused = client.post("/today/start", data={"session": "²"})
    assert refused.status_code == 422
    assert "session" in refused.text
    skipped = client.get("/today", params=[("skip", "²"), ("swap", "²:glute-bridge")])
    assert skipped.status_code < 500
