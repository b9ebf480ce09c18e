"""What the desk-break coach waits for, and when its first prompt can come, in words.

Said once when the coach starts in the foreground, so that a quiet terminal is not mistaken
for a coach that does nothing: before working hours prompts are held until they start;
within them, the first prompt comes after one interval of sitting (later in quiet hours).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from glutewake.reminders.settings import BreakSettings
from glutewake.weekday import Weekday


def next_work_start(rules: BreakSettings, local: datetime) -> datetime:
    """The next moment working hours start after ``local`` (a working day within a week)."""
    for days in range(8):
        day = local.date() + timedelta(days=days)
        start = datetime.combine(day, rules.work_start, local.tzinfo)
        if Weekday.of(day) in rules.work_days and start > local:
            return start
    raise AssertionError("work_days is never empty")  # guaranteed by BreakSettings


def when_text(moment: datetime, local: datetime) -> str:
    if moment.date() == local.date():
        return f"{moment:%H:%M}"
    if moment.date() == local.date() + timedelta(days=1):
        return f"tomorrow at {moment:%H:%M}"
    return f"{moment:%a} {moment.day} {moment:%b} at {moment:%H:%M}"


def waiting_words(rules: BreakSettings, local: datetime, idle_detected: bool) -> str:
    """What the coach waits for, from ``local`` (the wall clock, with its zone)."""
    interval = rules.interval_minutes
    days = ", ".join(day.label for day in rules.work_days)
    hours = f"{rules.work_start:%H:%M}-{rules.work_end:%H:%M}"
    if rules.is_work_time(local):
        first = local + timedelta(minutes=interval)
        text = (
            f"Waiting for you to sit: the first prompt comes after {interval} minutes of "
            f"sitting, at {when_text(first, local)} at the earliest"
        )
        if rules.is_quiet(first):
            text += " (that is in your quiet hours: it waits until they end)"
    else:
        start = next_work_start(rules, local)
        text = (
            f"Outside your working hours ({days}, {hours}): prompts are held until "
            f"{when_text(start, local)}; the first comes after {interval} minutes of sitting "
            "from then"
        )
    if not idle_detected:
        text += (
            ". Without idle detection the coach cannot see you leave the desk: all the time "
            "it runs counts as sitting"
        )
    return text + "."
