"""Which micro-break to offer: a standing, desk-friendly exercise with a dose under two minutes.

Pure: the catalogue's fields decide what qualifies (``desk_friendly``, standing, nothing but a
wall or a chair, a dose that fits in two minutes), and the week's history decides the
rotation. Each offer prefers an exercise that trains a movement pattern not yet done this
week, so every pattern the desk exercises cover is done within as many breaks as there are
patterns (when each is done); then exercises from the person's program; then the one offered longest ago.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from datetime import date, timedelta

from pydantic import BaseModel, ConfigDict

from glutewake.catalogue.schema import Dose, Equipment, Exercise, Pattern, Position
from glutewake.errors import NotFoundError

MAX_BREAK_SECONDS = 120  # "each under two minutes" (issue #6)
DESK_EQUIPMENT = frozenset({Equipment.WALL, Equipment.CHAIR})


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class MicroDose(_Frozen):
    """The catalogue dose cut to fit a micro-break: fewer sets, the low end of the range."""

    sets: int
    target: int
    measure: str  # "reps", "hold_seconds" or "steps", as in the catalogue
    per_side: bool
    rest_seconds: int
    seconds: int

    def describe(self) -> str:
        unit = {"reps": "reps", "hold_seconds": "s hold", "steps": "steps each way"}[self.measure]
        side = " per side" if self.per_side else ""
        return f"{self.sets} x {self.target} {unit}{side}"


class MicroBreak(_Frozen):
    """One offer: the exercise, its short dose and the steps to show."""

    exercise_id: str
    name: str
    patterns: tuple[Pattern, ...]
    dose: MicroDose
    steps: tuple[str, ...]

    @property
    def seconds(self) -> int:
        return self.dose.seconds


class Offer(_Frozen):
    """A break offered earlier this week, and whether the person did it."""

    exercise_id: str
    done: bool


def _set_seconds(dose: Dose, target: int) -> int:
    work = target if dose.hold_seconds is not None else target * sum(dose.tempo_seconds)
    return work * (2 if dose.per_side else 1)


def micro_dose(dose: Dose) -> MicroDose | None:
    """The most sets of the dose's low target that fit under two minutes, or None."""
    target = dose.target.low
    one_set = _set_seconds(dose, target)
    for sets in range(dose.sets, 0, -1):
        seconds = sets * one_set + (sets - 1) * dose.rest_seconds
        if seconds < MAX_BREAK_SECONDS:
            return MicroDose(
                sets=sets,
                target=target,
                measure=dose.measure,
                per_side=dose.per_side,
                rest_seconds=dose.rest_seconds,
                seconds=seconds,
            )
    return None


def as_micro_break(exercise: Exercise) -> MicroBreak | None:
    """The exercise as a micro-break, or None when it does not qualify."""
    if not exercise.desk_friendly or exercise.position is not Position.STANDING:
        return None
    if not set(exercise.equipment) <= DESK_EQUIPMENT:
        return None
    dose = micro_dose(exercise.dose)
    if dose is None:
        return None
    return MicroBreak(
        exercise_id=exercise.id,
        name=exercise.name,
        patterns=tuple(exercise.patterns),
        dose=dose,
        steps=tuple(exercise.steps),
    )


def micro_breaks(exercises: Iterable[Exercise]) -> list[MicroBreak]:
    """Every exercise that qualifies, in catalogue order."""
    return [offer for e in exercises if (offer := as_micro_break(e)) is not None]


def week_start(day: date) -> date:
    """The Monday of ``day``'s week: the rotation restarts each week."""
    return day - timedelta(days=day.weekday())


def choose_break(
    candidates: Sequence[MicroBreak],
    history: Sequence[Offer],
    program_ids: Collection[str] = (),
) -> MicroBreak:
    """The next micro-break, given this week's offers (oldest first) and the program's ids."""
    if not candidates:
        raise NotFoundError(
            "No exercise in the catalogue qualifies as a desk micro-break.",
            hint="Desk breaks need standing, desk-friendly exercises with a short dose.",
        )
    by_id = {c.exercise_id: c for c in candidates}
    covered = {
        p
        for offer in history
        if offer.done and offer.exercise_id in by_id
        for p in by_id[offer.exercise_id].patterns
    }
    last_offered = {offer.exercise_id: index for index, offer in enumerate(history)}

    def preference(candidate: MicroBreak) -> tuple[int, bool, int, str]:
        new_patterns = len(set(candidate.patterns) - covered)
        return (
            -new_patterns,
            candidate.exercise_id not in program_ids,
            last_offered.get(candidate.exercise_id, -1),
            candidate.exercise_id,
        )

    return min(candidates, key=preference)
