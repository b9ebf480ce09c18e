"""A re-plan carries what the rules stopped: the exercise stays out of the new program."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from progression_world import (
    CATALOGUE,
    PERSON,
    PREFS,
    START,
    new_program,
    perform,
    train_until_walked,
)

from glutewake.programming.builder import ProgramBuilder
from glutewake.programming.preferences import Preferences
from glutewake.programming.program import Change, Program
from glutewake.progression.adapt import adapt
from glutewake.progression.carry import exercises_to_avoid
from glutewake.tracking.log import Felt, SetLog

BUILDER = ProgramBuilder(CATALOGUE)
LONGER = Preferences(minutes=40)


def used(program: Program) -> set[str]:
    return {i.exercise_id for s in program.sessions for i in s.items}


def train(program: Program, days: tuple[int, ...], **special: Mapping[str, Any]) -> Program:
    """Each March day's session as prescribed (``special`` per exercise), adapting after each."""
    logs: list[SetLog] = []
    for number in days:
        day = date(2025, 3, number)
        session = program.next_session(day)
        assert session is not None and session.day == day, f"no session on {day}"
        logs += perform(session, day, special)
        program = adapt(program, logs, day, CATALOGUE).program
    return program


def painful_bridge_hold() -> Program:
    return train(new_program(), (3,), **{"bridge-hold": {"pain": 5}})


def test_a_pain_stop_is_to_be_avoided_with_the_day_and_the_reason() -> None:
    program = painful_bridge_hold()
    (why,) = exercises_to_avoid(program).values()
    assert list(exercises_to_avoid(program)) == ["bridge-hold"]
    assert why.startswith("stopped on 2025-03-03 because pain 5/10 on Bridge hold")


def test_cues_regressions_for_feel_dose_ups_and_slides_are_not_avoided() -> None:
    program = train(new_program(), (3, 4), clam={"felt": Felt.LOWER_BACK})
    assert {c.action for c in program.changes} >= {"cue", "regress"}
    program = adapt(program, [], date(2025, 3, 10), CATALOGUE).program
    assert "slide" in {c.action for c in program.changes}
    assert exercises_to_avoid(program) == {}


def test_a_pain_rule_regression_is_avoided_too() -> None:
    change = Change(
        day=date(2025, 3, 4),
        rule="pain",
        action="regress",
        exercise_id="clam",
        new_exercise_id="side-rotation",
        reason="pain 4/10 on Clam.",
        trigger="pain:clam:2025-03-04",
    )
    program = new_program().model_copy(update={"changes": (change,)})
    assert exercises_to_avoid(program) == {
        "clam": "replaced by an easier version on 2025-03-04 because pain 4/10 on Clam."
    }


def test_a_rebuilt_program_leaves_the_stopped_exercise_out_and_says_why() -> None:
    old = painful_bridge_hold()
    assert "bridge-hold" in used(BUILDER.build(PERSON, LONGER, START))
    rebuilt = BUILDER.build(PERSON, LONGER, START, avoid=exercises_to_avoid(old))
    assert "bridge-hold" not in used(rebuilt)
    assert any(
        line.startswith("Left out: Bridge hold, stopped on 2025-03-03 because pain 5/10")
        for line in rebuilt.explanation
    )
    # and again at the next re-plan, though the rebuilt program has no changes of its own
    assert rebuilt.changes == ()
    again = BUILDER.build(PERSON, PREFS, START, avoid=exercises_to_avoid(rebuilt))
    assert "bridge-hold" not in used(again)
    assert exercises_to_avoid(again) == exercises_to_avoid(old)


def test_a_rebuilt_program_never_progresses_into_an_avoided_exercise() -> None:
    easy = {"walk": {"effort": 3}}
    plain = train_until_walked(new_program(), 6, easy)
    assert plain.changes[-1].new_exercise_id == "hard-walk"
    avoid = {"hard-walk": "stopped on 2025-02-27 because pain 6/10 on Hard walk."}
    avoiding = train_until_walked(BUILDER.build(PERSON, PREFS, START, avoid=avoid), 6, easy)
    assert "hard-walk" not in used(avoiding)
    assert "no harder version fits yet" in avoiding.changes[-1].reason
