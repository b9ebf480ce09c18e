"""Felt in the glutes keeps its side: a set counts only when felt in the glute that worked."""

from __future__ import annotations

from datetime import date, datetime, time

from progression_world import CATALOGUE, new_program, perform

from glutewake.programming.program import Item, Program
from glutewake.progression.adapt import adapt
from glutewake.progression.rules import EasyInGlutes, FeltElsewhere
from glutewake.screening.profile import Side
from glutewake.tracking.log import Felt, SetLog

MONDAY, TUESDAY = date(2025, 3, 3), date(2025, 3, 4)


def one_set(
    side: Side | None, felt: Felt, day: date = MONDAY, number: int = 1, effort: int = 3
) -> SetLog:
    return SetLog(
        exercise_id="clam",
        day=day,
        set_number=number,
        side=side,
        reps=12,
        effort=effort,
        felt=[felt],
        pain=0,
        logged_at=datetime.combine(day, time(18, number)),
    )


def test_a_set_counts_only_when_felt_in_the_glute_of_its_side() -> None:
    assert not one_set(Side.LEFT, Felt.GLUTES_RIGHT).felt_in_glutes
    assert one_set(Side.LEFT, Felt.GLUTES_LEFT).felt_in_glutes
    assert one_set(Side.RIGHT, Felt.GLUTES_RIGHT).felt_in_glutes
    assert not one_set(Side.RIGHT, Felt.GLUTES_LEFT).felt_in_glutes
    assert one_set(None, Felt.GLUTES_RIGHT).felt_in_glutes  # two-sided: either glute
    assert one_set(None, Felt.GLUTES_LEFT).felt_in_glutes


def test_left_sets_felt_only_in_the_right_glute_are_felt_elsewhere() -> None:
    logs = [one_set(Side.LEFT, Felt.GLUTES_RIGHT, number=n) for n in (1, 2, 3)]
    firing = FeltElsewhere().check(logs, None)
    assert firing is not None
    assert firing.details["where"] == "right glute"
    assert firing.details["instead"] == "left glute"
    assert EasyInGlutes(days=1).check(logs, None, {MONDAY: 12}) is None


def test_right_sets_felt_in_the_right_glute_are_a_success() -> None:
    logs = [one_set(Side.RIGHT, Felt.GLUTES_RIGHT, number=n) for n in (1, 2, 3)]
    assert FeltElsewhere().check(logs, None) is None
    firing = EasyInGlutes(days=1).check(logs, None, {MONDAY: 12})
    assert firing is not None and firing.day == MONDAY


def clam_sets(item: Item, day: date, felt: Felt) -> list[SetLog]:
    """Every prescribed clam set, the weaker side's extra set included, all felt in ``felt``."""
    extra = {item.side_order[0]: item.extra_sets} if item.side_order else {}
    return [
        one_set(side, felt, day, number)
        for side in item.side_order
        for number in range(1, item.sets + extra.get(side, 0) + 1)
    ]


def train_clam(felt: Felt) -> tuple[Program, list[str]]:
    """Two easy sessions, every clam set felt in ``felt``; the rest as prescribed."""
    program, logs, changes = new_program(), list[SetLog](), []
    for day in (MONDAY, TUESDAY):
        session = program.session_on(day)
        assert session is not None
        clam = next(i for i in session.items if i.exercise_id == "clam")
        assert clam.side_order == (Side.LEFT, Side.RIGHT) and clam.extra_sets == 1
        logs += [log for log in perform(session, day) if log.exercise_id != "clam"]
        logs += clam_sets(clam, day, felt)
        result = adapt(program, logs, day, CATALOGUE)
        program = result.program
        changes += [f"{c.rule}:{c.action}:{c.exercise_id}" for c in result.changes]
    return program, changes


def test_the_weaker_left_side_felt_only_in_the_right_glute_is_not_a_success() -> None:
    program, changes = train_clam(Felt.GLUTES_RIGHT)
    assert "easy-in-glutes:dose-up:clam" not in changes
    assert changes[0] == "felt-elsewhere:cue:clam"
    reason = next(c.reason for c in program.changes if c.exercise_id == "clam")
    assert "felt in the right glute on 3 of 5 sets instead of the left glute" in reason


def test_felt_in_the_working_glutes_on_both_sides_raises_the_dose() -> None:
    _, changes = train_clam(Felt.GLUTES_LEFT)  # the control: right sets felt on the left fail
    assert "easy-in-glutes:dose-up:clam" not in changes
    program, logs = new_program(), list[SetLog]()
    for day in (MONDAY, TUESDAY):
        session = program.session_on(day)
        assert session is not None
        logs += perform(session, day, {"clam": {"effort": 3}})  # each side in its own glute
        program = adapt(program, logs, day, CATALOGUE).program
    assert any(c.rule == "easy-in-glutes" and c.exercise_id == "clam" for c in program.changes)
