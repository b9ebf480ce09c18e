"""Coach mode at the door: logins, sessions, cookies, CSRF, invites, rate limits, solo unchanged."""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select
from test_auth_kit import (
    ORIGIN,
    PASSWORD,
    accept,
    accounts_app,
    add_coach,
    application,
    browser,
    form_token,
    invite,
    log_in,
)
from web_helpers import choose_preferences, onboard

from glutewake.application import App, accounts
from glutewake.application.access import coach_scope
from glutewake.application.context import FixedClock
from glutewake.application.export import FORGET_WORD
from glutewake.config import Settings
from glutewake.store.account_models import AuthSession, Invite
from glutewake.web.app import create_app
from glutewake.web.auth import CSRF_HEADER, SESSION_COOKIE

COACH = "coach@example.org"


def a_log(key: str) -> dict[str, object]:
    return {
        "key": key,
        "exercise_id": "glute-bridge",
        "day": date.today().isoformat(),
        "set_number": 1,
        "reps": 10,
        "effort": 5,
        "felt": ["glutes-left"],
        "pain": 0,
    }


@pytest.fixture
def app(tmp_path: Path) -> FastAPI:
    made = accounts_app(tmp_path)
    add_coach(made, COACH)
    return made


@pytest.fixture
def client(app: FastAPI) -> TestClient:
    return browser(app)


def test_anonymous_requests_are_sent_to_log_in(client: TestClient) -> None:
    page = client.get("/today?x=1")
    assert page.status_code == 303
    assert page.headers["location"] == "/login?next=%2Ftoday%3Fx%3D1"
    api = client.get("/api/program")
    assert api.status_code == 401
    assert api.json()["detail"] == "Log in first: this glutewake has accounts."
    assert client.post("/api/logs", json={}).status_code == 401
    assert client.get("/openapi.json").status_code == 401


def test_the_login_page_static_files_and_the_worker_need_no_login(client: TestClient) -> None:
    assert client.get("/login").status_code == 200
    assert client.get("/static/app.css").status_code == 200
    assert client.get("/static/manifest.webmanifest").status_code == 200
    assert client.get("/sw.js").status_code == 200
    assert client.get("/invite/not-a-token").status_code == 404  # the page, not a redirect


def test_a_login_sets_a_private_cookie_of_which_only_a_hash_is_stored(
    app: FastAPI, client: TestClient
) -> None:
    token = form_token(client)
    wrong = client.post(
        "/login", data={"email": COACH, "password": "not the password", "csrf_token": token}
    )
    assert wrong.status_code == 401
    assert "The e-mail address or the password is wrong." in wrong.text
    assert SESSION_COOKIE not in client.cookies
    response = client.post(
        "/login",
        data={
            "email": COACH.upper(),
            "password": PASSWORD,
            "csrf_token": token,
            "next": "/exercises",
        },
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/exercises"
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie
    assert "Secure" not in cookie  # plain http: a Secure cookie would never come back
    session = client.cookies[SESSION_COOKIE]
    assert len(session) >= 43  # token_urlsafe(32)
    with application(app).database.session() as db:
        stored = db.scalars(select(AuthSession.token_hash)).all()
    assert stored == [hashlib.sha256(session.encode()).hexdigest()]
    assert client.get("/exercises").status_code == 200


def test_over_https_the_cookie_is_secure(app: FastAPI) -> None:
    with TestClient(
        app, base_url="https://testserver", headers={"Origin": "https://testserver"}
    ) as secure:
        token = form_token(secure)
        response = secure.post(
            "/login",
            data={"email": COACH, "password": PASSWORD, "csrf_token": token},
            follow_redirects=False,
        )
    assert response.status_code == 303
    assert "Secure" in response.headers["set-cookie"]


def test_a_login_goes_back_only_to_a_page_of_this_site(app: FastAPI) -> None:
    for target in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
        client = browser(app)
        token = form_token(client)
        response = client.post(
            "/login",
            data={"email": COACH, "password": PASSWORD, "csrf_token": token, "next": target},
        )
        assert response.headers["location"] == "/"


def test_logging_out_revokes_the_session(client: TestClient) -> None:
    log_in(client, COACH)
    session = client.cookies[SESSION_COOKIE]
    assert client.get("/exercises").status_code == 200
    assert client.post("/logout").status_code == 303
    client.cookies.set(SESSION_COOKIE, session)  # a copy of the old cookie opens nothing
    assert client.get("/exercises").status_code == 303
    assert client.get("/api/program").status_code == 401


def test_revoking_an_account_ends_its_sessions_and_disabling_refuses_logins(
    app: FastAPI, client: TestClient
) -> None:
    log_in(client, COACH)
    with application(app).work() as work:
        assert accounts.revoke(work, COACH) == 1
    assert client.get("/exercises").status_code == 303
    log_in(client, COACH)
    with application(app).work() as work:
        accounts.revoke(work, COACH, disable=True)
    token = form_token(client)
    refused = client.post(
        "/login", data={"email": COACH, "password": PASSWORD, "csrf_token": token}
    )
    assert refused.status_code == 401


def test_a_session_expires(app: FastAPI, client: TestClient) -> None:
    past = datetime.now() - timedelta(days=15)
    earlier = App(
        application(app).database, application(app).catalogue, FixedClock(past.date(), past)
    )
    with earlier.work() as work:
        old = accounts.log_in(work, COACH, PASSWORD, days=14)
    client.cookies.set(SESSION_COOKIE, old.token)
    assert client.get("/exercises").status_code == 303


def test_every_write_needs_the_csrf_token(app: FastAPI, client: TestClient) -> None:
    made = invite(app, COACH, "ana@example.org")
    accept(client, made)
    good = client.headers.pop(CSRF_HEADER)
    form = {"minutes": "20"}
    assert client.post("/preferences", data=form).status_code == 403
    assert (
        client.post("/preferences", data=form, headers={CSRF_HEADER: "x" * 64}).status_code == 403
    )
    refused = client.post("/api/logs", json={}, headers={CSRF_HEADER: "wrong"})
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    # the header or the form field: either reaches the route (which checks the form itself)
    assert client.post("/preferences", data=form, headers={CSRF_HEADER: good}).status_code != 403
    assert client.post("/preferences", data={**form, "csrf_token": good}).status_code != 403
    assert client.post("/api/logs", json={}, headers={CSRF_HEADER: good}).status_code == 422


def test_the_login_form_needs_its_own_token(client: TestClient) -> None:
    form_token(client)
    response = client.post("/login", data={"email": COACH, "password": PASSWORD})
    assert response.status_code == 403
    other = TestClient(client.app, headers={"Origin": ORIGIN}, follow_redirects=False)
    stolen = form_token(other)  # a token of another browser does not match this one's cookie
    response = client.post(
        "/login", data={"email": COACH, "password": PASSWORD, "csrf_token": stolen}
    )
    assert response.status_code == 403


def test_login_attempts_are_rate_limited_per_account(app: FastAPI, client: TestClient) -> None:
    add_coach(app, "other@example.org")
    token = form_token(client)
    for _ in range(5):
        response = client.post(
            "/login", data={"email": COACH, "password": "a wrong password", "csrf_token": token}
        )
        assert response.status_code == 401
    limited = client.post(
        "/login", data={"email": COACH, "password": PASSWORD, "csrf_token": token}
    )
    assert limited.status_code == 429  # even the right password waits now
    assert int(limited.headers["retry-after"]) > 0
    assert "Too many attempts" in limited.text
    log_in(client, "other@example.org")  # another account is not locked out


def test_an_invite_sets_a_password_and_works_once(app: FastAPI, client: TestClient) -> None:
    made = invite(app, COACH, "Ana@Example.org")
    assert made.email == "ana@example.org"
    page = client.get(made.path)
    assert page.status_code == 200
    assert "ana@example.org" in page.text
    token = form_token(client, made.path)
    short = client.post(
        made.path, data={"password": "short", "password_again": "short", "csrf_token": token}
    )
    assert short.status_code == 422
    assert "at least 10 characters" in short.text
    accept(client, made)
    assert client.get("/").status_code == 200  # the client screens as in solo use
    again = browser(app)
    assert again.get(made.path).status_code == 409
    assert "used already" in again.get(made.path).text
    with application(app).database.session() as db:
        hashes = db.scalars(select(Invite.token_hash)).all()
    assert hashes == [hashlib.sha256(made.token.encode()).hexdigest()]
    fresh = browser(app)
    log_in(fresh, "ana@example.org")


def test_an_expired_invite_says_so(app: FastAPI, client: TestClient) -> None:
    past = datetime.now() - timedelta(days=8)
    earlier = App(
        application(app).database, application(app).catalogue, FixedClock(past.date(), past)
    )
    with earlier.work() as work:
        coach = next(a for a in accounts.list_accounts(work) if a.email == COACH)
    with earlier.work(coach_scope(coach)) as work:
        made = accounts.invite_client(work, "late@example.org")
    page = client.get(made.path)
    assert page.status_code == 409
    assert "expired" in page.text
    assert "Ask your coach for a new invite link." in page.text


def test_a_coach_viewing_as_the_client_reads_but_cannot_write(
    app: FastAPI, client: TestClient
) -> None:
    made = invite(app, COACH, "ana@example.org")
    accept(client, made)
    onboard(client, date.today())
    coach = browser(app)
    log_in(coach, COACH)
    assert coach.get("/").headers["location"] == "/coach"  # no records of their own
    view = f"view_as={made.person_id}"
    assert coach.get(f"/?{view}").status_code == 200
    assert coach.get(f"/profile?{view}").status_code == 200
    assert coach.get(f"/api/logs?{view}").json() == []
    refused = coach.post(f"/api/logs?{view}", json=a_log("coach-set-1"))
    assert refused.status_code == 403, refused.text
    assert "read-only" in refused.json()["detail"]
    again = choose_preferences(coach, date.today(), minutes="30")
    assert again.status_code == 404  # without view_as: the coach's own records, none
    page = coach.post(f"/preferences?{view}", data={"minutes": "30"})
    assert page.status_code in (403, 422)
    assert client.post("/api/logs", json=a_log("client-set-1")).status_code == 201
    assert len(coach.get(f"/api/logs?{view}").json()) == 1  # the client's set, read-only


def test_solo_use_is_unchanged(tmp_path: Path) -> None:
    app = create_app(Settings(data_dir=tmp_path))
    with TestClient(app, headers={"Origin": ORIGIN}, follow_redirects=False) as solo:
        assert solo.get("/").status_code == 200
        assert solo.get("/login").status_code == 404
        assert solo.get("/api/program").status_code in (200, 404)
        assert solo.post("/api/logs", json={}).status_code == 422  # no CSRF token needed
        assert 'name="csrf-token"' not in solo.get("/").text
        assert "Log out" not in solo.get("/").text


def test_a_client_who_forgets_their_data_loses_the_account_too(
    app: FastAPI, client: TestClient
) -> None:
    made = invite(app, COACH, "ana@example.org")
    accept(client, made)
    onboard(client, date.today())
    kept = invite(app, COACH, "ben@example.org")
    response = client.post("/data/forget", data={"confirm": FORGET_WORD})
    assert response.status_code == 200, response.text
    assert client.get("/").status_code == 303  # the session went with the account
    again = browser(app)
    token = form_token(again)
    refused = again.post(
        "/login", data={"email": "ana@example.org", "password": PASSWORD, "csrf_token": token}
    )
    assert refused.status_code == 401
    with application(app).work() as work:
        assert [a.email for a in accounts.list_accounts(work)] == [COACH]
    with application(app).database.session() as db:
        assert db.scalars(select(Invite.person_id)).all() == [kept.person_id]


def test_a_solo_database_in_coach_mode_gives_its_history_to_the_invited_client(
    tmp_path: Path,
) -> None:
    with TestClient(create_app(Settings(data_dir=tmp_path)), headers={"Origin": ORIGIN}) as solo:
        onboard(solo, date.today())
        assert solo.post("/api/logs", json=a_log("solo-set-1")).status_code == 201
    app = accounts_app(tmp_path)  # the same data folder, now with accounts
    add_coach(app, COACH)
    with application(app).work() as work:
        made = accounts.invite_for_coach(work, COACH, "me@example.org", local_person=True)
    client = browser(app)
    accept(client, made)
    assert len(client.get("/api/logs").json()) == 1  # the set logged before coach mode
    assert client.get("/program").status_code == 200
    coach = browser(app)
    log_in(coach, COACH)
    assert len(coach.get(f"/api/logs?view_as={made.person_id}").json()) == 1
