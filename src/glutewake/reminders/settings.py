"""Desk-break settings: part of the one settings object (``Settings.breaks``), pure data.

Defaults come from ``GLUTEWAKE_BREAKS__*`` environment variables; a person's saved
preferences (``preferences["breaks"]``, edited from the web app) override the defaults, and
fields set explicitly in the environment override those. ``effective_break_settings`` does
the merge so every adapter applies the same precedence.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, time
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from glutewake.weekday import Weekday

PREFERENCES_KEY = "breaks"


class TimeWindow(BaseModel):
    """A daily window of local time, ``start`` included, ``end`` excluded; may wrap midnight."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    start: time
    end: time

    @model_validator(mode="after")
    def _not_empty(self) -> Self:
        if self.start == self.end:
            raise ValueError("start and end must differ")
        return self

    def contains(self, moment: time) -> bool:
        if self.start < self.end:
            return self.start <= moment < self.end
        return moment >= self.start or moment < self.end


WEEKDAYS = (Weekday.MON, Weekday.TUE, Weekday.WED, Weekday.THU, Weekday.FRI)


class BreakSettings(BaseModel):
    """When and how often the desk-break coach prompts."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    interval_minutes: int = Field(default=30, ge=5, le=240, description="Sitting before a prompt")
    snooze_minutes: int = Field(default=5, ge=1, le=60)
    idle_threshold_minutes: float = Field(
        default=5, ge=1, le=60, description="Time away from the keyboard that counts as a break"
    )
    prompt_timeout_minutes: int = Field(
        default=10, ge=1, le=60, description="An unanswered prompt or question closes after this"
    )
    work_start: time = Field(default=time(9), description="Local time the working day starts")
    work_end: time = Field(default=time(17), description="Local time the working day ends")
    work_days: tuple[Weekday, ...] = Field(default=WEEKDAYS, min_length=1)
    daily_max: int = Field(default=12, ge=1, le=96, description="Most prompts in one day")
    quiet_hours: tuple[TimeWindow, ...] = Field(
        default=(), description="Local times without prompts (meetings, lunch)"
    )

    @model_validator(mode="after")
    def _work_hours_in_one_day(self) -> Self:
        if self.work_end <= self.work_start:
            raise ValueError("work_end must come after work_start on the same day")
        return self

    @property
    def interval_seconds(self) -> float:
        return self.interval_minutes * 60.0

    @property
    def snooze_seconds(self) -> float:
        return self.snooze_minutes * 60.0

    @property
    def idle_threshold_seconds(self) -> float:
        return self.idle_threshold_minutes * 60.0

    @property
    def prompt_timeout_seconds(self) -> float:
        return self.prompt_timeout_minutes * 60.0

    def is_work_time(self, local: datetime) -> bool:
        at = local.time()
        return Weekday.of(local.date()) in self.work_days and self.work_start <= at < self.work_end

    def is_quiet(self, local: datetime) -> bool:
        return any(window.contains(local.time()) for window in self.quiet_hours)


def effective_break_settings(
    defaults: BreakSettings, preferences: Mapping[str, Any] | None
) -> BreakSettings:
    """The defaults, overridden by saved preferences, overridden by explicitly set env vars."""
    saved = (preferences or {}).get(PREFERENCES_KEY) or {}
    explicit = defaults.model_dump(mode="json", include=defaults.model_fields_set)
    return BreakSettings.model_validate({**defaults.model_dump(mode="json"), **saved, **explicit})


def with_break_settings(
    preferences: Mapping[str, Any] | None, breaks: BreakSettings
) -> dict[str, Any]:
    """A person's preferences with their break settings replaced; other keys kept."""
    return {**(preferences or {}), PREFERENCES_KEY: breaks.model_dump(mode="json")}
