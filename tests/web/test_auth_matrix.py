"""Every route x every role x someone else's records: refused without saying whether they exist.

The routes are read from the app itself (``app.routes``), so a route added later is covered
without editing this file. Actors: anonymous, client A, client B, A's coach, another coach
(who has B). B and the other coach must get for A's person exactly the answer they get for a
person that does not exist; the anonymous visitor is sent to log in; A and A's coach (read-only,
``view_as``) read A's pages. Afterwards A's records are as they were: nothing leaked through.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from starlette.routing import BaseRoute, Route
from test_auth_kit import accept, accounts_app, add_coach, application, browser, invite, log_in
from web_helpers import onboard

from glutewake.store import people
from glutewake.web.auth import is_public

MISSING = 987_654  # a person id nobody has
PARAMETER = re.compile(r"\{([^}:]+)(?::[^}]*)?\}")
SAMPLE_VALUES = {"exercise_id": "glute-bridge", "token": "t" * 43, "log_id": "1"}
ACCOUNT_ROUTES = {"/login", "/logout", "/invite/{token}"}
A_PAGES = ("/", "/today", "/profile", "/program", "/history", "/progress", "/api/logs")


@dataclass
class World:
    app: FastAPI
    anonymous: TestClient
    client_a: TestClient
    client_b: TestClient
    coach_of_a: TestClient
    other_coach: TestClient
    person_a: int
    email_a: str


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    app = accounts_app(tmp_path_factory.mktemp("matrix"))
    add_coach(app, "coach-a@example.org")
    add_coach(app, "coach-b@example.org")
    invited_a = invite(app, "coach-a@example.org", "client-a@example.org")
    invited_b = invite(app, "coach-b@example.org", "client-b@example.org")
    clients = [browser(app) for _ in range(5)]
    _, client_a, client_b, coach_of_a, other_coach = clients
    accept(client_a, invited_a)
    accept(client_b, invited_b)
    onboard(client_a, date.today())  # A has a screening, a program and today's session
    onboard(client_b, date.today())
    log_in(coach_of_a, "coach-a@example.org")
    log_in(other_coach, "coach-b@example.org")
    yield World(
        app,
        clients[0],
        client_a,
        client_b,
        coach_of_a,
        other_coach,
        person_a=invited_a.person_id,
        email_a="client-a@example.org",
    )
    for client in clients:
        client.close()


def routes(app: FastAPI) -> list[tuple[str, str]]:
    """(method, path template) of every route the app answers, mounts (static files) aside."""
    return sorted(set(walk(app.routes, "")))


def walk(found: list[BaseRoute], prefix: str) -> list[tuple[str, str]]:
    """The routes, and those of the routers included in them (FastAPI keeps those nested)."""
    pairs = []
    for route in found:
        router = getattr(route, "original_router", None)  # an included router
        if router is not None:
            context = getattr(route, "include_context", None)
            pairs += walk(router.routes, prefix + getattr(context, "prefix", ""))
        elif isinstance(route, Route):
            methods = (route.methods or set()) - {"HEAD", "OPTIONS"}
            pairs += [(method, prefix + route.path) for method in methods]
    return pairs


def url_for(template: str, person_id: int) -> str:
    """The template with ``person_id`` in it: in the path, or else as ``view_as``."""

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        return str(person_id) if name == "person_id" else SAMPLE_VALUES.get(name, "1")

    path = PARAMETER.sub(value, template)
    return path if "{person_id" in template else f"{path}?view_as={person_id}"


def call(client: TestClient, method: str, url: str) -> Any:
    if method == "GET":
        return client.get(url)
    if url.startswith("/api/"):
        return client.request(method, url, json={})
    return client.request(method, url, data={"note": "x"})


def test_the_matrix_covers_every_route(world: World) -> None:
    found = routes(world.app)
    assert len(found) >= 40
    assert ("POST", "/api/logs") in found
    assert ("GET", "/openapi.json") in found


def test_anonymous_visitors_are_sent_to_log_in_everywhere(world: World) -> None:
    for method, template in routes(world.app):
        url = url_for(template, world.person_a)
        response = call(world.anonymous, method, url)
        if is_public(template.split("{")[0].rstrip("/") or "/") or template in ACCOUNT_ROUTES:
            assert response.status_code not in (401, 500), (method, url)
            continue
        if url.startswith(("/api/", "/openapi.json")):
            assert response.status_code == 401, (method, url, response.status_code)
        else:
            assert response.status_code == 303, (method, url, response.status_code)
            assert response.headers["location"].startswith("/login?next="), (method, url)


@pytest.mark.parametrize("outsider", ["client_b", "other_coach"])
def test_others_get_the_same_answer_as_for_nobody(world: World, outsider: str) -> None:
    client: TestClient = getattr(world, outsider)
    before = records_of(world)
    checked = 0
    for method, template in routes(world.app):
        if template in ACCOUNT_ROUTES:
            continue
        for_a = call(client, method, url_for(template, world.person_a))
        for_nobody = call(client, method, url_for(template, MISSING))
        assert for_a.status_code == for_nobody.status_code, (outsider, method, template)
        assert for_a.status_code < 500, (outsider, method, template, for_a.text[:300])
        assert world.email_a not in for_a.text, (outsider, method, template)
        if for_a.headers.get("content-type", "").startswith("application/json"):
            assert for_a.json() == for_nobody.json(), (outsider, method, template)
        checked += 1
    assert checked >= 40
    assert records_of(world) == before  # none of those requests changed A's records


def records_of(world: World) -> dict[str, Any]:
    with application(world.app).database.session() as session:
        return people.person_records(session, world.person_a)


@pytest.mark.parametrize("reader", ["client_a", "coach_of_a"])
def test_a_and_their_coach_read_a_s_pages(world: World, reader: str) -> None:
    client: TestClient = getattr(world, reader)
    for page in A_PAGES:
        response = client.get(url_for(page, world.person_a))
        assert response.status_code == 200, (reader, page, response.text[:300])
    for method, template in routes(world.app):
        if method == "GET" and template not in ACCOUNT_ROUTES:
            response = call(client, method, url_for(template, world.person_a))
            assert response.status_code < 500, (reader, template, response.text[:300])
