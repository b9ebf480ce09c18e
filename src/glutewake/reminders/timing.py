"""When a timer that is not ticked will show its next prompt: the scheduler's rules, ahead of time.

The scheduler decides tick by tick. A browser tab (the web app's desk mode) counts down to one
instant instead, so it needs that instant in advance: ``plan_timer`` gives it by the scheduler's
rules. Bouts and prompts happen only in working hours on working days; a bout cut by the end of
the working day starts again, with a full interval, at the next working period; quiet hours, a
pause and the daily maximum hold a due prompt back while the bout keeps counting.
``tests/reminders/test_timing.py`` checks the plan against the scheduler under a fake clock.

Pure: ``zone`` None means the computer's local time, as in ``report.summarise``.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, tzinfo
from typing import NamedTuple

from pydantic import AwareDatetime, BaseModel, ConfigDict

from glutewake.reminders.settings import BreakSettings
from glutewake.weekday import Weekday

DAYS_AHEAD = 8  # a week always holds a working day: work_days is never empty
MAX_STEPS = 400  # holds to step over before giving up (quiet hours covering every working hour)


class WorkPeriod(NamedTuple):
    start: datetime
    end: datetime


class TimerPlan(BaseModel):
    """A sitting timer as the scheduler would run it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    bout_started: AwareDatetime  # may lie ahead, when working hours have not begun
    due_at: AwareDatetime  # the wait ends
    work_ends_at: AwareDatetime  # the bout ends here at the latest
    prompt_at: AwareDatetime | None  # the first moment from due_at on that the rules allow
    held_back_by: str | None  # why prompt_at is later than due_at


def _at(day: date, clock: time, zone: tzinfo | None) -> datetime:
    naive = datetime.combine(day, clock)
    return naive.replace(tzinfo=zone) if zone is not None else naive.astimezone()


def work_period(
    rules: BreakSettings, moment: datetime, zone: tzinfo | None = None
) -> WorkPeriod | None:
    """The working hours that hold ``moment``, or None outside them."""
    local = moment.astimezone(zone)
    if not rules.is_work_time(local):
        return None
    return WorkPeriod(
        _at(local.date(), rules.work_start, zone), _at(local.date(), rules.work_end, zone)
    )


def next_work_period(
    rules: BreakSettings, moment: datetime, zone: tzinfo | None = None
) -> WorkPeriod:
    """The working hours that hold ``moment``, or else the first to begin after it."""
    current = work_period(rules, moment, zone)
    if current is not None:
        return current
    first_day = moment.astimezone(zone).date()
    for offset in range(DAYS_AHEAD):
        day = first_day + timedelta(days=offset)
        start = _at(day, rules.work_start, zone)
        if Weekday.of(day) in rules.work_days and start > moment:
            return WorkPeriod(start, _at(day, rules.work_end, zone))
    raise ValueError("work_days is empty")  # BreakSettings never allows it


def clip_bout(
    rules: BreakSettings, started: datetime, ended: datetime, zone: tzinfo | None = None
) -> tuple[datetime, datetime] | None:
    """The part of a sitting bout that the scheduler counts: inside one working period."""
    period = next_work_period(rules, started, zone)
    start, end = max(started, period.start), min(ended, period.end)
    return (start, end) if end > start else None


def plan_timer(
    rules: BreakSettings,
    now: datetime,
    *,
    snoozed: bool = False,
    bout_started: datetime | None = None,
    due_at: datetime | None = None,
    prompts_today: int = 0,
    paused_until: datetime | None = None,
    scale: float = 1.0,
    zone: tzinfo | None = None,
) -> TimerPlan:
    """The bout, the end of the wait and the next prompt of a sitting timer at ``now``.

    Without ``due_at`` a wait starts now: the interval, or the snooze when ``snoozed``. Without
    ``bout_started`` a bout starts too; a bout from before the current working period has ended
    with its day. ``scale`` shortens the waits (``Settings.timer_scale``), not the clock hours.
    """
    interval = timedelta(seconds=rules.interval_seconds * scale)
    wait = timedelta(seconds=rules.snooze_seconds * scale) if snoozed else interval
    period = work_period(rules, now, zone)
    if period is None or (bout_started is not None and bout_started < period.start):
        period = next_work_period(rules, now, zone)
        bout, due = period.start, period.start + interval
    else:
        bout = min(bout_started or now, now)
        due = due_at if due_at is not None else now + wait
    prompt_at, reason = _first_prompt(
        rules,
        period,
        due,
        interval,
        prompts_today,
        now.astimezone(zone).date(),
        paused_until,
        zone,
    )
    return TimerPlan(
        bout_started=bout,
        due_at=due,
        work_ends_at=period.end,
        prompt_at=prompt_at,
        held_back_by=reason,
    )


def _first_prompt(
    rules: BreakSettings,
    period: WorkPeriod,
    due: datetime,
    interval: timedelta,
    prompts_today: int,
    today: date,
    paused_until: datetime | None,
    zone: tzinfo | None,
) -> tuple[datetime | None, str | None]:
    reason: str | None = None
    moment = due
    for _ in range(MAX_STEPS):
        prompts = prompts_today if period.start.astimezone(zone).date() == today else 0
        held = _held_back(rules, moment, period, prompts, paused_until, zone)
        if held is None:
            return moment, reason
        why, until = held
        reason = reason or why
        if until < period.end:
            moment = until
        else:  # the bout ends with the working day; the next one starts with a full interval
            period = next_work_period(rules, period.end, zone)
            moment = period.start + interval
    return None, reason


def _held_back(
    rules: BreakSettings,
    moment: datetime,
    period: WorkPeriod,
    prompts: int,
    paused_until: datetime | None,
    zone: tzinfo | None,
) -> tuple[str, datetime] | None:
    """Why no prompt can come at ``moment`` and until when, or None when one can."""
    if moment >= period.end:
        return "outside working hours", period.end
    if prompts >= rules.daily_max:
        return "daily maximum reached", period.end
    if paused_until is not None and moment < paused_until:
        return "paused", paused_until
    local = moment.astimezone(zone)
    if rules.is_quiet(local):
        return "quiet hours", _quiet_end(rules, local, zone)
    return None


def _quiet_end(rules: BreakSettings, local: datetime, zone: tzinfo | None) -> datetime:
    ends = []
    for window in rules.quiet_hours:
        if window.contains(local.time()):
            day = local.date() if window.end > local.time() else local.date() + timedelta(days=1)
            ends.append(_at(day, window.end, zone))
    end = max(ends)
    return end if end > local else local + timedelta(minutes=1)  # a daylight-saving fold
