"""Progress from logs: adherence, each glute per week, exercises, levels, pain, plain words."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from programming_factories import profile

from glutewake.catalogue import default_catalogue
from glutewake.programming.builder import build_program
from glutewake.programming.preferences import Preferences
from glutewake.programming.program import Program
from glutewake.screening.profile import Side
from glutewake.tracking.log import Felt, SetLog
from glutewake.tracking.progress import adherence, progress, week_start, window
from glutewake.tracking.progress_summary import weekly_summary

CATALOGUE = default_catalogue()
START = date(2025, 3, 3)  # a Monday; sessions on Mon, Tue, Thu and Fri


@pytest.fixture(scope="module")
def program() -> Program:
    return build_program(profile(), Preferences(minutes=20, weeks=4), CATALOGUE, START)


def a_set(
    day: date,
    exercise_id: str = "single-leg-glute-bridge",
    *,
    side: Side | None = Side.LEFT,
    felt: tuple[Felt, ...] = (Felt.GLUTES_LEFT,),
    reps: int | None = 10,
    hold: int | None = None,
    pain: int = 0,
    number: int = 1,
) -> SetLog:
    return SetLog(
        exercise_id=exercise_id,
        day=day,
        set_number=number,
        side=side,
        reps=None if hold is not None else reps,
        hold_seconds=hold,
        effort=6,
        felt=list(felt),
        pain=pain,
        logged_at=datetime.combine(day, time(8, number)),
    )


def session_on(day: date) -> SetLog:
    return a_set(day, "glute-bridge-hold", side=None, hold=20, reps=None)


def test_sessions_done_against_due_with_the_streak_and_missed_days(program: Program) -> None:
    # Mon 3, Tue 4 done; Thu 6 missed; Fri 7 done; Mon 10 (today) not done yet.
    logs = [session_on(START), session_on(START + timedelta(1)), session_on(START + timedelta(4))]
    found = adherence(program, logs, START + timedelta(7))
    assert (found.planned, found.done, found.streak) == (4, 3, 1)
    assert found.missed_days == (START + timedelta(3),)
    assert [(w.start, w.planned, w.done) for w in found.weeks] == [(START, 4, 3)]
    # Done today: due and done, and the streak grows.
    today = START + timedelta(7)
    later = adherence(program, [*logs, session_on(today)], today)
    assert (later.planned, later.done, later.streak) == (5, 4, 2)


def test_a_late_session_catches_up_and_an_early_one_counts_for_the_next_day(
    program: Program,
) -> None:
    monday, tuesday, wednesday, thursday = (START + timedelta(n) for n in range(4))
    # Mon and Tue missed, a session on Wed: it catches up Tuesday's, Monday's stays missed.
    late = adherence(program, [session_on(wednesday)], wednesday)
    assert (late.planned, late.done, late.missed_days) == (2, 1, (monday,))
    # Sessions on Mon, Tue and (early) Wed: Thursday's is kept without sets that day.
    early = [session_on(monday), session_on(tuesday), session_on(wednesday)]
    found = adherence(program, early, thursday + timedelta(1))
    assert (found.planned, found.done, found.streak) == (3, 3, 3)
    # Every day for weeks: each training day kept once, nothing due after the last session.
    every_day = [session_on(START + timedelta(n)) for n in range(40)]
    found = adherence(program, every_day, START + timedelta(60))
    assert found.done == found.planned == found.sessions_in_program == len(program.sessions)
    assert found.missed_days == ()


def test_sets_of_exercises_outside_the_program_do_not_mark_a_session(program: Program) -> None:
    planned = {item.exercise_id for s in program.sessions for item in s.items}
    outside = next(e.id for e in CATALOGUE.exercises if e.id not in planned)
    found = adherence(program, [a_set(START, outside)], START + timedelta(1))
    assert (found.planned, found.done) == (1, 0)


def test_each_glute_counts_only_its_own_sets_and_two_sided_sets_count_for_both() -> None:
    day = date(2025, 3, 12)
    logs = [
        a_set(day, side=Side.LEFT, felt=(Felt.GLUTES_LEFT,)),  # left: yes
        a_set(day, side=Side.LEFT, felt=(Felt.GLUTES_RIGHT,), number=2),  # left: no
        a_set(day, side=Side.RIGHT, felt=(Felt.HAMSTRINGS,)),  # right: no
        a_set(day, "glute-bridge", side=None, felt=(Felt.GLUTES_LEFT,)),  # left yes, right no
        # A stretch is not glute work: left out of every share.
        a_set(day, "kneeling-hip-flexor-stretch", side=Side.RIGHT, felt=(Felt.NOWHERE,), hold=30),
    ]
    found = progress(logs, CATALOGUE, day, weeks=2)
    week = found.glutes[-1]
    assert (week.left.hits, week.left.total) == (2, 3)
    assert (week.right.hits, week.right.total) == (0, 2)
    assert (week.overall.hits, week.overall.total, week.overall.percent) == (2, 4, 50)
    assert found.glutes[0].overall.percent is None  # the week before: no sets
    assert found.sets == 5  # pain still counts every set
    assert found.pain[-1].sets == 5


def test_weeks_run_monday_to_sunday_and_the_window_ends_with_today() -> None:
    sunday = date(2025, 3, 16)
    assert window(sunday, 3) == (date(2025, 2, 24), date(2025, 3, 3), week_start(sunday))
    days_logged = (date(2025, 2, 23), date(2025, 3, 3), sunday, sunday + timedelta(1))
    found = progress([a_set(day) for day in days_logged], CATALOGUE, sunday, weeks=3)
    assert [w.overall.total for w in found.glutes] == [0, 1, 1]  # 23 Feb before, 17 Mar after


def test_exercise_trends_keep_the_best_per_week_and_side() -> None:
    monday = date(2025, 3, 3)
    logs = [
        a_set(monday, reps=8),
        a_set(monday, side=Side.RIGHT, felt=(Felt.GLUTES_RIGHT,), reps=12),
        a_set(monday + timedelta(7), reps=11),
        a_set(monday, "glute-bridge-hold", side=None, hold=20, reps=None),
        a_set(monday + timedelta(8), "glute-bridge-hold", side=None, hold=35, reps=None),
    ]
    found = progress(logs, CATALOGUE, monday + timedelta(8), weeks=2)
    by_id = {trend.exercise_id: trend for trend in found.exercises}
    bridge = by_id["single-leg-glute-bridge"]
    assert (bridge.unit, bridge.sets, bridge.first, bridge.latest, bridge.best) == (
        "reps",
        3,
        12,
        11,
        12,
    )
    assert [(w.left, w.right) for w in bridge.weeks] == [(8, 12), (11, None)]
    hold = by_id["glute-bridge-hold"]
    assert (hold.unit, hold.first, hold.latest) == ("s", 20, 35)
    assert found.exercises[0] is bridge  # most sets first


def test_the_level_of_a_group_is_its_hardest_exercise_logged() -> None:
    bridge, single = CATALOGUE.get("glute-bridge"), CATALOGUE.get("single-leg-glute-bridge")
    assert single.level > bridge.level
    first_days = {
        "glute-bridge": date(2025, 1, 6),
        "single-leg-glute-bridge": date(2025, 3, 5),
        "foam-roll-it-band": date(2025, 3, 5),  # mobility: no level
        "gone-from-the-catalogue": date(2025, 3, 5),
    }
    found = progress([], CATALOGUE, date(2025, 3, 9), first_days=first_days, weeks=2)
    levels = {level.group: level for level in found.levels}
    hip = levels["hip-extension"]
    assert (hip.level, hip.exercise_id, hip.since, hip.level_before) == (
        single.level,
        single.id,
        date(2025, 3, 5),
        bridge.level,
    )
    assert "soft-tissue" not in levels
    # A first day after today is not reached yet.
    early = progress([], CATALOGUE, date(2025, 3, 4), first_days=first_days, weeks=2)
    assert {lv.group: lv.level for lv in early.levels}["hip-extension"] == bridge.level


def test_the_summary_says_how_each_glute_changed_in_plain_words(program: Program) -> None:
    first, latest = date(2025, 3, 3), date(2025, 3, 24)
    logs = [
        a_set(first, felt=(Felt.GLUTES_LEFT,) if n < 3 else (Felt.HAMSTRINGS,), number=n + 1)
        for n in range(10)
    ]
    logs += [
        a_set(
            latest, felt=(Felt.GLUTES_LEFT,) if n < 8 else (Felt.LOWER_BACK,), number=n + 1, pain=2
        )
        for n in range(10)
    ]
    # A session's stretch on both days: the sessions are done, and no glute share changes.
    stretch = program.sessions[0].items[0].exercise_id
    assert CATALOGUE.get(stretch).category.value == "mobility"
    logs += [a_set(day, stretch, felt=(Felt.NOWHERE,), hold=30) for day in (first, latest)]
    found = progress(logs, CATALOGUE, latest + timedelta(2), program=program, weeks=4)
    lines = weekly_summary(found)
    assert (
        "Your left glute did the work in 8 of 10 sets this week, up from 3 of 10 in the week "
        "of 3 Mar." in lines
    )
    assert (
        "Single-leg glute bridge: your most reps in a set was 10 this week, the same as in the week of 3 Mar."
        in lines
    )
    assert "Pain up to 2 of 10 this week, up from 0 in the week of 3 Mar." in lines
    assert any(line.startswith("In your program so far: 2 of ") for line in lines)
    assert any(line.startswith("Missed in the last two weeks: ") for line in lines)


def test_no_sets_says_so() -> None:
    found = progress([], CATALOGUE, date(2025, 3, 3))
    assert weekly_summary(found)[-1].startswith("Nothing logged in these weeks yet")


days = st.dates(min_value=date(2025, 1, 1), max_value=date(2025, 4, 30))
places = st.lists(st.sampled_from(list(Felt)), min_size=1, max_size=3, unique=True).filter(
    lambda felt: Felt.NOWHERE not in felt or len(felt) == 1
)
sets = st.builds(
    a_set,
    days,
    st.sampled_from(["glute-bridge", "clamshell", "glute-bridge-hold", "foam-roll-it-band"]),
    side=st.sampled_from([None, Side.LEFT, Side.RIGHT]),
    felt=places.map(tuple),
    reps=st.integers(0, 30),
    pain=st.integers(0, 10),
)


@given(st.lists(sets, max_size=40), days, st.integers(1, 20))
def test_counts_stay_within_their_sets(logs: list[SetLog], today: date, weeks: int) -> None:
    found = progress(logs, CATALOGUE, today, weeks=weeks)
    assert len(found.glutes) == len(found.pain) == weeks
    for week in found.glutes:
        for count in (week.overall, week.left, week.right):
            assert 0 <= count.hits <= count.total
            assert count.percent is None or 0 <= count.percent <= 100
        assert week.left.total + week.right.total >= week.overall.total
    assert sum(w.sets for w in found.pain) == found.sets
    assert sum(t.sets for t in found.exercises) <= found.sets
    assert all(line.endswith(".") for line in weekly_summary(found))
