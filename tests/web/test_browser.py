"""Real-browser tests: Debian's chromium (through Playwright) against `glutewake serve`.

A newcomer goes from the welcome page through the screening, preferences and program to one
whole guided session (timers shortened by GLUTEWAKE_TIMER_SCALE), its logs and the history,
at phone and desktop sizes. Screenshots go to test-artifacts/screenshots/ (git-ignored).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright
from web_helpers import example_answers, training_days

from glutewake.screening.data import load_screening_data
from glutewake.web.wizard import form_from_answers, sides_of, wizard_steps

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
TIMER_SCALE = "0.02"  # a 30 s hold lasts 0.6 s
SIZES = {"phone": (360, 740), "desktop": (1280, 800)}

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="needs Debian's chromium at /usr/bin/chromium (scripts/install-system-deps installs it)",
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """`glutewake serve` in its own process, on a fresh SQLite file, with short timers."""
    port = free_port()
    env = {
        **os.environ,
        "GLUTEWAKE_DATA_DIR": str(tmp_path / "data"),
        "GLUTEWAKE_TIMER_SCALE": TIMER_SCALE,
        "GLUTEWAKE_BREAKS__INTERVAL_MINUTES": "5",  # 6 s at this scale
        # desk breaks at any hour of any day, so the desk test runs whenever the suite does
        "GLUTEWAKE_BREAKS__WORK_START": "00:00",
        "GLUTEWAKE_BREAKS__WORK_END": "23:59:59",
        "GLUTEWAKE_BREAKS__WORK_DAYS": '["mon","tue","wed","thu","fri","sat","sun"]',
    }
    env.pop("GLUTEWAKE_DATABASE_URL", None)
    log = (tmp_path / "server.log").open("w")
    command = [sys.executable, "-c", "from glutewake.cli.app import main; main()"]
    process = subprocess.Popen(
        [*command, "serve", "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(url + "/", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert process.poll() is None, (tmp_path / "server.log").read_text()
            assert time.monotonic() < deadline, "the server did not start in 30 s"
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class Shots:
    def __init__(self, page: Page, size: str) -> None:
        self.page = page
        self.size = size
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(self, name: str) -> None:
        self.page.screenshot(path=str(SCREENSHOTS / f"{self.size}-{name}.png"), full_page=True)


def answer_page(page: Page, form: dict[str, list[str]], names: list[str]) -> None:
    """Fill the current wizard page's fields the way a person would."""
    for name in names:
        values = [v for v in form.get(name, []) if v]
        field = page.locator(f'[name="{name}"]:not([type="hidden"])')
        if not values or field.count() == 0:
            continue
        kind = field.first.get_attribute("type")
        if kind in ("radio", "checkbox"):
            for value in values:
                page.check(f'input[name="{name}"][value="{value}"]')
        else:
            field.first.fill(values[0])


def page_fields(step: Any) -> list[str]:
    if step.section is not None:
        return [f"questionnaire.{q.id}" for q in step.section.questions]
    if step.test is None:
        return []
    return [
        ".".join(part for part in ("self_tests", step.test.id, side, m.id) if part)
        for side in (s.value if s else None for s in sides_of(step.test))
        for m in step.test.measures
    ]


def do_screening(page: Page, shots: Shots) -> None:
    data = load_screening_data()
    form = form_from_answers(example_answers(), data)
    for number, step in enumerate(wizard_steps(data)):
        expect(page.locator("h1")).to_have_text(step.title)
        answer_page(page, form, page_fields(step))
        if number in (0, 1, 5):
            shots.take(f"02-screening-{number}")
        page.click('button[value="next"]')


def visible_screen(page: Page) -> str:
    screen = page.locator("#player [data-screen]:visible")
    expect(screen).to_have_count(1)
    return screen.get_attribute("data-screen") or ""


def run_session(page: Page, shots: Shots) -> int:
    """Play the session to the end, tapping like a person; the number of sets logged."""
    logged = 0
    seen: set[str] = set()
    swapped = False
    for _ in range(500):
        screen = visible_screen(page)
        if screen not in seen:
            seen.add(screen)
            shots.take(f"06-player-{screen}")
        if screen == "intro":
            if not swapped and page.locator('[data-action="swap"]:visible').count():
                swapped = True
                page.click('[data-action="swap"]')
                shots.take("06-player-swap")
                page.locator("[data-alternatives] button").first.click()
                continue
            page.click('[data-action="start"]')
        elif screen == "work":
            if page.locator("[data-reps]:visible").count():
                for _ in range(3):
                    page.click('[data-action="count"]')
                expect(page.locator("[data-count]")).to_have_text("3")
                page.click('[data-action="reps-done"]')
            else:
                expect(page.locator('[data-screen="log"]')).to_be_visible(timeout=15000)
        elif screen == "log":
            form = page.locator("[data-log-form]")
            if not form.locator('input[name="felt"]:checked').count():
                form.locator('input[name="felt"][value="glutes-left"]').check()
            form.locator('input[name="effort"][value="6"]').check()
            page.click("[data-log-form] button[type=submit]")
            logged += 1
            if logged == 2:
                page.reload()  # a closed tab resumes where it stopped
                expect(page.locator("[data-progress-text]")).to_contain_text("2 of")
        elif screen == "rest":
            expect(page.locator('[data-screen="rest"]')).to_be_hidden(timeout=15000)
        elif screen == "done":
            expect(page.locator("[data-finish]")).to_be_enabled(timeout=15000)
            return logged
    raise AssertionError("the session did not end")


@pytest.mark.parametrize("size", list(SIZES))
def test_newcomer_to_finished_first_session(server: str, browser: Browser, size: str) -> None:
    width, height = SIZES[size]
    context = browser.new_context(
        viewport={"width": width, "height": height},
        is_mobile=size == "phone",
        has_touch=size == "phone",
        device_scale_factor=2 if size == "phone" else 1,
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    shots = Shots(page, size)

    page.goto(server + "/")
    expect(page.locator("h1")).to_have_text("Do you have glute amnesia?")
    shots.take("01-welcome")
    page.click("text=Start the 10-minute check")
    do_screening(page, shots)

    expect(page.locator("h1")).to_contain_text("Glute amnesia")
    expect(page.locator("#gate-title")).to_have_text("Safe to start")
    shots.take("03-profile")
    page.click("text=Next: your preferences")

    page.check('input[name="sessions_per_week"][value="3"]')
    for day in training_days(3, date.today()):
        page.check(f'input[name="training_days"][value="{day}"]')
    page.check('input[name="equipment"][value="mini-band"]')
    page.fill('input[name="minutes"]', "2")
    page.click("text=Build my program")
    expect(page.locator("#minutes-error")).to_contain_text("out of range")
    page.fill('input[name="minutes"]', "20")
    shots.take("04-preferences")
    page.click("text=Build my program")

    expect(page.locator("h1")).to_contain_text("weeks, 3 sessions a week")
    shots.take("05-program")
    page.click("text=Go to today")

    expect(page.locator("#player")).to_be_visible()
    expect(page.locator("#today-static")).to_be_hidden()
    logged = run_session(page, shots)
    expect(page.locator("[data-progress-text]")).to_have_text(f"{logged} of {logged} sets")
    stored = httpx.get(server + "/api/logs").json()
    assert len(stored) == logged

    page.click("[data-finish]")
    expect(page.locator("h1")).to_have_text("Your sessions")
    expect(page.locator(".stat strong").nth(1)).to_have_text(str(logged))
    shots.take("07-history")
    page.goto(server + "/exercises")
    shots.take("08-library")
    page.goto(server + "/exercises/glute-bridge")
    shots.take("09-exercise")
    assert errors == []
    context.close()


def test_keyboard_reaches_every_main_page(server: str, browser: Browser) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(server + "/")
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    for label in ("Today", "Program", "Exercises", "History"):
        page.locator(".site-nav a", has_text=label).focus()
        page.keyboard.press("Enter")
        expect(page.locator('.site-nav a[aria-current="page"]')).to_have_text(label)
    context.close()


@pytest.mark.parametrize("size", list(SIZES))
def test_desk_timer_calls_a_break_and_logs_the_answer_to_did_you_do_it(
    server: str, browser: Browser, size: str
) -> None:
    width, height = SIZES[size]
    context = browser.new_context(
        viewport={"width": width, "height": height},
        is_mobile=size == "phone",
        has_touch=size == "phone",
        device_scale_factor=2 if size == "phone" else 1,
    )
    context.grant_permissions(["notifications"], origin=server)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    shots = Shots(page, size)

    page.goto(server + "/desk/settings")
    expect(page.locator("#interval_minutes")).to_be_disabled()  # set by the environment
    page.fill("#snooze_minutes", "0")
    page.fill("#quiet_start-0", "03:00")
    page.click("main form button[type=submit]")
    expect(page.locator("#snooze_minutes-error")).to_contain_text("greater than or equal to 1")
    expect(page.locator("#quiet_hours-error")).to_contain_text("give both times")
    shots.take("11-desk-settings-errors")
    page.fill("#snooze_minutes", "10")
    page.fill("#quiet_end-0", "03:30")
    page.click("main form button[type=submit]")
    expect(page.locator("text=Settings saved.")).to_be_visible()
    expect(page.locator('button[value="snoozed"]')).to_have_text("Snooze 10 min")
    expect(page.locator(".desk-facts")).to_contain_text("03:00\N{EN DASH}03:30")

    expect(page.locator("text=0 breaks done this week")).to_be_visible()
    page.click('[data-desk="start"]')
    expect(page.locator("[data-desk-status]")).to_contain_text("Sitting since")
    expect(page.locator("[data-desk-status]")).to_contain_text("Break time", timeout=20000)
    expect(page).to_have_title("Break time · glutewake")
    shots.take("10-desk")

    page.click('button[value="done"]')
    expect(page.locator("h1")).not_to_have_text("Break up your sitting")
    expect(page.locator("#desk-ask")).to_be_hidden()  # asked when the guided timer ends
    expect(page.locator("[data-guide-countdown]")).to_be_visible()
    shots.take("12-desk-guided")
    expect(page.locator("#desk-ask")).to_be_visible(timeout=20000)
    expect(page.locator("#desk-ask")).to_be_focused()
    expect(page.locator("[data-bout-started]")).not_to_have_value("")
    shots.take("13-desk-did-you-do-it")
    page.click('button[value="yes"]')

    expect(page.locator("text=1 break done this week")).to_be_visible()
    expect(page.locator('[data-desk="stop"]')).to_be_visible()  # a new sitting bout runs
    page.click("text=Pause for an hour")
    expect(page.locator("[data-desk-paused]")).to_contain_text("Paused until")
    expect(page.locator("[data-desk-status]")).to_contain_text("(held back: paused)")
    shots.take("14-desk-paused")
    page.click("text=Resume now")
    expect(page.locator("text=Pause for an hour")).to_be_visible()

    page.click('[data-desk="stop"]')
    expect(page.locator("[data-desk-status]")).to_contain_text("Stopped")
    page.goto(server + "/desk/report")
    day = page.locator(".breaks-day").first
    expect(day.locator(".day-meta")).to_contain_text("2 bouts")  # to the break, then to Stop
    expect(day.locator(".outcome-done")).to_have_text("1 done")
    expect(day.locator(".bout-chart rect")).to_have_count(2)
    shots.take("15-desk-report")
    assert errors == []
    context.close()
