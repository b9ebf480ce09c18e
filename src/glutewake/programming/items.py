"""Prescribed items: an exercise at a dose, its sides, its week's target, its superset partner.

Used by the builder for every session, and by adaptation and swaps for a replacement item.
"""

from __future__ import annotations

from collections.abc import Sequence

from glutewake.catalogue.schema import Category, Exercise, Range
from glutewake.programming.phases import RETEST_SECONDS, RETESTS
from glutewake.programming.program import Item
from glutewake.programming.timing import (
    SIDE_CHANGE_SECONDS,
    TRANSITION_SECONDS,
    side_seconds,
    time_cost,
)
from glutewake.screening.profile import Side

RETESTS_BY_ID = dict(RETESTS)


def week_target(target: Range, position: int, length: int) -> int:
    """Linear steps from the bottom to the top of the dose range across a phase's weeks."""
    if length <= 1:
        return target.low
    return target.low + round((target.high - target.low) * position / (length - 1))


def side_order(exercise: Exercise, weaker: Side | None) -> tuple[Side, ...]:
    """Weaker side first, for one-sided glute work (stretches and rolling are not glute work)."""
    if not exercise.dose.per_side or weaker is None or exercise.category is Category.MOBILITY:
        return ()
    other = Side.RIGHT if weaker is Side.LEFT else Side.LEFT
    return (weaker, other)


def make_item(
    exercise: Exercise, sets: int, target: int, weaker: Side | None, cue: str, reason: str
) -> Item:
    """A prescribed item at ``target``; the weaker side goes first and gets one extra set."""
    sides = side_order(exercise, weaker)
    dose = exercise.dose
    return Item(
        exercise_id=exercise.id,
        name=exercise.name,
        sets=sets,
        measure=dose.measure,
        target=target,
        range_low=dose.target.low,
        range_high=dose.target.high,
        per_side=dose.per_side,
        side_order=sides,
        extra_sets=1 if sides else 0,
        tempo=dose.tempo,
        rest_seconds=dose.rest_seconds,
        cue=cue,
        reason=reason,
        seconds=time_cost(exercise, target, bool(sides)).seconds(sets),
    )


def as_hold(exercise: Exercise) -> Exercise:
    """The exercise dosed as the re-test's timed hold."""
    dose = exercise.dose.model_copy(
        update={
            "reps": None,
            "steps": None,
            "hold_seconds": Range(low=RETEST_SECONDS, high=RETEST_SECONDS),
        }
    )
    return exercise.model_copy(update={"dose": dose})


def retest_seconds(exercise: Exercise) -> int:
    hold = side_seconds(as_hold(exercise).dose, RETEST_SECONDS)
    sides = 2 if exercise.dose.per_side else 1
    change = SIDE_CHANGE_SECONDS if exercise.dose.per_side else 0
    return TRANSITION_SECONDS + sides * hold + change


def retest_item(exercise: Exercise, weaker: Side | None) -> Item:
    """The build -> integrate gate's hold, done as a separate check after a session."""
    return Item(
        exercise_id=exercise.id,
        name=f"{exercise.name} (re-test hold)",
        sets=1,
        measure="hold_seconds",
        target=RETEST_SECONDS,
        range_low=RETEST_SECONDS,
        range_high=RETEST_SECONDS,
        per_side=exercise.dose.per_side,
        side_order=side_order(exercise, weaker),
        tempo=as_hold(exercise).dose.tempo,
        rest_seconds=0,
        cue="Hold as long as your form stays: stop when the hips drop or the pelvis tilts; "
        "log the seconds and any pain.",
        reason="A separate check after the session: moving on to strength work depends on "
        f"this hold, not only on the calendar. {RETEST_SECONDS} seconds is the "
        "physiotherapists' mark for it.",
        seconds=retest_seconds(exercise),
    )


def pairs(
    integration: Sequence[Exercise], drills: Sequence[Exercise]
) -> list[tuple[Exercise, Exercise]]:
    """Pair each strength move with the free drill sharing most patterns, then the easiest."""
    free = list(drills)
    found = []
    for move in sorted(integration, key=lambda e: e.id):
        if not free:
            break
        best = min(free, key=lambda d: (-len(set(d.patterns) & set(move.patterns)), d.level, d.id))
        free.remove(best)
        found.append((best, move))
    return found
