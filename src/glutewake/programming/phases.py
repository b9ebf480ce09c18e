"""Phases on the calendar and the criteria that gate moving on, as inspectable rule data.

The calendar proposes when each phase starts; the gate decides. A gate's criteria are plain
data (kind and thresholds); ``evaluate`` says for each one whether it is met and why, so the
person and a coach see which criterion is still open.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from glutewake.catalogue.schema import Phase
from glutewake.screening.profile import Profile, Side
from glutewake.tracking.log import SetLog

ORDER = (Phase.WAKE_UP, Phase.BUILD, Phase.INTEGRATE)
# A glute score at or above this (0-100) earns a second wake-up week when the program has room.
SEVERE_GLUTE_SCORE = 60
# The hardest level each phase may use (catalogue levels 1-5); lowered by one for pain or a
# clearance, capped at 3 when sessions are warm-ups or desk breaks.
LEVEL_CAP = {Phase.WAKE_UP: 2, Phase.BUILD: 3, Phase.INTEGRATE: 4}
PAINFUL_SCORE = 50
# Re-test of the build -> integrate gate, best first, with the source of its 30 s threshold.
RETESTS = (
    (
        "single-leg-glute-bridge",
        "self_tests.md section 5: single-leg bridge endurance, 30 s norm (The Prehab Guys; "
        "APTEI's figure for walkers)",
    ),
    (
        "single-leg-standing",
        "self_tests.md section 2: 30-second single-leg stance (Grimaldi variant)",
    ),
)
RETEST_SECONDS = 30


def calendar(weeks: int, profile: Profile) -> tuple[Phase, ...]:
    """The planned phase of each week: wake-up 1-2, build 2, integrate the rest (1-3)."""
    severe = max(profile.glute_max.worst, profile.glute_med.worst) >= SEVERE_GLUTE_SCORE
    wake = 2 if severe and weeks >= 5 else 1
    build = 2
    return (
        (Phase.WAKE_UP,) * wake
        + (Phase.BUILD,) * build
        + (Phase.INTEGRATE,) * (weeks - wake - build)
    )


class _Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CriterionStatus(_Rule):
    id: str
    text: str
    met: bool
    why: str


def _recent(logs: Sequence[SetLog], today: date, days: int) -> list[SetLog]:
    since = today - timedelta(days=days - 1)
    return [log for log in logs if since <= log.day <= today]


class GlutesFelt(_Rule):
    """Most recent sets felt in their working glute (``SetLog.felt_in_glutes``: a one-sided
    set counts only when felt in the glute of its side), over the sets with a felt answer."""

    kind: Literal["glutes-felt"] = "glutes-felt"
    min_share: float = 0.5
    days: int = 7
    min_sets: int = 6

    @property
    def text(self) -> str:
        return (
            f"Felt in the glutes on more than {self.min_share:.0%} of the sets of the last "
            f"{self.days} days (at least {self.min_sets} sets with where you felt them)"
        )

    def evaluate(self, logs: Sequence[SetLog], today: date) -> CriterionStatus:
        recent = [log for log in _recent(logs, today, self.days) if log.felt is not None]
        in_glutes = sum(1 for log in recent if log.felt_in_glutes)
        if len(recent) < self.min_sets:
            return self._status(
                False, f"only {len(recent)} of {self.min_sets} sets say where they were felt"
            )
        share = in_glutes / len(recent)
        met = share > self.min_share
        return self._status(met, f"{in_glutes} of {len(recent)} sets in the glutes ({share:.0%})")

    def _status(self, met: bool, why: str) -> CriterionStatus:
        return CriterionStatus(id=self.kind, text=self.text, met=met, why=why)


class PainCeiling(_Rule):
    kind: Literal["pain-ceiling"] = "pain-ceiling"
    max_pain: int = 2
    days: int = 7

    @property
    def text(self) -> str:
        return f"Pain at most {self.max_pain}/10 on every set of the last {self.days} days"

    def evaluate(self, logs: Sequence[SetLog], today: date) -> CriterionStatus:
        recent = _recent(logs, today, self.days)
        answered = [log.pain for log in recent if log.pain is not None]
        worst = max(answered, default=0)
        met = worst <= self.max_pain
        if answered:
            why = f"highest pain {worst}/10"
        else:  # sets done as planned, no pain reported
            why = "no pain reported" if recent else "no sets logged yet"
        return CriterionStatus(id=self.kind, text=self.text, met=met and bool(recent), why=why)


class HoldRetest(_Rule):
    kind: Literal["hold-retest"] = "hold-retest"
    exercise_id: str
    seconds: int = RETEST_SECONDS
    max_pain: int = 2
    each_side: bool = True
    source: str

    @property
    def text(self) -> str:
        sides = " on each side" if self.each_side else ""
        name = self.exercise_id.replace("-", " ")
        return (
            f"Re-test: hold the {name} for {self.seconds} s{sides} with pain at most "
            f"{self.max_pain}/10"
        )

    def evaluate(self, logs: Sequence[SetLog], today: date) -> CriterionStatus:
        attempts = [log for log in logs if log.exercise_id == self.exercise_id and log.day <= today]
        sides: tuple[Side | None, ...] = (Side.LEFT, Side.RIGHT) if self.each_side else (None,)
        results = []
        for side in sides:
            mine = [log for log in attempts if side is None or log.side is side]
            if not mine:
                results.append((False, f"{side.value if side else 'no'} side not tested yet"))
                continue
            last = max(mine, key=lambda log: (log.day, log.logged_at))
            held = last.hold_seconds or 0
            ok = held >= self.seconds and (last.pain is None or last.pain <= self.max_pain)
            label = side.value if side else "hold"
            pain = "no pain reported" if last.pain is None else f"pain {last.pain}/10"
            results.append((ok, f"{label}: {held} s, {pain}"))
        met = all(ok for ok, _ in results)
        why = "; ".join(text for _, text in results)
        return CriterionStatus(id=self.kind, text=self.text, met=met, why=why)


Criterion = Annotated[GlutesFelt | PainCeiling | HoldRetest, Field(discriminator="kind")]


class GateStatus(_Rule):
    to_phase: Phase
    criteria: tuple[CriterionStatus, ...]

    @property
    def met(self) -> bool:
        return all(c.met for c in self.criteria)

    @property
    def open(self) -> tuple[CriterionStatus, ...]:
        return tuple(c for c in self.criteria if not c.met)


class Gate(_Rule):
    """What must be true to move from ``from_phase`` to ``to_phase``."""

    from_phase: Phase
    to_phase: Phase
    criteria: tuple[Criterion, ...]

    def evaluate(self, logs: Sequence[SetLog], today: date) -> GateStatus:
        return GateStatus(
            to_phase=self.to_phase,
            criteria=tuple(c.evaluate(logs, today) for c in self.criteria),
        )


def gates(phases: Sequence[Phase], retest: tuple[str, str] | None) -> tuple[Gate, ...]:
    """The gates between the phases the program uses."""
    used = [phase for phase in ORDER if phase in phases]
    result = []
    for before, after in itertools.pairwise(used):
        criteria: list[Criterion] = [GlutesFelt(), PainCeiling()]
        if after is Phase.INTEGRATE and retest is not None:
            exercise_id, source = retest
            criteria.append(HoldRetest(exercise_id=exercise_id, source=source))
        result.append(Gate(from_phase=before, to_phase=after, criteria=tuple(criteria)))
    return tuple(result)
