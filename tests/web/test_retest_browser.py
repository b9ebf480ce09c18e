"""The re-test in Debian's chromium on a 360 px phone: it fits, its timers run, axe passes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from browser_kit import (
    CHROMIUM,
    CHROMIUM_ARGS,
    answers_with,
    axe_violations,
    hidden_primary_buttons,
    horizontal_overflow,
    new_context,
    plan_over_http,
    running_server,
    screen_over_http,
    small_targets,
)
from playwright.sync_api import Page, expect, sync_playwright

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="needs Debian's chromium at /usr/bin/chromium (scripts/install-system-deps installs it)",
)


@pytest.fixture
def planned(tmp_path: Path) -> Iterator[str]:
    with running_server(tmp_path / "retest") as url:
        screen_over_http(url, answers_with())
        plan_over_http(url, date.today())
        yield url


def problems_on(page: Page, url: str, where: str) -> list[str]:
    found = [f"overflow: {p}" for p in horizontal_overflow(page)]
    found += [f"primary: {p}" for p in hidden_primary_buttons(page)]
    found += [f"target: {p}" for p in small_targets(page)]
    found += [f"axe: {v}" for v in axe_violations(page, url)]
    return [f"{where}: {p}" for p in found]


def test_a_retest_on_a_phone_with_its_timer_and_before_and_after(planned: str) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = new_context(browser, 360).new_page()
            page.goto(planned + "/retest")
            expect(page.locator("h1")).to_have_text("Anything new since last time?")
            problems = problems_on(page, planned, "anything new")
            for none in page.locator("input[data-none]").all():
                none.check()
            page.get_by_role("button", name="Continue").click()
            expect(page.locator("h1")).to_contain_text("Glute squeeze")
            problems += problems_on(page, planned, "glute squeeze")
            page.check('input[name="self_tests.glute_squeeze.left.contraction"][value="clear"]')
            page.check('input[name="self_tests.glute_squeeze.right.contraction"][value="clear"]')
            page.get_by_role("button", name="Continue").click()
            while "Single-leg stance" not in page.locator("h1").inner_text():
                page.get_by_role("button", name="Skip this test").click()
            left = page.locator('[data-self-timer="countdown"]').first
            expect(left).to_be_visible()
            problems += problems_on(page, planned, "single-leg stance")
            left.locator("[data-timer-start]").click()
            expect(left.locator("[data-timer-status]")).to_contain_text("Time.", timeout=10_000)
            while page.get_by_role("button", name="Skip this test").count():
                page.get_by_role("button", name="Skip this test").click()
            expect(page.locator("h1")).to_have_text("Before and after")
            squeeze = page.locator("section.retest-test", has_text="Glute squeeze")
            expect(squeeze).to_contain_text("Left side: Better")
            expect(squeeze).to_contain_text("Right side: No change")
            problems += problems_on(page, planned, "before and after")
        finally:
            browser.close()
    assert not problems, "\n".join(problems)
