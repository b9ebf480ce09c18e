"""A pause: no prompts until a given moment, for the desktop coach and a browser tab alike."""

from __future__ import annotations

from datetime import datetime, timedelta

from glutewake.errors import FieldProblem, InvalidInputError

MAX_PAUSE_MINUTES = 24 * 60


def pause_minutes(value: int | str) -> int:
    """Minutes of pause, 0 to resume, from a number or its ASCII digits; anything else is refused.

    Text is checked for its length before it becomes a number, so a very long string of digits
    is refused as quickly as any other bad value.
    """
    text = str(value).strip() if not isinstance(value, bool) else ""
    longest = len(str(MAX_PAUSE_MINUTES))
    if not (text.isascii() and text.isdigit() and len(text) <= longest):
        raise _out_of_range()
    minutes = int(text)
    if minutes > MAX_PAUSE_MINUTES:
        raise _out_of_range()
    return minutes


def _out_of_range() -> InvalidInputError:
    problem = FieldProblem("minutes", f"a whole number from 0 to {MAX_PAUSE_MINUTES}")
    return InvalidInputError("pause", [problem])


def pause_end(now: datetime, minutes: int) -> datetime | None:
    """When a pause of ``minutes`` from ``now`` ends; None (no pause) for 0."""
    return now + timedelta(minutes=minutes) if minutes else None
