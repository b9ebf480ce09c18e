"""The re-plan confirmation in Debian's chromium on a 360 px phone: it fits, it passes axe, and
"Keep my current program" keeps it while "Replace" replaces it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import httpx
import pytest
from browser_kit import (
    CHROMIUM,
    CHROMIUM_ARGS,
    axe_violations,
    hidden_primary_buttons,
    horizontal_overflow,
    new_context,
    plan_over_http,
    running_server,
    screen_over_http,
    small_targets,
)
from playwright.sync_api import Browser, Page, expect, sync_playwright
from web_helpers import example_answers, training_days

from glutewake.weekday import Weekday

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="needs Debian's chromium at /usr/bin/chromium (scripts/install-system-deps installs it)",
)


@pytest.fixture
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def session_today(url: str) -> int | None:
    number: int | None = (httpx.get(url + "/api/today").json()["session"] or {}).get("number")
    return number


def ask_to_rest_today(page: Page, url: str, today: date) -> None:
    """On the preferences page, move the training days off today and build."""
    days = list(Weekday)
    wanted = {days[(today.weekday() + n) % 7].value for n in (1, 3, 5)}
    page.goto(url + "/preferences")
    for day in {*training_days(3, today), *wanted}:
        box = page.locator(f'input[name="training_days"][value="{day}"]')
        if box.is_checked() != (day in wanted):
            page.locator("label.choice", has=box).click()
    page.get_by_role("button", name="Build my program").click()
    expect(page.get_by_role("heading", name="Replace today's session?")).to_be_visible()


def test_the_confirmation_fits_a_phone_passes_axe_and_does_what_it_says(
    browser: Browser, tmp_path: Path
) -> None:
    today = date.today()
    with running_server(tmp_path) as url:
        screen_over_http(url, example_answers())
        plan_over_http(url, today)
        assert session_today(url) == 1
        page = new_context(browser, 360).new_page()

        ask_to_rest_today(page, url, today)
        text = " ".join(page.locator("main").inner_text().split())
        assert (
            "A new program replaces today's session 1 of your current program (not started yet)."
            in text
        )
        assert "The new program has no session today" in text
        problems = [f"overflow: {p}" for p in horizontal_overflow(page)]
        problems += [f"primary: {p}" for p in hidden_primary_buttons(page)]
        problems += [f"target: {p}" for p in small_targets(page)]
        problems += [f"axe: {v}" for v in axe_violations(page, url)]
        assert problems == []

        page.get_by_role("link", name="Keep my current program").click()
        page.wait_for_url(url + "/program")
        assert session_today(url) == 1  # nothing changed

        ask_to_rest_today(page, url, today)
        page.get_by_role("button", name="Replace").click()
        page.wait_for_url(url + "/program")
        assert session_today(url) is None  # the new program rests today
