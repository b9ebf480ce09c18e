"""Two years of daily logs for one person, in a real SQLite store: what the benchmarks read.

``make_history(settings, today)`` takes the example screening, plans a program that started
six weeks before ``today`` and stores eight sets a day for the 730 days up to ``today``: a
bridge hold, clamshells and single-leg bridges on each side and a stretch, felt more and more
in the working glute (the weaker left side catching up), with the odd sore day.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import yaml

from glutewake.application import App, programs, screening
from glutewake.application.context import FixedClock
from glutewake.config import Settings
from glutewake.store import models
from glutewake.tracking.log import SetLog

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_ANSWERS = ROOT / "docs" / "examples" / "answers.yaml"
DAYS = 730
# exercise, side, measure and a starting amount
SETS: tuple[tuple[str, str | None, str, int], ...] = (
    ("glute-bridge-hold", None, "hold_seconds", 15),
    ("glute-bridge-hold", None, "hold_seconds", 15),
    ("clamshell", "left", "reps", 8),
    ("clamshell", "right", "reps", 10),
    ("single-leg-glute-bridge", "left", "reps", 5),
    ("single-leg-glute-bridge", "right", "reps", 7),
    ("side-lying-hip-abduction", "left", "reps", 8),
    ("kneeling-hip-flexor-stretch", "left", "hold_seconds", 30),
)


def _felt(side: str | None, chance: float, rng: random.Random) -> list[str]:
    if rng.random() >= chance:
        return [rng.choice(["hamstrings", "lower-back", "quadriceps"])]
    return ["glutes-left" if side in (None, "left") else "glutes-right"]


def _day_sets(day: date, n: int, rng: random.Random) -> list[SetLog]:
    logs = []
    for number, (exercise_id, side, measure, start) in enumerate(SETS, 1):
        chance = min(0.95, 0.2 + n / DAYS + (0.1 if side == "right" else 0.0))
        felt = ["nowhere"] if exercise_id.endswith("stretch") else _felt(side, chance, rng)
        logs.append(
            SetLog.model_validate(
                {
                    "exercise_id": exercise_id,
                    "day": day,
                    "set_number": 1 + number % 2,
                    "side": side,
                    measure: min(start + n // 30, 120 if measure == "hold_seconds" else 30),
                    "effort": rng.randint(4, 8),
                    "felt": felt,
                    "pain": rng.choice([0] * 12 + [1, 2, 3]),
                    "logged_at": datetime.combine(day, time(7, number)),
                }
            )
        )
    return logs


def make_history(settings: Settings, today: date, seed: int = 15) -> int:
    """Store the history; return how many sets were stored."""
    answers: dict[str, Any] = yaml.safe_load(EXAMPLE_ANSWERS.read_text(encoding="utf-8"))
    first = today - timedelta(days=DAYS - 1)
    start = today - timedelta(days=today.weekday() + 35)  # a Monday six weeks back
    application = App.open(settings, FixedClock(start, datetime.combine(start, time(7))))
    rng = random.Random(seed)
    try:
        with application.work() as work:
            screening.take(work, answers)
            programs.plan(work, {"minutes": 20}, start=start)
            rows = [
                models.SetLogRow(
                    person_id=work.person_id,
                    key=f"bench-{log.day:%Y%m%d}-{index}",
                    exercise_id=log.exercise_id,
                    day=log.day,
                    logged_at=log.logged_at,
                    data=log.model_dump(mode="json"),
                    revisions=[],
                )
                for n in range(DAYS)
                for index, log in enumerate(_day_sets(first + timedelta(days=n), n, rng))
            ]
            work.db.add_all(rows)
            return len(rows)
    finally:
        application.close()
