"""Logging from many processes at once, CLI and web together, never loses or merges a set."""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from flows import GO, cli, take
from web_helpers import server

from glutewake.application import App
from glutewake.config import Settings
from glutewake.store import set_logs

CLI = [sys.executable, "-c", "from glutewake.cli.app import main; main()"]
RUNS = 8


@pytest.fixture
def settings(settings_on_each_database: Settings) -> Settings:
    """Many processes on one SQLite file, and on one PostgreSQL database."""
    return settings_on_each_database


def logged(settings: Settings) -> int:
    application = App.open(settings)
    try:
        with application.work() as work:
            return len(set_logs.set_logs(work.db, work.person_id))
    finally:
        application.close()


def cli_log(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    command = [
        *CLI,
        "log",
        "glute-bridge",
        "--reps",
        "12",
        "--effort",
        "5",
        "--felt",
        "glutes-left",
        "--extra",  # not in today's session: logged on purpose outside the plan
    ]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)


def web_log(url: str, number: int) -> int:
    body = {
        "key": f"phone-set-{number:04d}",
        "exercise_id": "glute-bridge",
        "day": httpx.get(url + "/api/today", timeout=30).json()["day"],
        "set_number": 1,
        "reps": 12,
        "effort": 5,
        "felt": ["glutes-left"],
        "pain": 0,
    }
    headers = {"Origin": url}
    return httpx.post(url + "/api/logs", json=body, headers=headers, timeout=60).status_code


def test_parallel_cli_and_web_logs_are_all_kept(settings: Settings, tmp_path: Path) -> None:
    take(settings, GO)
    assert cli("plan", "--minutes", "20")[0] == 0
    env = {**os.environ, "GLUTEWAKE_DATA_DIR": str(settings.data_dir)}
    env["GLUTEWAKE_DATABASE_URL"] = settings.database_url
    with (
        server(settings.data_dir, database_url=settings.database_url) as url,
        ThreadPoolExecutor(max_workers=2 * RUNS) as pool,
    ):
        runs = [pool.submit(cli_log, env) for _ in range(RUNS)]
        posts = [pool.submit(web_log, url, n) for n in range(RUNS)]
        retries = [pool.submit(web_log, url, n) for n in range(RUNS)]  # the same sets again
        results = [run.result() for run in runs]
        statuses = [post.result() for post in posts + retries]
    assert all(r.returncode == 0 for r in results), [r.stderr for r in results]
    assert all("Logged set" in r.stdout for r in results)
    assert statuses == [201] * (2 * RUNS)
    assert logged(settings) == 2 * RUNS  # every CLI run once, every phone set once
