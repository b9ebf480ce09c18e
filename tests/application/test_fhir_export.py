"""The FHIR export on a real store: one person's records only, the same bytes every time, and
the command and the web download give the same Bundle (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from fhir.resources.R4B import get_fhir_model_class
from flows import GO, STOP, cli, take

from glutewake.application import App, Scope, Work, fhir_export, programs, screening, sessions
from glutewake.application.context import FixedClock
from glutewake.config import Settings
from glutewake.fhir import bundle
from glutewake.store import models

START = date(2026, 3, 2)  # a Monday


@pytest.fixture
def settings(settings_on_each_database: Settings) -> Settings:
    return settings_on_each_database


@contextmanager
def work_on(settings: Settings, scope: Scope | None = None, day: date = START) -> Iterator[Work]:
    application = App.open(settings, FixedClock(day, datetime.combine(day, time(9))))
    try:
        with application.work(scope) as work:
            yield work
    finally:
        application.close()


def valid(raw: bytes) -> dict[str, Any]:
    """The Bundle, after every resource parsed as R4B and every reference resolved."""
    data: dict[str, Any] = json.loads(raw)
    assert bundle.problems(data) == []
    for entry in data["entry"]:
        get_fhir_model_class(entry["resource"]["resourceType"]).model_validate(entry["resource"])
    return data


def kinds(data: dict[str, Any]) -> dict[str, int]:
    found: dict[str, int] = {}
    for entry in data["entry"]:
        kind = entry["resource"]["resourceType"]
        found[kind] = found.get(kind, 0) + 1
    return found


def a_set(day: date, number: int) -> dict[str, Any]:
    return {
        "exercise_id": "glute-bridge-hold",
        "day": day.isoformat(),
        "set_number": number,
        "side": "left",
        "hold_seconds": 20 + number,
        "effort": 6,
        "felt": ["glutes-left"],
        "pain": 0,
    }


def trained(settings: Settings) -> None:
    take(settings, GO)
    with work_on(settings) as work:
        programs.plan(work, {"minutes": 20}, start=START)
    for offset in (0, 1, 3):
        day = START + timedelta(days=offset)
        with work_on(settings, day=day) as work:
            for number in (1, 2):
                sessions.record_set(work, a_set(day, number), f"s-{offset}-{number}")


def test_two_people_in_one_store_each_export_only_their_own(settings: Settings) -> None:
    trained(settings)
    with work_on(settings) as work:
        me = work.person_id
        other = models.Person(name="Sam", created_at=datetime(2026, 1, 1))
        work.db.add(other)
        work.db.flush()
        theirs = Scope(other.id, other.id)
    with work_on(settings, theirs) as work:
        screening.take(work, STOP)
    with work_on(settings) as work:
        mine = fhir_export.export_fhir(work)
    with work_on(settings) as work:
        assert fhir_export.export_fhir(work) == mine  # the same bytes every time
    with work_on(settings, theirs) as work:
        sams = valid(fhir_export.export_fhir(work))
    found = valid(mine)
    assert kinds(found)["QuestionnaireResponse"] == 1
    assert kinds(found)["CarePlan"] == 1
    sessions_logged = [
        e
        for e in found["entry"]
        if e["resource"].get("code", {}).get("text") == "glutewake session outcome"
    ]
    assert len(sessions_logged) == 3
    assert set(kinds(sams)) == {"Patient", "Questionnaire", "QuestionnaireResponse", "Observation"}
    assert not [e for e in sams["entry"] if "session" in json.dumps(e["resource"].get("code"))]
    [patient] = [e["resource"] for e in sams["entry"] if e["resource"]["resourceType"] == "Patient"]
    assert patient["identifier"][0]["value"] == str(theirs.person_id)
    assert patient["name"] == [{"text": "Sam"}]
    assert str(me) != str(theirs.person_id)
    mine_urls = {e["fullUrl"] for e in found["entry"]}
    sams_urls = {e["fullUrl"] for e in sams["entry"]}
    assert mine_urls & sams_urls == {
        e["fullUrl"] for e in sams["entry"] if e["resource"]["resourceType"] == "Questionnaire"
    }


def test_the_command_and_the_download_give_the_same_bundle(
    settings: Settings, client: TestClient, tmp_path: Path
) -> None:
    trained(settings)
    target = tmp_path / "clinic.json"
    code, output = cli("export", "--fhir", str(target))
    assert code == 0, output
    assert "Wrote a FHIR R4 Bundle to" in output
    assert target.stat().st_mode & 0o777 == 0o600
    written = target.read_bytes()
    assert valid(written)["type"] == "collection"
    assert 'href="/data/export.fhir.json"' in client.get("/data").text
    download = client.get("/data/export.fhir.json")
    assert download.status_code == 200
    assert download.headers["content-type"] == "application/fhir+json"
    assert download.content == written
    code, printed = cli("export", "--fhir", "-")
    assert code == 0
    assert printed.encode() == written
    code, own = cli("export", str(tmp_path / "own.json"))
    assert code == 0, own
    assert json.loads((tmp_path / "own.json").read_text())["format"] == "glutewake-person"


def test_a_stop_screening_and_no_program_still_export(settings: Settings) -> None:
    take(settings, STOP)
    with work_on(settings) as work:
        found = valid(fhir_export.export_fhir(work))
    assert "CarePlan" not in kinds(found)
    assert kinds(found)["QuestionnaireResponse"] == 1
