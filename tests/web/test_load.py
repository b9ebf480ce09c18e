"""What the speed-ups must not change: fresh data on every request, many requests at once."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import httpx
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from web_helpers import example_answers, onboard, server

from glutewake.application import App, programs, screening
from glutewake.application.programs import parse_program
from glutewake.config import Settings
from glutewake.programming.program import Program
from glutewake.store import Database, models, open_database, repository

COMMAND = [sys.executable, "-c", "from glutewake.cli.app import main; main()", "serve"]
IN_FLIGHT = 120  # more than the thread pool (40) and the old connection pool (15) together


def log_body(row: dict[str, object], day: str) -> dict[str, object]:
    amount = "hold_seconds" if row["measure"] == "hold_seconds" else "reps"
    return {
        "key": row["key"],
        "exercise_id": row["exercise_id"],
        "day": day,
        "set_number": row["set_number"],
        "side": row["side"],
        amount: row["target"],
        "effort": 6,
        "felt": ["glutes-left"],
        "pain": 0,
    }


def test_a_log_shows_on_the_next_today_page(client: TestClient) -> None:
    onboard(client, date.today())
    data = client.get("/api/today").json()
    rows = [row for item in data["items"] for row in item["rows"]]
    before = client.get("/today").text
    assert f"0 of {len(rows)} sets logged" in before
    assert f'name="key" value="{rows[0]["key"]}"' in before
    assert client.post("/api/logs", json=log_body(rows[0], data["day"])).status_code == 201
    after = client.get("/today").text
    assert f"1 of {len(rows)} sets logged" in after
    assert f'name="key" value="{rows[1]["key"]}"' in after
    assert rows[0]["key"] in client.get("/api/today").json()["logged"]


def test_a_program_changed_by_another_process_shows_on_today(
    client: TestClient, database: Database
) -> None:
    onboard(client, date.today())
    first = client.get("/api/today").json()["items"][0]
    assert first["cue"] in client.get("/today").text  # the program is parsed and cached now
    with database.session() as session:  # as the CLI or a second worker would change it
        record = repository.current_program(session, 1)
        assert record is not None
        program = record.program
        for week in program["weeks"]:
            for planned in week["sessions"]:
                if planned["day"] == date.today().isoformat():
                    planned["blocks"][0]["items"][0]["cue"] = "A cue written elsewhere."
        repository.replace_program(session, 1, record.id, program)
    assert "A cue written elsewhere." in client.get("/today").text
    assert client.get("/api/today").json()["items"][0]["cue"] == "A cue written elsewhere."


def test_a_program_text_is_parsed_once_and_a_new_text_anew(
    client: TestClient, database: Database
) -> None:
    onboard(client, date.today())
    with database.session() as session:
        stored = repository.current_program_text(session, 1)
    assert stored is not None
    text = stored[1]
    parsed = parse_program(text)
    assert parsed is parse_program(text)
    assert parsed == Program.model_validate(json.loads(text))
    changed = json.loads(text)
    changed["weeks"][0]["reason"] = "Another reason."
    assert parse_program(json.dumps(changed)).weeks[0].reason == "Another reason."
    assert parse_program(text).weeks[0].reason != "Another reason."


def test_more_requests_in_flight_than_pooled_connections_all_complete(tmp_path: Path) -> None:
    async def burst(url: str) -> list[int]:
        limits = httpx.Limits(max_connections=IN_FLIGHT)
        async with httpx.AsyncClient(base_url=url, limits=limits, timeout=25) as web:
            responses = await asyncio.gather(*(web.get("/today") for _ in range(IN_FLIGHT)))
        return [response.status_code for response in responses]

    with server(tmp_path) as url:
        started = time.monotonic()
        statuses = asyncio.run(burst(url))  # a starved pool stalls 30 s, then fails them
    assert statuses == [200] * IN_FLIGHT
    assert time.monotonic() - started < 20


def screened_and_planned(data_dir: Path, database_url: str = "") -> None:
    """A person with a program, as the web onboarding leaves them (logging needs one)."""
    application = App.open(Settings(data_dir=data_dir, database_url=database_url))
    try:
        with application.work() as work:
            screening.take(work, example_answers())
            programs.plan(work, {"minutes": 20})
    finally:
        application.close()


def test_two_workers_share_one_database_and_one_local_user(
    tmp_path: Path, postgres_url: str
) -> None:
    screened_and_planned(tmp_path, postgres_url)  # several workers need PostgreSQL
    with (
        server(tmp_path, "--workers", "2", database_url=postgres_url) as url,
        httpx.Client(base_url=url, headers={"Origin": url}) as web,
    ):
        statuses = {web.get("/today").status_code for _ in range(20)}
        logged = web.post(
            "/api/logs",
            json={
                "key": "two-workers-1",
                "exercise_id": "glute-bridge",
                "day": date.today().isoformat(),
                "set_number": 1,
                "reps": 10,
                "effort": 5,
                "felt": ["glutes-left"],
                "pain": 0,
            },
        )
        assert statuses == {200}
        assert logged.status_code == 201
        assert {len(web.get("/api/logs").json()) for _ in range(10)} == {1}  # whichever answers
    database = open_database(postgres_url)
    try:
        with database.session() as session:
            assert session.scalar(select(func.count()).select_from(models.Person)) == 1
    finally:
        database.close()


def test_reload_refuses_more_than_one_worker(tmp_path: Path) -> None:
    env = {**os.environ, "GLUTEWAKE_DATA_DIR": str(tmp_path)}
    result = subprocess.run(
        [*COMMAND, "--reload", "--workers", "2"], env=env, capture_output=True, text=True
    )
    assert result.returncode == 2
    assert "--reload runs one process" in result.stderr
