"""Break records and break settings in a real SQLite file, and the per-day report over them."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from glutewake.application import App, SystemClock, Work, breaks
from glutewake.catalogue import default_catalogue
from glutewake.config import Settings
from glutewake.errors import InvalidInputError
from glutewake.reminders.records import BoutEnd, BoutRecord, BreakRecord, Outcome
from glutewake.reminders.report import summarise
from glutewake.reminders.settings import BreakSettings, TimeWindow
from glutewake.store import Database, open_database
from glutewake.store import repository as repo
from glutewake.weekday import Weekday

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(f"sqlite:///{tmp_path / 'glutewake.db'}")
    yield database
    database.close()


@contextmanager
def working(db: Database) -> Iterator[Work]:
    with App(db, default_catalogue(), SystemClock()).work() as work:
        yield work


def local(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2025, 6, day, hour, minute, tzinfo=LONDON)


def bout(day: int, hour: int, minutes: int, ended_by: BoutEnd = BoutEnd.BREAK) -> BoutRecord:
    start = local(day, hour)
    return BoutRecord(at=start, ended_at=start + timedelta(minutes=minutes), ended_by=ended_by)


def test_records_round_trip_through_the_store(db: Database) -> None:
    records: list[BoutRecord | BreakRecord] = [
        bout(2, 9, 45),
        BreakRecord(
            at=local(2, 9, 45), outcome=Outcome.DONE, exercise_id="standing-hip-drive", seconds=70
        ),
        BreakRecord(at=local(2, 11), outcome=Outcome.AWAY),
    ]
    with working(db) as work:
        breaks.record(work, *records)
    with working(db) as work:
        loaded = breaks.records_since(work)
        later = breaks.records_since(work, since=local(2, 10))
    assert loaded == records
    assert all(record.at.tzinfo is UTC for record in loaded)
    assert later == records[2:]


def test_break_settings_are_their_own_document_apart_from_the_preferences(db: Database) -> None:
    mine = BreakSettings(
        interval_minutes=45,
        work_days=(Weekday.MON, Weekday.WED),
        quiet_hours=(TimeWindow(start=time(12), end=time(13)),),
    )
    with working(db) as work:
        repo.save_preferences(work.db, work.person_id, {"minutes": 20})
        breaks.save_break_settings(work, BreakSettings(), mine.model_dump(mode="json"))
    with working(db) as work:
        assert breaks.break_settings(work, BreakSettings()) == mine
        assert repo.get_preferences(work.db, work.person_id) == {"minutes": 20}


def test_an_env_var_set_explicitly_beats_the_saved_setting(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    with working(db) as work:
        breaks.save_break_settings(
            work, BreakSettings(), {"interval_minutes": "45", "daily_max": "4"}
        )
    monkeypatch.setenv("GLUTEWAKE_BREAKS__INTERVAL_MINUTES", "20")
    defaults = Settings().breaks
    with working(db) as work:
        effective = breaks.break_settings(work, defaults)
    assert (effective.interval_minutes, effective.daily_max) == (20, 4)


def test_invalid_saved_settings_name_the_field(db: Database) -> None:
    with working(db) as work:
        repo.save_break_settings(work.db, work.person_id, {"interval_minutes": 1})
    with working(db) as work, pytest.raises(InvalidInputError) as caught:
        breaks.break_settings(work, BreakSettings())
    assert "interval_minutes" in str(caught.value)


def test_program_exercise_ids_are_found_in_any_program_shape(db: Database) -> None:
    program = {
        "days": [{"items": [{"exercise": "standing-hip-drive", "sets": 2}]}],
        "notes": "glute-bridge first",
        "extra": ["standing-glute-squeeze", "not-an-exercise"],
    }
    with working(db) as work:
        assert breaks.program_exercise_ids(work) == set()
        repo.save_program(work.db, work.person_id, program, datetime(2025, 6, 1))
        found = breaks.program_exercise_ids(work)
    assert found == {"standing-hip-drive", "standing-glute-squeeze"}  # not "glute-bridge first"


def test_the_report_gives_bouts_the_longest_bout_and_outcomes_per_local_day() -> None:
    records: list[BoutRecord | BreakRecord] = [
        bout(2, 9, 40),
        BreakRecord(at=local(2, 9, 40), outcome=Outcome.DONE, exercise_id="x-y"),
        bout(2, 10, 95, BoutEnd.AWAY),
        BreakRecord(at=local(2, 11, 35), outcome=Outcome.AWAY),
        BreakRecord(at=local(2, 14), outcome=Outcome.SNOOZED),
        BreakRecord(at=local(2, 14, 5), outcome=Outcome.SKIPPED),
        bout(2, 23, 20, BoutEnd.END_OF_DAY),  # 22:00 UTC: still the 2nd in London
        bout(3, 9, 30),
    ]
    monday, tuesday = summarise(records, LONDON)
    assert (monday.day.day, monday.bouts, monday.sitting_minutes) == (2, 3, 155)
    assert monday.longest_bout_minutes == 95
    assert monday.longest_bout_started == local(2, 10)
    counts = monday.outcomes
    assert (counts[Outcome.DONE], counts[Outcome.SNOOZED], counts[Outcome.SKIPPED]) == (1, 1, 1)
    assert counts[Outcome.AWAY] == 1 and counts[Outcome.UNANSWERED] == 0
    assert (tuesday.day.day, tuesday.bouts, tuesday.longest_bout_minutes) == (3, 1, 30)


def test_a_day_with_breaks_but_no_bouts_still_shows() -> None:
    [only] = summarise([BreakRecord(at=local(4, 9), outcome=Outcome.ASLEEP)], LONDON)
    assert (only.bouts, only.longest_bout_minutes, only.longest_bout_started) == (0, 0, None)
    assert only.outcomes[Outcome.ASLEEP] == 1
