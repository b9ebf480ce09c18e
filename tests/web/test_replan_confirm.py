"""Re-planning from the preferences asks first when today's work would be dropped.

Through the real app on a real SQLite file: nothing changes until "Replace" is posted.
"""

from __future__ import annotations

import re
from datetime import date

from fastapi.testclient import TestClient
from web_helpers import choose_preferences, field_errors, onboard, training_days

from glutewake.store import Database
from glutewake.store import repository as repo
from glutewake.weekday import Weekday


def program_id(database: Database) -> int:
    with database.session() as session:
        found = repo.current_program_text(session, repo.default_person(session).id)
    assert found is not None
    return found[0]


def flat(html: str) -> str:
    return " ".join(html.replace("&#39;", "'").split())


def log_first_set(client: TestClient) -> None:
    data = client.get("/api/today").json()
    row = data["items"][0]["rows"][0]
    measure = {"hold_seconds" if row["measure"] == "hold_seconds" else "reps": row["target"]}
    logged = client.post(
        "/api/logs",
        json={
            "key": "replan-first-set",
            "exercise_id": row["exercise_id"],
            "day": data["day"],
            "set_number": row["set_number"],
            "side": row["side"],
            **measure,
        },
    )
    assert logged.status_code in (200, 201), logged.text


def not_today(today: date) -> list[str]:
    days = list(Weekday)
    return [days[(today.weekday() + n) % 7].value for n in (1, 3, 5)]


def confirm_form(html: str) -> list[tuple[str, str]]:
    """The hidden fields the confirmation carries, as the browser would post them."""
    return re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html)


def test_a_re_plan_that_drops_todays_due_session_asks_and_changes_nothing(
    client: TestClient, database: Database
) -> None:
    today = date.today()
    onboard(client, today)  # a session today
    before = program_id(database)
    asked = choose_preferences(client, today, training_days=not_today(today))
    assert asked.status_code == 200, field_errors(asked.text)
    words = flat(asked.text)
    assert "Replace today's session?" in words
    assert (
        "A new program replaces today's session 1 of your current program (not started yet)."
        in words
    )
    assert "The new program has no session today; it starts on" in words
    assert "Nothing has changed yet." in words
    assert 'name="replace_today" value="yes" class="big">Replace</button>' in asked.text
    assert 'href="/program">Keep my current program</a>' in asked.text
    assert program_id(database) == before  # nothing stored while asking
    assert client.get("/api/today").json()["session"]["number"] == 1

    kept = client.get("/program")  # "Keep my current program"
    assert kept.status_code == 200 and program_id(database) == before

    fields: dict[str, list[str]] = {"replace_today": ["yes"]}
    for name, value in confirm_form(asked.text):
        fields.setdefault(name, []).append(value)
    replaced = client.post("/preferences", data=fields, follow_redirects=False)
    assert replaced.status_code == 303
    assert replaced.headers["location"] == "/program"
    assert program_id(database) != before
    assert client.get("/api/today").json()["session"] is None  # the new program rests today


def test_a_re_plan_after_a_set_logged_today_says_so(client: TestClient, database: Database) -> None:
    today = date.today()
    onboard(client, today)
    log_first_set(client)
    before = program_id(database)
    asked = choose_preferences(client, today, minutes="30")
    assert asked.status_code == 200, field_errors(asked.text)
    words = flat(asked.text)
    assert (
        "A new program replaces today's session 1 of your current program (started, 1 set logged today)"
        in words
    )
    assert "Today becomes session 1 of the new program (about" in words
    assert "Sets you already logged stay in your history." in words
    assert ("minutes", "30") in confirm_form(asked.text)
    assert program_id(database) == before


def test_a_re_plan_that_drops_nothing_today_is_not_asked(
    client: TestClient, database: Database
) -> None:
    today = date.today()
    onboard(client, today)
    before = program_id(database)
    # today's due session is replaced by the new program's session today: nothing is lost
    rebuilt = choose_preferences(client, today, minutes="30", training_days=training_days(3, today))
    assert rebuilt.status_code == 303
    assert program_id(database) != before
