"""How much of each weak component an exercise trains: an evidence-weighted, explained score.

Published EMG figures are only compared within one study (studies normalise differently; see
docs/evidence/SOURCES.md): within each study and muscle, the catalogue's measured exercises are
ranked and an exercise's score is its rank percentile, averaged over the studies that measured
it. Where no study with at least two measured exercises exists, the catalogue's declared role
stands in. docs/programming.md explains and justifies the weights.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from glutewake.catalogue.catalogue import Catalogue, study_name
from glutewake.catalogue.schema import Exercise, Muscle, Pattern, Role
from glutewake.screening.profile import Compensation, Component, Profile

# Components the program trains, the evidence muscle name and the catalogue muscles behind each.
TRAINED: dict[Component, tuple[str | None, frozenset[Muscle]]] = {
    Component.GLUTE_MAX: ("gluteus maximus", frozenset({Muscle.GLUTEUS_MAXIMUS})),
    Component.GLUTE_MED: (
        "gluteus medius",
        frozenset({Muscle.GLUTEUS_MEDIUS, Muscle.GLUTEUS_MINIMUS}),
    ),
    Component.HIP_FLEXORS: (None, frozenset({Muscle.HIP_FLEXORS})),
}
# An unmeasured primary mover is assumed to sit at the median of measured exercises.
ROLE_SCORE = {Role.PRIMARY: 0.5, Role.SECONDARY: 0.25}
# Needs: everyone gets some glute work; the screening scores (0-100) add the rest.
NEED_FLOOR = 0.25
# A muscle that takes over from the glutes (screening's compensation) makes an exercise that
# loads it worth less: primary target x (1 - 0.5 * score/100), secondary x (1 - 0.25 * score/100).
COMPENSATION_PENALTY = {Role.PRIMARY: 0.5, Role.SECONDARY: 0.25}
COMPENSATING_MUSCLE = {
    Compensation.HAMSTRING: Muscle.HAMSTRINGS,
    Compensation.BACK: Muscle.LOWER_BACK,
    Compensation.QUAD: Muscle.QUADRICEPS,
}
VALUE_SCALE = 1000  # objective points per unit of need-weighted stimulus (integers for CP-SAT)
RELEASE_PATTERNS = frozenset({Pattern.HIP_FLEXOR_LENGTH, Pattern.SOFT_TISSUE})


@dataclass(frozen=True)
class Basis:
    """One component's score for one exercise, and what it rests on."""

    score: float
    source: str  # "evidence", "role" or "none"
    detail: str


@dataclass(frozen=True)
class _Measure:
    exercise_id: str
    value: float


def _study_groups(exercises: tuple[Exercise, ...]) -> dict[tuple[str, str], list[_Measure]]:
    """(study, muscle as named) -> the best figure of each catalogue exercise it measured."""
    best: dict[tuple[str, str], dict[str, float]] = defaultdict(dict)
    for exercise in exercises:
        for entry in exercise.evidence:
            group = best[(entry.study, entry.muscle)]
            group[exercise.id] = max(group.get(exercise.id, 0.0), entry.mean_mvic)
    return {
        key: [_Measure(exercise_id, value) for exercise_id, value in sorted(values.items())]
        for key, values in best.items()
    }


def _percentile(value: float, group: list[_Measure]) -> float:
    """Mid-rank percentile in (0, 1]: the highest measured exercise scores 1."""
    below = sum(1 for m in group if m.value < value)
    equal = sum(1 for m in group if m.value == value)
    return (below + (equal + 1) / 2) / len(group)


def _role_basis(exercise: Exercise, muscles: frozenset[Muscle]) -> Basis:
    roles = [t.role for t in exercise.targets if t.muscle in muscles]
    if not roles:
        return Basis(0.0, "none", "does not target it")
    role = Role.PRIMARY if Role.PRIMARY in roles else Role.SECONDARY
    target = "a main" if role is Role.PRIMARY else "a secondary"
    return Basis(ROLE_SCORE[role], "role", f"{target} target of it; no study ranks it")


def ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th ... 11th, 12th, 13th ... 21st."""
    ending = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{ending}"


class StimulusTable:
    """Scores of every exercise of a catalogue for every trained component."""

    def __init__(self, catalogue: Catalogue) -> None:
        groups = _study_groups(catalogue.exercises)
        self._scores: dict[str, dict[Component, Basis]] = {
            exercise.id: {
                component: self._basis(exercise, component, groups) for component in TRAINED
            }
            for exercise in catalogue.exercises
        }

    @staticmethod
    def _basis(
        exercise: Exercise,
        component: Component,
        groups: Mapping[tuple[str, str], list[_Measure]],
    ) -> Basis:
        evidence_name, muscles = TRAINED[component]
        if component is Component.HIP_FLEXORS and not RELEASE_PATTERNS & set(exercise.patterns):
            return Basis(0.0, "none", "not a hip-flexor release")
        ranks: list[tuple[float, str]] = []
        for (study, muscle), group in sorted(groups.items()):
            if evidence_name is None or evidence_name not in muscle.lower() or len(group) < 2:
                continue
            mine = [m for m in group if m.exercise_id == exercise.id]
            if mine:
                order = sorted((m.value for m in group), reverse=True).index(mine[0].value) + 1
                ranks.append(
                    (
                        _percentile(mine[0].value, group),
                        f"{mine[0].value:g}% of a maximal contraction of the {muscle}, "
                        f"{ordinal(order)} of {len(group)} exercises in {study_name(study)}",
                    )
                )
        if not ranks:
            return _role_basis(exercise, muscles)
        score = sum(rank for rank, _ in ranks) / len(ranks)
        return Basis(score, "evidence", "; ".join(text for _, text in ranks))

    def basis(self, exercise_id: str, component: Component) -> Basis:
        return self._scores[exercise_id][component]

    def score(self, exercise_id: str, component: Component) -> float:
        return self._scores[exercise_id][component].score


def needs(profile: Profile) -> dict[Component, float]:
    """How much each component needs training, 0-1, from the screening scores."""
    glute = 1 - NEED_FLOOR
    return {
        Component.GLUTE_MAX: NEED_FLOOR + glute * profile.glute_max.worst / 100,
        Component.GLUTE_MED: NEED_FLOOR + glute * profile.glute_med.worst / 100,
        Component.HIP_FLEXORS: max(profile.hip_flexors.worst, profile.pelvic_tilt) / 100,
    }


def compensation_factor(exercise: Exercise, profile: Profile) -> float:
    muscle = COMPENSATING_MUSCLE.get(profile.compensation)
    roles = [t.role for t in exercise.targets if t.muscle is muscle]
    if not roles:
        return 1.0
    role = Role.PRIMARY if Role.PRIMARY in roles else Role.SECONDARY
    return 1 - COMPENSATION_PENALTY[role] * profile.compensation_score / 100


def value_per_set(
    exercise: Exercise, table: StimulusTable, need: Mapping[Component, float], profile: Profile
) -> int:
    """Objective points one set of this exercise earns for this person."""
    stimulus = sum(need[c] * table.score(exercise.id, c) for c in TRAINED)
    return round(VALUE_SCALE * stimulus * compensation_factor(exercise, profile))
