"""Desk-break settings: part of the one settings object (``Settings.breaks``), pure data.

Defaults come from ``GLUTEWAKE_BREAKS__*`` environment variables; a person's saved break
settings (their own stored document, edited from the web app) override the defaults, and
fields set explicitly in the environment override those. ``effective_break_settings`` does
the merge so every adapter applies the same precedence; ``checked_settings`` checks an edit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, time
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from glutewake.errors import FieldProblem, InvalidInputError
from glutewake.weekday import Weekday


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
    defaults: BreakSettings, saved: Mapping[str, Any] | None
) -> BreakSettings:
    """The defaults, overridden by the saved settings, overridden by explicitly set env vars."""
    explicit = defaults.model_dump(mode="json", include=defaults.model_fields_set)
    return BreakSettings.model_validate(
        {**defaults.model_dump(mode="json"), **(saved or {}), **explicit}
    )


def checked_settings(
    defaults: BreakSettings, saved: Mapping[str, Any] | None, submitted: Mapping[str, Any]
) -> BreakSettings:
    """The settings to save: the saved ones with the submitted values on top, checked as they
    will apply (with the env vars). Fields set by an env var are not edited, so their submitted
    values are left out. ``submitted["quiet_hours"]`` lists ``{"start", "end"}`` rows as typed:
    a row left empty is dropped, a row with one time is refused.

    Raises :class:`InvalidInputError` with every problem, by field, when any value is wrong.
    """
    locked = defaults.model_fields_set
    edits = {name: value for name, value in submitted.items() if name not in locked}
    problems: list[FieldProblem] = []
    rows: list[int] = []  # the row number of each quiet-hours window kept
    if "quiet_hours" in edits:
        edits["quiet_hours"], rows, problems = _quiet_rows(edits["quiet_hours"])
    base = defaults.model_dump(mode="json", exclude=locked)
    chosen: BreakSettings | None = None
    try:
        chosen = BreakSettings.model_validate({**base, **(saved or {}), **edits})
        effective_break_settings(defaults, chosen.model_dump(mode="json"))
    except ValidationError as error:
        problems += _problems_of(error, rows)
    if problems or chosen is None:
        raise InvalidInputError("break settings", problems)
    return chosen


def number_range(name: str) -> tuple[int, int]:
    """The lowest and highest value ``BreakSettings`` accepts for a number field."""
    field = BreakSettings.model_json_schema()["properties"][name]
    return field["minimum"], field["maximum"]


def _range_text(name: str) -> str:
    low, high = number_range(name)
    whole = BreakSettings.model_fields[name].annotation is int
    return f"a {'whole ' if whole else ''}number from {low} to {high}"


def _quiet_rows(
    typed: Sequence[Mapping[str, str]],
) -> tuple[list[dict[str, str]], list[int], list[FieldProblem]]:
    windows, rows, problems = [], [], []
    for number, row in enumerate(typed, start=1):
        start, end = row.get("start", "").strip(), row.get("end", "").strip()
        if start and end:
            windows.append({"start": start, "end": end})
            rows.append(number)
        elif start or end:
            problems.append(FieldProblem("quiet_hours", f"quiet hours {number}: give both times"))
    return windows, rows, problems


def _problems_of(error: ValidationError, quiet_rows: Sequence[int]) -> list[FieldProblem]:
    problems = []
    for problem in error.errors():
        location = tuple(problem["loc"])
        message = problem["msg"].removeprefix("Value error, ")
        if location[:1] == ("quiet_hours",) and len(location) > 1 and isinstance(location[1], int):
            index = location[1]
            number = quiet_rows[index] if index < len(quiet_rows) else index + 1
            message = f"quiet hours {number}: {message}"
        elif location == ("work_days",):
            message = "choose at least one working day"
        elif problem["type"] == "int_parsing_size":  # more digits than Python turns into a number
            message = _range_text(str(location[0]))
        # The one check across fields has no location: the day must end after it starts.
        field = str(location[0]) if location else "work_end"
        problems.append(FieldProblem(field, message))
    return problems
