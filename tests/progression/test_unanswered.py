"""Sets logged without effort, felt or pain ("done as planned"): unknown, never a default.

The rules (docs/programming.md, "Sets without answers"): an unanswered pain neither stops nor
clears an exercise; a set without a felt answer counts neither for nor against the glutes; a
set without answers at its target does not hold a dose back, but a dose goes up only when at
least one set of those days was answered as felt in the working glute.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from progression_world import CATALOGUE, new_program, perform

from glutewake.catalogue.schema import Category
from glutewake.programming.phases import GlutesFelt, HoldRetest, PainCeiling
from glutewake.programming.program import Program
from glutewake.progression.adapt import adapt
from glutewake.progression.rules import Action, EasyInGlutes, FeltElsewhere, PainCondition
from glutewake.screening.profile import Side
from glutewake.tracking.log import Felt, SetLog
from glutewake.tracking.progress import progress

MONDAY = date(2025, 3, 3)


def a_set(
    day: date = MONDAY,
    number: int = 1,
    *,
    side: Side | None = None,
    reps: int = 12,
    effort: int | None = None,
    felt: Felt | None = None,
    pain: int | None = None,
    exercise_id: str = "clam",
) -> SetLog:
    return SetLog(
        exercise_id=exercise_id,
        day=day,
        set_number=number,
        side=side,
        reps=reps,
        effort=effort,
        felt=[felt] if felt else None,
        pain=pain,
        logged_at=datetime.combine(day, time(18, number)),
    )


def days(count: int) -> list[date]:
    return [MONDAY + timedelta(days=n) for n in range(count)]


def test_a_bare_set_has_no_answers_and_is_not_felt_anywhere() -> None:
    bare = a_set()
    assert bare.answered_nothing
    assert (bare.effort, bare.felt, bare.pain, bare.felt_in_glutes) == (None, None, None, None)
    assert a_set(felt=Felt.QUADRICEPS).felt_in_glutes is False
    assert not a_set(pain=0).answered_nothing


def test_unanswered_pain_neither_stops_nor_breaks_a_rise() -> None:
    rule = PainCondition()
    assert rule.check([a_set(d) for d in days(5)], None) is None
    # Pain 1, 2, 3 on answered days, with unanswered days between: still a rise.
    one, gap, two, gap2, three = days(5)
    logs = [
        a_set(one, pain=1),
        a_set(gap),
        a_set(two, pain=2),
        a_set(gap2),
        a_set(three, pain=3),
    ]
    firing = rule.check(logs, None)
    assert firing is not None and firing.details["pain"].startswith("pain rising 1/10 -> 2/10")
    # A last day without a pain answer says nothing new, even after answered pain.
    assert rule.check([*logs, a_set(three + timedelta(days=1))], None) is None
    # Unanswered sets beside an answered 4/10 do not hide it.
    firing = rule.check([a_set(one, 1), a_set(one, 2, pain=4), a_set(one, 3)], None)
    assert firing is not None and firing.details["pain"] == "pain 4/10"


def test_a_set_without_a_felt_answer_counts_neither_way() -> None:
    rule = FeltElsewhere()
    assert rule.check([a_set(number=n) for n in (1, 2, 3)], None) is None
    # Felt asked once, on the first set: that answer is the day's share.
    elsewhere = [a_set(number=1, felt=Felt.LOWER_BACK), a_set(number=2), a_set(number=3)]
    firing = rule.check(elsewhere, None)
    assert firing is not None
    assert firing.details["count"] == "1 of 1"
    assert firing.details["where"] == "lower-back"
    in_glutes = [a_set(number=1, felt=Felt.GLUTES_LEFT), a_set(number=2), a_set(number=3)]
    assert rule.check(in_glutes, None) is None


def test_a_dose_goes_up_on_bare_sets_only_with_one_glute_answer() -> None:
    rule = EasyInGlutes()
    first, second = days(2)
    targets = {first: 12, second: 12}
    bare = [a_set(day, n) for day in (first, second) for n in (1, 2)]
    assert rule.check(bare, None, targets) is None  # nothing says the glutes worked
    answered = [a_set(first, 1, felt=Felt.GLUTES_LEFT), *bare[1:]]
    firing = rule.check(answered, None, targets)
    assert firing is not None and firing.details["done"] == "12"
    short = [*answered[:-1], a_set(second, 2, reps=10)]
    assert rule.check(short, None, targets) is None  # below the target: not as planned
    hard = [*answered[:-1], a_set(second, 2, effort=8)]
    assert rule.check(hard, None, targets) is None  # an answer that says it was hard
    sore = [*answered[:-1], a_set(second, 2, pain=2)]
    assert rule.check(sore, None, targets) is None
    elsewhere = [*answered[:-1], a_set(second, 2, felt=Felt.HAMSTRINGS)]
    assert rule.check(elsewhere, None, targets) is None


def test_the_phase_gate_reads_only_answers() -> None:
    today = MONDAY + timedelta(days=6)
    bare = [a_set(day, n) for day in days(7) for n in (1, 2)]
    glutes = GlutesFelt().evaluate(bare, today)
    assert not glutes.met and "only 0 of 6 sets say where" in glutes.why
    felt = [a_set(day, 3, felt=Felt.GLUTES_RIGHT) for day in days(6)]
    glutes = GlutesFelt().evaluate([*bare, *felt], today)
    assert glutes.met and glutes.why.startswith("6 of 6 sets")
    pain = PainCeiling().evaluate(bare, today)
    assert pain.met and pain.why == "no pain reported"
    pain = PainCeiling().evaluate([*bare, a_set(today, 9, pain=3)], today)
    assert not pain.met and pain.why == "highest pain 3/10"
    assert not PainCeiling().evaluate([], today).met


def test_a_retest_held_long_enough_without_a_pain_answer_passes() -> None:
    rule = HoldRetest(exercise_id="bridge-hold", seconds=30, each_side=False, source="s")

    def hold(seconds: int, pain: int | None) -> SetLog:
        return SetLog(
            exercise_id="bridge-hold",
            day=MONDAY,
            set_number=1,
            hold_seconds=seconds,
            pain=pain,
            logged_at=datetime.combine(MONDAY, time(9)),
        )

    status = rule.evaluate([hold(30, None)], MONDAY)
    assert status.met and status.why == "hold: 30 s, no pain reported"
    assert not rule.evaluate([hold(30, 4)], MONDAY).met
    assert not rule.evaluate([hold(20, None)], MONDAY).met


def bare_session(program: Program, day: date, *, felt_once: bool) -> list[SetLog]:
    """Every set of the day's session at its target without answers; with ``felt_once`` the
    first set of each exercise says it was felt in the working glute (as the player asks)."""
    session = program.session_on(day)
    assert session is not None
    logs = []
    for log in perform(session, day):
        first = log.set_number == 1 and log.side in (None, Side.LEFT)
        felt = log.felt if felt_once and first else None
        logs.append(log.model_copy(update={"effort": None, "pain": None, "felt": felt}))
    return logs


def train(felt_once: bool) -> Program:
    program, logs = new_program(), list[SetLog]()
    for day in (MONDAY, MONDAY + timedelta(days=1)):
        logs += bare_session(program, day, felt_once=felt_once)
        program = adapt(program, logs, day, CATALOGUE).program
    return program


def test_a_program_logged_with_one_tap_per_set_changes_nothing_on_a_guess() -> None:
    program = train(felt_once=False)
    assert program.changes == ()  # no cue, no stop, no dose up from answers never given


def test_one_felt_answer_per_exercise_is_enough_to_move_on() -> None:
    program = train(felt_once=True)
    actions = {change.action for change in program.changes}
    assert actions and actions <= {Action.DOSE_UP, Action.PROGRESS}
    glute_work = {e.id for e in CATALOGUE.exercises if e.category is not Category.MOBILITY}
    assert {change.exercise_id for change in program.changes} <= glute_work


def test_progress_leaves_unanswered_sets_out_of_shares_and_pain() -> None:
    logs = [
        a_set(MONDAY, 1, felt=Felt.GLUTES_LEFT, pain=2, exercise_id="squeeze"),
        a_set(MONDAY, 2, exercise_id="squeeze"),
        a_set(MONDAY, 3, exercise_id="squeeze"),
    ]
    found = progress(logs, CATALOGUE, MONDAY, weeks=1)
    assert found.sets == 3
    week = found.glutes[-1]
    assert (week.overall.hits, week.overall.total) == (1, 1)
    assert (found.pain[-1].sets, found.pain[-1].highest, found.pain[-1].average) == (1, 2, 2.0)
    bare = progress(logs[1:], CATALOGUE, MONDAY, weeks=1)
    assert bare.glutes[-1].overall.percent is None
    assert (bare.pain[-1].highest, bare.pain[-1].average) == (None, None)
