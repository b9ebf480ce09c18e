"""The scheduler's state, and the status it shows (``glutewake breaks --status``, the web).

Every instant in the state is UTC. ``state.model_dump(mode="json")`` is the whole timer, ready
to be saved or mirrored by a browser tab.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from glutewake.reminders.events import Effect
from glutewake.reminders.settings import BreakSettings


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Phase(StrEnum):
    OFF = "off"  # outside working hours or days, or not started
    SITTING = "sitting"  # the sitting timer runs
    PROMPTING = "prompting"  # a prompt waits for Done, Snooze or Skip
    EXERCISING = "exercising"  # the guided timer runs
    CONFIRMING = "confirming"  # "Did you do it?" waits for an answer
    AWAY = "away"  # away from the desk (idle or asleep): a break in itself


BOUT_PHASES = (Phase.SITTING, Phase.PROMPTING, Phase.EXERCISING, Phase.CONFIRMING)
OPEN_PROMPT_PHASES = (Phase.PROMPTING, Phase.EXERCISING, Phase.CONFIRMING)


class Stamp(_Frozen):
    """The clock readings of the last tick."""

    wall: AwareDatetime  # UTC
    monotonic: float
    boottime: float | None


class BreakState(_Frozen):
    phase: Phase = Phase.OFF
    last: Stamp | None = None
    day: date | None = None
    prompts_today: int = 0
    bout_started: AwareDatetime | None = None
    due_at: AwareDatetime | None = None
    paused_until: AwareDatetime | None = None
    asked_at: AwareDatetime | None = Field(default=None, description="Prompt or question shown")
    snoozes: int = 0
    exercise_id: str | None = None
    exercise_seconds: int | None = None
    break_started: AwareDatetime | None = None
    exercise_ends_at: AwareDatetime | None = None

    @property
    def now(self) -> datetime | None:
        return self.last.wall if self.last else None


# The instants a change of the wall clock shifts.
INSTANTS = (
    "bout_started",
    "due_at",
    "paused_until",
    "asked_at",
    "break_started",
    "exercise_ends_at",
)


class Transition(_Frozen):
    state: BreakState
    effects: tuple[Effect, ...] = ()


class Status(_Frozen):
    """What the timer is doing, for ``glutewake breaks --status`` and the web desk mode."""

    phase: Phase
    sitting_minutes: float | None
    next_prompt_at: AwareDatetime | None
    prompts_today: int
    paused_until: AwareDatetime | None
    held_back_by: str | None = Field(description="Why a due prompt is not shown, if it is not")


def describe(rules: BreakSettings, state: BreakState, wall: datetime) -> Status:
    now = wall.astimezone(UTC)
    paused = state.paused_until if state.paused_until and state.paused_until > now else None
    next_at = state.due_at
    if next_at is not None and paused is not None:
        next_at = max(next_at, paused)
    held_back: str | None = None
    if state.phase is Phase.OFF and not rules.is_work_time(wall):
        held_back = "outside working hours"
    elif state.phase is Phase.SITTING:
        if state.prompts_today >= rules.daily_max:
            held_back, next_at = "daily maximum reached", None
        elif paused is not None:
            held_back = "paused"
        elif rules.is_quiet(wall):
            held_back = "quiet hours"
    sitting = (
        round((now - state.bout_started).total_seconds() / 60, 1) if state.bout_started else None
    )
    return Status(
        phase=state.phase,
        sitting_minutes=sitting,
        next_prompt_at=next_at,
        prompts_today=state.prompts_today,
        paused_until=paused,
        held_back_by=held_back,
    )
