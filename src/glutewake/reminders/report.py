"""Per-day summary of sitting bouts and breaks, for ``glutewake breaks report`` and the web."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, tzinfo

from pydantic import BaseModel, ConfigDict

from glutewake.reminders.records import BoutRecord, BreakRecord, Outcome


class DaySummary(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    day: date
    bouts: int
    sitting_minutes: float
    longest_bout_minutes: float
    longest_bout_started: datetime | None
    outcomes: dict[Outcome, int]


def summarise(
    records: Iterable[BoutRecord | BreakRecord], zone: tzinfo | None = None
) -> list[DaySummary]:
    """One summary per day (in ``zone``, default the system's local time) that has records,
    oldest first. A bout counts on the day it started."""
    bouts: dict[date, list[BoutRecord]] = {}
    outcomes: dict[date, dict[Outcome, int]] = {}
    for record in records:
        day = record.at.astimezone(zone).date()
        bouts.setdefault(day, [])
        counts = outcomes.setdefault(day, dict.fromkeys(Outcome, 0))
        if isinstance(record, BoutRecord):
            bouts[day].append(record)
        else:
            counts[record.outcome] += 1
    return [_day(day, bouts[day], outcomes[day], zone) for day in sorted(bouts)]


def _day(
    day: date, bouts: list[BoutRecord], outcomes: dict[Outcome, int], zone: tzinfo | None
) -> DaySummary:
    longest = max(bouts, key=lambda bout: bout.minutes, default=None)
    return DaySummary(
        day=day,
        bouts=len(bouts),
        sitting_minutes=round(sum(bout.minutes for bout in bouts), 1),
        longest_bout_minutes=round(longest.minutes, 1) if longest else 0.0,
        longest_bout_started=longest.at.astimezone(zone) if longest else None,
        outcomes=outcomes,
    )


def bouts_by_day(
    records: Iterable[BoutRecord | BreakRecord], zone: tzinfo | None = None
) -> dict[date, list[BoutRecord]]:
    """Each day's sitting bouts in the order they happened; a bout counts on the day it started."""
    by_day: dict[date, list[BoutRecord]] = {}
    for record in records:
        if isinstance(record, BoutRecord):
            by_day.setdefault(record.at.astimezone(zone).date(), []).append(record)
    return by_day
