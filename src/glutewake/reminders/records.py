"""What the desk-break coach stores: sitting bouts and what happened to each break.

Every instant is timezone-aware; the store keeps them as naive UTC (see the store bridge).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field


class Outcome(StrEnum):
    DONE = "done"  # answered "yes, I did it"
    NOT_DONE = "not-done"  # answered "no"
    SNOOZED = "snoozed"
    SKIPPED = "skipped"
    UNANSWERED = "unanswered"  # a prompt or question timed out or was cut short
    INTERRUPTED = "interrupted"  # Done was pressed, then the coach stopped before the answer
    AWAY = "away"  # idle for the threshold: counts as a break
    ASLEEP = "asleep"  # the computer slept (or glutewake did not run) for the threshold


# The outcomes of a prompt that was shown: the daily maximum counts these.
PROMPT_OUTCOMES = frozenset(
    {
        Outcome.DONE,
        Outcome.NOT_DONE,
        Outcome.SNOOZED,
        Outcome.SKIPPED,
        Outcome.UNANSWERED,
        Outcome.INTERRUPTED,
    }
)


class BoutEnd(StrEnum):
    BREAK = "break"
    AWAY = "away"
    ASLEEP = "asleep"
    END_OF_DAY = "end-of-day"  # working hours ended, or midnight
    STOPPED = "stopped"


class BoutRecord(BaseModel):
    """One unbroken sitting bout, from ``at`` to ``ended_at``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: Literal["bout"] = "bout"
    at: AwareDatetime
    ended_at: AwareDatetime
    ended_by: BoutEnd

    @property
    def minutes(self) -> float:
        return (self.ended_at - self.at).total_seconds() / 60


class BreakRecord(BaseModel):
    """What happened to one prompt, or a break taken away from the desk."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: Literal["break"] = "break"
    at: AwareDatetime
    outcome: Outcome
    exercise_id: str | None = None
    seconds: int | None = None


Record = Annotated[BoutRecord | BreakRecord, Field(discriminator="kind")]
