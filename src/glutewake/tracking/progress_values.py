"""The values the progress module computes (``tracking.progress``). Pure data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from glutewake.screening.profile import Side


@dataclass(frozen=True)
class Count:
    """``hits`` of ``total`` sets, and the share as a whole percentage (None without sets)."""

    hits: int
    total: int
    percent: int | None

    @classmethod
    def of(cls, hits: int, total: int) -> Count:
        return cls(hits, total, round(100 * hits / total) if total else None)


@dataclass(frozen=True)
class WeekAdherence:
    start: date
    planned: int
    done: int


@dataclass(frozen=True)
class Adherence:
    program_start: date
    sessions_in_program: int
    planned: int  # sessions due so far
    done: int
    streak: int
    missed_days: tuple[date, ...]
    weeks: tuple[WeekAdherence, ...]

    @property
    def percent(self) -> int | None:
        return Count.of(self.done, self.planned).percent


@dataclass(frozen=True)
class GluteWeek:
    start: date
    overall: Count  # sets felt in the working glute
    left: Count
    right: Count

    def side(self, side: Side) -> Count:
        return self.left if side is Side.LEFT else self.right


@dataclass(frozen=True)
class ExerciseWeek:
    start: date
    best: int | None  # the most reps or the longest hold of any set that week
    left: int | None
    right: int | None


@dataclass(frozen=True)
class ExerciseTrend:
    exercise_id: str
    name: str
    unit: str  # "reps", "steps" or "s"
    sets: int
    first: int  # the best of the first week with sets
    latest: int  # the best of the latest week with sets
    best: int
    weeks: tuple[ExerciseWeek, ...]


@dataclass(frozen=True)
class GroupLevel:
    group: str  # a movement pattern, e.g. "hip-extension"
    level: int  # 1-5, the catalogue's level of the hardest exercise logged
    exercise_id: str
    name: str
    since: date  # the first day that exercise was logged
    level_before: int | None  # the level reached before the window began (None: not started)


@dataclass(frozen=True)
class PainWeek:
    start: date
    sets: int  # the sets with a pain answer (the others are left out of highest and average)
    highest: int | None
    average: float | None


@dataclass(frozen=True)
class SideTotals:
    side: Side
    one_sided_sets: int
    glutes: Count
    average_reps: float | None  # over its one-sided sets counted in reps
    average_hold: float | None  # over its one-sided holds, in seconds


@dataclass(frozen=True)
class Progress:
    today: date
    weeks: tuple[date, ...]
    sets: int
    adherence: Adherence | None
    glutes: tuple[GluteWeek, ...]
    exercises: tuple[ExerciseTrend, ...]
    levels: tuple[GroupLevel, ...]
    pain: tuple[PainWeek, ...]
    sides: tuple[SideTotals, SideTotals]
    weaker_side: Side | None
