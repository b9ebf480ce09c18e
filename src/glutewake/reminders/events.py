"""What goes into the scheduler (events) and what comes out (effects for an adapter to carry out).

A ``Tick`` carries the clock readings; the other events are the person's responses, which take
effect at the last tick's time.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from glutewake.reminders.records import Record


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# ---- events ----------------------------------------------------------------------------------


class Tick(_Frozen):
    kind: Literal["tick"] = "tick"
    wall: AwareDatetime
    monotonic: float
    boottime: float | None = None
    idle_seconds: float | None = Field(default=None, ge=0, description="None: unknown")


class Done(_Frozen):
    """The person pressed Done on the prompt for ``exercise_id``: start the guided timer."""

    kind: Literal["done"] = "done"
    exercise_id: str
    seconds: int = Field(ge=1, le=600)


class StoodUp(_Frozen):
    """The person stood up for a break that offered no exercise (training is paused): done."""

    kind: Literal["stood-up"] = "stood-up"


class Snooze(_Frozen):
    kind: Literal["snooze"] = "snooze"
    exercise_id: str | None = None


class Skip(_Frozen):
    kind: Literal["skip"] = "skip"
    exercise_id: str | None = None


class Answer(_Frozen):
    """The answer to "Did you do it?"."""

    kind: Literal["answer"] = "answer"
    did_it: bool


class PauseUntil(_Frozen):
    """No prompts until ``until``; None resumes now."""

    kind: Literal["pause"] = "pause"
    until: AwareDatetime | None


class Stop(_Frozen):
    kind: Literal["stop"] = "stop"


Event = Annotated[
    Tick | Done | StoodUp | Snooze | Skip | Answer | PauseUntil | Stop,
    Field(discriminator="kind"),
]


# ---- effects ---------------------------------------------------------------------------------


class ShowPrompt(_Frozen):
    kind: Literal["show-prompt"] = "show-prompt"
    number_today: int
    sitting_minutes: float
    snoozes: int = Field(description="Times this break was snoozed; > 0 repeats the offer")


class ClosePrompt(_Frozen):
    kind: Literal["close-prompt"] = "close-prompt"
    reason: str


class StartGuidedTimer(_Frozen):
    kind: Literal["start-timer"] = "start-timer"
    exercise_id: str
    seconds: int
    ends_at: AwareDatetime


class AskDidYouDoIt(_Frozen):
    kind: Literal["ask"] = "ask"
    exercise_id: str


class Log(_Frozen):
    kind: Literal["log"] = "log"
    record: Record


Effect = Annotated[
    ShowPrompt | ClosePrompt | StartGuidedTimer | AskDidYouDoIt | Log, Field(discriminator="kind")
]
