"""Exercises to avoid (stopped by the adaptation rules before) are left out, with the reason."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from programming_factories import preferences, profile, profiles, small_catalogue

from glutewake.errors import InvalidInputError
from glutewake.programming.alternatives import alternatives
from glutewake.programming.builder import ProgramBuilder, build_program
from glutewake.programming.eligibility import AVOIDED, usable
from glutewake.programming.preferences import Preferences
from glutewake.programming.program import Program
from glutewake.screening.profile import Profile

START = date(2025, 3, 3)
CATALOGUE = small_catalogue()
BUILDER = ProgramBuilder(CATALOGUE)
PREFS = Preferences(minutes=30, equipment=("mini-band",))
ABDUCTION_STOPPED = "stopped on 2025-02-20 because pain 6/10 on Side abduction: stop it."
RETEST_STOPPED = "stopped on 2025-02-21 because pain 5/10 on Single leg glute bridge: stop it."
AVOID = {"side-abduction": ABDUCTION_STOPPED, "single-leg-glute-bridge": RETEST_STOPPED}


def used(program: Program) -> set[str]:
    return {i.exercise_id for s in program.sessions for i in s.items} | {
        s.retest.exercise_id for s in program.sessions if s.retest
    }


def test_without_avoid_both_exercises_are_chosen() -> None:
    program = BUILDER.build(profile(), PREFS, START)
    assert set(AVOID) <= used(program)
    assert program.avoided == {}


def test_avoided_exercises_are_left_out_and_the_explanation_says_why() -> None:
    program = build_program(profile(), PREFS, CATALOGUE, START, avoid=AVOID)
    assert not set(AVOID) & used(program)
    assert {s.retest.exercise_id for s in program.sessions if s.retest} == {"single-leg-standing"}
    assert program.avoided == AVOID
    lines = program.explanation
    assert f"Left out: Side abduction, {ABDUCTION_STOPPED}" in lines
    assert f"Left out: Single leg glute bridge, {RETEST_STOPPED}" in lines
    wake_up = next(line for line in lines if line.startswith("Wake up:"))
    assert "2 were stopped before" in wake_up


def test_an_avoided_exercise_is_unusable_with_its_reason() -> None:
    abduction = CATALOGUE.get("side-abduction")
    assert usable(abduction, PREFS) is None
    assert usable(abduction, PREFS, (), AVOID) == f"{AVOIDED}: {ABDUCTION_STOPPED}"


def test_swap_options_never_offer_an_avoided_exercise() -> None:
    avoid = {"bridge-hold": "stopped on 2025-02-20 because pain 7/10 on Bridge hold."}
    plain = BUILDER.build(profile(), PREFS, START)
    avoiding = BUILDER.build(profile(), PREFS, START, avoid=avoid)

    def offered(program: Program) -> set[str]:
        return {
            option.exercise_id
            for session in program.sessions
            for item in session.items
            if item.exercise_id == "bridge"
            for option in alternatives(item, session, program, CATALOGUE)
        }

    assert "bridge-hold" in offered(plain)
    assert "bridge-hold" not in offered(avoiding)


def test_a_program_that_avoids_round_trips_and_old_programs_still_load() -> None:
    program = BUILDER.build(profile(), PREFS, START, avoid=AVOID)
    assert Program.model_validate(program.model_dump(mode="json")) == program
    stored_before = BUILDER.build(profile(), PREFS, START).model_dump(mode="json")
    del stored_before["avoided"]
    assert Program.model_validate(stored_before).avoided == {}


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    profile=profiles(),
    prefs=preferences(),
    avoided=st.sets(st.sampled_from([e.id for e in CATALOGUE.exercises]), max_size=4),
)
def test_no_avoided_exercise_ever_appears(
    profile: Profile, prefs: Preferences, avoided: set[str]
) -> None:
    avoid = dict.fromkeys(avoided, "stopped on 2025-02-20 because of pain.")
    try:
        program = BUILDER.build(profile, prefs, START, avoid=avoid)
    except InvalidInputError:
        return  # too little left for the choices: nothing is prescribed at all
    assert not avoided & used(program)
