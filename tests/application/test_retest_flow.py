"""The two-weekly re-test on a real store: a new screening marked re-test, then a re-plan."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from typing import Any

import pytest
from flows import CLEARANCE, GO

from glutewake.application import App, Work, programs, retest, screening, sessions
from glutewake.application.context import FixedClock
from glutewake.application.safety import training_blocked
from glutewake.config import Settings
from glutewake.errors import InvalidInputError, SafetyGateError
from glutewake.screening.compare import Verdict
from glutewake.screening.profile import Gate, Side
from glutewake.store import repository as repo

START = date(2026, 3, 2)  # a Monday
BETTER_TESTS: dict[str, Any] = {
    **copy.deepcopy(GO["self_tests"]),
    "glute_squeeze": {"left": {"contraction": "clear"}, "right": {"contraction": "clear"}},
    "single_leg_bridge": {
        "left": {"hold_seconds": 35, "hamstring_cramp": False},
        "right": {"hold_seconds": 36, "hamstring_cramp": False},
    },
}


@contextmanager
def work_on(settings: Settings, day: date, hour: int = 9) -> Iterator[Work]:
    application = App.open(settings, FixedClock(day, datetime.combine(day, time(hour))))
    try:
        with application.work() as work:
            yield work
    finally:
        application.close()


def screened_and_planned(settings: Settings, answers: dict[str, Any] = GO) -> None:
    with work_on(settings, START, hour=8) as work:
        screening.take(work, answers)
        if answers is CLEARANCE:
            screening.record_clearance(work, "Dr Lee, physiotherapist", "no heavy loading")
        programs.plan(work, {"minutes": 20}, start=START)


def asked(tests: dict[str, Any] | None = None, *flags: str) -> dict[str, Any]:
    return {"red_flags": list(flags), "self_tests": copy.deepcopy(tests or BETTER_TESTS)}


def test_a_retest_is_due_two_weeks_after_the_start_and_not_before(settings: Settings) -> None:
    screened_and_planned(settings)
    with work_on(settings, START + timedelta(days=13)) as work:
        found = retest.due(work)
        assert found is not None
        assert found.on == START + timedelta(days=14)
        assert not found.due
    with work_on(settings, START + timedelta(days=14)) as work:
        found = retest.due(work)
        assert found is not None
        assert found.due


def test_a_retest_is_stored_marked_with_the_questionnaire_carried_and_replans(
    settings: Settings,
) -> None:
    screened_and_planned(settings)
    day = START + timedelta(days=14)
    with work_on(settings, day) as work:
        before = screening.latest(work)
        assert before is not None
        taken = retest.take(work, asked())
    assert taken.record.answers["retest"] is True
    assert taken.record.answers["questionnaire"] == GO["questionnaire"]
    assert taken.record.answers["self_tests"] == BETTER_TESTS
    assert taken.record.id != before.id
    assert taken.plan is not None and taken.plan.built
    assert taken.plan.program.screening_id == taken.record.id
    assert taken.plan.program.start == day
    with work_on(settings, day) as work:
        found = retest.due(work)
        assert found is not None and found.on == day + timedelta(days=14)
        result = retest.result(work)
    assert (result.before.id, result.after.id) == (before.id, taken.record.id)
    squeeze = [c for c in result.tests if c.test_id == "glute_squeeze"]
    assert [(c.side, c.verdict) for c in squeeze] == [
        (Side.LEFT, Verdict.BETTER),
        (Side.RIGHT, Verdict.SAME),
    ]
    [left] = [c.measures for c in squeeze if c.side is Side.LEFT]
    assert [(m.before, m.after) for m in left] == [
        ("Faint, slow to come on, or it let go all at once", "I clearly felt it tighten and relax")
    ]
    glute_max = next(c for c in result.profile.changes if c.field == "glute_max.left")
    assert glute_max.verdict is Verdict.BETTER


def test_the_replan_keeps_what_the_pain_rule_stopped(settings: Settings) -> None:
    screened_and_planned(settings)
    with work_on(settings, START) as work:
        first = programs.today(work).plan.session
        assert first is not None
        item = first.blocks[0].items[0]
        for number in (1, 2, 3):
            fields = {
                "exercise_id": item.exercise_id,
                "day": START.isoformat(),
                "set_number": number,
                "effort": 5,
                "felt": ["glutes-left"],
                "pain": 7,
                item.measure: item.target,
            }
            if item.side_order:
                fields["side"] = item.side_order[0]
            sessions.record_set(work, fields, f"pain-{number}")
        programs.finish(work)
    day = START + timedelta(days=14)
    with work_on(settings, day) as work:
        taken = retest.take(work, asked())
    assert taken.plan is not None
    planned = {
        i.exercise_id
        for week in taken.plan.program.weeks
        for session in week.sessions
        for block in session.blocks
        for i in block.items
    }
    assert item.exercise_id not in planned


def test_a_red_flag_in_a_retest_stops_training(settings: Settings) -> None:
    screened_and_planned(settings)
    with work_on(settings, START + timedelta(days=14)) as work:
        taken = retest.take(work, asked({}, "saddle-numbness"))
        assert taken.record.profile.gate is Gate.STOP
        assert taken.plan is None
        assert training_blocked(work) is not None
        with pytest.raises(SafetyGateError):
            programs.today(work)
        assert retest.due(work) is None
    with work_on(settings, START + timedelta(days=15)) as work, pytest.raises(SafetyGateError):
        retest.take(work, asked())  # only a full screening lifts a stop


def test_a_stop_stored_today_as_a_flag_was_ticked_is_answered_again(settings: Settings) -> None:
    screened_and_planned(settings)
    with work_on(settings, START + timedelta(days=14)) as work:
        screening.record_red_flags(work, ["saddle-numbness"])  # ticked, then "by mistake"
        taken = retest.take(work, asked())
        assert taken.record.profile.gate is Gate.GO
        assert training_blocked(work) is None


def test_a_clearance_goes_on_to_a_retest_that_raises_nothing_new(settings: Settings) -> None:
    screened_and_planned(settings, CLEARANCE)
    with work_on(settings, START + timedelta(days=14)) as work:
        taken = retest.take(work, asked())
        assert taken.record.profile.gate is Gate.CLEARANCE
        cleared = repo.clearance_for(work.db, work.person_id, taken.record.id)
        assert cleared is not None and cleared.cleared_by == "Dr Lee, physiotherapist"
        assert training_blocked(work) is None
        assert taken.plan is not None


def test_a_retest_asks_only_red_flags_and_self_tests(settings: Settings) -> None:
    screened_and_planned(settings)
    with work_on(settings, START + timedelta(days=14)) as work:
        with pytest.raises(InvalidInputError) as raised:
            retest.take(work, {**asked(), "questionnaire": {"sitting_hours": 1}})
        assert [p.field for p in raised.value.problems] == ["questionnaire"]
        with pytest.raises(InvalidInputError):
            retest.take(work, asked({"glute_squeeze": {"left": {"contraction": "loud"}}}))
        assert len(repo.screenings(work.db, work.person_id)) == 1


def test_the_replan_asks_before_replacing_todays_session(settings: Settings) -> None:
    screened_and_planned(settings)
    day = START + timedelta(days=14)  # a Monday: a session day
    with work_on(settings, day) as work:
        session = programs.today(work).plan.session
        assert session is not None
        item = session.blocks[0].items[0]
        fields = {"exercise_id": item.exercise_id, "day": day.isoformat(), "set_number": 1}
        fields |= {"effort": 5, "felt": ["glutes-left"], "pain": 0, item.measure: item.target}
        if item.side_order:
            fields["side"] = item.side_order[0]
        sessions.record_set(work, fields, "started")
        current = programs.stored_program(work)
        taken = retest.take(work, asked(), replace_today=False)
        assert taken.plan is not None and taken.plan.at_stake is not None
        assert programs.stored_program(work) == current  # nothing re-planned yet
        assert taken.plan.at_stake.logged_today == 1
        assert retest.replan(work).program_id != (current.id if current else None)
