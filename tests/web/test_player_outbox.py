"""The player's waiting sets: a logged-out answer keeps them, and only this program's are sent.

A real server and Debian's chromium. The 401 is what a coach-mode server answers once the login
has expired; Playwright answers it here so that the solo server can stay account-free.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest
from browser_kit import (
    CHROMIUM,
    CHROMIUM_ARGS,
    new_context,
    plan_over_http,
    running_server,
    screen_over_http,
)
from playwright.sync_api import Route, sync_playwright
from web_helpers import example_answers

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium")


def first_set(url: str) -> dict[str, Any]:
    today = httpx.get(url + "/api/today").json()
    row = today["items"][0]["rows"][0]
    amount = "hold_seconds" if row["measure"] == "hold_seconds" else "reps"
    return {
        "key": row["key"],
        "exercise_id": row["exercise_id"],
        "day": today["day"],
        "set_number": row["set_number"],
        "side": row["side"],
        amount: row["target"],
    }


def test_a_logged_out_answer_keeps_the_set_and_another_programs_set_is_not_sent(
    tmp_path: Path,
) -> None:
    with running_server(tmp_path) as url:
        screen_over_http(url, example_answers())
        plan_over_http(url, date.today())
        mine = first_set(url)
        theirs = {**mine, "key": "p999-" + mine["key"].split("-", 1)[1]}
        waiting = json.dumps([theirs, mine])
        posted: list[str] = []

        def logged_out(route: Route) -> None:
            posted.append(json.loads(route.request.post_data or "{}")["key"])
            route.fulfill(status=401, json={"detail": "Log in first."})

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                context = new_context(browser, 360)
                context.add_init_script(
                    "if (!localStorage.getItem('seeded')) {"
                    f" localStorage.setItem('glutewake:outbox', JSON.stringify({waiting}));"
                    " localStorage.setItem('seeded', '1'); }"
                )
                page = context.new_page()
                page.route("**/api/logs", logged_out)
                page.goto(url + "/today")
                page.wait_for_function("() => !document.querySelector('[data-signed-out]').hidden")
                page.wait_for_timeout(2500)  # longer than the first retry would wait
                kept = page.evaluate("() => JSON.parse(localStorage.getItem('glutewake:outbox'))")
                assert posted == [mine["key"]]  # once, not retried while logged out
                assert [entry["key"] for entry in kept] == [theirs["key"], mine["key"]]
                assert httpx.get(url + "/api/logs").json() == []

                page.unroute("**/api/logs")  # logged in again: Today sends what waited
                page.reload()
                page.wait_for_function(
                    "() => JSON.parse(localStorage.getItem('glutewake:outbox')).length === 1"
                )
                left = page.evaluate("() => JSON.parse(localStorage.getItem('glutewake:outbox'))")
            finally:
                browser.close()
        stored = httpx.get(url + "/api/logs").json()
    assert [entry["key"] for entry in left] == [theirs["key"]]  # another program's: kept, unsent
    assert [(entry["exercise_id"], entry["set_number"]) for entry in stored] == [
        (mine["exercise_id"], mine["set_number"])
    ]  # one set: this program's (the other is still waiting above)
