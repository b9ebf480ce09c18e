"""Shared by the coach-mode web tests: an app with accounts on, its accounts, logging in."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi import FastAPI
from fastapi.testclient import TestClient

from glutewake.application import App, accounts
from glutewake.application.access import coach_scope
from glutewake.config import Settings
from glutewake.web.app import create_app
from glutewake.web.auth import CSRF_HEADER, SESSION_COOKIE

ORIGIN = "http://testserver"
PASSWORD = "correct horse battery staple"
FORM_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def accounts_app(data_dir: Path) -> FastAPI:
    return create_app(Settings(data_dir=data_dir, accounts=True))


def application(app: FastAPI) -> App:
    found: App = app.state.application
    return found


def add_coach(app: FastAPI, email: str) -> None:
    with application(app).work() as work:
        accounts.add_coach(work, email, PASSWORD)


def invite(app: FastAPI, coach_email: str, email: str) -> accounts.Invitation:
    """An invite from the coach, as their client-list page makes it."""
    with application(app).work() as work:
        coach = next(a for a in accounts.list_accounts(work) if a.email == coach_email)
    with application(app).work(coach_scope(coach)) as work:
        return accounts.invite_client(work, email)


def browser(app: FastAPI) -> TestClient:
    return TestClient(app, headers={"Origin": ORIGIN}, follow_redirects=False)


def form_token(client: TestClient, path: str = "/login") -> str:
    page = client.get(path)
    assert page.status_code == 200, page.text
    found = FORM_TOKEN.search(page.text)
    assert found is not None
    return found.group(1)


def log_in(client: TestClient, email: str, password: str = PASSWORD) -> str:
    """Log the client in through the form; it sends the session's CSRF header from then on."""
    token = form_token(client)
    response = client.post(
        "/login", data={"email": email, "password": password, "csrf_token": token}
    )
    assert response.status_code == 303, response.text
    session = client.cookies[SESSION_COOKIE]
    csrf = accounts.csrf_token_for(session)
    client.headers[CSRF_HEADER] = csrf
    return csrf


def accept(client: TestClient, made: accounts.Invitation, password: str = PASSWORD) -> None:
    token = form_token(client, made.path)
    response = client.post(
        made.path, data={"password": password, "password_again": password, "csrf_token": token}
    )
    assert response.status_code == 303, response.text
    client.headers[CSRF_HEADER] = accounts.csrf_token_for(client.cookies[SESSION_COOKIE])
