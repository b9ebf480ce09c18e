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
from datetime import date, timedelta

from glutewake.catalogue import Catalogue
from glutewake.catalogue.schema import Category
from glutewake.programming.program import Program
from glutewake.screening.profile import Side
from glutewake.tracking.log import Felt, SetLog
from glutewake.tracking.progress_tally import BestAmounts, GluteTally, PainTally, SideTally
from glutewake.tracking.progress_values import (
    Adherence,
    Count,
    ExerciseTrend,
    ExerciseWeek,
    GluteWeek,
    GroupLevel,
    PainWeek,
    Progress,
    SideTotals,
    WeekAdherence,
)

__all__ = [  # the values are defined in progress_values and used from here
    "DEFAULT_WEEKS",
    "MAX_WEEKS",
    "Adherence",
    "Count",
    "ExerciseTrend",
    "ExerciseWeek",
    "GluteWeek",
    "GroupLevel",
    "PainWeek",
    "Progress",
    "SideTotals",
    "WeekAdherence",
    "adherence",
    "levels",
    "progress",
    "week_start",
    "window",
]

DEFAULT_WEEKS = 12
MAX_WEEKS = 104


def week_start(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())


def window(today: date, weeks: int) -> tuple[date, ...]:
    """The Mondays of the last ``weeks`` weeks, oldest first, the last one holding ``today``."""
    last = week_start(today)
    return tuple(last - timedelta(weeks=back) for back in range(weeks - 1, -1, -1))


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


def _amount(log: SetLog) -> int:
    value = log.hold_seconds if log.hold_seconds is not None else log.reps
    assert value is not None  # a SetLog has exactly one of them
    return value


def _unit(log: SetLog, catalogue: Catalogue) -> str:
    if log.hold_seconds is not None:
        return "s"
    known = log.exercise_id in catalogue
    return "steps" if known and catalogue.get(log.exercise_id).dose.measure == "steps" else "reps"


def _trend(
    exercise_id: str,
    by_week: Mapping[date, BestAmounts],
    unit: str,
    catalogue: Catalogue,
) -> ExerciseTrend:
    """``by_week``: the weeks with sets of the exercise, oldest first."""
    weeks = tuple(
        ExerciseWeek(start, found.best, found.left, found.right) for start, found in by_week.items()
    )
    bests = [week.best for week in weeks if week.best is not None]
    name = catalogue.get(exercise_id).name if exercise_id in catalogue else exercise_id
    return ExerciseTrend(
        exercise_id=exercise_id,
        name=name,
        unit=unit,
        sets=sum(found.sets for found in by_week.values()),
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
    levels reached from ``first_days`` (each exercise's first logged day, over all time).

    One pass over the sets: the page reads up to two years of them after each new set."""
    starts = window(today, max(1, min(weeks, MAX_WEEKS)))
    glutes = {start: GluteTally() for start in starts}
    pain = {start: PainTally() for start in starts}
    sides = {Side.LEFT: SideTally(), Side.RIGHT: SideTally()}
    exercises: dict[str, dict[date, BestAmounts]] = {}
    units: dict[str, tuple[date, str]] = {}  # each exercise's unit, from its first week's set
    mobility: dict[str, bool] = {}
    felt_sides: dict[tuple[Felt, ...], frozenset[Side]] = {}
    weeks_of: dict[date, date] = {}  # each day's Monday (a day has several sets)
    shown = 0
    for log in logs:
        if not starts[0] <= log.day <= today:
            continue
        shown += 1
        start = weeks_of.get(log.day) or weeks_of.setdefault(log.day, week_start(log.day))
        if log.pain is not None:
            pain[start].add(log.pain)
        exercise_id = log.exercise_id
        if exercise_id not in mobility:
            mobility[exercise_id] = _mobility(exercise_id, catalogue)
        if mobility[exercise_id]:
            continue  # stretches and foam rolling do not aim at the glutes
        if log.felt is not None:
            felt = tuple(log.felt)
            if felt not in felt_sides:
                felt_sides[felt] = frozenset(s for f in felt if (s := f.glute_side) is not None)
            glutes[start].add(log.side, felt_sides[felt])
        if log.side is not None:
            sides[log.side].add(log)
        by_week = exercises.setdefault(exercise_id, {})
        if start not in by_week:
            by_week[start] = BestAmounts()
            if exercise_id not in units or start < units[exercise_id][0]:
                units[exercise_id] = (start, _unit(log, catalogue))
        by_week[start].add(log.side, _amount(log))
    trends = sorted(
        (
            _trend(exercise_id, dict(sorted(by_week.items())), units[exercise_id][1], catalogue)
            for exercise_id, by_week in exercises.items()
        ),
        key=lambda trend: (-trend.sets, trend.name),
    )
    weekly = tuple(tally.week(start) for start, tally in glutes.items())
    left = Count.of(sum(w.left.hits for w in weekly), sum(w.left.total for w in weekly))
    right = Count.of(sum(w.right.hits for w in weekly), sum(w.right.total for w in weekly))
    return Progress(
        today=today,
        weeks=starts,
        sets=shown,
        adherence=adherence(program, logs, today) if program is not None else None,
        glutes=weekly,
        exercises=tuple(trends),
        levels=levels(first_days or {}, catalogue, starts[0], today),
        pain=tuple(tally.week(start) for start, tally in pain.items()),
        sides=(
            sides[Side.LEFT].totals(Side.LEFT, left),
            sides[Side.RIGHT].totals(Side.RIGHT, right),
        ),
        weaker_side=program.weaker_side if program is not None else None,
    )
