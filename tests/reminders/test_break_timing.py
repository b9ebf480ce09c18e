"""The planned prompt time against the scheduler itself, run minute by minute on a fake clock."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from glutewake.reminders.clock import FakeClock
from glutewake.reminders.coach import Coach
from glutewake.reminders.events import PauseUntil, ShowPrompt, Skip, Snooze
from glutewake.reminders.settings import BreakSettings, TimeWindow
from glutewake.reminders.state import BreakState
from glutewake.reminders.timing import clip_bout, next_work_period, plan_timer
from glutewake.weekday import Weekday

LONDON = ZoneInfo("Europe/London")
MONDAY = datetime(2025, 6, 2, tzinfo=LONDON)
MINUTE = 60.0


def clock_time(minute_of_day: int) -> time:
    return time(minute_of_day // 60, minute_of_day % 60)


@st.composite
def break_rules(draw: st.DrawFn) -> BreakSettings:
    start = draw(st.integers(6 * 60, 12 * 60))
    end = draw(st.integers(start + 30, min(start + 10 * 60, 23 * 60 + 59)))
    windows = []
    for _ in range(draw(st.integers(0, 2))):
        quiet_start = draw(st.integers(0, 24 * 60 - 1))
        length = draw(st.integers(5, 180))
        windows.append(
            TimeWindow(
                start=clock_time(quiet_start), end=clock_time((quiet_start + length) % (24 * 60))
            )
        )
    days = draw(st.sets(st.sampled_from(list(Weekday)), min_size=1))
    return BreakSettings(
        interval_minutes=draw(st.integers(5, 90)),
        snooze_minutes=draw(st.integers(1, 20)),
        work_start=clock_time(start),
        work_end=clock_time(end),
        work_days=tuple(day for day in Weekday if day in days),
        daily_max=draw(st.integers(1, 6)),
        quiet_hours=tuple(windows),
    )


def next_prompt(coach: Coach, clock: FakeClock, minutes: int) -> datetime | None:
    """Tick each minute for up to ``minutes``; when the first prompt shows."""
    for _ in range(minutes):
        clock.advance(MINUTE)
        if any(isinstance(effect, ShowPrompt) for effect in coach.tick(idle_seconds=0.0)):
            return clock.wall()
    return None


def start_coach(
    rules: BreakSettings, start: datetime, prompts_before: int
) -> tuple[Coach, FakeClock]:
    clock = FakeClock(start, LONDON)
    coach = Coach(rules, clock, BreakState(day=start.date(), prompts_today=prompts_before))
    coach.tick(idle_seconds=0.0)
    return coach, clock


def pause(coach: Coach, minutes: int | None) -> None:
    if minutes is not None:
        coach.respond(PauseUntil(until=coach.clock.wall() + timedelta(minutes=minutes)))


def answer(snooze: bool) -> Snooze | Skip:
    return Snooze() if snooze else Skip()


SCENARIOS = {
    "rules": break_rules(),
    "start_minute": st.integers(0, 7 * 24 * 60),
    "pause_minutes": st.none() | st.integers(1, 600),
    "prompts_before": st.integers(0, 6),
    "snooze": st.booleans(),
}


@settings(max_examples=50, deadline=None)
@given(planned_after=st.integers(0, 3 * 24 * 60), **SCENARIOS)
def test_a_running_timer_is_planned_to_the_minute_the_scheduler_prompts(
    rules: BreakSettings,
    start_minute: int,
    planned_after: int,
    pause_minutes: int | None,
    prompts_before: int,
    snooze: bool,
) -> None:
    coach, clock = start_coach(rules, MONDAY + timedelta(minutes=start_minute), prompts_before)
    for _ in range(planned_after):  # every prompt answered at once: the timer sits or is off
        clock.advance(MINUTE)
        if any(isinstance(effect, ShowPrompt) for effect in coach.tick(idle_seconds=0.0)):
            coach.respond(answer(snooze))
    pause(coach, pause_minutes)
    now, state = clock.wall(), coach.state
    plan = plan_timer(
        rules,
        now,
        bout_started=state.bout_started,
        due_at=state.due_at,
        prompts_today=state.prompts_today if state.day == now.date() else 0,
        paused_until=state.paused_until,
        zone=LONDON,
    )
    if state.bout_started is not None:
        assert plan.bout_started == state.bout_started
    assert next_prompt(coach, clock, 9 * 24 * 60) == plan.prompt_at


@settings(max_examples=50, deadline=None)
@given(**SCENARIOS)
def test_a_wait_started_by_an_answer_is_planned_like_the_scheduler(
    rules: BreakSettings,
    start_minute: int,
    pause_minutes: int | None,
    prompts_before: int,
    snooze: bool,
) -> None:
    coach, clock = start_coach(rules, MONDAY + timedelta(minutes=start_minute), prompts_before)
    if next_prompt(coach, clock, 9 * 24 * 60) is None:
        return  # the daily maximum or quiet hours hold every prompt back: nothing to answer
    bout_started = coach.state.bout_started
    coach.respond(answer(snooze))
    pause(coach, pause_minutes)
    now, state = clock.wall(), coach.state
    plan = plan_timer(
        rules,
        now,
        snoozed=snooze,
        bout_started=bout_started,
        prompts_today=state.prompts_today,
        paused_until=state.paused_until,
        zone=LONDON,
    )
    assert plan.due_at == state.due_at
    assert next_prompt(coach, clock, 9 * 24 * 60) == plan.prompt_at


RULES = BreakSettings()  # 30 min, snooze 5, 09-17 Mon-Fri, at most 12 a day


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2025, 6, day, hour, minute, tzinfo=LONDON)


def test_a_bout_left_over_from_yesterday_restarts_at_the_start_of_work() -> None:
    plan = plan_timer(RULES, at(3, 10), bout_started=at(2, 16), due_at=at(2, 16, 30), zone=LONDON)
    assert (plan.bout_started, plan.due_at, plan.prompt_at) == (
        at(3, 9),
        at(3, 9, 30),
        at(3, 9, 30),
    )
    assert plan.work_ends_at == at(3, 17)


def test_on_friday_evening_the_timer_waits_for_monday() -> None:
    plan = plan_timer(RULES, at(6, 18), zone=LONDON)
    assert (plan.bout_started, plan.prompt_at) == (at(9, 9), at(9, 9, 30))
    assert (plan.work_ends_at, plan.held_back_by) == (at(9, 17), None)
    assert next_work_period(RULES, at(7, 12), zone=LONDON).start == at(9, 9)


def test_holds_are_named_and_the_interval_scales() -> None:
    quiet = RULES.model_copy(update={"quiet_hours": (TimeWindow(start=time(12), end=time(13)),)})
    lunch = plan_timer(quiet, at(2, 11, 50), zone=LONDON)
    assert (lunch.prompt_at, lunch.held_back_by) == (at(2, 13), "quiet hours")
    late = plan_timer(RULES, at(2, 16, 45), zone=LONDON)
    assert (late.prompt_at, late.held_back_by) == (at(3, 9, 30), "outside working hours")
    full = plan_timer(RULES, at(2, 10), prompts_today=12, zone=LONDON)
    assert (full.prompt_at, full.held_back_by) == (at(3, 9, 30), "daily maximum reached")
    paused = plan_timer(RULES, at(2, 10), paused_until=at(2, 11), zone=LONDON)
    assert (paused.prompt_at, paused.held_back_by) == (at(2, 11), "paused")
    short = plan_timer(RULES, at(2, 10), snoozed=True, scale=0.02, zone=LONDON)
    assert short.prompt_at == at(2, 10) + timedelta(seconds=6)


def test_quiet_hours_over_every_working_hour_leave_no_prompt() -> None:
    quiet = RULES.model_copy(update={"quiet_hours": (TimeWindow(start=time(8), end=time(18)),)})
    plan = plan_timer(quiet, at(2, 10), zone=LONDON)
    assert (plan.prompt_at, plan.held_back_by) == (None, "quiet hours")


def test_a_bout_is_clipped_to_its_working_period() -> None:
    assert clip_bout(RULES, at(2, 8), at(2, 9, 40), LONDON) == (at(2, 9), at(2, 9, 40))
    assert clip_bout(RULES, at(2, 16), at(3, 10), LONDON) == (at(2, 16), at(2, 17))
    assert clip_bout(RULES, at(2, 18), at(2, 19), LONDON) is None


def test_working_hours_follow_the_clock_across_daylight_saving() -> None:
    friday = datetime(2025, 10, 24, 18, tzinfo=LONDON)  # the clocks go back on Sunday the 26th
    plan = plan_timer(RULES, friday, zone=LONDON)
    assert plan.bout_started == datetime(2025, 10, 27, 9, tzinfo=LONDON)
    assert plan.bout_started.utcoffset() == timedelta(0)
