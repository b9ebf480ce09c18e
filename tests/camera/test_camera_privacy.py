"""A camera session in the real player sends no picture anywhere: every request is recorded.

The real server, Debian's chromium with the bridge clip as its camera (kept in tests/camera/clips,
so this runs on every clone), and today's glute bridge hold with "Use camera" on: the pose model
runs in the page, the hold is timed from the clip, and the set is saved. Every request the page
made is then checked: all of them to the app itself, none carrying image or video data, and the
one POST the set's numbers, marked as measured by the camera.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browser_kit import CHROMIUM, plan_over_http, running_server, screen_over_http, visible_screen
from camera_kit import CLIP_LIST, ROOT, fake_camera_file, launch_with_camera
from playwright.sync_api import Request, expect, sync_playwright
from web_helpers import example_answers

VENDORED = ROOT / "src/glutewake/web/static/vendor/mediapipe-pose/pose.js"
pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium"),
    pytest.mark.skipif(
        not VENDORED.exists(), reason="run scripts/vendor-frontend (make test does)"
    ),
]
BRIDGE = next(clip for clip in CLIP_LIST if clip.name == "bridge")
MODEL_SECONDS = 240  # the first frame on this machine's software WebGL, under load


def test_a_camera_session_sends_no_image_data(tmp_path: Path) -> None:
    feed = fake_camera_file(BRIDGE, tmp_path, BRIDGE.fps)
    with running_server(tmp_path, GLUTEWAKE_TIMER_SCALE="1") as url:
        screen_over_http(url, example_answers())
        plan_over_http(url, date.today())
        requests: list[Request] = []
        with sync_playwright() as playwright:
            browser = launch_with_camera(playwright, feed)
            context = browser.new_context()
            context.grant_permissions(["camera"], origin=url)
            page = context.new_page()
            page.on("request", lambda request: requests.append(request))
            page.goto(url + "/today")
            for _ in range(10):  # skip to the first exercise the camera can follow
                assert visible_screen(page) == "intro"
                name = page.locator('[data-screen="intro"] h2').inner_text()
                if name == "Glute bridge hold":
                    break
                page.click('[data-action="skip"]')
            page.click('[data-action="start"]')
            page.click('[data-action="pause"]')  # the hold waits while the model loads
            panel = page.locator('[data-screen="work"] [data-camera]')
            expect(panel).to_be_visible()
            expect(panel.locator("[data-camera-placement]")).to_contain_text("from the side")
            panel.locator("[data-camera-toggle]").click()
            expect(panel.locator("[data-camera-count]")).to_contain_text(
                "s held", timeout=MODEL_SECONDS * 1000
            )
            page.wait_for_timeout(3000)  # the clip plays on: frames are measured
            page.click('[data-action="stop-hold"]')
            expect(page.locator("[data-camera-note]")).to_be_visible()
            page.click("[data-log-submit]")
            expect(page.locator('[data-screen="log"]')).to_be_hidden()
            page.wait_for_timeout(1000)
            browser.close()

    origin = urlsplit(url).netloc
    elsewhere = [
        r.url
        for r in requests
        if not r.url.startswith(("data:", "blob:")) and urlsplit(r.url).netloc != origin
    ]
    assert elsewhere == [], "requests to another host"
    sent = [r for r in requests if r.method not in ("GET", "HEAD")]
    assert [urlsplit(r.url).path for r in sent] == ["/api/logs"], [r.url for r in sent]
    body = sent[0].post_data_buffer or b""
    assert len(body) < 1000, "the log is a few numbers"
    for marker in (b"data:image", b"data:video", b"base64", b"\x89PNG", b"\xff\xd8\xff"):
        assert marker not in body
    logged = json.loads(body)
    assert logged["exercise_id"] == "glute-bridge-hold"
    assert logged["measured_by_camera"] is True
    assert set(logged) <= {
        "key",
        "exercise_id",
        "day",
        "set_number",
        "side",
        "hold_seconds",
        "measured_by_camera",
        "effort",
        "felt",
        "pain",
    }
    kinds = {r.resource_type for r in requests}
    assert "websocket" not in kinds and "eventsource" not in kinds
