"""The limits a professional set when clearing someone, applied to the catalogue's exercises.

The catalogue has no impact or load field, so each limit is a rule over the fields it has
(docs/programming.md, "Limits from a clearance"):

- ``NO_HIGH_IMPACT``: the exercise is a hop, jump or landing by its own name, aliases or
  summary (the words it is described by, not its fault cues);
- ``NO_HEAVY_LOADING``: the exercise loads the body with a free weight or a loaded belt
  (barbell, dumbbell, kettlebell, dip belt). Bands and cables are not counted.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

from glutewake.catalogue.schema import Equipment, Exercise
from glutewake.screening.clearance import Restriction

IMPACT_WORDS = re.compile(
    r"\b(hop|hops|hopping|jump|jumps|jumping|land|lands|landing|landings|bound|bounds|"
    r"bounding|plyometric|plyometrics)\b",
    re.IGNORECASE,
)
LOADING_EQUIPMENT = frozenset(
    {Equipment.BARBELL, Equipment.DUMBBELL, Equipment.KETTLEBELL, Equipment.DIP_BELT}
)


def high_impact(exercise: Exercise) -> bool:
    """A hop, jump or landing, as the exercise's name, aliases or summary describe it."""
    return any(
        IMPACT_WORDS.search(text) for text in (exercise.name, exercise.summary, *exercise.aliases)
    )


def heavy_loads(exercise: Exercise) -> tuple[Equipment, ...]:
    """The free weights and loaded belts the exercise uses (none: not heavily loaded)."""
    return tuple(sorted(set(exercise.equipment) & LOADING_EQUIPMENT))


def limit_key(restriction: Restriction) -> str:
    """How a limit is named where the program counts what it left out."""
    label = restriction.label
    return f"{label[0].lower()}{label[1:]}, a limit of your clearance"


def restricted(exercise: Exercise, restrictions: Collection[Restriction]) -> str | None:
    """Which of the clearance's limits leaves this exercise out, and why; or None."""
    if Restriction.NO_HIGH_IMPACT in restrictions and high_impact(exercise):
        return f"{limit_key(Restriction.NO_HIGH_IMPACT)}: a hop, jump or landing"
    loads = heavy_loads(exercise) if Restriction.NO_HEAVY_LOADING in restrictions else ()
    if loads:
        used = ", ".join(load.value for load in loads)
        return f"{limit_key(Restriction.NO_HEAVY_LOADING)}: loaded with {used}"
    return None


def left_out_by(restriction: Restriction, exercises: Iterable[Exercise]) -> list[Exercise]:
    """The exercises one limit leaves out, by name."""
    return sorted(
        (e for e in exercises if restricted(e, (restriction,)) is not None),
        key=lambda e: e.name,
    )
