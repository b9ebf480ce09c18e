"""The coach's pages in Debian's chromium at 360 and 1280 px, after a real login at /login:
nothing sticks out sideways, every primary button shows whole, every control is 44 x 44 px or
more, and axe-core finds no WCAG 2.2 A/AA violation."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from browser_kit import (
    CHROMIUM,
    CHROMIUM_ARGS,
    answers_with,
    axe_violations,
    free_port,
    hidden_primary_buttons,
    horizontal_overflow,
    new_context,
    small_targets,
)
from playwright.sync_api import Page, expect, sync_playwright

from glutewake.application import App, accounts, coaching, programs, screening
from glutewake.application.access import coach_scope, scope_for
from glutewake.application.context import Scope
from glutewake.config import Settings

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="needs Debian's chromium at /usr/bin/chromium (scripts/install-system-deps installs it)",
)
EMAIL = "coach@example.org"
PASSWORD = "correct horse battery staple"


@dataclass(frozen=True)
class Served:
    url: str
    client: int  # a client with a program and a note
    stopped: int  # a client whose newest check found a warning sign


def prepare(data_dir: Path) -> tuple[int, int]:
    data_dir.mkdir(parents=True, exist_ok=True)
    app = App.open(Settings(data_dir=data_dir, accounts=True))
    try:
        with app.work() as work:
            coach = accounts.add_coach(work, EMAIL, PASSWORD)
        people = []
        for email, answers in (
            ("ada@example.org", answers_with()),
            ("bo@example.org", answers_with(red_flags=["saddle-numbness"])),
        ):
            with app.work(coach_scope(coach)) as work:
                person = accounts.invite_client(work, email).person_id
            with app.work(Scope(person, person, role="client")) as work:
                screening.take(work, answers)
                if not answers["red_flags"]:
                    programs.plan(work, {"minutes": 20})
            people.append(person)
        with app.work(scope_for(app, coach, people[0])) as work:
            coaching.add_note(work, "Squeeze at the top of each bridge.")
        return people[0], people[1]
    finally:
        app.close()


@contextmanager
def coach_server(folder: Path) -> Iterator[str]:
    """`glutewake serve` with accounts on, on the SQLite file in ``folder``/data; its URL."""
    port = free_port()
    env = {**os.environ, "GLUTEWAKE_DATA_DIR": str(folder / "data"), "GLUTEWAKE_ACCOUNTS": "on"}
    env.pop("GLUTEWAKE_DATABASE_URL", None)
    log_path = folder / "server.log"
    command = [sys.executable, "-c", "from glutewake.cli.app import main; main()"]
    with log_path.open("a") as log:
        process = subprocess.Popen(
            [*command, "serve", "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if httpx.get(url + "/login", timeout=1).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                assert process.poll() is None, log_path.read_text()
                assert time.monotonic() < deadline, "the server did not start in 60 s"
                time.sleep(0.2)
            yield url
        finally:
            process.terminate()
            process.wait(timeout=10)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    folder = tmp_path_factory.mktemp("coach")
    client, stopped = prepare(folder / "data")
    with coach_server(folder) as url:
        yield Served(url, client, stopped)


def problems_on(page: Page, url: str, where: str, with_axe: bool) -> list[str]:
    found = [f"overflow: {p}" for p in horizontal_overflow(page)]
    found += [f"primary: {p}" for p in hidden_primary_buttons(page)]
    found += [f"target: {p}" for p in small_targets(page)]
    if with_axe:
        found += [f"axe: {v}" for v in axe_violations(page, url)]
    return [f"{where}: {p}" for p in found]


@pytest.mark.parametrize("width", [360, 1280])
def test_the_coach_pages_fit_and_pass_axe(served: Served, width: int) -> None:
    pages = {
        "dashboard": "/coach",
        "client": f"/coach/clients/{served.client}",
        "stopped client": f"/coach/clients/{served.stopped}",
        "view as client": f"/coach/clients/{served.client}/view",
        "invite": "/coach/invite",
    }
    problems: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = new_context(browser, width).new_page()
            page.goto(served.url + "/coach")
            expect(page.locator("h1")).to_have_text("Log in")
            page.fill("#email", EMAIL)
            page.fill("#password", PASSWORD)
            page.get_by_role("button", name="Log in").click()
            expect(page.locator("h1")).to_have_text("Your clients")
            first = page.locator(".coach-list > li").first
            expect(first).to_contain_text("warning sign")
            for where, path in pages.items():
                page.goto(served.url + path)
                expect(page.locator("h1")).to_be_visible()
                problems += problems_on(page, served.url, where, with_axe=True)
            page.goto(served.url + f"/coach/clients/{served.client}/view")
            expect(page.locator("main")).to_contain_text("Squeeze at the top of each bridge.")
            expect(page.locator("main button")).to_have_count(0)
        finally:
            browser.close()
    assert not problems, "\n".join(problems)
