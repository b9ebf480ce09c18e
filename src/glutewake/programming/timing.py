"""How long an exercise takes in a session. Every constant is a glutewake default (not a
published figure) and is listed in docs/programming.md.

One set of ``reps`` takes ``reps x (lowering + pause + lifting)`` seconds from the tempo. One
hold takes ``into the hold + hold + out of the hold`` (the tempo's first and last numbers). One
set of ``steps`` (each way) takes ``2 x steps x sum(tempo)``. A per-side exercise does each set
on both sides with a side change between; the weaker side gets one extra set at the end. Rest
follows every set but the last. Each exercise adds a transition, and a setup if it needs
equipment other than a wall or a chair.
"""

from __future__ import annotations

from dataclasses import dataclass

from glutewake.catalogue.schema import Dose, Equipment, Exercise

SIDE_CHANGE_SECONDS = 10
TRANSITION_SECONDS = 30
SETUP_SECONDS = 30
NO_SETUP = frozenset({Equipment.WALL, Equipment.CHAIR})


def side_seconds(dose: Dose, target: int) -> int:
    """Work time of one set on one side at ``target`` reps, seconds or steps."""
    lowering, pause, lifting = dose.tempo_seconds
    if dose.measure == "hold_seconds":
        return lowering + target + lifting
    per_rep = lowering + pause + lifting
    if dose.measure == "steps":
        return 2 * target * per_rep
    return target * per_rep


@dataclass(frozen=True)
class TimeCost:
    """Seconds of one exercise as ``fixed + per_set x sets`` (linear, for the solver)."""

    fixed: int
    per_set: int

    def seconds(self, sets: int) -> int:
        return self.fixed + self.per_set * sets if sets > 0 else 0


def time_cost(exercise: Exercise, target: int, weaker_side_extra: bool) -> TimeCost:
    """The time of ``sets`` sets at ``target``, with the weaker side's extra set if asked."""
    dose = exercise.dose
    work = side_seconds(dose, target)
    setup = SETUP_SECONDS if set(exercise.equipment) - NO_SETUP else 0
    per_set = (2 * work + SIDE_CHANGE_SECONDS if dose.per_side else work) + dose.rest_seconds
    extra = work + dose.rest_seconds if dose.per_side and weaker_side_extra else 0
    # The last set needs no rest after it, hence "- rest".
    return TimeCost(TRANSITION_SECONDS + setup + extra - dose.rest_seconds, per_set)


def budget_cost(exercise: Exercise, weaker_side_extra: bool) -> TimeCost:
    """The cost at the top of the dose range: what the calendar may reach within a phase."""
    return time_cost(exercise, exercise.dose.target.high, weaker_side_extra)
