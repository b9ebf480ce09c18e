"""The JSON API: field errors as 422, idempotent logs, today's session, the catalogue."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import date
from typing import Any

from fastapi.testclient import TestClient
from web_helpers import onboard

from glutewake.store import Database, set_logs


def a_log(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "exercise_id": "glute-bridge",
        "day": date.today().isoformat(),
        "set_number": 1,
        "reps": 12,
        "effort": 6,
        "felt": ["glutes-left", "glutes-right"],
        "pain": 0,
    }
    body.update(changes)
    return body


def stored(database: Database) -> int:
    with database.session() as session:
        return len(set_logs.set_logs(session, 1))


def test_a_log_retried_with_the_same_header_key_is_stored_once(
    client: TestClient, database: Database
) -> None:
    onboard(client, date.today())  # sets are logged against a program
    headers = {"Idempotency-Key": "phone-retry-0001"}
    first = client.post("/api/logs", json=a_log(), headers=headers)
    second = client.post("/api/logs", json=a_log(), headers=headers)
    assert first.status_code == second.status_code == 201
    assert first.json() == second.json() == {"id": first.json()["id"], "key": "phone-retry-0001"}
    assert stored(database) == 1
    other = client.post(
        "/api/logs", json=a_log(set_number=2), headers={"Idempotency-Key": "phone-retry-0002"}
    )
    assert other.json()["id"] != first.json()["id"]
    assert stored(database) == 2


def test_a_key_field_works_like_the_header(client: TestClient, database: Database) -> None:
    onboard(client, date.today())  # sets are logged against a program
    for _ in range(3):
        assert client.post("/api/logs", json=a_log(key="field-key-1")).status_code == 201
    assert stored(database) == 1
    assert [log["reps"] for log in client.get("/api/logs").json()] == [12]


def test_concurrent_retries_store_one_row(client: TestClient, database: Database) -> None:
    onboard(client, date.today())  # sets are logged against a program

    def send(_: int) -> int:
        response = client.post("/api/logs", json=a_log(key="racing-retry-key"))
        return int(response.json()["id"])

    with ThreadPoolExecutor(max_workers=8) as pool:
        ids = set(pool.map(send, range(16)))
    assert len(ids) == 1
    assert stored(database) == 1


def test_a_key_reused_for_a_different_set_is_refused_and_a_correction_is_explicit(
    client: TestClient, database: Database
) -> None:
    onboard(client, date.today())
    first = client.post("/api/logs", json=a_log(key="phone-set-0001"))
    assert first.status_code == 201
    reused = client.post("/api/logs", json=a_log(key="phone-set-0001", pain=6))
    assert reused.status_code == 409
    assert "already used for a different set" in reused.json()["detail"]
    assert stored(database) == 1
    corrected = client.put(f"/api/logs/{first.json()['id']}", json=a_log(pain=3))
    assert corrected.status_code == 200
    assert corrected.json()["revisions"] == 1
    assert [log["pain"] for log in client.get("/api/logs").json()] == [3]


def test_a_log_needs_one_agreeing_key(client: TestClient) -> None:
    missing = client.post("/api/logs", json=a_log())
    assert missing.status_code == 422
    assert missing.json()["errors"][0]["field"] == "key"
    clash = client.post(
        "/api/logs", json=a_log(key="body-key-123"), headers={"Idempotency-Key": "header-key-1"}
    )
    assert clash.status_code == 422
    assert "differs" in clash.json()["errors"][0]["message"]
    bad_header = client.post("/api/logs", json=a_log(), headers={"Idempotency-Key": "no spaces!"})
    assert bad_header.status_code == 422


def test_invalid_logs_answer_422_with_every_field(client: TestClient, database: Database) -> None:
    onboard(client, date.today())  # sets are logged against a program
    response = client.post(
        "/api/logs",
        json=a_log(key="invalid-log-1", effort=11, pain=-1, felt=[], set_number=0),
    )
    assert response.status_code == 422
    body = response.json()
    assert {e["field"] for e in body["errors"]} == {"effort", "pain", "felt", "set_number"}
    assert body["hint"]
    both = client.post("/api/logs", json=a_log(key="invalid-log-2", hold_seconds=30))
    assert both.status_code == 422
    assert "exactly one of reps or hold_seconds" in both.json()["errors"][0]["message"]
    nowhere = client.post(
        "/api/logs", json=a_log(key="invalid-log-3", felt=["nowhere", "hamstrings"])
    )
    assert nowhere.status_code == 422
    unknown = client.post("/api/logs", json=a_log(key="invalid-log-4", exercise_id="moonwalk"))
    assert unknown.status_code == 422
    assert unknown.json()["errors"][0]["field"] == "exercise_id"
    assert stored(database) == 0


def test_today_needs_a_program_then_lists_rows_with_keys(client: TestClient) -> None:
    missing = client.get("/api/today")
    assert missing.status_code == 404
    assert missing.json()["hint"]
    onboard(client, date.today())
    today = client.get("/api/today").json()
    assert today["status"] == "due"
    keys = [row["key"] for item in today["items"] for row in item["rows"]]
    assert len(keys) == len(set(keys))
    assert all(key.startswith(today["session"]["prefix"]) for key in keys)


def test_logged_sets_show_up_in_today_for_resuming(client: TestClient) -> None:
    onboard(client, date.today())
    today = client.get("/api/today").json()
    row = today["items"][0]["rows"][0]
    amount = "hold_seconds" if row["measure"] == "hold_seconds" else "reps"
    body = a_log(exercise_id=row["exercise_id"], set_number=row["set_number"], side=row["side"])
    body.pop("reps")
    body[amount] = row["target"]
    assert (
        client.post("/api/logs", json=body, headers={"Idempotency-Key": row["key"]}).status_code
        == 201
    )
    again = client.get("/api/today").json()
    assert again["status"] == "in-progress"
    assert list(again["logged"]) == [row["key"]]


def test_the_catalogue_api_filters_and_explains_unknown_values(client: TestClient) -> None:
    standing = client.get("/api/exercises", params={"position": "standing"}).json()
    assert standing and all(e["position"] == "standing" for e in standing)
    bad = client.get("/api/exercises", params={"target": "biceps"})
    assert bad.status_code == 422
    assert "gluteus-maximus" in bad.json()["hint"]
    one = client.get("/api/exercises/glute-bridge").json()
    assert one["steps"] and one["source_citations"]
    assert client.get("/api/exercises/moonwalk").status_code == 404


def test_unknown_api_paths_answer_json(client: TestClient) -> None:
    response = client.get("/api/nothing-here")
    assert response.status_code == 404
    assert response.json()["detail"]


def test_writes_from_another_site_are_refused(client: TestClient, database: Database) -> None:
    onboard(client, date.today())  # sets are logged against a program
    foreign = client.post(
        "/api/logs", json=a_log(key="cross-site-1"), headers={"Origin": "http://evil.example"}
    )
    assert foreign.status_code == 403
    assert "another site" in foreign.json()["detail"]
    page = client.post("/desk/break", data={}, headers={"Origin": "http://evil.example"})
    assert page.status_code == 403 and "another site" in page.text
    same = client.post(
        "/api/logs", json=a_log(key="same-site-1"), headers={"Origin": "http://testserver"}
    )
    assert same.status_code == 201
    assert stored(database) == 1


def test_a_bare_set_is_done_as_planned_and_stores_no_answers(
    client: TestClient, database: Database
) -> None:
    onboard(client, date.today())
    bare = {key: value for key, value in a_log().items() if key not in {"effort", "felt", "pain"}}
    response = client.post("/api/logs", json=bare, headers={"Idempotency-Key": "bare-set-0001"})
    assert response.status_code == 201
    nulls = {**bare, "effort": None, "felt": None, "pain": None, "set_number": 2}
    assert client.post("/api/logs", json={**nulls, "key": "bare-set-0002"}).status_code == 201
    with database.session() as session:
        logs = set_logs.set_logs(session, 1)
    assert [(log.effort, log.felt, log.pain) for log in logs] == [(None, None, None)] * 2
    listed = client.get("/api/logs").json()
    assert [(log["effort"], log["felt"], log["pain"]) for log in listed] == [(None, None, None)] * 2
    only_pain = client.post(
        "/api/logs", json={**bare, "set_number": 3, "key": "bare-set-3", "pain": 2}
    )
    assert only_pain.status_code == 201
    assert client.get("/api/logs").json()[-1]["pain"] == 2
