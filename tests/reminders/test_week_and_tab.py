"""The week so far, the pause, what a browser tab sends, and checking edited break settings."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from glutewake.catalogue import default_catalogue
from glutewake.errors import InvalidInputError
from glutewake.reminders.chooser import micro_breaks
from glutewake.reminders.pause import MAX_PAUSE_MINUTES, pause_end, pause_minutes
from glutewake.reminders.records import BoutEnd, BoutRecord, BreakRecord, Outcome
from glutewake.reminders.settings import BreakSettings, checked_settings
from glutewake.reminders.tab import (
    CLIENT_CLOCK_REACH,
    already_stored,
    break_at_bout_end,
    counted_bout,
    parse_instant,
    tab_bout_end,
)
from glutewake.reminders.week import BreakPicker, breaks_done, next_break, prompts_on

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2025, 6, 4, 11, 0, tzinfo=UTC)  # a Wednesday, 12:00 in London


def problems(error: pytest.ExceptionInfo[InvalidInputError]) -> dict[str, str]:
    return {problem.field: problem.message for problem in error.value.problems}


# ---- the week --------------------------------------------------------------------------------


def test_prompts_on_a_day_count_answered_and_unanswered_prompts_only() -> None:
    records = [BreakRecord(at=NOW, outcome=outcome) for outcome in Outcome]
    records.append(BreakRecord(at=NOW - timedelta(days=1), outcome=Outcome.DONE))
    assert prompts_on(records, date(2025, 6, 4), LONDON) == 6  # not away, not asleep
    assert prompts_on(records, date(2025, 6, 3), LONDON) == 1
    assert breaks_done(records) == 2


def test_the_next_break_rotates_through_the_weeks_records_as_the_picker_does() -> None:
    candidates = micro_breaks(default_catalogue().exercises)
    first = next_break(candidates, [])
    done = BreakRecord(at=NOW, outcome=Outcome.DONE, exercise_id=first.exercise_id)
    second = next_break(candidates, [done])
    assert second != first
    picker = BreakPicker(candidates, frozenset(), week=date(2025, 6, 2))
    assert picker.next(date(2025, 6, 4)) == first
    picker.note(done)
    picker.note(BoutRecord(at=NOW, ended_at=NOW, ended_by=BoutEnd.BREAK))  # not an offer
    assert picker.next(date(2025, 6, 4)) == second
    assert picker.next(date(2025, 6, 9)) == first  # a new week starts the rotation again


# ---- the pause -------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["-5", "abc", "1441", "²", "", "1.5", "9" * 5000, " 0 1"])
def test_a_pause_outside_0_to_a_day_is_refused_by_field(value: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        pause_minutes(value)
    assert problems(caught) == {"minutes": f"a whole number from 0 to {MAX_PAUSE_MINUTES}"}


def test_a_pause_ends_its_minutes_later_and_zero_resumes() -> None:
    assert pause_minutes(" 60 ") == pause_minutes(60) == 60
    assert pause_end(NOW, 60) == NOW + timedelta(hours=1)
    assert pause_end(NOW, pause_minutes("0")) is None


# ---- what a tab sends ------------------------------------------------------------------------


def test_instants_from_a_tab_need_an_offset_and_are_clamped_to_eight_days() -> None:
    assert parse_instant("at", "2025-06-04T12:00:00+01:00", NOW) == NOW
    far = (NOW + timedelta(days=30)).isoformat()
    assert parse_instant("at", far, NOW) == NOW + CLIENT_CLOCK_REACH
    for bad, message in (
        ("2025-06-04T12:00:00", "give the time zone offset"),
        ("soon", "not an ISO 8601 date and time"),
        ("9" * 5000, "not an ISO 8601 date and time"),
    ):
        with pytest.raises(InvalidInputError) as caught:
            parse_instant("at", bad, NOW)
        assert problems(caught) == {"at": message}


def test_a_tab_bout_counts_inside_working_hours_once_and_ends_as_the_scheduler_logs() -> None:
    rules = BreakSettings(work_start=time(9), work_end=time(17))
    morning = datetime(2025, 6, 4, 8, 0).astimezone()
    bout = counted_bout(rules, morning, morning + timedelta(hours=2), BoutEnd.STOPPED)
    assert bout is not None and bout.at == morning + timedelta(hours=1)  # from 09:00
    evening = datetime(2025, 6, 4, 18, 0).astimezone()
    assert counted_bout(rules, evening, evening + timedelta(hours=1), BoutEnd.STOPPED) is None
    assert already_stored(bout, [bout]) and not already_stored(bout, [])
    with pytest.raises(InvalidInputError):
        tab_bout_end("break")  # only the scheduler ends a bout with a break
    assert break_at_bout_end(BoutEnd.ASLEEP, NOW, prompt_open=True) == BreakRecord(
        at=NOW, outcome=Outcome.ASLEEP
    )
    assert break_at_bout_end(BoutEnd.STOPPED, NOW, prompt_open=True) == BreakRecord(
        at=NOW, outcome=Outcome.UNANSWERED
    )
    assert break_at_bout_end(BoutEnd.END_OF_DAY, NOW, prompt_open=False) is None


# ---- checking edited settings ----------------------------------------------------------------


def test_edited_settings_are_checked_field_by_field_with_quiet_hours_by_row() -> None:
    with pytest.raises(InvalidInputError) as caught:
        checked_settings(
            BreakSettings(),
            None,
            {
                "interval_minutes": "9" * 5000,
                "work_days": [],
                "quiet_hours": [
                    {"start": "", "end": ""},  # an empty row is dropped
                    {"start": "12:00", "end": ""},
                    {"start": "15:00", "end": "15:00"},
                ],
            },
        )
    found = [(problem.field, problem.message) for problem in caught.value.problems]
    assert ("quiet_hours", "quiet hours 2: give both times") in found
    assert ("quiet_hours", "quiet hours 3: start and end must differ") in found
    assert ("work_days", "choose at least one working day") in found
    assert ("interval_minutes", "a whole number from 5 to 240") in found


def test_an_edit_keeps_what_was_saved_and_leaves_fields_set_by_the_environment_alone() -> None:
    from_env = BreakSettings(daily_max=3)  # daily_max set explicitly, as an env var does
    chosen = checked_settings(
        from_env, {"snooze_minutes": 7}, {"interval_minutes": "45", "daily_max": "50"}
    )
    assert (chosen.interval_minutes, chosen.snooze_minutes) == (45, 7)
    assert chosen.daily_max == BreakSettings().daily_max  # not edited, not baked in
    with pytest.raises(InvalidInputError) as caught:  # checked as it will apply, with the env
        checked_settings(BreakSettings(work_start=time(10)), None, {"work_end": "09:00"})
    assert problems(caught) == {"work_end": "work_end must come after work_start on the same day"}
