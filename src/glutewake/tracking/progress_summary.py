"""The week in plain words: a few sentences from a :class:`Progress`. Pure.

Each sentence compares the latest week that has sets with the first week of the window that
has them ("up from 3 of 10 in the week of 2 Mar"); a sentence without data is left out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TypeVar

from glutewake.screening.profile import Side
from glutewake.tracking.progress import Count, GroupLevel, Progress, week_start

T = TypeVar("T")
NOTHING_YET = "Nothing logged in these weeks yet: your next session is on the Today page."
TOP_EXERCISES = 2


def day_text(day: date) -> str:
    """E.g. "2 Mar"."""
    return f"{day.day} {day:%b}"


def long_day_text(day: date) -> str:
    """E.g. "8 Dec 2024": for days that may be in another year."""
    return f"{day_text(day)} {day.year}"


def group_text(group: str) -> str:
    """A movement group's id in words: "hip-extension" -> "Hip extension"."""
    return group.replace("-", " ").capitalize()


def _when(progress: Progress, start: date) -> str:
    return (
        "this week" if start == week_start(progress.today) else f"in the week of {day_text(start)}"
    )


def _first_and_last(
    weeks: Sequence[tuple[date, T]], has: Callable[[T], bool]
) -> tuple[tuple[date, T], tuple[date, T]] | None:
    found = [week for week in weeks if has(week[1])]
    return (found[0], found[-1]) if found else None


def _versus(now: float, then: float, then_text: str, when: str) -> str:
    """ ", up from 3 of 10 in the week of 2 Mar", or ", the same as in the week of 2 Mar"."""
    if now == then:
        return f", the same as {when}"
    return f", {'up' if now > then else 'down'} from {then_text} {when}"


def _adherence(progress: Progress) -> list[str]:
    found = progress.adherence
    if found is None or not found.planned:
        return []
    this_week = next((w for w in found.weeks if w.start == week_start(progress.today)), None)
    lines = []
    if this_week is not None:
        lines.append(
            f"This week you did {this_week.done} of {this_week.planned} planned "
            f"session{'s' if this_week.planned != 1 else ''}."
        )
    in_a_row = f", the last {found.streak} in a row" if found.streak > 1 else ""
    lines.append(
        f"In your program so far: {found.done} of {found.planned} sessions done{in_a_row}."
    )
    recent = [day for day in found.missed_days if (progress.today - day).days <= 14]
    if recent:
        days = ", ".join(f"{day:%a} {day_text(day)}" for day in recent)
        lines.append(f"Missed in the last two weeks: {days}.")
    return lines


def _side_sentence(progress: Progress, side: Side) -> str | None:
    weeks = [(week.start, week.side(side)) for week in progress.glutes]
    found = _first_and_last(weeks, lambda count: count.total > 0)
    if found is None:
        return None
    (first_start, first), (last_start, last) = found
    text = (
        f"Your {side.value} glute did the work in {last.hits} of {last.total} sets "
        f"{_when(progress, last_start)}"
    )
    if first_start == last_start:
        return text + "."
    assert first.percent is not None and last.percent is not None
    then = f"{first.hits} of {first.total}"
    return text + _versus(last.percent, first.percent, then, _when(progress, first_start)) + "."


def _sides(progress: Progress) -> list[str]:
    order = [Side.LEFT, Side.RIGHT]
    if progress.weaker_side is Side.RIGHT:
        order.reverse()
    return [text for side in order if (text := _side_sentence(progress, side)) is not None]


def _exercises(progress: Progress) -> list[str]:
    lines = []
    for trend in progress.exercises[:TOP_EXERCISES]:
        weeks = [(week.start, week.best) for week in trend.weeks]
        found = _first_and_last(weeks, lambda best: best is not None)
        assert found is not None  # a trend has at least one week with sets
        (first_start, first), (last_start, last) = found
        assert first is not None and last is not None
        what = "longest hold" if trend.unit == "s" else f"most {trend.unit} in a set"
        unit = " s" if trend.unit == "s" else ""
        text = f"{trend.name}: your {what} was {last}{unit} {_when(progress, last_start)}"
        if first_start != last_start:
            text += _versus(last, first, f"{first}{unit}", _when(progress, first_start))
        lines.append(text + ".")
    return lines


def _level(level: GroupLevel) -> str | None:
    if level.level_before is not None and level.level_before >= level.level:
        return None
    started = "" if level.level_before is None else f", up from level {level.level_before}"
    return (
        f"{group_text(level.group)}: now at level {level.level} of 5 with {level.name} "
        f"(since {long_day_text(level.since)}){started}."
    )


def _pain(progress: Progress) -> list[str]:
    weeks = [(week.start, week.highest) for week in progress.pain]
    found = _first_and_last(weeks, lambda highest: highest is not None)
    if found is None:
        return []
    (first_start, first), (last_start, last) = found
    assert first is not None and last is not None
    when = _when(progress, last_start)
    text = f"No pain in any set {when}" if last == 0 else f"Pain up to {last} of 10 {when}"
    if first_start != last_start and first != last:
        text += _versus(last, first, str(first), _when(progress, first_start))
    return [text + "."]


def weekly_summary(progress: Progress) -> tuple[str, ...]:
    """What changed, in a few sentences: sessions, each glute, top exercises, levels, pain."""
    if not progress.sets:
        return (*_adherence(progress), NOTHING_YET)
    levels = [text for level in progress.levels if (text := _level(level)) is not None]
    return (
        *_adherence(progress),
        *_sides(progress),
        *_exercises(progress),
        *levels,
        *_pain(progress),
    )


def share_text(count: Count) -> str:
    """E.g. "8 of 10 (80%)", or "no sets"."""
    return (
        "no sets" if count.percent is None else f"{count.hits} of {count.total} ({count.percent}%)"
    )
