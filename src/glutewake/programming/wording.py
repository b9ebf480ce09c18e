"""Cues and item reasons, written once per catalogue and reused for every week and person.

A reason depends only on the exercise, its sets, the phase (its eligible count and whether
it lengthens tight hip flexors) and the person's needs as words (``need_word``): that is the
key, so a cached text is always the one ``item_reason`` would write.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from glutewake.catalogue.schema import Exercise, Phase
from glutewake.programming.cues import default_cue
from glutewake.programming.explanation import item_reason, need_word
from glutewake.programming.phase_plan import PhasePlan
from glutewake.programming.stimulus import TRAINED, StimulusTable
from glutewake.screening.profile import Compensation, Component

# Enough for every exercise, dose and phase of many people; cleared when full, so a
# long-running server's memory stays bounded.
MAX_REASONS = 20_000

ReasonKey = tuple[str, int, Phase, bool, int, tuple[str, ...]]


@dataclass
class Wording:
    """The words of one catalogue's items (its stimulus table gives the evidence)."""

    table: StimulusTable
    _cues: dict[tuple[str, Compensation], str] = field(default_factory=dict)
    _reasons: dict[ReasonKey, str] = field(default_factory=dict)

    def cue(self, exercise: Exercise, compensation: Compensation) -> str:
        key = (exercise.id, compensation)
        if key not in self._cues:
            self._cues[key] = default_cue(exercise, compensation)
        return self._cues[key]

    def reason(
        self, exercise: Exercise, sets: int, plan: PhasePlan, need: Mapping[Component, float]
    ) -> str:
        key = reason_key(exercise, sets, plan, need)
        found = self._reasons.get(key)
        if found is None:
            if len(self._reasons) >= MAX_REASONS:
                self._reasons.clear()
            found = self._reasons[key] = item_reason(exercise, sets, plan, need, self.table)
        return found


def reason_key(
    exercise: Exercise, sets: int, plan: PhasePlan, need: Mapping[Component, float]
) -> ReasonKey:
    """Everything ``item_reason`` reads."""
    return (
        exercise.id,
        sets,
        plan.phase,
        plan.problem.need_release,
        plan.eligible,
        tuple(need_word(need[c]) for c in TRAINED),
    )
