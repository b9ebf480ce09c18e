"""Who may talk to the app: Host and Origin checks, security headers, the body limit, 503 on busy.

In-process on a real SQLite file; tests/web/test_limits.py runs the same against a real server.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_helpers import onboard

import glutewake.web
from glutewake.config import Settings, get_settings
from glutewake.web.app import create_app

TEMPLATES = Path(glutewake.web.__file__).with_name("templates")
HERE = "http://testserver"  # TestClient's own origin
SETTINGS_FORM = {
    "interval_minutes": "45",
    "snooze_minutes": "10",
    "idle_threshold_minutes": "4",
    "daily_max": "8",
    "work_start": "08:00",
    "work_end": "18:00",
    "work_days": ["mon", "tue", "wed", "thu", "fri"],
    "quiet_start": [""],
    "quiet_end": [""],
}
LOG = {
    "key": "security-test-1",
    "exercise_id": "glute-bridge",
    "day": date.today().isoformat(),
    "set_number": 1,
    "reps": 10,
    "effort": 5,
    "felt": ["glutes-left"],
    "pain": 0,
}


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path, allowed_hosts=("mypc.local",), max_body_bytes=4096)


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def stored_interval(settings: Settings) -> int | None:
    with sqlite3.connect(settings.data_dir / "glutewake.db") as connection:
        rows = connection.execute("SELECT data FROM break_settings").fetchall()
    return None if not rows else int(re.findall(r'"interval_minutes": (\d+)', rows[0][0])[0])


# --- Host ------------------------------------------------------------------------------------


@pytest.mark.parametrize("host", ["rebind.evil.example:8000", "evil.example", "127.0.0.2", "[::2]"])
def test_an_unknown_host_is_refused_before_anything_runs(client: TestClient, host: str) -> None:
    for path in ("/api/logs", "/", "/static/app.css"):
        response = client.get(path, headers={"Host": host})
        assert response.status_code == 400, path
        assert "does not answer to the host name" in response.text
        assert "GLUTEWAKE_ALLOWED_HOSTS" in response.text
    assert client.get("/api/logs", headers={"Host": host}).json()["hint"]


def test_a_rebinding_page_whose_origin_matches_its_host_cannot_write(
    client: TestClient, settings: Settings
) -> None:
    evil = "rebind.evil.example:8000"
    response = client.post(
        "/desk/settings",
        data={**SETTINGS_FORM, "interval_minutes": "30"},
        headers={"Host": evil, "Origin": f"http://{evil}"},
    )
    assert response.status_code == 400
    assert stored_interval(settings) is None


@pytest.mark.parametrize(
    "host", ["localhost:8000", "127.0.0.1:8000", "[::1]:8000", "LOCALHOST.", "mypc.local:8000"]
)
def test_loopback_the_bound_address_and_configured_hosts_are_answered(
    client: TestClient, host: str
) -> None:
    assert client.get("/api/logs", headers={"Host": host}).status_code == 200
    assert client.get("/api/logs").status_code == 200  # "testserver", the address it listens on


# --- Origin ----------------------------------------------------------------------------------


def test_a_write_without_origin_or_referer_is_refused_and_nothing_is_saved(
    client: TestClient, settings: Settings
) -> None:
    response = client.post("/desk/settings", data=SETTINGS_FORM)
    assert response.status_code == 403
    assert "did not say where it came from" in response.text
    assert stored_interval(settings) is None
    api = client.post("/api/logs", json=LOG)
    assert api.status_code == 403
    assert "Origin" in api.json()["hint"]


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://evil.example"},
        {"Origin": "null"},
        {"Origin": "https://testserver"},  # another scheme is another origin
        {"Origin": "http://testserver:8080"},
        {"Referer": "http://evil.example/page"},
        {"Origin": "http://[::1"},
    ],
)
def test_a_write_from_another_origin_is_refused(
    client: TestClient, settings: Settings, headers: dict[str, str]
) -> None:
    assert client.post("/desk/settings", data=SETTINGS_FORM, headers=headers).status_code == 403
    assert client.put("/api/logs/1", json=LOG, headers=headers).status_code == 403
    assert client.delete("/api/logs/1", headers=headers).status_code == 403
    assert stored_interval(settings) is None


@pytest.mark.parametrize(
    "headers", [{"Origin": HERE}, {"Origin": "http://testserver:80"}, {"Referer": f"{HERE}/desk"}]
)
def test_a_write_from_the_app_itself_is_saved(
    client: TestClient, settings: Settings, headers: dict[str, str]
) -> None:
    response = client.post("/desk/settings", data=SETTINGS_FORM, headers=headers)
    assert response.status_code == 200
    assert stored_interval(settings) == 45


def test_a_cross_site_write_is_refused_before_its_body_is_read(client: TestClient) -> None:
    huge = {"Origin": "http://evil.example", "Content-Length": str(200 * 1024 * 1024)}
    response = client.post("/api/logs", content=b"{}", headers=huge)
    assert response.status_code == 403


# --- headers ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/exercises", "/api/exercises", "/static/app.css", "/nope"])
def test_every_response_carries_the_security_headers(client: TestClient, path: str) -> None:
    headers = client.get(path).headers
    policy = dict(
        part.strip().split(" ", 1) for part in headers["content-security-policy"].split(";")
    )
    assert policy["script-src"] == "'self' 'wasm-unsafe-eval'"  # the pose model is WebAssembly
    assert policy["frame-ancestors"] == "'none'"
    assert policy["object-src"] == "'none'"
    assert "http" not in headers["content-security-policy"]  # nothing from another site
    assert headers["x-frame-options"] == "DENY"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"
    assert "camera=(self)" in headers["permissions-policy"]
    assert "microphone=()" in headers["permissions-policy"]


def test_refusals_carry_the_security_headers_too(client: TestClient) -> None:
    assert client.get("/", headers={"Host": "evil.example"}).headers["x-frame-options"] == "DENY"
    assert client.post("/api/logs", json=LOG).headers["x-frame-options"] == "DENY"


def test_the_docs_pages_are_off_and_the_schema_stays(client: TestClient) -> None:
    assert client.get("/docs").status_code == 404
    assert client.get("/redoc").status_code == 404
    assert client.get("/openapi.json").json()["info"]["title"] == "glutewake"


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>")
EVENT_ATTRIBUTE = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)


def test_no_template_has_inline_script_or_event_attributes() -> None:
    found = []
    templates = sorted(TEMPLATES.glob("*.html"))
    assert len(templates) > 10
    for template in templates:
        text = template.read_text(encoding="utf-8")
        found += [f"{template.name}: {m.group(0)}" for m in INLINE_SCRIPT.finditer(text)]
        found += [f"{template.name}: {m.group(0)[:60]}" for m in EVENT_ATTRIBUTE.finditer(text)]
    assert found == []


def test_the_check_finds_inline_script() -> None:
    assert INLINE_SCRIPT.search('<script>document.documentElement.classList.add("js")</script>')
    assert not INLINE_SCRIPT.search('<script src="/static/app.js"></script>')
    assert not INLINE_SCRIPT.search('<script type="application/json" id="d">{}</script>')
    assert EVENT_ATTRIBUTE.search('<button onclick="go()">')


# --- the body limit --------------------------------------------------------------------------


def test_a_body_over_the_limit_by_its_length_is_refused(client: TestClient) -> None:
    body = {**LOG, "felt": ["glutes-left"] * 1000}
    response = client.post("/api/logs", json=body, headers={"Origin": HERE})
    assert response.status_code == 413
    assert "4,096 bytes" in response.json()["detail"]
    assert "GLUTEWAKE_MAX_BODY_BYTES" in response.json()["hint"]


def test_a_streamed_body_over_the_limit_is_refused_as_it_arrives(
    client: TestClient, settings: Settings
) -> None:
    def chunks() -> Iterator[bytes]:
        yield b"interval_minutes=30&work_days=mon"
        for _ in range(100):
            yield b"&note=" + b"x" * 100

    response = client.post(
        "/desk/settings",
        content=chunks(),
        headers={"Origin": HERE, "Content-Type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 413
    assert "larger than the 4,096 bytes" in response.text
    assert stored_interval(settings) is None


def test_a_body_under_the_limit_is_read(client: TestClient, settings: Settings) -> None:
    response = client.post("/desk/settings", data=SETTINGS_FORM, headers={"Origin": HERE})
    assert response.status_code == 200
    assert stored_interval(settings) == 45


# --- a busy database -------------------------------------------------------------------------


@pytest.fixture
def short_busy_timeout(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("GLUTEWAKE_DATABASE_BUSY_TIMEOUT", "0.2")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.mark.usefixtures("short_busy_timeout")
def test_a_busy_database_answers_503_with_retry_after_and_says_to_try_again(
    settings: Settings,
) -> None:
    with TestClient(create_app(settings), headers={"Origin": HERE}) as client:
        onboard(client, date.today())
        holder = sqlite3.connect(settings.data_dir / "glutewake.db", isolation_level=None)
        try:
            holder.execute("BEGIN IMMEDIATE")  # as another process writing would
            page = client.post("/desk/settings", data=SETTINGS_FORM)
            api = client.post("/api/logs", json=LOG)
        finally:
            holder.close()
        assert page.status_code == 503
        assert page.headers["retry-after"] == "2"
        assert "try again in a few seconds" in page.text
        assert "Internal Server Error" not in page.text
        assert api.status_code == 503
        assert api.headers["retry-after"] == "2"
        assert "is busy" in api.json()["detail"]
        assert client.post("/api/logs", json=LOG).status_code == 201  # the retry goes through
