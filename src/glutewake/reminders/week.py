"""The week so far: what this week's records say about the next offer and the daily maximum.

The chooser's rotation restarts every Monday (``chooser.week_start``); the daily maximum counts
the prompts of one local day, whoever showed them (the desktop coach or a browser tab).
Pure: ``zone`` None means the computer's local time, as in ``report.summarise``.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, tzinfo

from pydantic import BaseModel, ConfigDict

from glutewake.reminders.chooser import MicroBreak, Offer, choose_break, week_start
from glutewake.reminders.records import PROMPT_OUTCOMES, BoutRecord, BreakRecord, Outcome
from glutewake.reminders.settings import BreakSettings
from glutewake.reminders.standup import TrainingPause


def offers_since(records: Iterable[BoutRecord | BreakRecord]) -> list[Offer]:
    """The breaks offered in ``records``, oldest first, and whether each was done."""
    return [
        Offer(exercise_id=r.exercise_id, done=r.outcome is Outcome.DONE)
        for r in records
        if isinstance(r, BreakRecord) and r.exercise_id
    ]


def prompts_on(
    records: Iterable[BoutRecord | BreakRecord], day: date, zone: tzinfo | None = None
) -> int:
    """Prompts answered (or left unanswered) on ``day``: the daily maximum counts them."""
    return sum(
        1
        for r in records
        if isinstance(r, BreakRecord)
        and r.outcome in PROMPT_OUTCOMES
        and r.at.astimezone(zone).date() == day
    )


def breaks_done(records: Iterable[BoutRecord | BreakRecord]) -> int:
    return sum(1 for r in records if isinstance(r, BreakRecord) and r.outcome is Outcome.DONE)


def next_break(
    candidates: Sequence[MicroBreak],
    records: Iterable[BoutRecord | BreakRecord],
    program_ids: Collection[str] = (),
) -> MicroBreak:
    """The micro-break to offer next, given this week's records (oldest first)."""
    return choose_break(candidates, offers_since(records), program_ids)


@dataclass
class BreakPicker:
    """The chooser with this week's history, kept up to date as records come in."""

    candidates: Sequence[MicroBreak]
    program_ids: frozenset[str]
    week: date
    history: list[Offer] = field(default_factory=list)

    def next(self, today: date) -> MicroBreak:
        if week_start(today) != self.week:
            self.week, self.history = week_start(today), []
        return choose_break(self.candidates, self.history, self.program_ids)

    def note(self, record: BoutRecord | BreakRecord) -> None:
        self.history.extend(offers_since([record]))


class CoachStart(BaseModel):
    """What the desktop coach needs from the store when it starts; ``training_paused`` is why
    breaks offer no exercise (None: exercises are offered)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    rules: BreakSettings
    program_ids: list[str]
    week: date
    history: list[Offer]
    training_paused: TrainingPause | None
