"""Which cue to give: the fix for where the person feels it, else drive through the heels."""

from __future__ import annotations

from glutewake.catalogue.schema import Exercise, Region
from glutewake.screening.profile import Compensation
from glutewake.tracking.log import Felt

COMPENSATION_REGION = {
    Compensation.HAMSTRING: Region.HAMSTRINGS,
    Compensation.BACK: Region.LOWER_BACK,
    Compensation.QUAD: Region.QUADRICEPS,
}
FELT_REGION = {
    Felt.HAMSTRINGS: Region.HAMSTRINGS,
    Felt.LOWER_BACK: Region.LOWER_BACK,
    Felt.QUADRICEPS: Region.QUADRICEPS,
    Felt.NOWHERE: Region.NOWHERE,
}


def fault_cue(exercise: Exercise, region: Region) -> str | None:
    """The cue of the fault that makes this exercise felt in ``region``."""
    return next((f.cue for f in exercise.common_faults if f.felt_in is region), None)


def heel_cue(exercise: Exercise) -> str | None:
    """The seeds' drive-through-the-heels cue, where this exercise's own text uses it."""
    texts = [f.cue for f in exercise.common_faults] + exercise.coach_tips + exercise.steps
    return next((text for text in texts if "heel" in text.lower()), None)


def default_cue(exercise: Exercise, compensation: Compensation) -> str:
    region = COMPENSATION_REGION.get(compensation)
    own = fault_cue(exercise, region) if region else None
    fallbacks = [f.cue for f in exercise.common_faults] + exercise.coach_tips + exercise.steps
    return own or heel_cue(exercise) or fallbacks[0]


def cue_for_felt(exercise: Exercise, felt: Felt) -> str:
    """The fix when a set was felt in ``felt`` instead of the glutes."""
    region = FELT_REGION.get(felt)
    own = fault_cue(exercise, region) if region else None
    return own or heel_cue(exercise) or (exercise.coach_tips + exercise.steps)[0]
