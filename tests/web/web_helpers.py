"""Shared by the web tests: a running app on a real SQLite file, and onboarding through it."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import yaml
from fastapi.testclient import TestClient

from glutewake.screening.data import load_screening_data
from glutewake.web.wizard import form_from_answers, wizard_steps
from glutewake.weekday import Weekday

EXAMPLE_ANSWERS = Path(__file__).resolve().parents[2] / "docs" / "examples" / "answers.yaml"
FIELD_ERROR = re.compile(r'<p class="field-error" id="([^"]+)-error">([^<]*)</p>')


def example_answers() -> dict[str, Any]:
    answers: dict[str, Any] = yaml.safe_load(EXAMPLE_ANSWERS.read_text(encoding="utf-8"))
    return answers


def field_errors(html: str) -> dict[str, str]:
    """The messages shown next to fields, by field name."""
    return dict(FIELD_ERROR.findall(html))


def training_days(count: int, first: date) -> list[str]:
    """``count`` weekdays starting with ``first``'s, spread two days apart where they fit."""
    days = list(Weekday)
    step = 2 if count <= 3 else 1
    return [days[(first.weekday() + step * n) % 7].value for n in range(count)]


def complete_screening(client: TestClient, answers: dict[str, Any]) -> str:
    """Post every wizard page the way the browser does; the final response's location."""
    data = load_screening_data()
    form = form_from_answers(answers, data)
    location = ""
    for step in wizard_steps(data):
        if step.test is not None and any(form.get("red_flags", [""])[1:]):
            continue
        response = client.post(
            "/screening", data={**form, "step": step.id, "go": "continue"}, follow_redirects=False
        )
        assert response.status_code in (200, 303), field_errors(response.text)
        location = response.headers.get("location", "")
    return location


def choose_preferences(client: TestClient, today: date, **changes: Any) -> Any:
    form: dict[str, Any] = {
        "minutes": "20",
        "sessions_per_week": "3",
        "weeks": "4",
        "context": "standalone",
        "can_floor": "yes",
        "training_days": training_days(3, today),
        "equipment": ["mini-band"],
    }
    form.update(changes)
    return client.post("/preferences", data=form, follow_redirects=False)


def onboard(client: TestClient, today: date) -> None:
    assert complete_screening(client, example_answers()) == "/profile"
    response = choose_preferences(client, today)
    assert response.status_code == 303, field_errors(response.text)


SERVE = [sys.executable, "-c", "from glutewake.cli.app import main; main()", "serve"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@contextmanager
def server(data_dir: Path, *args: str, database_url: str = "") -> Iterator[str]:
    port = free_port()
    env = {**os.environ, "GLUTEWAKE_DATA_DIR": str(data_dir)}
    env.pop("GLUTEWAKE_DATABASE_URL", None)
    if database_url:
        env["GLUTEWAKE_DATABASE_URL"] = database_url
    process = subprocess.Popen(
        [*SERVE, "--port", str(port), *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while process.poll() is None and time.monotonic() < deadline:
            try:
                httpx.get(url + "/", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:  # stuck requests keep uvicorn from shutting down
            process.kill()
            process.wait()
