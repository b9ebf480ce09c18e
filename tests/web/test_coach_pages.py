"""The coach's pages over HTTP with accounts on: a coach logs in through /login, sees the
dashboard, a client's page, makes changes (each in the record of changes), views as the client
without any button, and the client sees the coach's note on Today. Plain words throughout."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from fastapi.testclient import TestClient

from glutewake.application import App, accounts, programs, screening
from glutewake.application.access import coach_scope
from glutewake.application.context import Scope
from glutewake.config import Settings
from glutewake.web.app import create_app
from glutewake.web.auth import CSRF_HEADER, SESSION_COOKIE

ROOT = Path(__file__).resolve().parents[2]
GO = yaml.safe_load((ROOT / "docs" / "examples" / "answers.yaml").read_text(encoding="utf-8"))
PASSWORD = "correct horse battery staple"
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
# Words of the code, not of the people using the app (as tests/web/test_screens.py).
INTERNAL = re.compile(
    r"\bseeds?\b|\bstimulus\b|APTEI|docs/|\b[a-z]+_[a-z_]+\b|\b1 sets\b|\bNone\b|\bpin\b"
    r"|\bforbid|\baudit|\bscope\b|[a-z]+-[a-z]+-[a-z]+",
)


@dataclass
class Coaching:
    app: App
    coach: TestClient
    client: TestClient
    person_id: int


def log_in(client: TestClient, email: str) -> None:
    page = client.get("/login")
    found = TOKEN.search(page.text)
    assert found is not None
    response = client.post(
        "/login", data={"email": email, "password": PASSWORD, "csrf_token": found.group(1)}
    )
    assert response.status_code == 303, response.text
    client.headers[CSRF_HEADER] = accounts.csrf_token_for(client.cookies[SESSION_COOKIE])


@pytest.fixture
def coaching(tmp_path: Path) -> Iterator[Coaching]:
    web = create_app(Settings(data_dir=tmp_path, accounts=True))
    app: App = web.state.application
    with app.work() as work:
        coach = accounts.add_coach(work, "coach@example.org", PASSWORD)
    with app.work(coach_scope(coach)) as work:
        invitation = accounts.invite_client(work, "ada@example.org")
    with app.work(Scope(invitation.person_id, invitation.person_id, role="client")) as work:
        screening.take(work, GO)
        programs.plan(work, {"minutes": 20})
    headers = {"Origin": "http://testserver"}
    with (
        TestClient(web, headers=headers, follow_redirects=False) as coach_client,
        TestClient(web, headers=headers, follow_redirects=False) as client,
    ):
        log_in(coach_client, "coach@example.org")
        page = client.get(f"/invite/{invitation.token}")
        found = TOKEN.search(page.text)
        assert found is not None
        accepted = client.post(
            f"/invite/{invitation.token}",
            data={"password": PASSWORD, "password_again": PASSWORD, "csrf_token": found.group(1)},
        )
        assert accepted.status_code == 303, accepted.text
        client.headers[CSRF_HEADER] = accounts.csrf_token_for(client.cookies[SESSION_COOKIE])
        yield Coaching(app, coach_client, client, invitation.person_id)


def visible(html: str) -> str:
    body = re.sub(r"<script.*?</script>|<[^>]+>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", body)


def plain(html: str) -> None:
    found = INTERNAL.findall(visible(html))
    assert not found, found


def test_the_dashboard_links_each_client_to_their_page(coaching: Coaching) -> None:
    page = coaching.coach.get("/coach")
    assert page.status_code == 200, page.text
    assert f'href="/coach/clients/{coaching.person_id}"' in page.text
    assert "Your clients" in page.text
    plain(page.text)
    client_page = coaching.coach.get(f"/coach/clients/{coaching.person_id}")
    assert client_page.status_code == 200, client_page.text
    assert "Record of changes" in client_page.text and "Coming sessions" in client_page.text
    plain(client_page.text)


def test_a_note_is_recorded_and_shown_to_the_client_on_today(coaching: Coaching) -> None:
    where = f"/coach/clients/{coaching.person_id}"
    sent = coaching.coach.post(where + "/notes", data={"text": "Squeeze at the top."})
    assert sent.status_code == 303, sent.text
    page = coaching.coach.get(where)
    assert "Squeeze at the top." in page.text and "Added a note for the client." in page.text
    today = coaching.client.get("/today")
    assert today.status_code == 200
    assert "Squeeze at the top." in today.text
    assert "Squeeze at the top." in coaching.client.get("/program").text


def test_a_change_without_a_reason_is_refused_next_to_its_form(coaching: Coaching) -> None:
    where = f"/coach/clients/{coaching.person_id}"
    refused = coaching.coach.post(where + "/program", data={"minutes": "15", "reason": ""})
    assert refused.status_code == 422
    assert "write 2 to 500 characters" in refused.text and "Nothing was changed." in refused.text
    done = coaching.coach.post(where + "/program", data={"minutes": "15", "reason": "busy week"})
    assert done.status_code == 303, done.text
    page = coaching.coach.get(where).text
    assert "busy week" in page and "about 15 minutes" in page


def test_view_as_client_shows_their_pages_without_any_button(coaching: Coaching) -> None:
    page = coaching.coach.get(f"/coach/clients/{coaching.person_id}/view")
    assert page.status_code == 200, page.text
    main = page.text.split('<main id="main"', 1)[1].split("</main>", 1)[0]
    assert "<form" not in main and "<button" not in main
    assert "Program" in main and "Week 1" in main
    plain(page.text)


def test_a_client_cannot_open_the_coach_pages(coaching: Coaching) -> None:
    assert coaching.client.get("/coach").status_code == 404
    own = coaching.client.get(f"/coach/clients/{coaching.person_id}")
    assert own.status_code in (403, 404)
    other = coaching.coach.get(f"/coach/clients/{coaching.person_id + 99}")
    assert other.status_code == 404


def test_the_invite_page_makes_a_single_use_link(coaching: Coaching) -> None:
    form = coaching.coach.get("/coach/invite")
    assert form.status_code == 200
    plain(form.text)
    made = coaching.coach.post("/coach/invite", data={"email": "bo@example.org"})
    assert made.status_code == 200, made.text
    assert "http://testserver/invite/" in made.text


def first_option(html: str, select_id: str) -> str:
    found = re.search(rf'<select id="{select_id}"[^>]*>\s*<option value="([^"]+)"', html)
    assert found is not None, select_id
    return found.group(1)


def test_each_change_to_the_coming_sessions_goes_in_the_record(coaching: Coaching) -> None:
    where = f"/coach/clients/{coaching.person_id}"
    page = coaching.coach.get(where).text
    exercise = first_option(page, "leave-exercise")
    left_out = coaching.coach.post(
        where + "/edit", data={"action": "leave-out", "exercise_id": exercise, "reason": "knee"}
    )
    assert left_out.status_code == 303, left_out.text
    page = coaching.coach.get(where).text
    assert "Left out of their program" in page and "left out by your coach: knee" in page
    dosed_exercise = first_option(page, "dose-exercise")
    bad = coaching.coach.post(
        where + "/edit",
        data={
            "action": "dose",
            "exercise_id": dosed_exercise,
            "sets": "x",
            "target": "8",
            "reason": "easier",
        },
    )
    assert bad.status_code == 422 and "give a whole number" in bad.text
    assert 'id="dose-sets-error"' in bad.text
    rows = visible(coaching.coach.get(where).text)
    assert rows.count("coach@example.org") == 1  # only the leaving out is recorded
    plain(coaching.coach.get(where).text)


@pytest.mark.parametrize(
    ("path", "form"),
    [
        (
            "/edit",
            {"action": "swap", "exercise_id": "no-such", "new_exercise_id": "", "reason": "x"},
        ),
        ("/edit", {"action": "dose", "exercise_id": "glute-bridge", "sets": "²", "target": "-1"}),
        ("/edit", {"action": "nothing", "reason": "because"}),
        ("/edit", {"action": "add", "exercise_id": "barbell-hip-thrust", "reason": "gym"}),
        ("/template", {"template_id": "99999", "reason": "none like it"}),
        ("/template", {"template_id": "1e5", "reason": "odd"}),
        ("/templates", {"name": ""}),
        ("/program", {"minutes": "9999", "weeks": "x", "reason": "too long"}),
        ("/clearance", {"cleared_by": "Dr Lee", "reason": "no clearance is asked"}),
        ("/notes", {"text": "x" * 3000}),
    ],
)
def test_bad_changes_are_refused_in_words_never_a_server_error(
    coaching: Coaching, path: str, form: dict[str, str]
) -> None:
    where = f"/coach/clients/{coaching.person_id}"
    response = coaching.coach.post(where + path, data=form)
    assert response.status_code in (404, 409, 422), response.text
    plain(response.text)
    page = visible(coaching.coach.get(where).text)
    assert "coach@example.org" not in page  # nothing went in the record of changes
