"""Options shared by the CLI's commands, and errors told in the options' names.

A value that cannot be parsed (a date, a side, a place) is refused by the option itself, with
its name (``Invalid value for '--day': ...``, exit 2). A use case names a problem by its field
(``hold_seconds``, ``sessions_per_week``); :func:`in_option_terms` tells it by the option the
person typed (``--hold``, ``--sessions``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date, timedelta

import typer

from glutewake.errors import FieldProblem, InvalidInputError
from glutewake.screening.profile import Side
from glutewake.tracking.log import Felt

FELT_CHOICES = ", ".join(place.value for place in Felt)
SIDE_CHOICES = " or ".join(side.value for side in Side)
# Each use case's field -> the option that gives it.
PLAN_OPTIONS = {
    "minutes": "--minutes",
    "sessions_per_week": "--sessions",
    "weeks": "--weeks",
    "equipment": "--equipment",
    "can_floor": "--no-floor",
    "context": "--context",
    "training_days": "--days",
    "preferences": "--days and --sessions",
}
LOG_OPTIONS = {
    "exercise_id": "EXERCISE",
    "reps": "--reps",
    "hold_seconds": "--hold",
    "effort": "--effort",
    "felt": "--felt",
    "pain": "--pain",
    "side": "--side",
    "set_number": "--set",
    "day": "--day",
}


RELATIVE_DAYS = {"yesterday": -1, "today": 0, "tomorrow": 1}


def parse_day(value: str) -> date:
    """A date as YYYY-MM-DD, or yesterday, today or tomorrow."""
    if value.strip().lower() in RELATIVE_DAYS:
        return date.today() + timedelta(days=RELATIVE_DAYS[value.strip().lower()])
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            f"{value[:40]!r} is not a date; write it as YYYY-MM-DD (e.g. {date.today()}), "
            "or yesterday, today or tomorrow"
        ) from None


def parse_side(value: str) -> str:
    if value not in {side.value for side in Side}:
        raise typer.BadParameter(f"{value[:40]!r} is not a side; choose {SIDE_CHOICES}")
    return value


def parse_felt(value: str) -> str:
    if value not in {place.value for place in Felt}:
        raise typer.BadParameter(f"{value[:40]!r} is not one of the places: {FELT_CHOICES}")
    return value


def renamed(error: InvalidInputError, names: Mapping[str, str]) -> InvalidInputError:
    """``error`` with each field, and each field name in its messages, told as its option."""

    def option(field: str) -> str:
        return names.get(field, names.get(field.split(".")[0], field))

    def words(message: str) -> str:
        for field, name in names.items():
            if "_" in field:  # a field name, not an English word such as "reps"
                message = re.sub(rf"\b{re.escape(field)}\b", name, message)
        return message

    problems = [FieldProblem(option(p.field), words(p.message)) for p in error.problems]
    return InvalidInputError(error.what, problems)


@contextmanager
def in_option_terms(names: Mapping[str, str]) -> Iterator[None]:
    """Tell an input error raised inside the block by the options the person typed."""
    try:
        yield
    except InvalidInputError as error:
        raise renamed(error, names) from None
