"""The safety rule on every path: each entry point that builds, serves, starts or logs a
session refuses while the newest screening is ``stop`` (or ``clearance`` without a recorded
clearance), with the same words, and works again after a ``go`` screening or a clearance."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from flows import CLEARANCE, GO, STOP, clear, cli, take

from glutewake.config import Settings
from glutewake.screening.data import load_screening_data
from glutewake.web.wizard import form_from_answers


@pytest.fixture
def settings(settings_on_each_database: Settings) -> Settings:
    """Every entry point on SQLite and on PostgreSQL."""
    return settings_on_each_database


STOP_WORDS = "found a warning sign, so glutewake has paused your program"
CLEARANCE_WORDS = "asks for a doctor's or physiotherapist's clearance before you train"


def a_log(client: TestClient, key: str) -> dict[str, Any]:
    data = client.get("/api/today").json()
    if data["session"] is None:  # a rest day: start the next session now
        client.post("/today/start", data={"session": data["next_session"]["number"]})
        data = client.get("/api/today").json()
    row = data["items"][0]["rows"][0]
    measure = {"hold_seconds" if row["measure"] == "hold_seconds" else "reps": row["target"]}
    return {
        "session": data["session"]["number"],
        "key": key,
        "exercise_id": row["exercise_id"],
        "day": data["day"],
        "set_number": row["set_number"],
        "side": row["side"],
        **measure,
        "effort": 5,
        "felt": ["glutes-left"],
        "pain": 0,
    }


Entry = Callable[[TestClient, dict[str, Any]], tuple[int, str]]


def web(method: str, path: str, **kwargs: Any) -> Entry:
    def call(client: TestClient, log: dict[str, Any]) -> tuple[int, str]:
        del log
        response = client.request(method, path, follow_redirects=False, **kwargs)
        return response.status_code, response.text

    return call


def set_fields(log: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in log.items() if k != "session"}


def api_log(client: TestClient, log: dict[str, Any]) -> tuple[int, str]:
    response = client.post("/api/logs", json={**set_fields(log), "key": log["key"] + "-api"})
    return response.status_code, response.text


def start_early(client: TestClient, log: dict[str, Any]) -> tuple[int, str]:
    response = client.post(
        "/today/start", data={"session": str(log["session"])}, follow_redirects=False
    )
    return response.status_code, response.text


def form_log(client: TestClient, log: dict[str, Any]) -> tuple[int, str]:
    fields = {k: str(v) for k, v in set_fields(log).items() if k != "felt" and v is not None}
    response = client.post(
        "/today/log", data={**fields, "key": log["key"] + "-form", "felt": "glutes-left"}
    )
    return response.status_code, response.text


def cli_log(client: TestClient, log: dict[str, Any]) -> tuple[int, str]:
    del client
    measure = (
        ["--hold", str(log["hold_seconds"])]
        if "hold_seconds" in log
        else ["--reps", str(log["reps"])]
    )
    side = ["--side", log["side"]] if log["side"] else []
    return cli("log", log["exercise_id"], *measure, *side, "--effort", "5", "--felt", "glutes-left")


def cli_call(*args: str) -> Entry:
    def call(client: TestClient, log: dict[str, Any]) -> tuple[int, str]:
        del client, log
        return cli(*args)

    return call


# Every entry point that builds, re-plans, serves, starts or logs a session.
ENTRY_POINTS: dict[str, Entry] = {
    "GET /today": web("GET", "/today"),
    "GET /api/today": web("GET", "/api/today"),
    "POST /api/logs": api_log,
    "POST /today/log": form_log,
    "POST /today/start": start_early,
    "POST /today/finish": web("POST", "/today/finish"),
    "POST /preferences": web(  # yes to replacing today's session: the CLI's plan then keeps it
        "POST", "/preferences", data={"minutes": "20", "can_floor": "yes", "replace_today": "yes"}
    ),
    "glutewake plan": cli_call("plan"),
    "glutewake plan --new": cli_call("plan", "--new", "--yes"),
    "glutewake today": cli_call("today"),
    "glutewake log": cli_log,
}


@pytest.mark.parametrize(
    ("blocking", "words", "lift"),
    [(STOP, STOP_WORDS, "go"), (CLEARANCE, CLEARANCE_WORDS, "clearance")],
    ids=["stop", "clearance-not-recorded"],
)
def test_every_entry_point_refuses_while_the_gate_holds_and_works_after(
    settings: Settings,
    client: TestClient,
    blocking: dict[str, Any],
    words: str,
    lift: str,
) -> None:
    take(settings, GO)
    assert (
        client.post("/preferences", data={"minutes": "20", "can_floor": "yes"}).status_code == 303
    )
    log = a_log(client, "matrix-set-0001")
    take(settings, blocking)

    for name, call in ENTRY_POINTS.items():
        status, text = call(client, log)
        assert status in (2, 409), f"{name} answered {status} while the gate holds"
        assert words in " ".join(text.split()).replace("&#39;", "'"), f"{name} did not say why"
    program_page = client.get("/program").text.replace("&#39;", "'")
    assert words in " ".join(program_page.split())
    assert "Go to today" not in program_page

    if lift == "go":
        take(settings, GO)
    else:
        clear(settings)
    for name, call in ENTRY_POINTS.items():
        status, text = call(client, log)
        assert status in (0, 200, 201, 303), f"{name} still refused ({status}): {text[:300]}"


def test_a_red_flag_raised_in_the_web_wizard_pauses_the_program_at_once(
    settings: Settings, client: TestClient
) -> None:
    take(settings, GO)
    assert (
        client.post("/preferences", data={"minutes": "20", "can_floor": "yes"}).status_code == 303
    )
    assert client.get("/api/today").status_code == 200
    form = form_from_answers(STOP, load_screening_data())
    stop = client.post("/screening", data={**form, "step": "red_flags", "go": "next"})
    assert stop.status_code == 200  # the emergency screen; the person may leave here
    paused = client.get("/api/today")
    assert paused.status_code == 409
    assert STOP_WORDS in paused.json()["detail"]
    client.post("/screening", data={**form, "step": "red_flags", "go": "next"})  # again
    history = json.loads(cli("screen", "--history", "--json")[1])
    assert [entry["gate"] for entry in history["screenings"]] == ["go", "stop"]  # stored once
