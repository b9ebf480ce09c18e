"""Adaptation rules as data: a condition over one exercise's logged sets, the actions it
takes on its first, second... firing, the dose step, and the reason text.

Like wger's progression rules (a rule is a row of data, not code), but pure: no ORM, no I/O.
Thresholds are glutewake defaults unless a source is named (docs/programming.md lists them).
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from glutewake.tracking.log import Felt, SetLog


class Action(StrEnum):
    CUE = "cue"  # give the cue that fixes where it was felt
    REGRESS = "regress"  # swap for an easier version (the catalogue's regressions)
    DOSE_UP = "dose-up"  # more reps, seconds or steps, up to the cap
    PROGRESS = "progress"  # swap for a harder version (the catalogue's progressions)
    STOP = "stop"  # stop the exercise (pain), with its regression if one fits
    ADVISE = "advise-professional"
    SLIDE = "slide"  # missed sessions move the calendar
    HOLD = "hold-phase"  # a gate is still open: repeat the phase's last week
    ADVANCE = "advance-phase"  # every gate criterion is met: the next phase starts


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Firing(_Data):
    """A condition that held on ``day``, with the details the reason text needs."""

    day: date
    details: dict[str, str]


def _by_day(logs: Sequence[SetLog]) -> list[tuple[date, list[SetLog]]]:
    days: dict[date, list[SetLog]] = {}
    for log in sorted(logs, key=lambda log: (log.day, log.logged_at, log.set_number)):
        days.setdefault(log.day, []).append(log)
    return list(days.items())


class PainCondition(_Data):
    """Pain of ``at_least``/10 on a set, or each day's worst pain rising over ``rising_days``
    training days in a row, up to at least ``rising_to``.

    Only answered pain counts: a set without a pain answer is unknown, not "no pain", so it
    neither raises nor lowers a day's worst, and a day without any pain answer is left out of
    the rising days (it can neither start nor break a rise)."""

    kind: Literal["pain"] = "pain"
    at_least: int = 4
    rising_days: int = 3
    rising_to: int = 2

    def check(self, logs: Sequence[SetLog], after: date | None) -> Firing | None:
        days = _by_day(logs)
        if not days or (after is not None and days[-1][0] <= after):
            return None
        day = days[-1][0]
        pains = [[log.pain for log in sets if log.pain is not None] for _, sets in days]
        if not pains[-1]:
            return None
        worst = [max(answered) for answered in pains if answered]
        if worst[-1] >= self.at_least:
            return Firing(day=day, details={"pain": f"pain {worst[-1]}/10"})
        tail = worst[-self.rising_days :]
        rising = len(tail) == self.rising_days and all(a < b for a, b in itertools.pairwise(tail))
        if rising and tail[-1] >= self.rising_to:
            text = "pain rising " + " -> ".join(f"{p}/10" for p in tail) + " over training days"
            return Firing(day=day, details={"pain": text})
        return None


class FeltElsewhere(_Data):
    """On the last day, more than ``share`` of the sets with a felt answer were not felt in
    the working glute (a left-side set felt only in the right glute counts as felt elsewhere).
    A set without a felt answer counts neither way; a day without any does not fire."""

    kind: Literal["felt-elsewhere"] = "felt-elsewhere"
    share: float = 0.5

    def check(self, logs: Sequence[SetLog], after: date | None) -> Firing | None:
        days = _by_day(logs)
        if not days:
            return None
        day, all_sets = days[-1]
        if after is not None and day <= after:
            return None
        sets = [log for log in all_sets if log.felt is not None]
        elsewhere = [log for log in sets if log.felt_in_glutes is False]
        if not sets or len(elsewhere) <= self.share * len(sets):
            return None
        places = Counter(
            f for log in elsewhere for f in log.felt or () if not f.in_working_glute(log.side)
        )
        where = min(places, key=lambda f: (-places[f], f.value)) if places else Felt.NOWHERE
        details = {"felt": where.value, "count": f"{len(elsewhere)} of {len(sets)}"}
        felt_side = where.glute_side
        if felt_side is None:
            return Firing(day=day, details={**details, "where": where.value, "instead": "glutes"})
        # Only a one-sided set can be felt in the other glute.
        working = {log.side.value for log in elsewhere if where in (log.felt or ()) and log.side}
        instead = f"{working.pop()} glute" if len(working) == 1 else "working side's glute"
        return Firing(
            day=day, details={**details, "where": f"{felt_side.value} glute", "instead": instead}
        )


class EasyInGlutes(_Data):
    """The last ``days`` training days: every set reached that day's target, every answer
    given was easy (felt in its working glute, effort at most ``max_effort``/10, pain at most
    ``max_pain``/10), and at least one set of those days was answered as felt in its working
    glute. A set without answers at its target was done as planned: it does not hold the
    dose back, but on its own it does not show the glutes did the work."""

    kind: Literal["easy-in-glutes"] = "easy-in-glutes"
    days: int = 2
    max_effort: int = 6
    max_pain: int = 1

    def check(
        self, logs: Sequence[SetLog], after: date | None, targets: Mapping[date, int]
    ) -> Firing | None:
        """``targets`` holds the prescribed target of the days a session was done."""
        recent = [(d, s) for d, s in _by_day(logs) if after is None or d > after][-self.days :]
        if len(recent) < self.days:
            return None
        reached = []
        for day, sets in recent:
            target = targets.get(day, 0)
            for log in sets:
                done = log.reps if log.reps is not None else log.hold_seconds or 0
                if done < target or not self._easy(log):
                    return None
            reached.append(min(log.reps or log.hold_seconds or 0 for log in sets))
        if not any(log.felt_in_glutes for _, sets in recent for log in sets):
            return None
        return Firing(
            day=recent[-1][0], details={"days": str(self.days), "done": str(min(reached))}
        )

    def _easy(self, log: SetLog) -> bool:
        """No answer says otherwise: an unanswered value is unknown, not hard."""
        return (
            log.felt_in_glutes is not False
            and (log.effort is None or log.effort <= self.max_effort)
            and (log.pain is None or log.pain <= self.max_pain)
        )


Condition = Annotated[PainCondition | FeltElsewhere | EasyInGlutes, Field(discriminator="kind")]


class Rule(_Data):
    """``actions[n]`` is taken on the (n+1)-th firing for the same exercise (the last repeats);
    after ``advise_after`` firings across the program, a professional is advised too."""

    id: str
    condition: Condition
    actions: tuple[Action, ...]
    advise_after: int | None = None
    glute_work_only: bool = True  # stretches and rolling are not judged by glute feel or ease
    reason: str  # a template over the firing's details and {exercise}


class DoseStep(_Data):
    """How much one dose-up adds, and its cap (holds up to 60 s per issue #4)."""

    reps: int = 2
    steps: int = 2
    hold_seconds: int = 5
    hold_cap: int = 60


RULES: tuple[Rule, ...] = (
    Rule(
        id="pain",
        condition=PainCondition(),
        actions=(Action.STOP,),
        advise_after=2,
        glute_work_only=False,
        reason="{pain} on {exercise}: stop it and use an easier version.",
    ),
    Rule(
        id="felt-elsewhere",
        condition=FeltElsewhere(),
        actions=(Action.CUE, Action.REGRESS),
        reason="{exercise} was felt in the {where} on {count} sets instead of the {instead}.",
    ),
    Rule(
        id="easy-in-glutes",
        condition=EasyInGlutes(),
        actions=(Action.DOSE_UP,),
        reason="{exercise} was easy and felt in the glutes on the last {days} training days.",
    ),
)
DOSE_STEP = DoseStep()
