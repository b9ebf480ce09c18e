"""Coach mode without JavaScript: every posted form carries the session's CSRF token.

The pages are every GET route of the app (as ``test_auth_matrix`` reads them), opened by a
logged-in client and by their coach; each ``<form method="post">`` on them must hold the token
field. The submissions go the no-JS way: the form's own fields as a browser sends them, with no
``X-CSRF-Token`` header; without the field a write is refused and nothing is stored.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from test_auth_kit import accept, accounts_app, add_coach, browser, invite, log_in
from test_auth_matrix import PARAMETER, SAMPLE_VALUES, routes
from web_helpers import field_errors, onboard

from glutewake.application import accounts
from glutewake.web.auth import CSRF_FIELD, CSRF_HEADER, SESSION_COOKIE

TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "glutewake" / "web" / "templates"
POSTED_FORM = re.compile(r'<form\b[^>]*method="post"[^>]*>(.*?)</form>', re.S | re.I)
TITLE = re.compile(r"<title>([^<]*)</title>")
NONE_OF_THESE = re.compile(r'name="red_flags.none" value="([^"]+)"')
NOT_PAGES = ("/api/", "/openapi.json", "/docs", "/redoc", "/static/", "/sw.js")


@dataclass
class Form:
    action: str
    method: str
    fields: list[tuple[str, str]] = field(default_factory=list)  # what a browser sends

    def value(self, name: str) -> str | None:
        return next((value for key, value in self.fields if key == name), None)


class FormReader(HTMLParser):
    """The forms of a page and the values a browser without JavaScript would send."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[Form] = []
        self.form: Form | None = None
        self.select: tuple[str, list[str], list[str]] | None = None  # name, options, chosen
        self.textarea: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {key: value or "" for key, value in attrs}
        named = {key for key, _ in attrs}
        if tag == "form":
            self.form = Form(found.get("action", ""), found.get("method", "get").lower())
            self.forms.append(self.form)
        elif self.form is None or "name" not in found or "disabled" in named:
            return
        elif tag == "input":
            kind = found.get("type", "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in named:
                return
            self.form.fields.append((found["name"], found.get("value", "on")))
        elif tag == "select":
            self.select = (found["name"], [], [])
        elif tag == "textarea":
            self.textarea = (found["name"], [])
        if tag == "option" and self.select is not None:
            self.select[1].append(found.get("value", ""))
            if "selected" in named:
                self.select[2].append(found.get("value", ""))

    def handle_data(self, data: str) -> None:
        if self.textarea is not None:
            self.textarea[1].append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.form = None
        elif tag == "select" and self.select is not None and self.form is not None:
            name, options, chosen = self.select
            self.form.fields += [(name, value) for value in (chosen or options[:1])]
            self.select = None
        elif tag == "textarea" and self.textarea is not None and self.form is not None:
            self.form.fields.append((self.textarea[0], "".join(self.textarea[1])))
            self.textarea = None


def forms_of(html: str) -> list[Form]:
    reader = FormReader()
    reader.feed(html)
    return [form for form in reader.forms if form.method == "post"]


def the_form(client: TestClient, page: str, action: str) -> Form:
    response = client.get(page)
    assert response.status_code == 200, (page, response.text[:300])
    found = [form for form in forms_of(response.text) if form.action == action]
    assert found, (page, action, [form.action for form in forms_of(response.text)])
    return found[0]


def send(
    client: TestClient,
    form: Form,
    *,
    without: str = "",
    ticked: Sequence[tuple[str, str]] = (),
    **values: str,
) -> Any:
    """Post ``form`` as a browser without JavaScript does: ``values`` changed, boxes ``ticked``,
    the field ``without`` left out."""
    sent = [(key, value) for key, value in form.fields if key != without and key not in values]
    sent += [*values.items(), *ticked]
    return client.post(
        form.action,
        content=urlencode(sent),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )


@dataclass
class World:
    app: FastAPI
    client: TestClient
    coach: TestClient
    person_id: int


def no_js(client: TestClient) -> TestClient:
    """The client as a browser without JavaScript: no CSRF header, only what forms carry."""
    del client.headers[CSRF_HEADER]
    return client


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    app = accounts_app(tmp_path_factory.mktemp("forms"))
    add_coach(app, "coach@example.org")
    made = invite(app, "coach@example.org", "ana@example.org")
    client, coach = browser(app), browser(app)
    accept(client, made)
    onboard(client, date.today())
    log_in(coach, "coach@example.org")
    yield World(app, no_js(client), no_js(coach), made.person_id)
    client.close()
    coach.close()


def token_of(client: TestClient) -> str:
    return accounts.csrf_token_for(client.cookies[SESSION_COOKIE])


def page_urls(app: FastAPI, person_id: int, *, as_coach: bool) -> list[str]:
    """Every page the app answers to GET, its person the client's (the coach: view as them)."""
    urls = []
    for method, template in routes(app):
        if method != "GET" or template.startswith(NOT_PAGES) or template == "/logout":
            continue
        path = PARAMETER.sub(
            lambda match: (
                str(person_id)
                if match.group(1) == "person_id"
                else SAMPLE_VALUES.get(match.group(1), "1")
            ),
            template,
        )
        if as_coach and "{person_id" not in template and not template.startswith("/coach"):
            path += f"?view_as={person_id}"
        urls.append(path)
    return urls


def test_every_posted_form_in_the_templates_has_the_token_field() -> None:
    missing = []
    for template in sorted(TEMPLATES.glob("*.html")):
        for body in POSTED_FORM.findall(template.read_text(encoding="utf-8")):
            if "csrf_field()" not in body and f'name="{CSRF_FIELD}"' not in body:
                missing.append((template.name, body[:80]))
    assert missing == []


@pytest.mark.parametrize("who", ["client", "coach"])
def test_every_posted_form_on_every_page_carries_the_session_token(world: World, who: str) -> None:
    client: TestClient = getattr(world, who)
    token = token_of(client)
    seen: set[str] = set()
    for url in page_urls(world.app, world.person_id, as_coach=who == "coach"):
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.headers["content-type"]:
            continue
        for form in forms_of(response.text):
            assert form.value(CSRF_FIELD) == token, (who, url, form.action)
            seen.add(re.sub(r"/\d+/", "/ID/", form.action))
    expected = {
        "client": {"/logout", "/today/log", "/preferences", "/desk/settings", "/data/forget"},
        "coach": {"/logout", "/coach/invite", "/coach/clients/ID/notes", "/coach/clients/ID/edit"},
    }[who]
    assert expected <= seen, seen


def test_solo_pages_carry_no_token(client: TestClient) -> None:
    page = client.get("/preferences")
    assert page.status_code == 200
    assert forms_of(page.text)
    assert all(form.value(CSRF_FIELD) is None for form in forms_of(page.text))


def test_a_set_logged_from_today_s_form_is_stored(world: World) -> None:
    before = len(world.client.get("/api/logs").json())
    form = the_form(world.client, "/today", "/today/log")
    answer = send(world.client, form)
    assert answer.status_code == 303, answer.text[:500]
    assert len(world.client.get("/api/logs").json()) == before + 1


def test_without_the_field_a_set_is_refused_and_nothing_stored(world: World) -> None:
    before = world.client.get("/api/logs").json()
    form = the_form(world.client, "/today", "/today/log")
    refused = send(world.client, form, without=CSRF_FIELD)
    assert refused.status_code == 403, refused.text[:500]
    assert "CSRF" in refused.text
    forged = send(
        world.client, form, without=CSRF_FIELD, ticked=[(CSRF_FIELD, token_of(world.coach))]
    )
    assert forged.status_code == 403  # another session's token
    assert world.client.get("/api/logs").json() == before


def test_a_screening_step_and_the_preferences_go_through_without_javascript(
    world: World,
) -> None:
    page = world.client.get("/screening").text
    step = the_form(world.client, "/screening", "/screening")
    none_of_these = [("red_flags.none", group) for group in NONE_OF_THESE.findall(page)]
    assert none_of_these
    answer = send(world.client, step, ticked=none_of_these, go="continue")
    assert answer.status_code == 200, answer.text[:500]
    assert field_errors(answer.text) == {}
    assert TITLE.findall(answer.text) != TITLE.findall(page)  # on to the next step
    preferences = the_form(world.client, "/preferences", "/preferences")
    assert send(world.client, preferences).status_code in (200, 303)
    refused = send(world.client, step, without=CSRF_FIELD, ticked=none_of_these, go="continue")
    assert refused.status_code == 403


def test_a_coach_s_note_goes_through_without_javascript(world: World) -> None:
    page = f"/coach/clients/{world.person_id}"
    form = the_form(world.coach, page, f"{page}/notes")
    refused = send(world.coach, form, without=CSRF_FIELD, text="Not this one.")
    assert refused.status_code == 403
    answer = send(world.coach, form, text="Squeeze at the top of each bridge.")
    assert answer.status_code == 303, answer.text[:500]
    shown = world.coach.get(page).text
    assert "Squeeze at the top of each bridge." in shown
    assert "Not this one." not in shown
