"""Progress from logged sets: what the progress page, the CLI and the handout show. Pure.

Everything is counted from the person's own logs and program; nothing here is a published
figure. Weeks run Monday to Sunday; the window is the last ``weeks`` weeks up to ``today``.

- Adherence (the current program): a session is due on each of its training days from the
  program's start, until every session is done. It is kept when sets of the program are logged
  that day, or before the next training day (a missed session done late, as the calendar slides
  it); a session done on a rest day with none due counts for the next training day (started
  early). A due day that ends without its session is missed; the latest one, still open, is
  neither. The streak is the due days kept in a row, counting back from the latest.
- Where sets were felt: the share of sets felt in the working glute, per week and per side. A
  one-sided set counts for its side and only when felt in that side's glute; a two-sided set
  counts for both sides, for each glute it was felt in. Stretches and foam rolling (the
  mobility exercises) are left out: they do not aim at the glutes.
- Each exercise's best reps (steps count as reps) or hold seconds per week, per side.
- The level reached in each movement group: the hardest exercise of that group ever logged.
- Pain: the highest and the average per week, over every set.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from glutewake.catalogue import Catalogue
from glutewake.catalogue.schema import Category
from glutewake.programming.program import Program
from glutewake.screening.profile import Side
from glutewake.tracking.log import SetLog

DEFAULT_WEEKS = 12
MAX_WEEKS = 104


def week_start(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())


def window(today: date, weeks: int) -> tuple[date, ...]:
    """The Mondays of the last ``weeks`` weeks, oldest first, the last one holding ``today``."""
    last = week_start(today)
    return tuple(last - timedelta(weeks=back) for back in range(weeks - 1, -1, -1))


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


def adherence(program: Program, logs: Iterable[SetLog], today: date) -> Adherence:
    """Sessions due against sessions done in ``program`` up to ``today`` (see the module)."""
    planned_ids = {item.exercise_id for session in program.sessions for item in session.items}
    done_days = {
        log.day
        for log in logs
        if log.exercise_id in planned_ids and program.start <= log.day <= today
    }
    training = {weekday.number for weekday in program.preferences.days}
    total = len(program.sessions)
    decided: list[tuple[date, bool]] = []  # each due training day: kept or missed
    waiting: date | None = None  # the due day whose session is not done yet
    early = False  # a session done on a rest day with none due: it counts for the next one
    kept = 0
    day = program.start
    while day <= today:
        if day.weekday() in training and kept < total:
            if waiting is not None:
                decided.append((waiting, False))
            waiting = day
            if early and day not in done_days:
                decided.append((day, True))
                kept += 1
                waiting = None
            early = False
        if day in done_days:
            if waiting is not None:
                decided.append((waiting, True))
                kept += 1
                waiting = None
            elif day.weekday() not in training:
                early = True
        day += timedelta(days=1)
    streak = 0
    for _, was_kept in reversed(decided):
        if not was_kept:
            break
        streak += 1
    weeks: dict[date, list[bool]] = {}
    for due_day, was_kept in sorted(decided):
        weeks.setdefault(week_start(due_day), []).append(was_kept)
    return Adherence(
        program_start=program.start,
        sessions_in_program=total,
        planned=len(decided),
        done=kept,
        streak=streak,
        missed_days=tuple(sorted(due_day for due_day, was_kept in decided if not was_kept)),
        weeks=tuple(WeekAdherence(start, len(v), sum(v)) for start, v in sorted(weeks.items())),
    )


def _glutes_felt(log: SetLog) -> frozenset[Side]:
    return frozenset(side for place in log.felt or () if (side := place.glute_side) is not None)


def _side_counts(logs: Sequence[SetLog]) -> tuple[Count, Count, Count]:
    """Sets felt in the working glute: overall, then for the left and the right glute.

    A set counts for ``side`` when it is that side's or two-sided, and hits when ``side``'s
    glute was felt; overall, as ``SetLog.felt_in_glutes`` (the same rule, one pass). Sets
    without a felt answer count for neither the hits nor the totals."""
    hits = {Side.LEFT: 0, Side.RIGHT: 0}
    totals = {Side.LEFT: 0, Side.RIGHT: 0}
    overall = 0
    logs = [log for log in logs if log.felt is not None]
    for log in logs:
        felt = _glutes_felt(log)
        if log.side is None:
            overall += bool(felt)
            for side in hits:
                totals[side] += 1
                hits[side] += side in felt
        else:
            overall += log.side in felt
            totals[log.side] += 1
            hits[log.side] += log.side in felt
    return (
        Count.of(overall, len(logs)),
        Count.of(hits[Side.LEFT], totals[Side.LEFT]),
        Count.of(hits[Side.RIGHT], totals[Side.RIGHT]),
    )


def _glute_week(start: date, logs: Sequence[SetLog]) -> GluteWeek:
    return GluteWeek(start, *_side_counts(logs))


def _amount(log: SetLog) -> int:
    value = log.hold_seconds if log.hold_seconds is not None else log.reps
    assert value is not None  # a SetLog has exactly one of them
    return value


def _best(logs: Iterable[SetLog], side: Side | None = None) -> int | None:
    return max((_amount(log) for log in logs if side is None or log.side is side), default=None)


def _unit(log: SetLog, catalogue: Catalogue) -> str:
    if log.hold_seconds is not None:
        return "s"
    known = log.exercise_id in catalogue
    return "steps" if known and catalogue.get(log.exercise_id).dose.measure == "steps" else "reps"


def _trend(
    exercise_id: str, by_week: Mapping[date, list[SetLog]], catalogue: Catalogue
) -> ExerciseTrend:
    weeks = tuple(
        ExerciseWeek(start, _best(logs), _best(logs, Side.LEFT), _best(logs, Side.RIGHT))
        for start, logs in by_week.items()
    )
    bests = [week.best for week in weeks if week.best is not None]
    some = next(log for logs in by_week.values() for log in logs)
    name = catalogue.get(exercise_id).name if exercise_id in catalogue else exercise_id
    return ExerciseTrend(
        exercise_id=exercise_id,
        name=name,
        unit=_unit(some, catalogue),
        sets=sum(len(logs) for logs in by_week.values()),
        first=bests[0],
        latest=bests[-1],
        best=max(bests),
        weeks=weeks,
    )


def _mobility(exercise_id: str, catalogue: Catalogue) -> bool:
    return exercise_id in catalogue and catalogue.get(exercise_id).category is Category.MOBILITY


def levels(
    first_days: Mapping[str, date], catalogue: Catalogue, since: date, today: date
) -> tuple[GroupLevel, ...]:
    """The hardest exercise logged up to ``today`` in each movement group (mobility left out),
    and the level reached before ``since``."""
    reached: dict[str, GroupLevel] = {}
    before: dict[str, int] = {}
    for exercise_id, first in sorted(first_days.items(), key=lambda item: (item[1], item[0])):
        if first > today or exercise_id not in catalogue or _mobility(exercise_id, catalogue):
            continue
        exercise = catalogue.get(exercise_id)
        for pattern in exercise.patterns:
            group = pattern.value
            if first < since:
                before[group] = max(before.get(group, 0), exercise.level)
            current = reached.get(group)
            if current is None or exercise.level > current.level:
                reached[group] = GroupLevel(
                    group, exercise.level, exercise.id, exercise.name, first, None
                )
    return tuple(
        GroupLevel(g.group, g.level, g.exercise_id, g.name, g.since, before.get(g.group))
        for g in sorted(reached.values(), key=lambda g: g.group)
    )


def _side_totals(side: Side, logs: Sequence[SetLog], glutes: Count) -> SideTotals:
    own = [log for log in logs if log.side is side]
    reps = [log.reps for log in own if log.reps is not None]
    holds = [log.hold_seconds for log in own if log.hold_seconds is not None]
    return SideTotals(
        side=side,
        one_sided_sets=len(own),
        glutes=glutes,
        average_reps=round(sum(reps) / len(reps), 1) if reps else None,
        average_hold=round(sum(holds) / len(holds), 1) if holds else None,
    )


def progress(
    logs: Sequence[SetLog],
    catalogue: Catalogue,
    today: date,
    *,
    program: Program | None = None,
    first_days: Mapping[str, date] | None = None,
    weeks: int = DEFAULT_WEEKS,
) -> Progress:
    """Progress over the last ``weeks`` weeks of ``logs``, adherence to ``program``, and the
    levels reached from ``first_days`` (each exercise's first logged day, over all time)."""
    starts = window(today, max(1, min(weeks, MAX_WEEKS)))
    shown = [log for log in logs if starts[0] <= log.day <= today]
    by_week: dict[date, list[SetLog]] = {start: [] for start in starts}
    for log in shown:
        by_week[week_start(log.day)].append(log)
    glute_work = {
        start: [log for log in week if not _mobility(log.exercise_id, catalogue)]
        for start, week in by_week.items()
    }
    exercises: dict[str, dict[date, list[SetLog]]] = {}
    for start, week in glute_work.items():
        for log in week:
            exercises.setdefault(log.exercise_id, {}).setdefault(start, []).append(log)
    trends = sorted(
        (_trend(exercise_id, found, catalogue) for exercise_id, found in exercises.items()),
        key=lambda trend: (-trend.sets, trend.name),
    )
    answered = {
        start: [log.pain for log in week if log.pain is not None] for start, week in by_week.items()
    }
    pain = tuple(
        PainWeek(
            start,
            len(pains),
            max(pains, default=None),
            round(sum(pains) / len(pains), 1) if pains else None,
        )
        for start, pains in answered.items()
    )
    counted = [log for week in glute_work.values() for log in week]
    _, left, right = _side_counts(counted)
    return Progress(
        today=today,
        weeks=starts,
        sets=len(shown),
        adherence=adherence(program, logs, today) if program is not None else None,
        glutes=tuple(_glute_week(start, week) for start, week in glute_work.items()),
        exercises=tuple(trends),
        levels=levels(first_days or {}, catalogue, starts[0], today),
        pain=pain,
        sides=(_side_totals(Side.LEFT, counted, left), _side_totals(Side.RIGHT, counted, right)),
        weaker_side=program.weaker_side if program is not None else None,
    )
