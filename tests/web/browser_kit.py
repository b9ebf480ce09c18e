"""Shared by the browser tests and scripts/screenshots: the real server, chromium, and checks.

`running_server` starts `glutewake serve` in its own process on its own SQLite file; the
checks run in the page: horizontal overflow, primary buttons hidden under the tab bar, touch
targets under 44 x 44 px, and axe-core (vendored under static/vendor) for WCAG A and AA.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any, Literal

import httpx
from playwright.sync_api import Browser, BrowserContext, Page, expect
from web_helpers import example_answers, training_days

from glutewake.screening.data import load_screening_data
from glutewake.web.wizard import (
    FormValues,
    WizardStep,
    field_names,
    form_from_answers,
    wizard_steps,
)

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
TIMER_SCALE = "0.02"  # a 30 s hold lasts 0.6 s
PHONE_HEIGHT = 740
WIDTHS = (320, 360, 390, 414, 1280)
MIN_TARGET = 44  # px, each side of a touch target
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@contextmanager
def running_server(folder: Path, port: int = 0, **extra_env: str) -> Iterator[str]:
    """`glutewake serve` on the SQLite file in ``folder`` with short timers; its URL.

    Started again on the same folder (and ``port``), it serves the same person and data.
    """
    port = port or free_port()
    env = {
        **os.environ,
        "GLUTEWAKE_DATA_DIR": str(folder / "data"),
        "GLUTEWAKE_TIMER_SCALE": TIMER_SCALE,
        **extra_env,
    }
    env.pop("GLUTEWAKE_DATABASE_URL", None)
    folder.mkdir(parents=True, exist_ok=True)
    log_path = folder / f"server-{port}.log"
    command = [sys.executable, "-c", "from glutewake.cli.app import main; main()"]
    with log_path.open("a") as log:
        process = subprocess.Popen(
            [*command, "serve", "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT
        )
        url = f"http://127.0.0.1:{port}"
        try:
            # A cold first page can take seconds on a loaded machine: a short read timeout
            # would give up on every try (and pile up requests), so wait for each answer.
            deadline = time.monotonic() + 60
            while True:
                try:
                    if httpx.get(url + "/", timeout=15).status_code == 200:
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


def new_context(
    browser: Browser,
    width: int,
    height: int = PHONE_HEIGHT,
    javascript: bool = True,
    motion: Literal["reduce", "no-preference"] = "reduce",
) -> BrowserContext:
    """A phone-like context below 1000 px wide (touch, 2x pixels), a desktop one above."""
    phone = width < 1000
    return browser.new_context(
        viewport={"width": width, "height": height if phone else 800},
        is_mobile=phone,
        has_touch=phone,
        device_scale_factor=2 if phone else 1,
        java_script_enabled=javascript,
        reduced_motion=motion,
    )


def horizontal_overflow(page: Page) -> list[str]:
    """Elements that reach past the right edge of the viewport (none when the page fits)."""
    found: list[str] = page.evaluate(
        """() => {
          const width = document.documentElement.clientWidth;
          if (document.documentElement.scrollWidth <= width) return [];
          const wide = [];
          for (const node of document.body.querySelectorAll('*')) {
            const box = node.getBoundingClientRect();
            if (box.width && box.right > width + 0.5 && !node.closest('[hidden]'))
              wide.push(node.tagName.toLowerCase() + (node.className ? '.' + String(node.className).split(' ')[0] : '') + ' ' + Math.round(box.right) + 'px: ' + (node.textContent || '').trim().slice(0, 40));
          }
          return wide.length ? wide.slice(-8) : ['the page is ' + document.documentElement.scrollWidth + ' px wide'];
        }"""
    )
    return found


def hidden_primary_buttons(page: Page) -> list[str]:
    """Primary buttons that, scrolled into view, are not fully visible and clickable."""
    found: list[str] = page.evaluate(
        """() => {
          const nav = document.querySelector('.site-nav');
          const problems = [];
          const primaries = [...document.querySelectorAll('main button:not(.ghost), main a.button:not(.ghost)')]
            .filter(b => b.getClientRects().length && getComputedStyle(b).visibility !== 'hidden');
          for (const button of primaries) {
            button.scrollIntoView({block: 'nearest'});
            const box = button.getBoundingClientRect();
            const navTop = nav && getComputedStyle(nav).position === 'fixed' ? nav.getBoundingClientRect().top : innerHeight;
            const x = box.left + box.width / 2, y = box.top + box.height / 2;
            const hit = document.elementFromPoint(x, y);
            const name = (button.textContent || '').trim().slice(0, 40);
            if (box.bottom > navTop + 0.5 || box.top < 0 || box.right > innerWidth + 0.5 || box.left < -0.5)
              problems.push(name + ': not fully in view above the tab bar');
            else if (!hit || !(hit === button || button.contains(hit)))
              problems.push(name + ': covered by ' + (hit ? hit.tagName.toLowerCase() + '.' + hit.className : 'nothing'));
          }
          window.scrollTo(0, 0);
          return problems;
        }"""
    )
    return found


def small_targets(page: Page) -> list[str]:
    """Visible controls smaller than 44 x 44 px (links inside running text are exempt)."""
    found: list[str] = page.evaluate(
        """(min) => {
          const controls = document.querySelectorAll('a[href], button, select, summary, input:not([type=hidden]), textarea, label.choice, label.toggle, label.check');
          const small = [];
          for (const node of controls) {
            if (!node.getClientRects().length || node.closest('[hidden]')) continue;
            const folded = node.closest('details:not([open])');
            if (folded && !node.closest('summary')) continue;  // not shown until opened
            const style = getComputedStyle(node);
            if (node.matches('.choice input')) continue;  // its label is the target
            if (node.matches('.toggle input, .check input')) continue;
            if (node.tagName === 'A' && style.display === 'inline') continue;  // a link in text
            if (node.matches('.skip-link') && node !== document.activeElement) continue;
            const box = node.getBoundingClientRect();
            if (box.width < min - 0.5 || box.height < min - 0.5)
              small.push(node.tagName.toLowerCase() + ' "' + (node.textContent || node.name || '').trim().slice(0, 30) + '" ' + Math.round(box.width) + 'x' + Math.round(box.height));
          }
          return small;
        }""",
        MIN_TARGET,
    )
    return found


def axe_violations(page: Page, base_url: str) -> list[str]:
    """axe-core's WCAG 2.2 A/AA and best-practice violations on the page, one line each."""
    if not page.evaluate("() => 'axe' in window"):
        page.add_script_tag(url=base_url + "/static/vendor/axe.min.js")
    results: dict[str, Any] = page.evaluate(
        "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS,
    )
    lines = []
    for violation in results["violations"]:
        for node in violation["nodes"][:5]:
            lines.append(
                f"{violation['id']}: {node['target']} {node.get('failureSummary', '')[:160]}"
            )
    return lines


def answers_with(**changes: Any) -> dict[str, Any]:
    """The example answers file, with some answers changed (``red_flags=[...]``, questions)."""
    answers = example_answers()
    for name, value in changes.items():
        if name == "red_flags":
            answers["red_flags"] = value
        else:
            answers["questionnaire"][name] = value
    return answers


def screen_over_http(url: str, answers: dict[str, Any]) -> None:
    """Post every wizard page the way a browser does (with the app's own Origin)."""
    data = load_screening_data()
    form = form_from_answers(answers, data)
    raised = bool(answers.get("red_flags"))
    with httpx.Client(base_url=url, headers={"Origin": url}) as client:
        for step in wizard_steps(data):
            if step.test is not None and raised:
                continue
            response = client.post("/screening", data={**form, "step": step.id, "go": "continue"})
            assert response.status_code in (200, 303), response.text[:2000]


def plan_over_http(url: str, today: date) -> None:
    form: dict[str, Any] = {
        "minutes": "20",
        "sessions_per_week": "3",
        "weeks": "4",
        "context": "standalone",
        "can_floor": "yes",
        "training_days": training_days(3, today),
        "equipment": ["mini-band"],
    }
    response = httpx.post(url + "/preferences", data=form, headers={"Origin": url})
    assert response.status_code == 303, response.text[:2000]


def answer_step(page: Page, step: WizardStep, form: FormValues) -> None:
    """Fill the current wizard page's fields from ``form`` the way a person would."""
    for name in field_names(step):
        values = [v for v in form.get(name, []) if v]
        field = page.locator(f'[name="{name}"]:not([type="hidden"])')
        if name in form and not values:  # "none" in a multi-choice question
            none = page.locator(f'input[name="{name}"][data-none]')
            if none.count():
                none.check()
        if not values or field.count() == 0:
            continue
        kind = field.first.get_attribute("type")
        if kind in ("radio", "checkbox"):
            for value in values:
                page.check(f'input[name="{name}"][value="{value}"]')
        else:
            field.first.fill(values[0])


def visible_screen(page: Page) -> str:
    screen = page.locator("#player [data-screen]:visible")
    expect(screen).to_have_count(1)
    return screen.get_attribute("data-screen") or ""


def play_session(
    page: Page,
    on_screen: Callable[[str], None],
    stop_after: int = 10_000,
    swap: bool = True,
    answer: bool = True,
) -> int:
    """Play Today's session to its end (or ``stop_after`` sets), tapping like a person.

    ``on_screen`` is called once per kind of screen the first time it shows (for
    screenshots). With ``swap``, the first exercise that offers a swap is swapped. With
    ``answer``, each set says how it felt ("Add how it felt"); without, each set is one tap
    on "Done as planned". Returns the sets logged.
    """
    logged = 0
    seen: set[str] = set()
    swapped = not swap
    for _ in range(500):
        screen = visible_screen(page)
        if screen not in seen:
            seen.add(screen)
            on_screen(screen)
        if screen == "intro":
            if not swapped and page.locator('[data-action="swap"]:visible').count():
                swapped = True
                page.click('[data-action="swap"]')
                on_screen("swap")
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
            if not answer:
                page.click("[data-log-submit]")
                logged += 1
                if logged >= stop_after:
                    return logged
                continue
            if form.locator("[data-more]:not([open])").count():
                form.locator("[data-more] > summary").click()
            if not form.locator('input[name="felt"]:checked').count():
                form.locator('input[name="felt"][value="glutes-left"]').check()
            form.locator('input[name="effort"][value="6"]').check()
            if not form.locator('input[name="pain"]:checked').count():
                form.locator('input[name="pain"][value="0"]').check()
            page.click("[data-log-form] button[type=submit]")
            logged += 1
            if logged >= stop_after:
                return logged
        elif screen == "rest":
            expect(page.locator('[data-screen="rest"]')).to_be_hidden(timeout=15000)
        elif screen == "done":
            return logged
    raise AssertionError("the session did not end")
