"""One-tap logging in the player: "Done as planned" stores a set with no answers; "Add how it
felt" stores what the person chose, and nothing starts chosen. A real server and chromium."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import httpx
import pytest
from browser_kit import (
    CHROMIUM,
    CHROMIUM_ARGS,
    new_context,
    plan_over_http,
    play_session,
    running_server,
    screen_over_http,
    visible_screen,
)
from playwright.sync_api import Browser, Page, expect, sync_playwright
from web_helpers import example_answers

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def url(tmp_path: Path) -> Iterator[str]:
    with running_server(tmp_path) as running:
        screen_over_http(running, example_answers())
        plan_over_http(running, date.today())
        yield running


def to_log_screen(page: Page) -> None:
    """Start the first set and end it, as a person would."""
    page.click('[data-action="start"]')
    if page.locator("[data-reps]:visible").count():
        page.click('[data-action="reps-done"]')
    expect(page.locator('[data-screen="log"]')).to_be_visible(timeout=15000)


def test_one_tap_per_set_stores_every_set_without_answers(url: str, browser: Browser) -> None:
    today = httpx.get(url + "/api/today").json()
    assert "items" in today, today
    rows = [row for item in today["items"] for row in item["rows"]]
    page = new_context(browser, 360).new_page()
    page.goto(url + "/today")
    to_log_screen(page)
    form = page.locator("[data-log-form]")
    done = page.locator("[data-log-submit]")
    expect(done).to_be_focused()
    expect(done).to_have_text("Done as planned")
    expect(form.locator("input:checked")).to_have_count(0)  # nothing chosen for the person
    expect(form.locator("[data-felt-field]")).to_be_visible()  # first set: where was it felt?
    expect(form.locator('input[name="effort"]').first).to_be_hidden()  # behind "Add how it felt"
    logged = play_session(page, lambda screen: None, swap=False, answer=False)
    assert visible_screen(page) == "done"
    expect(page.locator("[data-summary-list]")).to_contain_text("Next time, tap where you felt")
    page.wait_for_function(
        "() => !JSON.parse(localStorage.getItem('glutewake:outbox') || '[]').length"
    )
    stored = httpx.get(url + "/api/logs").json()
    assert logged == len(rows) == len(stored)
    assert {(s["effort"], s["felt"], s["pain"]) for s in stored} == {(None, None, None)}
    holds = sorted(r["target"] for r in rows if r["measure"] == "hold_seconds")
    assert sorted(s["hold_seconds"] for s in stored if s["hold_seconds"] is not None) == holds
    page.context.close()


def test_add_how_it_felt_stores_the_answers_given(url: str, browser: Browser) -> None:
    page = new_context(browser, 360).new_page()
    page.goto(url + "/today")
    to_log_screen(page)
    form = page.locator("[data-log-form]")
    form.locator('input[name="felt"][value="glutes-right"]').check()
    done = page.locator("[data-log-submit]")
    expect(done).to_have_text("Save set")  # an answer: no longer "as planned"
    form.locator("[data-more] > summary").click()
    form.locator('input[name="effort"][value="7"]').check()
    form.locator('input[name="pain"][value="1"]').check()
    done.click()
    # The next set of the same exercise (or the next exercise) asks nothing up front again
    # unless it starts an exercise; nothing is carried over from the last answer.
    while visible_screen(page) != "log":
        screen = visible_screen(page)
        if screen == "rest":
            expect(page.locator('[data-screen="rest"]')).to_be_hidden(timeout=15000)
        elif screen == "intro":
            page.click('[data-action="start"]')
        elif page.locator("[data-reps]:visible").count():
            page.click('[data-action="reps-done"]')
        else:
            expect(page.locator('[data-screen="log"]')).to_be_visible(timeout=15000)
    expect(form.locator("input:checked")).to_have_count(0)
    expect(page.locator("[data-log-submit]")).to_be_focused()
    page.click("[data-log-submit]")
    page.wait_for_function(
        "() => !JSON.parse(localStorage.getItem('glutewake:outbox') || '[]').length"
    )
    stored = httpx.get(url + "/api/logs").json()
    assert [(s["effort"], s["felt"], s["pain"]) for s in stored] == [
        (7, ["glutes-right"], 1),
        (None, None, None),
    ]
    page.context.close()


def test_without_javascript_a_set_saves_as_it_is(url: str, browser: Browser) -> None:
    page = new_context(browser, 360, javascript=False).new_page()
    page.goto(url + "/today")
    static = page.locator("#today-static form.log-sheet")
    expect(static.locator("input:checked")).to_have_count(0)
    static.locator("button[type=submit]").click()
    expect(page.locator("#today-static")).to_be_visible()
    stored = httpx.get(url + "/api/logs").json()
    assert [(s["effort"], s["felt"], s["pain"]) for s in stored] == [(None, None, None)]
    page.context.close()
