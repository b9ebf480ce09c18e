"""Coach mode behind a reverse proxy, as docs/coach-mode.md deploys it: a real server process."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest
from web_helpers import server

from glutewake.application import App, accounts
from glutewake.config import Settings

PASSWORD = "correct horse battery staple"
PROXY = {  # what nginx's config in docs/coach-mode.md sends along
    "Host": "coach.example.org",
    "X-Forwarded-Proto": "https",
    "X-Forwarded-For": "203.0.113.9",
    "Origin": "https://coach.example.org",
}


def test_behind_an_https_proxy_the_session_cookie_is_secure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GLUTEWAKE_ACCOUNTS", "on")
    monkeypatch.setenv("GLUTEWAKE_ALLOWED_HOSTS", "coach.example.org")
    application = App.open(Settings(data_dir=tmp_path))
    try:
        with application.work() as work:
            accounts.add_coach(work, "coach@example.org", PASSWORD)
    finally:
        application.close()
    with server(tmp_path) as url, httpx.Client(base_url=url, headers=PROXY) as web:
        assert web.get("/today").headers["location"] == "/login?next=%2Ftoday"
        page = web.get("/login")
        assert page.status_code == 200
        assert "Secure" in page.headers["set-cookie"]  # the form's token cookie
        found = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        assert found is not None
        form_cookie = page.headers["set-cookie"].split(";", 1)[0]
        web.cookies.clear()  # the browser sends the Secure cookie to nginx over https; here:
        response = web.post(
            "/login",
            data={"email": "coach@example.org", "password": PASSWORD, "csrf_token": found[1]},
            headers={"Cookie": form_cookie},
        )
        assert response.status_code == 303, response.text
        cookie = response.headers["set-cookie"]
        assert cookie.startswith("glutewake_session=")
        assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie
        plain = web.get("/login", headers={"X-Forwarded-Proto": "http", "Origin": ""})
        assert "Secure" not in plain.headers["set-cookie"]
