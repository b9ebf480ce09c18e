"""Every page as a person sees it, in Debian's chromium at 320, 360, 390, 414 and 1280 px.

On each page and each width: nothing sticks out sideways, every primary button can be seen
whole above the tab bar, every control is at least 44 x 44 px, and no internal word (data
ids, source shorthands, doc paths) shows. At 360 and 1280 px, axe-core finds no WCAG 2.2
A/AA violation, colour contrast included. Three people are set up over HTTP first: one safe
to start, with a program; one who must stop; one who must see a professional.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Literal

import pytest
from browser_kit import (
    CHROMIUM,
    CHROMIUM_ARGS,
    WIDTHS,
    answer_step,
    answers_with,
    axe_violations,
    hidden_primary_buttons,
    horizontal_overflow,
    new_context,
    plan_over_http,
    running_server,
    screen_over_http,
    small_targets,
    visible_screen,
)
from playwright.sync_api import Browser, Page, expect, sync_playwright

from glutewake.catalogue import default_catalogue
from glutewake.screening.data import load_screening_data
from glutewake.web.wizard import form_from_answers, wizard_steps

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="needs Debian's chromium at /usr/bin/chromium (scripts/install-system-deps installs it)",
)
AXE_WIDTHS = (360, 1280)
REDUCE: Literal["reduce"] = "reduce"
NO_PREFERENCE: Literal["no-preference"] = "no-preference"
PAGES = (
    "/",
    "/screening",
    "/profile",
    "/preferences",
    "/program",
    "/history",
    "/exercises",
    "/exercises/glute-bridge",
    "/exercises/kneeling-hip-flexor-stretch",
    "/desk",
    "/desk/settings",
    "/desk/report",
    "/exercises/no-such-exercise",
)
# Words of the code and the evidence files, not of the people using the app.
INTERNAL = re.compile(
    r"\bseeds?\b|\bstimulus\b|APTEI|docs/|\b[a-z]+_[a-z_]+\b|\b1 sets\b|felt (?:in|:) nowhere|\btfl\b"
    r"|retrieved text|\bL\d · \d",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class People:
    safe: str  # the URL of a server whose person has a program
    stop: str  # ... whose person raised a red flag
    clearance: str  # ... whose person needs a professional's clearance
    player: str  # ... whose person has a program and real-time timers


@pytest.fixture(scope="module")
def people(tmp_path_factory: pytest.TempPathFactory) -> Iterator[People]:
    folder = tmp_path_factory.mktemp("screens")
    with (
        running_server(folder / "safe") as safe,
        running_server(folder / "stop") as stop,
        running_server(folder / "clearance") as clearance,
        running_server(folder / "player", GLUTEWAKE_TIMER_SCALE="1") as player,
    ):
        for url in (safe, player):
            screen_over_http(url, answers_with())
            plan_over_http(url, date.today())
        screen_over_http(stop, answers_with(red_flags=["saddle-numbness"]))
        screen_over_http(clearance, answers_with(pain_worse_with_exercise=True))
        yield People(safe, stop, clearance, player)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def visible_text(page: Page) -> str:
    """What a person can read, folded-away parts included: text, image descriptions, labels."""
    page.evaluate(
        "document.querySelectorAll('details:not([open])').forEach(d => {"
        " d.open = true; d.dataset.opened = ''; })"
    )
    text: str = page.evaluate(
        """() => [document.title, document.body.innerText, ...[...document.querySelectorAll(
             '[alt], [aria-label], [title]')].map(n => n.getAttribute('alt') || n.getAttribute(
             'aria-label') || n.getAttribute('title'))].join('\\n')"""
    )
    for cite in page.locator(".sources").all_inner_texts():  # citations name their sources
        text = text.replace(cite, "")
    page.evaluate(
        "document.querySelectorAll('details[data-opened]').forEach(d => {"
        " d.open = false; delete d.dataset.opened; })"
    )
    return text


def internal_words(page: Page) -> list[str]:
    text = visible_text(page)
    found = sorted({match.group(0) for match in INTERNAL.finditer(text)})
    ids = [e.id for e in default_catalogue().exercises if e.id.count("-") >= 2]
    return found + sorted(
        {i for i in ids if re.search(rf"(?<![\w/-]){re.escape(i)}(?![\w-])", text)}
    )


def check_page(page: Page, base_url: str, width: int, where: str) -> list[str]:
    problems = [f"overflow: {p}" for p in horizontal_overflow(page)]
    problems += [f"primary: {p}" for p in hidden_primary_buttons(page)]
    problems += [f"target: {p}" for p in small_targets(page)]
    if width in AXE_WIDTHS:
        problems += [f"axe: {v}" for v in axe_violations(page, base_url)]
    problems += [f"internal word: {w}" for w in internal_words(page)]
    return [f"{where} at {width} px: {p}" for p in problems]


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_fits_reads_plainly_and_passes_axe(
    people: People, browser: Browser, width: int
) -> None:
    context = new_context(browser, width)
    page = context.new_page()
    problems: list[str] = []
    for path in PAGES:
        page.goto(people.safe + path)
        problems += check_page(page, people.safe, width, path)
    page.goto(people.safe + "/desk")
    page.click('button[value="done"]')  # "Do it now": the guided break
    expect(page.locator("#desk-ask")).to_be_visible(timeout=20000)
    problems += check_page(page, people.safe, width, "/desk/exercise")
    for server, path in (
        (people.stop, "/today"),
        (people.stop, "/profile"),
        (people.clearance, "/today"),
        (people.clearance, "/profile"),
    ):
        page.goto(server + path)
        problems += check_page(page, server, width, f"{path} (needs care)")
    assert not problems, "\n".join(problems)
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_every_screening_step_and_the_stop_screen(
    people: People, browser: Browser, width: int
) -> None:
    context = new_context(browser, width)
    page = context.new_page()
    data = load_screening_data()
    form = form_from_answers(answers_with(), data)
    problems: list[str] = []
    page.goto(people.safe + "/screening")
    page.click('button[value="next"]')  # the messages of a page left unanswered
    expect(page.locator("#form-alert")).to_be_visible()
    problems += check_page(page, people.safe, width, "unanswered red flags")
    for step in wizard_steps(data):
        expect(page.locator("h1")).to_have_text(step.title)
        problems += check_page(page, people.safe, width, f"step {step.id}")
        answer_step(page, step, form)
        page.click('button[value="next"]')
    expect(page.locator("h1")).to_contain_text("Glute amnesia")
    page.goto(people.safe + "/screening")
    page.check('input[name="red_flags"][value="saddle-numbness"]')
    page.click('button[value="next"]')
    expect(page.locator("h1")).to_have_text("Get emergency help now")
    problems += check_page(page, people.safe, width, "emergency screen")
    assert not problems, "\n".join(problems)
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_player_screens_keep_their_controls_in_view(
    people: People, browser: Browser, width: int
) -> None:
    """Each screen of the player shows its main control without scrolling."""
    context = new_context(browser, width)
    page = context.new_page()
    page.goto(people.player + "/today")
    problems: list[str] = []
    main_control = {
        "intro": '[data-action="start"]',
        "work": '[data-screen="work"] .player-controls button:visible',
        "log": "[data-log-form] button[type=submit]",
    }
    for _ in range(3):
        screen = visible_screen(page)
        problems += check_page(page, people.player, width, f"player {screen}")
        control = page.locator(main_control[screen]).first
        box = control.bounding_box()
        height = page.viewport_size["height"] if page.viewport_size else 0
        nav = page.locator(".site-nav").bounding_box()
        bottom = nav["y"] if nav and width < 1000 else height
        if box is None or box["y"] < 0 or box["y"] + box["height"] > bottom:
            problems.append(f"player {screen} at {width} px: its main control is out of view")
        if screen == "intro":
            page.click('[data-action="start"]')
        elif screen == "work":
            page.locator(
                '[data-screen="work"] [data-action="stop-hold"]:visible,'
                ' [data-screen="work"] [data-action="reps-done"]:visible'
            ).click()
    assert not problems, "\n".join(problems)
    context.close()


def test_animations_stand_still_for_people_who_ask_for_less_motion(
    people: People, browser: Browser
) -> None:
    moving = """(svg) => {
      const part = svg.querySelector('[style*="animation"]');
      return part ? getComputedStyle(part).animationName !== 'none' : !svg.animationsPaused();
    }"""
    for motion, expected in ((REDUCE, False), (NO_PREFERENCE, True)):
        page = new_context(browser, 360, motion=motion).new_page()
        page.goto(people.safe + "/exercises/glute-bridge")
        assert page.locator(".hero-figure svg").evaluate(moving) is expected, motion
        page.context.close()


def test_the_program_prints_one_week_a_page(people: People, browser: Browser) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(people.safe + "/program")
    page.emulate_media(media="print")
    weeks = page.locator(".week")
    assert weeks.count() >= 4
    assert page.locator(".site-nav").is_hidden()
    for week in weeks.all():
        expect(week.locator(".item-list li").first).to_be_visible()  # the exercises print
        assert week.evaluate("w => getComputedStyle(w).breakBefore") == "page"
    context.close()


def test_a_hold_pauses_and_resumes(people: People, browser: Browser) -> None:
    context = new_context(browser, 360)
    page = context.new_page()
    page.goto(people.player + "/today")
    page.click('[data-action="start"]')
    countdown = page.locator('[data-screen="work"] [data-countdown]')
    expect(page.locator('[data-screen="work"] [data-phase-label]')).to_have_text(
        "Hold", timeout=6000
    )
    pause = page.locator('[data-screen="work"] [data-action="pause"]')
    pause.click()
    expect(pause).to_have_text("Resume")
    stopped = countdown.inner_text()
    page.wait_for_timeout(2200)
    assert countdown.inner_text() == stopped  # a paused hold does not count down
    pause.click()
    expect(pause).to_have_attribute("aria-pressed", "false")
    page.wait_for_timeout(1200)
    assert int(countdown.inner_text()) < int(stopped)
    expect(page.locator("[data-session-list] li").first).to_have_attribute("aria-current", "step")
    context.close()


def test_the_app_has_a_manifest_and_icons_to_install(people: People, browser: Browser) -> None:
    page = new_context(browser, 360).new_page()
    page.goto(people.safe + "/")
    href = page.locator('link[rel="manifest"]').get_attribute("href")
    assert href
    manifest = page.request.get(href if "://" in href else people.safe + href).json()
    assert manifest["start_url"] == "/today" and manifest["display"] == "standalone"
    sizes = set()
    for icon in manifest["icons"]:
        response = page.request.get(people.safe + icon["src"])
        assert response.ok and response.headers["content-type"] == icon["type"]
        sizes.add(icon["sizes"])
    assert {"192x192", "512x512"} <= sizes


def test_dark_mode_passes_axe_too(people: People, browser: Browser) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, color_scheme="dark")
    page = context.new_page()
    problems: list[str] = []
    for path in PAGES:
        page.goto(people.safe + path)
        problems += [f"{path}: {v}" for v in axe_violations(page, people.safe)]
    assert not problems, "\n".join(problems)
    context.close()
