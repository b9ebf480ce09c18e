"""Properties every program must have, for any valid profile and preferences."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from programming_factories import preferences, profiles, small_catalogue

from glutewake.catalogue.catalogue import Catalogue, default_catalogue
from glutewake.catalogue.schema import (
    Category,
    Equipment,
    Muscle,
    Pattern,
    Phase,
    Position,
)
from glutewake.errors import InvalidInputError, SafetyGateError
from glutewake.programming.builder import ProgramBuilder
from glutewake.programming.preferences import Context, Preferences
from glutewake.programming.program import BlockKind, Program
from glutewake.programming.timing import time_cost
from glutewake.screening.clearance import ClearanceTerms
from glutewake.screening.profile import Gate, Profile

START = date(2025, 3, 3)  # a Monday
BASE_CAP = {Phase.WAKE_UP: 2, Phase.BUILD: 3, Phase.INTEGRATE: 4}
GROUPS = (
    {Pattern.HIP_EXTENSION, Pattern.HINGE},  # a hinge (RDL) is loaded hip extension
    {Pattern.ABDUCTION, Pattern.PELVIC_STABILITY},
    {Pattern.EXTERNAL_ROTATION},
)
SMALL = ProgramBuilder(small_catalogue())


def level_limit(phase: Phase, profile: Profile, prefs: Preferences) -> int:
    cap = BASE_CAP[phase]
    if prefs.context is not Context.STANDALONE and prefs.context is not Context.DAILY_MINI:
        cap = min(cap, 3)
    if profile.pain >= 50:
        cap -= 1
    return max(cap, 1)


def quad_dominant(patterns: set[Pattern], primary: set[Muscle]) -> bool:
    return bool(patterns & {Pattern.SQUAT, Pattern.LUNGE}) or Muscle.QUADRICEPS in primary


def check(program: Program, profile: Profile, prefs: Preferences, catalogue: Catalogue) -> None:
    owned = set(prefs.equipment) | {Equipment.WALL, Equipment.CHAIR}
    assert len(program.weeks) >= prefs.weeks
    days = [s.day for s in program.sessions]
    assert len(days) == len(set(days)), "two sessions on one day"
    for week in program.weeks:
        assert len(week.sessions) == prefs.sessions_per_week
        covered: set[Pattern] = set()
        for session in week.sessions:
            assert session.day.weekday() in {d.number for d in prefs.days}
            assert session.day - START < timedelta(weeks=week.number)
            assert session.estimated_seconds <= prefs.minutes * 60
            assert session.estimated_seconds == sum(i.seconds for i in session.items)
            for block in session.blocks:
                for item in block.items:
                    exercise = catalogue.get(item.exercise_id)
                    primary = set(exercise.primary_muscles)
                    assert set(exercise.equipment) <= owned
                    assert prefs.can_floor or exercise.position is Position.STANDING
                    if prefs.context is Context.DESK_BREAKS:
                        assert exercise.desk_friendly
                    assert exercise.level <= level_limit(session.phase, profile, prefs)
                    if session.phase is Phase.WAKE_UP:
                        assert not quad_dominant(set(exercise.patterns), primary)
                    assert item.range_low <= item.target <= item.range_high
                    seconds = time_cost(exercise, item.target, bool(item.extra_sets))
                    assert item.seconds == seconds.seconds(item.sets)
                    assert 1 <= item.sets <= exercise.dose.sets
                    glute_work = exercise.category is not Category.MOBILITY
                    if profile.weaker_side and exercise.dose.per_side and glute_work:
                        assert item.side_order[0] is profile.weaker_side
                        assert item.extra_sets == 1
                    if exercise.category is Category.INTEGRATION:
                        assert block.kind is BlockKind.SUPERSET
                        partner = catalogue.get(block.items[0].exercise_id)
                        assert partner.category in (Category.ACTIVATION, Category.ISOLATION)
                    covered.update(exercise.patterns)
            lengthening = [
                i
                for i in session.items
                if Pattern.HIP_FLEXOR_LENGTH in catalogue.get(i.exercise_id).patterns
            ]
            assert len(lengthening) <= 1, "two hip-flexor stretches in one session"
            if lengthening:
                assert session.blocks[0].kind is BlockKind.WARM_UP
                assert lengthening[0] in session.blocks[0].items
        for group in GROUPS:
            assert covered & group, f"week {week.number} misses {group}"


def build_and_check(builder: ProgramBuilder, profile: Profile, prefs: Preferences) -> None:
    try:
        program = builder.build(profile, prefs, START)
    except InvalidInputError as error:
        # Only a budget too small for the person's choices may refuse a valid request.
        assert [p.field for p in error.problems] == ["minutes"]
        return
    check(program, profile, prefs, builder.catalogue)
    again = ProgramBuilder(builder.catalogue).build(profile, prefs, START)
    assert again.model_dump(mode="json") == program.model_dump(mode="json")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profiles(), preferences())
def test_small_catalogue_programs_respect_every_limit(profile: Profile, prefs: Preferences) -> None:
    build_and_check(SMALL, profile, prefs)


@pytest.fixture(scope="module")
def default_builder() -> ProgramBuilder:
    return ProgramBuilder(default_catalogue())


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(profile=profiles(), prefs=preferences())
def test_default_catalogue_programs_respect_every_limit(
    default_builder: ProgramBuilder, profile: Profile, prefs: Preferences
) -> None:
    build_and_check(default_builder, profile, prefs)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(profile=profiles(), prefs=preferences(min_minutes=20))
def test_default_catalogue_fits_twenty_minutes_whatever_the_choices(
    default_builder: ProgramBuilder, profile: Profile, prefs: Preferences
) -> None:
    check(default_builder.build(profile, prefs, START), profile, prefs, default_builder.catalogue)


CLEARED = ClearanceTerms(cleared_by="Dr Lee, physiotherapist", cleared_on=date(2025, 3, 1))


@settings(max_examples=40, deadline=None)
@given(profiles(gate=st.just(Gate.STOP)), preferences(), st.sampled_from([None, CLEARED]))
def test_a_stop_gate_yields_no_program(
    profile: Profile, prefs: Preferences, clearance: ClearanceTerms | None
) -> None:
    with pytest.raises(SafetyGateError, match="found a warning sign"):
        SMALL.build(profile, prefs, START, clearance=clearance)


@settings(max_examples=20, deadline=None)
@given(profiles(gate=st.just(Gate.CLEARANCE)), preferences(min_minutes=30))
def test_a_clearance_gate_needs_a_recorded_clearance(profile: Profile, prefs: Preferences) -> None:
    with pytest.raises(SafetyGateError, match="clearance"):
        SMALL.build(profile, prefs, START)
    program = SMALL.build(profile, prefs, START, clearance=CLEARED)
    assert all(cap <= BASE_CAP[Phase(p)] - 1 or cap == 1 for p, cap in program.level_caps.items())
    assert program.clearance == CLEARED
