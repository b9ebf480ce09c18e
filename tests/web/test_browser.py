"""Real-browser tests: Debian's chromium (through Playwright) against `glutewake serve`.

A newcomer goes from the welcome page through the screening, preferences and program to one
whole guided session (timers shortened by GLUTEWAKE_TIMER_SCALE), its logs and the history,
at phone and desktop sizes. Screenshots go to test-artifacts/screenshots/ (git-ignored).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import httpx
import pytest
from browser_kit import (
    CHROMIUM,
    CHROMIUM_ARGS,
    answer_step,
    answers_with,
    free_port,
    new_context,
    plan_over_http,
    play_session,
    running_server,
    screen_over_http,
)
from playwright.sync_api import Browser, Page, expect, sync_playwright
from web_helpers import example_answers, training_days

from glutewake.screening.data import load_screening_data
from glutewake.web.wizard import form_from_answers, wizard_steps

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
SIZES = {"phone": 360, "desktop": 1280}

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="needs Debian's chromium at /usr/bin/chromium (scripts/install-system-deps installs it)",
)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """`glutewake serve` in its own process, on a fresh SQLite file, with short timers."""
    with running_server(
        tmp_path,
        GLUTEWAKE_BREAKS__INTERVAL_MINUTES="5",  # 6 s at this scale
        # desk breaks at any hour of any day, so the desk test runs whenever the suite does
        GLUTEWAKE_BREAKS__WORK_START="00:00",
        GLUTEWAKE_BREAKS__WORK_END="23:59:59",
        GLUTEWAKE_BREAKS__WORK_DAYS='["mon","tue","wed","thu","fri","sat","sun"]',
    ) as url:
        yield url


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


def do_screening(page: Page, shots: Shots) -> None:
    data = load_screening_data()
    form = form_from_answers(example_answers(), data)
    for number, step in enumerate(wizard_steps(data)):
        expect(page.locator("h1")).to_have_text(step.title)
        answer_step(page, step, form)
        if number in (0, 1, 5):
            shots.take(f"02-screening-{number}")
        page.click('button[value="next"]')


@pytest.mark.parametrize("size", list(SIZES))
def test_newcomer_to_finished_first_session(server: str, browser: Browser, size: str) -> None:
    context = new_context(browser, SIZES[size])
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
    page.click(".next-session a.button")

    expect(page.locator("#player")).to_be_visible()
    expect(page.locator("#today-static")).to_be_hidden()
    logged = play_session(page, lambda screen: shots.take(f"06-player-{screen}"), stop_after=2)
    page.reload()  # a closed tab resumes where it stopped
    expect(page.locator("[data-progress-text]")).to_contain_text("2 of")
    logged += play_session(page, lambda screen: None, swap=False)
    expect(page.locator("[data-finish]")).to_be_enabled(timeout=15000)
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
    context = new_context(browser, SIZES[size])
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


def checked_answers(page: Page) -> int:
    return int(page.evaluate("document.querySelectorAll('main input:checked').length"))


def test_safety_answers_start_unanswered_and_must_be_answered(
    server: str, browser: Browser
) -> None:
    context = new_context(browser, 360)
    page = context.new_page()
    page.goto(server + "/screening")
    groups = page.locator(".flag-group")
    assert groups.count() >= 4
    assert checked_answers(page) == 0
    page.click('button[value="next"]')  # nothing ticked: every group asks for an answer
    expect(page.locator("#form-alert")).to_be_focused()
    expect(page.locator(".flag-group .field-error")).to_have_count(groups.count())
    for group in groups.all()[:-1]:
        group.locator(".none-choice").click()
    page.click('button[value="next"]')
    expect(page.locator(".flag-group .field-error")).to_have_count(1)  # the last group
    groups.last.locator(".none-choice").click()
    page.click('button[value="next"]')

    data = load_screening_data()
    for step in wizard_steps(data)[1:]:
        if step.section is None:
            break
        expect(page.locator("h1")).to_have_text(step.title)
        expect(page.locator("h1")).to_be_focused()  # a new step starts at its heading
        assert checked_answers(page) == 0
        page.click('button[value="next"]')
        expect(page.locator(".field-error")).to_have_count(len(step.section.questions))
        answer_step(page, step, form_from_answers(example_answers(), data))
        typed = page.locator('main input[type="text"]')
        if typed.count():  # Enter in a text field (a phone keyboard's Go) means Continue
            typed.first.press("Enter")
        else:
            page.click('button[value="next"]')
    expect(page.locator("h1")).to_have_text(wizard_steps(data)[len(data.sections) + 1].title)
    context.close()


def test_a_none_of_these_and_a_sign_cannot_both_stay_ticked(server: str, browser: Browser) -> None:
    context = new_context(browser, 360)
    page = context.new_page()
    page.goto(server + "/screening")
    group = page.locator(".flag-group").first
    none = group.locator('input[name="red_flags.none"]')
    sign = group.locator('input[name="red_flags"]').first
    group.locator(".none-choice").click()
    expect(none).to_be_checked()
    group.locator("label.choice").first.click()
    expect(sign).to_be_checked()
    expect(none).not_to_be_checked()
    context.close()


def test_the_emergency_screen_says_what_to_do_first_with_a_number_to_tap(
    server: str, browser: Browser
) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="en-GB")
    page = context.new_page()
    page.goto(server + "/screening")
    page.check('input[name="red_flags"][value="bladder-trouble"]')
    page.click('button[value="next"]')
    expect(page.locator("h1")).to_have_text("Get emergency help now")
    expect(page.locator("h1")).to_be_focused()
    call = page.locator('a[href="tel:999"]')
    expect(call).to_have_text("Call 999")
    box = call.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 740 - 64  # above the tab bar
    first_text = page.locator(".stop-action")
    expect(first_text).to_contain_text("Seek emergency care now")
    assert page.evaluate(
        "document.querySelector('.stop-action').compareDocumentPosition("
        "document.querySelector('.stop-list')) & Node.DOCUMENT_POSITION_FOLLOWING"
    )
    expect(page.locator(".stop-list")).to_contain_text("New trouble with your bladder")
    page.click("text=I ticked one by mistake")
    expect(page.locator("h1")).to_have_text("Any warning signs?")
    expect(page.locator('input[value="bladder-trouble"]')).to_be_checked()
    context.close()


def test_the_emergency_number_follows_the_browser_region(server: str, browser: Browser) -> None:
    for locale, number in (("en-US", "911"), ("de-DE", "112"), ("en-AU", "000")):
        context = browser.new_context(locale=locale)
        page = context.new_page()
        page.goto(server + "/screening")
        page.check('input[name="red_flags"][value="saddle-numbness"]')
        page.click('button[value="next"]')
        expect(page.locator(f'a[href="tel:{number}"]')).to_be_visible()
        context.close()


def test_the_timed_self_tests_have_their_own_timers(server: str, browser: Browser) -> None:
    context = new_context(browser, 360)
    page = context.new_page()
    page.goto(server + "/screening")
    data = load_screening_data()
    form = form_from_answers(example_answers(), data)
    for step in wizard_steps(data):
        expect(page.locator("h1")).to_have_text(step.title)
        if step.id == "test-single_leg_stance":  # a 30 s countdown for each leg
            left = page.locator('[aria-labelledby="side-left"] [data-self-timer]')
            expect(left.locator("[data-timer-clock]")).to_have_text("30 s")
            left.locator("[data-timer-start]").click()
            expect(left.locator("[data-timer-status]")).to_contain_text("Time.", timeout=5000)
            expect(left.locator("[data-timer-clock]")).to_have_text("0 s")
        if step.id == "test-single_leg_bridge":  # a stopwatch that fills in the seconds held
            left = page.locator('[aria-labelledby="side-left"] [data-self-timer]')
            left.locator("[data-timer-start]").click()
            expect(left.locator("[data-timer-stop]")).to_be_focused()
            page.wait_for_timeout(400)  # 20 "seconds" at the test's timer scale
            left.locator("[data-timer-stop]").click()
            held = page.locator('input[name="self_tests.single_leg_bridge.left.hold_seconds"]')
            assert int(held.input_value()) >= 10
            expect(left.locator("[data-timer-status]")).to_contain_text("filled in below")
            break
        answer_step(page, step, form)
        page.click('button[value="next"]')
    context.close()


def test_a_session_runs_on_with_the_server_stopped_and_each_log_arrives_once(
    tmp_path: Path, browser: Browser
) -> None:
    port = free_port()
    context = new_context(browser, 360)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    with running_server(tmp_path, port=port) as url:
        screen_over_http(url, answers_with())
        plan_over_http(url, date.today())
        page.goto(url + "/today")
        logged = play_session(page, lambda screen: None, stop_after=2)
        expect(page.locator("[data-progress-text]")).to_contain_text("2 of")
        deadline = time.monotonic() + 15
        while len(httpx.get(url + "/api/logs").json()) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
    # the server is stopped: the session carries on, its sets wait in the browser
    logged += play_session(page, lambda screen: None, swap=False)
    expect(page.locator("[data-outbox]")).to_be_visible()
    expect(page.locator("[data-finish]")).to_be_disabled()
    with running_server(tmp_path, port=port) as url:
        expect(page.locator("[data-finish]")).to_be_enabled(timeout=45000)
        stored = httpx.get(url + "/api/logs").json()
        assert len(stored) == logged  # every set, none twice
        page.click("[data-finish]")
        expect(page.locator("h1")).to_have_text("Your sessions")
    assert errors == []
    context.close()
