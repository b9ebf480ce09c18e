"""The sessions as iCalendar, read back with another parser (vobject): dates, times, zone."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import vobject
from fastapi.testclient import TestClient
from flows import GO, STOP, cli, take

from glutewake.application import App, Work, calendar, programs, sessions
from glutewake.application.context import FixedClock
from glutewake.config import Settings
from glutewake.errors import InvalidInputError, SafetyGateError

START = date(2025, 3, 24)  # a Monday: the clocks go forward in London on Sunday 30 March
LONDON = ZoneInfo("Europe/London")


@contextmanager
def work_on(settings: Settings, day: date) -> Iterator[Work]:
    application = App.open(settings, FixedClock(day, datetime.combine(day, time(9))))
    try:
        with application.work() as work:
            yield work
    finally:
        application.close()


def events(text: str) -> list[Any]:
    parsed = vobject.readOne(text)
    return sorted(parsed.vevent_list, key=lambda event: event.dtstart.value)


@pytest.fixture
def planned(settings: Settings) -> Settings:
    take(settings, GO)
    with work_on(settings, START) as work:
        programs.plan(work, {"minutes": 20, "weeks": 4}, start=START)
    return settings


def test_each_session_is_an_event_at_the_time_in_the_zone(planned: Settings) -> None:
    with work_on(planned, START) as work:
        text = calendar.calendar_file(work, time(7, 30), LONDON).decode()
        stored = programs.require_program(work)
    program, program_id = stored.program, stored.id
    found = events(text)
    assert len(found) == len(program.sessions) == 16
    for event, session in zip(found, program.sessions, strict=True):
        start = event.dtstart.value
        assert start.date() == session.day
        assert (start.hour, start.minute) == (7, 30)
        # The other parser builds the zone from the file's VTIMEZONE: GMT, then BST from 30 Mar.
        expected = datetime.combine(session.day, time(7, 30), tzinfo=LONDON).utcoffset()
        assert start.utcoffset() == expected
        minutes = round(session.estimated_seconds / 60)
        assert event.dtend.value - start == timedelta(minutes=minutes)
        for item in session.items:
            assert item.name in event.description.value
        assert event.uid.value == f"program-{program_id}-session-{session.number}@glutewake.local"
    offsets = {event.dtstart.value.utcoffset() for event in found}
    assert offsets == {timedelta(0), timedelta(hours=1)}
    assert "TZID:Europe/London" in text
    assert "DTSTART;TZID=Europe/London:20250324T073000" in text


def test_a_missed_session_moves_its_event_and_keeps_its_uid(planned: Settings) -> None:
    with work_on(planned, START) as work:
        before = {
            e.uid.value: e.dtstart.value.date()
            for e in events(calendar.calendar_file(work).decode())
        }
    # Nothing logged on Monday or Tuesday: on Wednesday the sessions slide forward.
    with work_on(planned, START + timedelta(days=2)) as work:
        after = {
            e.uid.value: e.dtstart.value.date()
            for e in events(calendar.calendar_file(work).decode())
        }
    assert before.keys() == after.keys()
    first = min(before, key=lambda uid: before[uid])
    assert before[first] == START
    assert after[first] > START + timedelta(days=1)


def test_the_route_and_the_command_write_the_same_calendar(
    planned: Settings, client: TestClient, tmp_path: Path
) -> None:
    response = client.get("/program/calendar.ics", params={"at": "06:45", "tz": "Asia/Tokyo"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    web = events(response.text)
    assert web[0].dtstart.value.utcoffset() == timedelta(hours=9)
    target = tmp_path / "sessions.ics"
    code, output = cli("calendar", str(target), "--at", "06:45", "--tz", "Asia/Tokyo")
    assert code == 0, output
    assert "Wrote 16 sessions at 06:45 (Asia/Tokyo)" in output
    from_cli = events(target.read_text(encoding="utf-8"))
    assert [e.dtstart.value for e in from_cli] == [e.dtstart.value for e in web]
    assert [e.uid.value for e in from_cli] == [e.uid.value for e in web]


def test_a_bad_time_or_zone_is_refused_with_what_to_type(
    planned: Settings, client: TestClient, tmp_path: Path
) -> None:
    with pytest.raises(InvalidInputError, match="07:30"):
        calendar.parse_time("7.30pm")
    with pytest.raises(InvalidInputError, match="Europe/London"):
        calendar.zone_named("Mars/Olympus")
    assert client.get("/program/calendar.ics", params={"tz": "Mars/Olympus"}).status_code == 422
    code, output = cli("calendar", str(tmp_path / "x.ics"), "--at", "25:00")
    assert code == 2
    assert "not a time such as 07:30" in output
    assert not (tmp_path / "x.ics").exists()


def test_no_calendar_while_training_is_paused(settings: Settings) -> None:
    take(settings, GO)
    with work_on(settings, START) as work:
        programs.plan(work, {"minutes": 20}, start=START)
    take(settings, STOP)
    with work_on(settings, START) as work, pytest.raises(SafetyGateError):
        calendar.calendar_file(work)


def test_a_session_done_says_so(planned: Settings) -> None:
    with work_on(planned, START) as work:
        first = programs.require_program(work).program.sessions[0].items[1]
        fields = {
            "exercise_id": first.exercise_id,
            "day": START.isoformat(),
            "set_number": 1,
            "hold_seconds" if first.measure == "hold_seconds" else "reps": 5,
            "effort": 5,
            "felt": ["glutes-left"],
            "pain": 0,
        }
        sessions.log_single_set(work, fields, "cal-1")
    with work_on(planned, START + timedelta(days=1)) as work:
        text = calendar.calendar_file(work).decode()
    assert f"Done on {START.isoformat()}." in events(text)[0].description.value
