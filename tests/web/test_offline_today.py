"""Today opens offline once the service worker has kept it, and the player runs.

Its own server and person: this test once shared the page tests' "safe" person, whom the
stop-screen test gives a red flag (the web wizard stores the stop at once, so Today is paused
and shows no player); run after it, the offline reload found no player. Here nothing else
touches the person, and the test first checks that Today is due.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import httpx
import pytest
from browser_kit import (
    CHROMIUM,
    CHROMIUM_ARGS,
    answers_with,
    new_context,
    plan_over_http,
    running_server,
    screen_over_http,
)
from playwright.sync_api import Browser, expect, sync_playwright

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium")

KEPT = """async () => {
  const urls = [...document.querySelectorAll('script[src], link[rel=stylesheet]')]
    .map(node => node.src || node.href);
  const found = await Promise.all(urls.map(url => caches.match(url)));
  return urls.filter((url, i) => !found[i]);
}"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def test_today_opens_offline_once_the_service_worker_has_it(
    tmp_path: Path, browser: Browser
) -> None:
    with running_server(tmp_path) as url:
        screen_over_http(url, answers_with())
        plan_over_http(url, date.today())
        assert httpx.get(url + "/api/today").json()["status"] == "due"
        context = new_context(browser, 360)
        page = context.new_page()
        page.goto(url + "/today")
        page.evaluate(
            "Promise.race([navigator.serviceWorker.ready, new Promise((_, no) =>"
            " setTimeout(() => no(new Error('no service worker')), 15000))])"
        )
        page.reload()  # now controlled: this load and its files are kept
        assert page.evaluate("() => navigator.serviceWorker.controller !== null")
        expect(page.locator("#player")).to_be_visible()
        # every script and stylesheet is kept by the time the page has loaded (sw.js's keep
        # answers only once its copy is stored), so going offline at once loses nothing
        assert page.evaluate(KEPT) == []
        context.set_offline(True)
        page.reload()
        expect(page.locator("#player")).to_be_visible()
        expect(page.locator('[data-screen="intro"] [data-action="start"]')).to_be_visible()
        context.close()
