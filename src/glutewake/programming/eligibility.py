"""Which exercises a person can do at all, and which are candidates in a phase, with the reason.

Used by the builder to pick each phase's candidates, and by adaptation and swaps to check that
a replacement still fits the person's choices.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from functools import lru_cache

from glutewake.catalogue.schema import Category, Exercise, Muscle, Pattern, Phase, Role
from glutewake.programming.phases import LEVEL_CAP, ORDER, PAINFUL_SCORE
from glutewake.programming.preferences import Context, Preferences
from glutewake.programming.problem import COVERED_BY, Coverage, Kind
from glutewake.programming.restrictions import restricted
from glutewake.screening.clearance import Restriction
from glutewake.screening.profile import Gate, Profile

WARM_UP_CONTEXT_CAP = 3
# How the program counts exercises left out because the rules stopped them before (``avoid``).
AVOIDED = "stopped earlier by the adaptation rules"
KIND_OF = {
    Category.MOBILITY: Kind.RELEASE,
    Category.ACTIVATION: Kind.DRILL,
    Category.ISOLATION: Kind.DRILL,
    Category.INTEGRATION: Kind.INTEGRATION,
}


def quad_dominant(exercise: Exercise) -> bool:
    primary_quads = any(
        t.muscle is Muscle.QUADRICEPS and t.role is Role.PRIMARY for t in exercise.targets
    )
    return primary_quads or bool({Pattern.SQUAT, Pattern.LUNGE} & set(exercise.patterns))


def in_phase(exercise: Exercise, phase: Phase) -> bool:
    """Mobility fits every phase; integration sessions also draw on activation drills."""
    if exercise.category is Category.MOBILITY or phase in exercise.phases:
        return True
    return phase is Phase.INTEGRATE and KIND_OF[exercise.category] is Kind.DRILL


def level_cap(phase: Phase, profile: Profile, preferences: Preferences) -> int:
    cap = LEVEL_CAP[phase]
    if preferences.context.is_warm_up or preferences.context is Context.DESK_BREAKS:
        cap = min(cap, WARM_UP_CONTEXT_CAP)
    if profile.pain >= PAINFUL_SCORE or profile.gate is Gate.CLEARANCE:
        cap -= 1
    return max(cap, 1)


def usable(
    exercise: Exercise,
    preferences: Preferences,
    restrictions: Collection[Restriction] = (),
    avoid: Mapping[str, str] | None = None,
) -> str | None:
    """Why the person cannot do this exercise at all (a limit of their clearance, stopped by
    the adaptation rules before: ``avoid`` maps an exercise id to why, equipment, floor,
    context), or None."""
    limit = restricted(exercise, restrictions)
    if limit:
        return limit
    if avoid and exercise.id in avoid:
        return f"{AVOIDED}: {avoid[exercise.id]}"
    missing = set(exercise.equipment) - preferences.available_equipment
    if missing:
        return "needs " + ", ".join(sorted(missing))
    if exercise.needs_floor and not preferences.can_floor:
        return "needs the floor"
    if preferences.context is Context.DESK_BREAKS and not exercise.desk_friendly:
        return "not desk-friendly"
    return None


def exclusion(
    exercise: Exercise,
    phase: Phase,
    preferences: Preferences,
    cap: int,
    restrictions: Collection[Restriction] = (),
    avoid: Mapping[str, str] | None = None,
) -> str | None:
    """Why this exercise is not a candidate in this phase, or None when it is."""
    return usable(exercise, preferences, restrictions, avoid) or phase_exclusion(
        exercise, phase, cap
    )


def phase_exclusion(exercise: Exercise, phase: Phase, cap: int) -> str | None:
    """Why an exercise the person can do is not a candidate in this phase, or None."""
    if exercise.level > cap:
        return f"level {exercise.level} is above the phase's cap of {cap}"
    if not in_phase(exercise, phase):
        return f"not for the {phase.value} phase"
    if phase is Phase.WAKE_UP and quad_dominant(exercise):
        return "quad-dominant: not used to wake the glutes"
    if (
        phase is Phase.BUILD
        and exercise.category is Category.INTEGRATION
        and quad_dominant(exercise)
    ):
        return "quad-dominant compound move: kept for the integrate phase"
    return None


def covers(exercise: Exercise) -> frozenset[Coverage]:
    return _covered_by(tuple(exercise.patterns))


@lru_cache(maxsize=256)  # far more than the pattern lists of a catalogue
def _covered_by(patterns: tuple[Pattern, ...]) -> frozenset[Coverage]:
    return frozenset(group for group, needed in COVERED_BY.items() if needed & set(patterns))


def eligible(
    exercises: Iterable[Exercise],
    phase: Phase,
    profile: Profile,
    preferences: Preferences,
    done_before: frozenset[str] = frozenset(),
    restrictions: Collection[Restriction] = (),
    avoid: Mapping[str, str] | None = None,
    unusable: Mapping[str, str | None] | None = None,
    out_of_phase: Mapping[str, str | None] | None = None,
) -> tuple[list[Exercise], dict[str, int]]:
    """This phase's exercises, plus earlier phases' ones for a group it cannot cover, and how
    many were left out for each reason; ``unusable``, when given, is ``usable`` of every
    exercise for these preferences, limits and ``avoid`` (worked out once for all phases), and
    ``out_of_phase`` is ``phase_exclusion`` of every exercise for this phase and level cap.

    An exercise whose prerequisite was not done before and cannot be done alongside it is
    left out: it could never be chosen.
    """
    cap = level_cap(phase, profile, preferences)
    found, excluded, carried = [], Counter[str](), []
    earlier = set(ORDER[: ORDER.index(phase)])
    for exercise in sorted(exercises, key=lambda e: e.id):
        reason = (
            unusable[exercise.id]
            if unusable is not None
            else usable(exercise, preferences, restrictions, avoid)
        ) or (
            out_of_phase[exercise.id]
            if out_of_phase is not None
            else phase_exclusion(exercise, phase, cap)
        )
        if reason is None:
            found.append(exercise)
        elif reason.startswith("not for the") and earlier & set(exercise.phases):
            carried.append(exercise)
        else:
            excluded[reason.split(":")[0]] += 1
    found = _reachable(found, done_before, excluded)
    missing = set(Coverage) - {group for e in found for group in covers(e)}
    useful = [e for e in carried if covers(e) & missing]
    if len(carried) > len(useful):
        excluded[f"not for the {phase.value} phase"] += len(carried) - len(useful)
    found = _reachable(found + useful, done_before, excluded)
    return sorted(found, key=lambda e: e.id), dict(sorted(excluded.items()))


def _reachable(
    exercises: list[Exercise], done_before: frozenset[str], excluded: Counter[str]
) -> list[Exercise]:
    """Drop, until none is left to drop, exercises whose prerequisites cannot be met."""
    kept = list(exercises)
    while True:
        ids = {e.id for e in kept} | done_before
        blocked = [
            e for e in kept if any(p.exercise and p.exercise not in ids for p in e.prerequisites)
        ]
        if not blocked:
            return kept
        excluded["prerequisite out of reach"] += len(blocked)
        out = {e.id for e in blocked}
        kept = [e for e in kept if e.id not in out]
