"""The screening's bridge step measured with the camera, in the real page.

The real server, Debian's chromium with the bridge clip as its camera, and the wizard answered
up to the bridge step as a person would. "Measure with the camera" runs the pose model in the
page; the clock waits for the hips to be down, runs while they are in line and stops when they
leave it; "Put these in my answers" fills the seconds held, and nothing is sent until the person
presses Continue. The clip is played SLOW times slower than it was filmed, so that this
machine's model (about a frame a second in software WebGL) sees enough of the hold: the truth is
the README's hold (frames 19 to 68 at 30 fps) times SLOW, and the tolerance is the fixtures'
0.35 s (times SLOW) plus two of the frame gaps the page reports.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browser_kit import (
    CHROMIUM,
    PHONE_HEIGHT,
    answer_step,
    axe_violations,
    horizontal_overflow,
    running_server,
    small_targets,
)
from camera_kit import CLIP_LIST, ROOT, fake_camera_file, launch_with_camera
from playwright.sync_api import Page, Request, expect, sync_playwright
from web_helpers import example_answers

from glutewake.screening.data import load_screening_data
from glutewake.web.wizard import form_from_answers, wizard_steps

VENDORED = ROOT / "src/glutewake/web/static/vendor/mediapipe-pose/pose.js"
BRIDGE = next(clip for clip in CLIP_LIST if clip.name == "bridge")
SQUAT = next(clip for clip in CLIP_LIST if clip.name == "squat")
pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium"),
    pytest.mark.skipif(
        not VENDORED.exists(), reason="run scripts/vendor-frontend (make test does)"
    ),
    pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="needs ffmpeg"),
]
SLOW = 10
MODEL_SECONDS = 240  # the first frame on this machine's software WebGL, under load
LOOP_SECONDS = BRIDGE.frames / BRIDGE.fps * SLOW
HOLD_FIELD = "self_tests.bridge.hold_seconds"


def layout_problems(page: Page, url: str) -> list[str]:
    """On the narrowest phone: the page fits, every control is a 44 px target, axe is happy."""
    page.set_viewport_size({"width": 320, "height": PHONE_HEIGHT})
    found = [f"overflow: {p}" for p in horizontal_overflow(page)]
    found += [f"target: {p}" for p in small_targets(page)]
    found += [f"axe: {v}" for v in axe_violations(page, url)]
    return found


def go_to_step(page: Page, url: str, step_id: str) -> None:
    """Answer the wizard up to ``step_id`` as a person would; that step's other answers too."""
    data = load_screening_data()
    form = form_from_answers(example_answers(), data)
    page.goto(url + "/screening")
    for step in wizard_steps(data):
        expect(page.locator('input[name="step"]')).to_have_value(step.id)
        if step.id == step_id:  # the camera's seconds, and the rest as a person answers
            answer_step(page, step, {k: v for k, v in form.items() if k != HOLD_FIELD})
            return
        answer_step(page, step, form)
        page.click('button[name="go"][value="next"]')


def test_the_bridge_hold_is_measured_and_only_sent_when_confirmed(tmp_path: Path) -> None:
    feed = fake_camera_file(BRIDGE, tmp_path, BRIDGE.fps / SLOW)
    requests: list[Request] = []
    with running_server(tmp_path) as url, sync_playwright() as playwright:
        browser = launch_with_camera(playwright, feed)
        context = browser.new_context()
        context.grant_permissions(["camera"], origin=url)
        page = context.new_page()
        page.on("request", lambda request: requests.append(request))
        go_to_step(page, url, "test-bridge")
        panel = page.locator('[data-camera-test="bridge"]')
        expect(panel).to_be_visible()
        expect(panel.locator("[data-camera-placement]")).to_contain_text("from the side")
        field = page.locator(f'input[name="{HOLD_FIELD}"]')
        field.fill("")
        measuring_from = len(requests)
        panel.locator("[data-camera-toggle]").click()
        result = panel.locator("[data-camera-result]")
        expect(result).to_be_visible(timeout=(MODEL_SECONDS + 3 * LOOP_SECONDS) * 1000)
        expect(panel.locator("[data-camera-summary]")).to_contain_text("Held the bridge")
        held = float(result.get_attribute("data-held") or "nan")
        fps = float(result.get_attribute("data-fps") or "nan")
        assert field.input_value() == "", "nothing is filled in before the person asks"
        panel.locator("[data-camera-fill]").click()
        assert field.input_value() == str(round(held))
        status = panel.locator("[data-camera-status]")
        expect(status).to_contain_text("Filled in from the camera: How many seconds did you hold")
        expect(status).to_contain_text(f"did not time it)? {round(held)}. Check each one")
        page.wait_for_timeout(1000)
        during = requests[measuring_from:]
        assert layout_problems(page, url) == []
        expect(page.locator('input[name="step"]')).to_have_value("test-bridge")
        # The person confirms: the seconds go on with the form, as a typed answer would.
        page.click('button[name="go"][value="next"]')
        expect(page.locator('input[name="step"]')).not_to_have_value("test-bridge")
        carried = page.locator(f'input[type="hidden"][name="{HOLD_FIELD}"]')
        expect(carried).to_have_value(str(round(held)))
        browser.close()

    truth = BRIDGE.hold_seconds * SLOW if BRIDGE.hold_seconds else 0.0
    tolerance = 0.35 * SLOW + 2 / fps
    assert abs(held - truth) <= tolerance, f"held {held:.1f} s, truth {truth:.1f} s, {fps:.2f} fps"
    assert [r.url for r in during if r.method not in ("GET", "HEAD")] == [], "nothing was sent"
    origin = urlsplit(url).netloc
    assert [r.url for r in during if urlsplit(r.url).netloc not in (origin, "")] == []
    assert all(
        urlsplit(r.url).path.startswith("/static/") for r in during if r.url.startswith("http")
    )
    for request in requests:
        body = request.post_data_buffer or b""
        for marker in (b"data:image", b"data:video", b"base64", b"\x89PNG", b"\xff\xd8\xff"):
            assert marker not in body


def test_the_stance_waits_for_the_foot_and_a_stop_measures_nothing(tmp_path: Path) -> None:
    """The squat clip (from the front, both feet down throughout) on the left leg's panel."""
    feed = fake_camera_file(SQUAT, tmp_path, SQUAT.fps)
    with running_server(tmp_path) as url, sync_playwright() as playwright:
        browser = launch_with_camera(playwright, feed)
        context = browser.new_context()
        context.grant_permissions(["camera"], origin=url)
        page = context.new_page()
        go_to_step(page, url, "test-single_leg_stance")
        panels = page.locator('[data-camera-test="stance"]')
        expect(panels).to_have_count(2)
        left = page.locator('[data-camera-test="stance"][data-side="left"]')
        expect(left.locator("[data-camera-placement]")).to_contain_text("from the front")
        assert layout_problems(page, url) == []
        page.set_viewport_size({"width": 1280, "height": 800})
        left.locator("[data-camera-toggle]").click()
        expect(left.locator("[data-camera-status]")).to_contain_text(
            "Lift your right foot", timeout=MODEL_SECONDS * 1000
        )
        expect(left.locator("[data-camera-clock]")).to_have_text("0 s of 30")
        left.locator("[data-camera-toggle]").click()  # stop
        expect(left.locator("[data-camera-summary]")).to_contain_text("Nothing measured")
        expect(left.locator("[data-camera-fill]")).to_be_hidden()
        expect(left.locator("[data-camera-view]")).to_be_hidden()
        assert layout_problems(page, url) == []
        browser.close()
