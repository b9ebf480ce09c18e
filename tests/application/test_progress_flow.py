"""Progress on a real store: the use case, the page and the command agree, one person only."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from typing import Any
from xml.etree import ElementTree

import pytest
from fastapi.testclient import TestClient
from flows import GO, cli, take

from glutewake.application import App, Scope, Work, programs, progress, sessions
from glutewake.application.context import FixedClock
from glutewake.config import Settings
from glutewake.store import models
from glutewake.tracking.progress_summary import day_text


@contextmanager
def work_on(settings: Settings, day: date, scope: Scope | None = None) -> Iterator[Work]:
    application = App.open(settings, FixedClock(day, datetime.combine(day, time(9))))
    try:
        with application.work(scope) as work:
            yield work
    finally:
        application.close()


@pytest.fixture
def settings(settings_on_each_database: Settings) -> Settings:
    """Progress figures on SQLite and on PostgreSQL."""
    return settings_on_each_database


def a_set(day: date, number: int, felt: str, side: str = "left") -> dict[str, Any]:
    return {
        "exercise_id": "glute-bridge-hold",
        "day": day.isoformat(),
        "set_number": number,
        "side": side,
        "hold_seconds": 20 + number,
        "effort": 6,
        "felt": [felt],
        "pain": 0,
    }


def planned_start(settings: Settings, start: date) -> None:
    take(settings, GO)
    with work_on(settings, start) as work:
        programs.plan(work, {"minutes": 20}, start=start)


def log_day(settings: Settings, day: date, felt_left: int, of: int = 4) -> None:
    with work_on(settings, day) as work:
        for n in range(of):
            felt = "glutes-left" if n < felt_left else "hamstrings"
            sessions.record_set(work, a_set(day, n + 1, felt), f"t-{day}-{n}")


def test_the_progress_of_a_program_in_its_third_week(settings: Settings) -> None:
    start = date.today() - timedelta(days=date.today().weekday() + 14)  # a Monday
    planned_start(settings, start)
    log_day(settings, start, felt_left=1)
    log_day(settings, start + timedelta(days=7), felt_left=2)
    log_day(settings, start + timedelta(days=14), felt_left=4)
    today = start + timedelta(days=15)
    with work_on(settings, today) as work:
        view = progress.show(work, weeks=3)
    found = view.progress
    assert found.sets == 12
    assert [week.left.hits for week in found.glutes] == [1, 2, 4]
    assert found.adherence is not None
    assert found.adherence.done == 3
    assert found.adherence.streak == 1
    assert found.adherence.planned == 9  # Tue, Thu and Fri missed in the first two weeks
    assert (
        "Your left glute did the work in 4 of 4 sets this week, up from 1 of 4 in the week of "
        f"{day_text(start)}." in view.summary
    )


def test_another_persons_sets_are_never_counted(settings: Settings) -> None:
    day = date.today()
    take(settings, GO)
    with work_on(settings, day) as work:
        programs.plan(work, {"minutes": 20}, start=day)
        me = work.person_id
        other = models.Person(name="someone else", created_at=work.clock.now())
        work.db.add(other)
        work.db.flush()
        other_id = other.id
    log_day(settings, day, felt_left=4)
    with work_on(settings, day, Scope(other_id, other_id)) as work:
        for n in range(6):
            row = models.SetLogRow(
                person_id=other_id,
                key=f"other-{n}",
                exercise_id="clamshell",
                day=day,
                logged_at=work.clock.now(),
                data={
                    **a_set(day, n + 1, "nowhere"),
                    "exercise_id": "clamshell",
                    "logged_at": work.clock.now().isoformat(),
                },
                revisions=[],
            )
            work.db.add(row)
        assert progress.show(work).progress.sets == 6
    with work_on(settings, day, Scope(me, me)) as work:
        mine = progress.show(work).progress
    assert mine.sets == 4
    assert {trend.exercise_id for trend in mine.exercises} == {"glute-bridge-hold"}
    assert {level.exercise_id for level in mine.levels} == {"glute-bridge-hold"}


def test_the_page_and_the_command_show_the_same_figures(
    settings: Settings, client: TestClient
) -> None:
    day = date.today()
    planned_start(settings, day - timedelta(days=day.weekday()))
    log_day(settings, day, felt_left=3)
    page = client.get("/progress?weeks=4")
    assert page.status_code == 200
    assert "Your left glute did the work in 3 of 4 sets this week." in page.text
    charts = [part.split("</svg>")[0] for part in page.text.split("<svg")[1:]]
    titled = [c for c in charts if "<title" in c and 'class="chart' in c]
    assert len(titled) >= 4  # sessions, glutes, pain, one exercise
    for chart in titled:
        ElementTree.fromstring("<svg" + chart + "</svg>")  # well-formed
    assert "Left 75%" in page.text
    code, output = cli("progress", "--weeks", "4", "--json")
    assert code == 0, output
    data = json.loads(output)
    assert data["glutes"][-1]["left"] == {"hits": 3, "total": 4, "percent": 75}
    assert "Your left glute did the work in 3 of 4 sets this week." in data["summary"]
    code, output = cli("progress", "--weeks", "4")
    assert code == 0, output
    assert "###" in output and "3 of 4" in output
    assert client.get("/history").text.count('href="/progress"') == 1


def test_weeks_out_of_range_are_refused(settings: Settings, client: TestClient) -> None:
    del settings
    assert client.get("/progress?weeks=0").status_code == 422
    code, output = cli("progress", "--weeks", "500")
    assert code == 2
    assert "give 1 to 104 weeks" in output
