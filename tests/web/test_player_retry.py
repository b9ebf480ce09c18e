"""The player keeps a log it could not send while the database was busy, and sends it again.

A real server with a short busy timeout, Debian's chromium, and another program holding the
database's write lock: the first send is answered 503 with Retry-After, the player waits that
long, and the log is stored once the lock is gone.
"""

from __future__ import annotations

import itertools
import json
import sqlite3
import time
from datetime import date
from pathlib import Path

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
from playwright.sync_api import Response, sync_playwright
from web_helpers import example_answers

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium")


def test_a_log_answered_503_is_sent_again_after_retry_after(tmp_path: Path) -> None:
    with running_server(tmp_path, GLUTEWAKE_DATABASE_BUSY_TIMEOUT="0.3") as url:
        screen_over_http(url, example_answers())
        plan_over_http(url, date.today())
        today = httpx.get(url + "/api/today").json()
        row = today["items"][0]["rows"][0]
        amount = "hold_seconds" if row["measure"] == "hold_seconds" else "reps"
        body = {
            "key": row["key"],
            "exercise_id": row["exercise_id"],
            "day": today["day"],
            "set_number": row["set_number"],
            "side": row["side"],
            amount: row["target"],
            "effort": 6,
            "felt": ["glutes-left"],
            "pain": 0,
        }
        answers: list[tuple[float, int, str | None]] = []

        def note(response: Response) -> None:
            if response.url.endswith("/api/logs") and response.request.method == "POST":
                answers.append(
                    (time.monotonic(), response.status, response.headers.get("retry-after"))
                )

        holder = sqlite3.connect(tmp_path / "data" / "glutewake.db", isolation_level=None)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            context = new_context(browser, 360)
            # A set logged earlier that the tab could not send yet, as the player keeps it.
            context.add_init_script(
                f"localStorage.setItem('glutewake:outbox', JSON.stringify([{json.dumps(body)}]))"
            )
            page = context.new_page()
            page.on("response", note)
            try:
                holder.execute("BEGIN IMMEDIATE")  # another program is writing
                page.goto(url + "/today")
                deadline = time.monotonic() + 30
                while len(answers) < 2 and time.monotonic() < deadline:
                    page.wait_for_timeout(50)
                holder.rollback()  # the other program is done
                while len(answers) < 3 and time.monotonic() < deadline:
                    page.wait_for_timeout(50)
            finally:
                holder.close()
                browser.close()
        stored = httpx.get(url + "/api/logs").json()
    assert [status for _, status, _ in answers] == [503, 503, 201], answers
    assert answers[0][2] == answers[1][2] == "2"
    gaps = [later[0] - earlier[0] for earlier, later in itertools.pairwise(answers)]
    # each wait is what Retry-After said: no sooner, and not the growing back-off (2 s, 4 s)
    assert all(1.9 <= gap < 3.5 for gap in gaps), gaps
    assert len(stored) == 1
