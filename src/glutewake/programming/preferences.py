"""What the person wants from a program: time, days, equipment, floor, context.

Every invalid value is rejected with a message that says how to fix it.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from glutewake.catalogue.schema import Equipment
from glutewake.errors import FieldProblem, InvalidInputError
from glutewake.weekday import Weekday

MIN_MINUTES, MAX_MINUTES = 5, 120
MIN_SESSIONS, MAX_SESSIONS = 1, 7
MIN_WEEKS, MAX_WEEKS = 4, 6
# Everyone has a wall and a chair; they never need to be listed.
ALWAYS_AVAILABLE = frozenset({Equipment.WALL, Equipment.CHAIR})


class Context(StrEnum):
    """Where the sessions fit in the person's week (seed 003's integration tips)."""

    STANDALONE = "standalone"  # a glute session of its own
    WARM_UP_LIFTING = "warm-up-lifting"  # activation before a lifting session
    WARM_UP_RUNNING = "warm-up-running"  # activation before a run
    DAILY_MINI = "daily-mini"  # a short daily mini-workout
    DESK_BREAKS = "desk-breaks"  # micro-breaks from sitting: standing, office clothes

    @property
    def is_warm_up(self) -> bool:
        return self in (Context.WARM_UP_LIFTING, Context.WARM_UP_RUNNING)


# Training days spread over the week when the person does not choose them (glutewake default).
DEFAULT_DAYS: dict[int, tuple[Weekday, ...]] = {
    1: (Weekday.MON,),
    2: (Weekday.MON, Weekday.THU),
    3: (Weekday.MON, Weekday.WED, Weekday.FRI),
    4: (Weekday.MON, Weekday.TUE, Weekday.THU, Weekday.FRI),
    5: (Weekday.MON, Weekday.TUE, Weekday.THU, Weekday.FRI, Weekday.SAT),
    6: (Weekday.MON, Weekday.TUE, Weekday.WED, Weekday.THU, Weekday.FRI, Weekday.SAT),
    7: tuple(Weekday),
}


def _choices(enum: type[StrEnum]) -> str:
    return ", ".join(member.value for member in enum)


def _count(number: int, word: str) -> str:
    return f"{number} {word}" + ("" if number == 1 else "s")


class Preferences(BaseModel):
    """The person's limits. Sessions default to 4 a week (seed 001: 4-5 times a week)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    minutes: int = 20
    sessions_per_week: int = 4
    weeks: int = 4
    equipment: tuple[Equipment, ...] = ()
    can_floor: bool = True
    context: Context = Context.STANDALONE
    training_days: tuple[Weekday, ...] = ()

    @field_validator("minutes")
    @classmethod
    def _minutes(cls, value: int) -> int:
        if not MIN_MINUTES <= value <= MAX_MINUTES:
            raise ValueError(
                f"{value} minutes is out of range; choose {MIN_MINUTES} to {MAX_MINUTES} "
                "minutes per session"
            )
        return value

    @field_validator("sessions_per_week")
    @classmethod
    def _sessions(cls, value: int) -> int:
        if not MIN_SESSIONS <= value <= MAX_SESSIONS:
            raise ValueError(
                f"{value} sessions a week is out of range; choose {MIN_SESSIONS} to "
                f"{MAX_SESSIONS} (4 or 5 works best)"
            )
        return value

    @field_validator("weeks")
    @classmethod
    def _weeks(cls, value: int) -> int:
        if not MIN_WEEKS <= value <= MAX_WEEKS:
            raise ValueError(
                f"{value} weeks is out of range; a program runs {MIN_WEEKS} to {MAX_WEEKS} weeks"
            )
        return value

    @field_validator("equipment", mode="before")
    @classmethod
    def _equipment(cls, value: Any) -> Any:
        if isinstance(value, str | bytes) or not hasattr(value, "__iter__"):
            return value
        unknown = [item for item in value if item not in {e.value for e in Equipment}]
        if unknown:
            raise ValueError(
                f"unknown equipment {', '.join(map(repr, unknown))}; "
                f"choose from {_choices(Equipment)}"
            )
        return tuple(sorted({Equipment(item) for item in value}))

    @field_validator("context", mode="before")
    @classmethod
    def _context(cls, value: Any) -> Any:
        if isinstance(value, str) and value not in {c.value for c in Context}:
            raise ValueError(f"unknown context {value!r}; choose from {_choices(Context)}")
        return value

    @field_validator("training_days", mode="before")
    @classmethod
    def _days(cls, value: Any) -> Any:
        if isinstance(value, str | bytes) or not hasattr(value, "__iter__"):
            return value
        unknown = [item for item in value if item not in {d.value for d in Weekday}]
        if unknown:
            raise ValueError(
                f"unknown day {', '.join(map(repr, unknown))}; choose from {_choices(Weekday)}"
            )
        days = sorted({Weekday(item) for item in value}, key=lambda day: day.number)
        if len(days) != len(list(value)):
            raise ValueError("a day is listed twice; list each training day once")
        return tuple(days)

    @model_validator(mode="after")
    def _days_match_sessions(self) -> Self:
        if self.training_days and len(self.training_days) != self.sessions_per_week:
            raise ValueError(
                f"{_count(len(self.training_days), 'training day')} given for "
                f"{_count(self.sessions_per_week, 'session')} a week; give one day per "
                "session or change the number of sessions"
            )
        return self

    @property
    def days(self) -> tuple[Weekday, ...]:
        """The training days: the chosen ones, or the default spread for the session count."""
        return self.training_days or DEFAULT_DAYS[self.sessions_per_week]

    @property
    def available_equipment(self) -> frozenset[Equipment]:
        return frozenset(self.equipment) | ALWAYS_AVAILABLE

    @property
    def budget_seconds(self) -> int:
        return self.minutes * 60

    @classmethod
    def parse(cls, raw: Mapping[str, Any]) -> Preferences:
        """Validate raw preferences; every problem is listed with its fix."""
        data = dict(raw)
        if "training_days" in data and "sessions_per_week" not in data and data["training_days"]:
            data["sessions_per_week"] = len(list(data["training_days"]))
        try:
            return cls.model_validate(data)
        except ValidationError as error:
            raise InvalidInputError("preferences", _problems(error)) from None


def _problems(error: ValidationError) -> list[FieldProblem]:
    problems = []
    for problem in error.errors():
        field = ".".join(str(part) for part in problem["loc"]) or "preferences"
        message = problem["msg"].removeprefix("Value error, ")
        if problem["type"] == "extra_forbidden":
            allowed = ", ".join(Preferences.model_fields)
            message = f"not a preference; the preferences are {allowed}"
        problems.append(FieldProblem(field, message))
    return problems
