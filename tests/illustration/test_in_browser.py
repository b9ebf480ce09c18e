"""In a real browser (Debian's chromium): the animation plays, and with reduced motion it stands
still on the same picture as the still image."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from glutewake.catalogue import default_catalogue
from glutewake.illustration.render import animated_svg, still_svg

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="needs Debian's chromium at /usr/bin/chromium (scripts/install-system-deps installs it)",
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


def shots(browser: Browser, tmp_path: Path, svg: str, motion: str) -> list[bytes]:
    page = browser.new_page(viewport={"width": 240, "height": 240})
    page.emulate_media(reduced_motion="reduce" if motion == "reduce" else "no-preference")
    source = tmp_path / f"{motion}.html"
    source.write_text(f"<!doctype html><body style='margin:0'>{svg}</body>", encoding="utf-8")
    page.goto(source.as_uri())
    taken = []
    for _ in range(3):
        page.wait_for_timeout(700)
        taken.append(page.screenshot())
    page.close()
    return taken


def test_the_animation_plays_and_stops_for_reduced_motion(browser: Browser, tmp_path: Path) -> None:
    exercise = default_catalogue().get("glute-bridge")
    moving = shots(browser, tmp_path, animated_svg(exercise), "no-preference")
    assert len(set(moving)) > 1
    resting = shots(browser, tmp_path, animated_svg(exercise), "reduce")
    assert len(set(resting)) == 1
    still = shots(browser, tmp_path, still_svg(exercise), "reduce")
    assert resting[0] == still[0]  # reduced motion shows the still picture
