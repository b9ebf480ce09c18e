"""History at 10k and 100k logged sets: `GET /history` and `GET /api/logs`, CPU time per request.

Seeds a temporary SQLite store with the example screening and 20 sets a day (500 days for 10k
sets, 5,000 for 100k), then times each request in this process through the real app (routing,
the use case, the store, the template) and prints the median and max CPU milliseconds and the
response size. CPU time, not wall time: the figures stay comparable on a busy machine.

    .venv/bin/python benchmarks/bench_history.py            # 10k and 100k
    .venv/bin/python benchmarks/bench_history.py 10000      # one size
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import yaml
from fastapi.testclient import TestClient
from sqlalchemy import insert

from glutewake.application import App, screening
from glutewake.config import Settings
from glutewake.store import models
from glutewake.web.app import create_app

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_ANSWERS = ROOT / "docs" / "examples" / "answers.yaml"
SETS_A_DAY = 20
EXERCISES = ("glute-bridge", "clamshell", "side-lying-hip-abduction", "single-leg-glute-bridge")
RUNS = 5


def seed(settings: Settings, sets: int, today: date) -> None:
    """The example screening, then ``sets`` logged sets on the days up to ``today``."""
    answers: dict[str, Any] = yaml.safe_load(EXAMPLE_ANSWERS.read_text(encoding="utf-8"))
    application = App.open(settings)
    try:
        with application.work() as work:
            screening.take(work, answers)
            first = today - timedelta(days=sets // SETS_A_DAY - 1)
            rows = []
            for index in range(sets):
                day = first + timedelta(days=index // SETS_A_DAY)
                number = index % SETS_A_DAY
                logged_at = datetime.combine(day, datetime.min.time()) + timedelta(minutes=number)
                data = {
                    "exercise_id": EXERCISES[number % len(EXERCISES)],
                    "day": day.isoformat(),
                    "set_number": 1 + number // len(EXERCISES),
                    "side": None,
                    "reps": 12,
                    "hold_seconds": None,
                    "effort": 6,
                    "felt": ["glutes-left", "glutes-right"],
                    "pain": index % 3,
                    "logged_at": logged_at.isoformat(),
                }
                rows.append(
                    {
                        "person_id": work.person_id,
                        "key": f"bench-{index}",
                        "exercise_id": data["exercise_id"],
                        "day": day,
                        "logged_at": logged_at,
                        "data": data,
                        "revisions": [],
                    }
                )
            work.db.execute(insert(models.SetLogRow), rows)
    finally:
        application.close()


def measure(client: TestClient, path: str) -> str:
    client.get(path)  # warm: templates compiled, catalogue loaded
    times, size = [], 0
    for _ in range(RUNS):
        start = time.process_time()
        response = client.get(path)
        times.append(time.process_time() - start)
        assert response.status_code == 200, (path, response.status_code, response.text[:300])
        size = len(response.content)
    return (
        f"  {path:<34} CPU median {statistics.median(times) * 1000:7.1f} ms, "
        f"max {max(times) * 1000:7.1f} ms, {size / 1024:8.0f} KB"
    )


def main() -> None:
    sizes = [int(arg) for arg in sys.argv[1:]] or [10_000, 100_000]
    today = date.today()
    week_ago = (today - timedelta(days=7)).isoformat()
    for sets in sizes:
        with tempfile.TemporaryDirectory() as folder:
            settings = Settings(data_dir=Path(folder))
            seed(settings, sets, today)
            print(
                f"{sets:,} logged sets ({sets // SETS_A_DAY:,} days), load {os.getloadavg()[0]:.1f}:"
            )
            with TestClient(create_app(settings)) as client:
                for path in (
                    "/history",
                    "/api/logs",
                    "/api/logs?limit=14",
                    f"/api/logs?since={week_ago}",
                ):
                    print(measure(client, path))
    print("aim: /history and a page of /api/logs under 50 ms CPU at any size")


if __name__ == "__main__":
    main()
