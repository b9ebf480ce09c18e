"""Coach mode in Debian's chromium: a client logs in by the form, and app.js gives every write
the page's CSRF token (a posted form, the player's fetch); without it a write is refused."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_kit import CHROMIUM, CHROMIUM_ARGS
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, sync_playwright
from web_helpers import server

from glutewake.application import App, accounts
from glutewake.application.access import coach_scope
from glutewake.config import Settings

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="needs Debian's chromium at /usr/bin/chromium (scripts/install-system-deps installs it)",
)
PASSWORD = "correct horse battery staple"


@pytest.fixture
def served(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("GLUTEWAKE_ACCOUNTS", "on")
    application = App.open(Settings(data_dir=tmp_path))
    try:
        with application.work() as work:
            coach = accounts.add_coach(work, "coach@example.org", PASSWORD)
        with application.work(coach_scope(coach)) as work:
            made = accounts.invite_client(work, "ana@example.org")
        with application.work() as work:
            accounts.accept_invite(work, made.token, PASSWORD, PASSWORD)
    finally:
        application.close()
    with server(tmp_path) as url:
        yield url


@pytest.fixture
def page(served: str) -> Iterator[Page]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(base_url=served, viewport={"width": 360, "height": 740})
            yield context.new_page()
        finally:
            browser.close()


def test_a_client_logs_in_and_every_write_carries_the_token(page: Page) -> None:
    page.goto("/today")
    assert page.url.endswith("/login?next=%2Ftoday")
    page.fill("#email", "ana@example.org")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/today")
    token = page.get_attribute('meta[name="csrf-token"]', "content")
    assert token and len(token) == 64
    # a posted form: the first step of the screening, sent by its own button
    page.goto("/screening")
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.locator("form[method=post] button[type=submit]").last.click()
    assert posted.value.status in (200, 303, 422), posted.value.status  # answered, not 403
    assert posted.value.request.post_data and "csrf_token=" in posted.value.request.post_data
    # fetch, as the player and the desk coach send their writes
    status = page.evaluate(
        """() => fetch('/api/logs', {method: 'POST', headers: {'Content-Type': 'application/json'},
                 body: '{}'}).then(r => r.status)"""
    )
    assert status == 422  # past the CSRF check: the empty set itself is refused
    bare = page.evaluate(
        """() => new Promise(done => { const x = new XMLHttpRequest();
             x.open('POST', '/api/logs'); x.setRequestHeader('Content-Type', 'application/json');
             x.onload = () => done(x.status); x.send('{}'); })"""
    )
    assert bare == 403  # a write without the token
    page.click("form.logout button")
    page.wait_for_url("**/login")
    page.goto("/today")
    assert "/login" in page.url


def test_after_logout_the_device_shows_no_page_of_the_account_offline(page: Page) -> None:
    """On a shared device: the service worker forgets the pages it kept once the login page
    shows, so the next person, offline, does not see the previous account's Today."""
    page.goto("/today")
    page.fill("#email", "ana@example.org")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/today")
    page.evaluate(
        "Promise.race([navigator.serviceWorker.ready, new Promise((_, no) =>"
        " setTimeout(() => no(new Error('no service worker')), 15000))])"
    )
    page.reload()  # now controlled: this Today is kept
    assert page.evaluate("() => navigator.serviceWorker.controller !== null")
    kept = (
        "() => caches.keys().then(n => Promise.all(n.map(k => caches.open(k).then(c => c.keys()))))"
    )
    paths = [
        r.split("/", 3)[3] for r in page.evaluate(f"{kept}.then(l => l.flat().map(r => r.url))")
    ]
    assert "today" in paths
    page.click("form.logout button")
    page.wait_for_url("**/login")
    paths = [
        r.split("/", 3)[3] for r in page.evaluate(f"{kept}.then(l => l.flat().map(r => r.url))")
    ]
    # only files that hold nobody's data are left: static files and the login page itself
    assert "today" not in paths
    assert all(p.startswith("static/") or p == "login" for p in paths), paths
    page.context.set_offline(True)
    try:
        page.goto("/today")
    except PlaywrightError:
        return  # nothing kept to show: the browser's own offline page
    assert page.locator("form.logout").count() == 0
    assert "ana@example.org" not in page.content()
