"""The break scheduler under a fake clock: days, snoozes, idle, suspend, clock changes, limits."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from glutewake.reminders.clock import FakeClock
from glutewake.reminders.coach import Coach
from glutewake.reminders.events import (
    Answer,
    AskDidYouDoIt,
    ClosePrompt,
    Done,
    Effect,
    Event,
    Log,
    PauseUntil,
    ShowPrompt,
    Skip,
    Snooze,
    StartGuidedTimer,
    StoodUp,
    Tick,
)
from glutewake.reminders.records import BoutEnd, BoutRecord, BreakRecord, Outcome
from glutewake.reminders.scheduler import step
from glutewake.reminders.settings import BreakSettings, TimeWindow
from glutewake.reminders.state import BreakState, Phase
from glutewake.weekday import Weekday

LONDON = ZoneInfo("Europe/London")
MONDAY_9 = datetime(2025, 6, 2, 9, 0, tzinfo=LONDON)
TICK = 15.0
RULES = BreakSettings()  # 30 min, snooze 5, idle 5 min, timeout 10, 09-17 Mon-Fri, max 12


class Desk:
    """A person at a desk: time passes in ticks of 15 s, with the idle time they would show."""

    def __init__(
        self,
        rules: BreakSettings = RULES,
        start: datetime = MONDAY_9,
        has_boottime: bool = True,
        tick: float = TICK,
    ) -> None:
        self.tick = tick
        self.clock = FakeClock(start, LONDON, has_boottime=has_boottime)
        self.coach = Coach(rules, self.clock)
        self.effects: list[tuple[datetime, Effect]] = []
        self.last_input = self.clock.true_time()
        self._record(self.coach.tick(idle_seconds=0.0))

    def _record(self, effects: list[Effect]) -> None:
        self.effects += [(self.clock.wall(), effect) for effect in effects]

    def sit(self, minutes: float) -> None:
        """Work at the keyboard: input all the time, so idle stays near zero."""
        for _ in range(round(minutes * 60 / self.tick)):
            self.clock.advance(self.tick)
            self.last_input = self.clock.true_time()
            self._record(self.coach.tick(idle_seconds=0.0))

    def leave(self, minutes: float) -> None:
        """Away from the desk: no input, so idle grows."""
        for _ in range(round(minutes * 60 / self.tick)):
            self.clock.advance(self.tick)
            idle = (self.clock.true_time() - self.last_input).total_seconds()
            self._record(self.coach.tick(idle_seconds=idle))

    def respond(self, event: Event) -> None:
        self.last_input = self.clock.true_time()
        self._record(self.coach.respond(event))

    @property
    def phase(self) -> Phase:
        return self.coach.state.phase

    def prompts(self) -> list[datetime]:
        return [at for at, effect in self.effects if isinstance(effect, ShowPrompt)]

    def records(self) -> list[BoutRecord | BreakRecord]:
        return [effect.record for _, effect in self.effects if isinstance(effect, Log)]

    def breaks(self) -> list[BreakRecord]:
        return [record for record in self.records() if isinstance(record, BreakRecord)]

    def bouts(self) -> list[BoutRecord]:
        return [record for record in self.records() if isinstance(record, BoutRecord)]

    def outcomes(self) -> list[Outcome]:
        return [record.outcome for record in self.breaks()]


def minutes_after(start: datetime, moment: datetime) -> float:
    return (moment - start).total_seconds() / 60


def test_the_first_prompt_comes_after_thirty_minutes_of_sitting() -> None:
    desk = Desk()
    desk.sit(29.75)
    assert desk.prompts() == []
    desk.sit(0.25)
    assert [minutes_after(MONDAY_9, at) for at in desk.prompts()] == [30]
    assert desk.phase is Phase.PROMPTING


def test_the_interval_is_configurable() -> None:
    desk = Desk(BreakSettings(interval_minutes=45))
    desk.sit(44.75)
    assert desk.prompts() == []
    desk.sit(0.25)
    assert len(desk.prompts()) == 1


def test_a_snooze_prompts_again_after_the_snooze_minutes_with_the_same_offer() -> None:
    desk = Desk()
    desk.sit(30)
    desk.respond(Snooze(exercise_id="standing-glute-squeeze"))
    desk.sit(5)
    assert [minutes_after(MONDAY_9, at) for at in desk.prompts()] == [30, 35]
    repeat = [e for _, e in desk.effects if isinstance(e, ShowPrompt)][-1]
    assert repeat.snoozes == 1
    assert desk.outcomes() == [Outcome.SNOOZED]
    assert desk.breaks()[0].exercise_id == "standing-glute-squeeze"


def test_a_skip_keeps_the_bout_going_and_prompts_a_full_interval_later() -> None:
    desk = Desk()
    desk.sit(30)
    desk.respond(Skip(exercise_id="standing-hip-drive"))
    desk.sit(30)
    assert [minutes_after(MONDAY_9, at) for at in desk.prompts()] == [30, 60]
    assert desk.outcomes() == [Outcome.SKIPPED]
    assert desk.bouts() == []
    sitting = [e for _, e in desk.effects if isinstance(e, ShowPrompt)][-1].sitting_minutes
    assert sitting == 60


def test_done_runs_the_guided_timer_then_the_answer_is_what_is_logged() -> None:
    desk = Desk()
    desk.sit(30)
    desk.respond(Done(exercise_id="standing-glute-squeeze", seconds=80))
    started = [e for _, e in desk.effects if isinstance(e, StartGuidedTimer)]
    assert [(s.exercise_id, s.seconds) for s in started] == [("standing-glute-squeeze", 80)]
    assert desk.breaks() == []  # pressing Done is not the break
    desk.leave(1.25)  # standing still during the timer is not "away"
    assert desk.phase is Phase.EXERCISING
    desk.leave(0.25)
    asked = [at for at, e in desk.effects if isinstance(e, AskDidYouDoIt)]
    assert [minutes_after(MONDAY_9, at) for at in asked] == [31.5]
    desk.respond(Answer(did_it=True))
    assert desk.outcomes() == [Outcome.DONE]
    assert desk.breaks()[0].exercise_id == "standing-glute-squeeze"
    [bout] = desk.bouts()
    assert (bout.minutes, bout.ended_by) == (30, BoutEnd.BREAK)
    desk.sit(30)
    assert [minutes_after(MONDAY_9, at) for at in desk.prompts()] == [30, 61.5]


def test_standing_up_for_a_break_without_an_exercise_is_done_at_once_and_ends_the_bout() -> None:
    """While training is paused a prompt offers no exercise: "Done" means "I stood up"."""
    desk = Desk()
    desk.sit(29)
    desk.respond(StoodUp())  # no prompt open: a late click changes nothing
    assert desk.records() == []
    desk.sit(1)
    desk.respond(StoodUp())
    assert not any(isinstance(e, StartGuidedTimer | AskDidYouDoIt) for _, e in desk.effects)
    [stood] = desk.breaks()
    assert (stood.outcome, stood.exercise_id, stood.seconds) == (Outcome.DONE, None, None)
    assert minutes_after(MONDAY_9, stood.at) == 30
    [bout] = desk.bouts()
    assert (bout.minutes, bout.ended_by) == (30, BoutEnd.BREAK)
    assert desk.phase is Phase.SITTING
    desk.sit(30)
    assert [minutes_after(MONDAY_9, at) for at in desk.prompts()] == [30, 60]


def test_answering_no_logs_not_done_and_the_bout_goes_on() -> None:
    desk = Desk()
    desk.sit(30)
    desk.respond(Done(exercise_id="standing-glute-squeeze", seconds=60))
    desk.sit(1)
    desk.respond(Answer(did_it=False))
    assert desk.outcomes() == [Outcome.NOT_DONE]
    assert desk.bouts() == []
    assert desk.coach.state.bout_started == MONDAY_9


def test_an_unanswered_prompt_closes_after_the_timeout() -> None:
    desk = Desk()
    desk.sit(40)
    assert desk.outcomes() == [Outcome.UNANSWERED]
    closes = [at for at, e in desk.effects if isinstance(e, ClosePrompt)]
    assert [minutes_after(MONDAY_9, at) for at in closes] == [40]
    desk.sit(30)
    assert [minutes_after(MONDAY_9, at) for at in desk.prompts()] == [30, 70]


def test_five_minutes_away_is_a_break_and_restarts_the_sitting_timer() -> None:
    desk = Desk()
    desk.sit(20)
    desk.leave(4.75)
    assert desk.phase is Phase.SITTING
    desk.leave(0.25)
    assert desk.coach.state.phase is Phase.AWAY
    assert desk.outcomes() == [Outcome.AWAY]
    [bout] = desk.bouts()
    assert (bout.minutes, bout.ended_by) == (20, BoutEnd.AWAY)
    desk.leave(20)  # a long lunch: still no prompt
    assert desk.prompts() == []
    desk.sit(30.25)  # back at the first input, 45.25 min after nine
    assert [minutes_after(MONDAY_9, at) for at in desk.prompts()] == [75.25]


def test_leaving_while_prompted_closes_the_prompt_and_counts_as_the_break() -> None:
    desk = Desk()
    desk.sit(30)
    desk.leave(5)
    assert desk.phase is Phase.AWAY
    assert desk.outcomes() == [Outcome.AWAY]
    assert any(isinstance(e, ClosePrompt) for _, e in desk.effects)


def test_without_idle_detection_the_timer_still_runs() -> None:
    desk = Desk()
    for _ in range(120):
        desk.clock.advance(TICK)
        desk._record(desk.coach.tick(idle_seconds=None))
    assert len(desk.prompts()) == 1


def test_a_suspend_counts_as_a_break_and_the_timer_restarts_on_wake() -> None:
    desk = Desk()
    desk.sit(25)
    desk.clock.suspend(40 * 60)
    desk.sit(0.25)
    assert desk.outcomes() == [Outcome.ASLEEP]
    [bout] = desk.bouts()
    assert (bout.minutes, bout.ended_by) == (25, BoutEnd.ASLEEP)
    assert desk.prompts() == []
    desk.sit(30)  # the timer restarted at the first tick after waking
    assert [minutes_after(MONDAY_9, at) for at in desk.prompts()] == [25 + 40 + 0.25 + 30]


def test_a_suspend_is_seen_from_the_wall_clock_where_there_is_no_boottime() -> None:
    desk = Desk(has_boottime=False)
    desk.sit(25)
    desk.clock.suspend(10 * 60)
    desk.sit(30.25)
    assert desk.outcomes() == [Outcome.ASLEEP]
    assert [minutes_after(MONDAY_9, at) for at in desk.prompts()] == [25 + 10 + 0.25 + 30]


def test_a_short_suspend_is_not_a_break() -> None:
    desk = Desk()
    desk.sit(10)
    desk.clock.suspend(2 * 60)
    desk.sit(18)
    assert desk.outcomes() == []
    assert [minutes_after(MONDAY_9, at) for at in desk.prompts()] == [30]


def test_a_suspend_during_the_prompt_closes_it() -> None:
    desk = Desk()
    desk.sit(30)
    desk.clock.suspend(60 * 60)
    desk.sit(0.25)
    assert desk.outcomes() == [Outcome.ASLEEP]
    assert any(isinstance(e, ClosePrompt) for _, e in desk.effects)
    assert desk.phase is Phase.SITTING


def test_setting_the_wall_clock_forward_is_neither_a_break_nor_a_shortcut() -> None:
    desk = Desk()
    desk.sit(10)
    desk.clock.set_wall(60 * 60)
    desk.sit(19.75)
    assert desk.outcomes() == [] and desk.prompts() == []
    desk.sit(0.25)
    assert len(desk.prompts()) == 1


def test_setting_the_wall_clock_back_does_not_delay_the_prompt() -> None:
    desk = Desk(start=MONDAY_9 + timedelta(hours=2), has_boottime=False)
    desk.sit(10)
    desk.clock.set_wall(-45 * 60)
    desk.sit(20)
    assert desk.outcomes() == []
    assert len(desk.prompts()) == 1


def test_no_prompt_in_quiet_hours_then_one_when_they_end() -> None:
    quiet = TimeWindow(start=time(9, 20), end=time(10, 0))
    desk = Desk(BreakSettings(quiet_hours=(quiet,)))
    desk.sit(59.75)
    assert desk.prompts() == []
    desk.sit(0.25)
    assert [minutes_after(MONDAY_9, at) for at in desk.prompts()] == [60]


def test_no_more_than_the_daily_maximum_then_a_new_day_resets_it() -> None:
    desk = Desk(BreakSettings(daily_max=3))
    for _ in range(5):
        desk.sit(30)
        desk.respond(Skip())
    assert len(desk.prompts()) == 3
    assert desk.coach.status().held_back_by == "daily maximum reached"
    desk.sit(8 * 60)
    desk.clock.advance(15 * 3600)  # overnight, computer on
    desk.sit(31)
    assert len(desk.prompts()) == 4
    assert desk.prompts()[-1].date() == MONDAY_9.date() + timedelta(days=1)


def test_working_hours_end_the_bout_and_close_an_open_prompt() -> None:
    desk = Desk(start=datetime(2025, 6, 2, 16, 15, tzinfo=LONDON))
    desk.sit(30)
    assert len(desk.prompts()) == 1
    desk.sit(15)
    assert desk.phase is Phase.OFF
    assert desk.outcomes() == [Outcome.UNANSWERED]
    [bout] = desk.bouts()
    assert bout.ended_by is BoutEnd.END_OF_DAY
    assert bout.ended_at.astimezone(LONDON).time() == time(17)
    desk.sit(60)
    assert len(desk.prompts()) == 1


def test_no_prompts_or_bouts_on_days_off() -> None:
    saturday = datetime(2025, 6, 7, 9, 0, tzinfo=LONDON)
    desk = Desk(start=saturday)
    desk.sit(3 * 60)
    assert desk.prompts() == [] and desk.bouts() == [] and desk.phase is Phase.OFF
    weekend_worker = Desk(BreakSettings(work_days=(Weekday.SAT,)), start=saturday)
    weekend_worker.sit(30)
    assert len(weekend_worker.prompts()) == 1


def test_pause_for_an_hour_holds_prompts_back_until_it_ends() -> None:
    desk = Desk()
    desk.sit(10)
    desk.respond(PauseUntil(until=desk.clock.wall() + timedelta(hours=1)))
    desk.sit(59.75)
    assert desk.prompts() == []
    assert desk.coach.status().held_back_by == "paused"
    desk.sit(0.25)
    assert [minutes_after(MONDAY_9, at) for at in desk.prompts()] == [70]


def test_pausing_while_prompted_closes_the_prompt_and_resuming_allows_prompts() -> None:
    desk = Desk()
    desk.sit(30)
    desk.respond(PauseUntil(until=desk.clock.wall() + timedelta(hours=1)))
    assert desk.outcomes() == [Outcome.SKIPPED]
    desk.sit(10)
    desk.respond(PauseUntil(until=None))
    desk.sit(20)
    assert [minutes_after(MONDAY_9, at) for at in desk.prompts()] == [30, 60]


def test_the_timer_follows_real_time_across_a_daylight_saving_change() -> None:
    all_day = BreakSettings(work_start=time(0), work_end=time(23, 59), work_days=tuple(Weekday))
    start = datetime(2025, 3, 30, 0, 50, tzinfo=LONDON)  # clocks go 01:00 GMT -> 02:00 BST
    desk = Desk(all_day, start=start)
    desk.sit(30)
    [prompt] = desk.prompts()
    assert prompt.astimezone(LONDON).time() == time(2, 20)
    assert (prompt.astimezone(UTC) - start.astimezone(UTC)).total_seconds() == 30 * 60


def test_midnight_splits_the_bout_and_resets_the_count() -> None:
    all_day = BreakSettings(
        work_start=time(0), work_end=time(23, 59, 59), work_days=tuple(Weekday), daily_max=1
    )
    desk = Desk(all_day, start=datetime(2025, 6, 2, 23, 20, tzinfo=LONDON))
    desk.sit(30)
    desk.respond(Skip())
    desk.sit(45)
    assert [at.astimezone(LONDON).strftime("%d %H:%M") for at in desk.prompts()] == [
        "02 23:50",
        "03 00:30",
    ]
    first = desk.bouts()[0]
    assert first.ended_by is BoutEnd.END_OF_DAY
    assert first.ended_at.astimezone(LONDON).strftime("%H:%M:%S") == "23:59:45"


def test_late_responses_to_a_closed_prompt_are_ignored() -> None:
    desk = Desk()
    desk.sit(10)
    before = desk.coach.state
    for event in (Done(exercise_id="x-y", seconds=60), Snooze(), Skip(), Answer(did_it=True)):
        transition = step(RULES, before, event)
        assert transition.effects == () and transition.state == before


def test_stopping_logs_the_open_bout() -> None:
    desk = Desk()
    desk.sit(12)
    desk._record(desk.coach.stop())
    [bout] = desk.bouts()
    assert (bout.minutes, bout.ended_by) == (12, BoutEnd.STOPPED)
    assert desk.phase is Phase.OFF


def test_the_state_round_trips_through_json() -> None:
    desk = Desk()
    desk.sit(30)
    desk.respond(Snooze(exercise_id="standing-glute-squeeze"))
    state = desk.coach.state
    assert BreakState.model_validate_json(state.model_dump_json()) == state


def test_events_can_come_as_json_from_a_browser() -> None:
    from pydantic import TypeAdapter

    events: TypeAdapter[Event] = TypeAdapter(Event)
    tick = events.validate_json(
        '{"kind": "tick", "wall": "2025-06-02T09:00:00+01:00", "monotonic": 5.0}'
    )
    assert isinstance(tick, Tick)
    state = step(RULES, BreakState(), tick).state
    assert state.phase is Phase.SITTING


# ---- properties ------------------------------------------------------------------------------

RESPONSES: dict[str, Event] = {
    "done": Done(exercise_id="standing-glute-squeeze", seconds=90),
    "snooze": Snooze(exercise_id="standing-glute-squeeze"),
    "skip": Skip(exercise_id="standing-glute-squeeze"),
    "stood-up": StoodUp(),
    "yes": Answer(did_it=True),
    "no": Answer(did_it=False),
}
minutes = st.integers(min_value=1, max_value=150)
common_actions = (
    st.tuples(st.just("sit"), minutes),
    st.tuples(st.just("leave"), minutes),
    st.tuples(st.just("suspend"), st.integers(min_value=0, max_value=900)),
    st.tuples(st.just("pause"), st.integers(min_value=0, max_value=120)),
    st.tuples(st.just("respond"), st.sampled_from(sorted(RESPONSES))),
    st.tuples(st.just("overnight"), st.just(0)),
)
rules_strategy = st.builds(
    BreakSettings,
    interval_minutes=st.integers(min_value=5, max_value=60),
    daily_max=st.integers(min_value=1, max_value=6),
    quiet_hours=st.integers(min_value=9, max_value=15).map(
        lambda hour: (TimeWindow(start=time(hour), end=time(hour, 45)),)
    ),
)
start_strategy = st.integers(min_value=0, max_value=10 * 60).map(
    lambda minute: MONDAY_9 - timedelta(hours=1) + timedelta(minutes=minute)
)


def play(desk: Desk, actions: list[tuple[str, object]]) -> list[tuple[datetime, datetime]]:
    """Run the actions; the pauses as (from, until) in true time."""
    pauses: list[tuple[datetime, datetime]] = []
    for action, value in actions:
        if action == "sit":
            desk.sit(float(value))  # type: ignore[arg-type]
        elif action == "leave":
            desk.leave(float(value))  # type: ignore[arg-type]
        elif action == "suspend":
            desk.clock.suspend(float(value) * 60)  # type: ignore[arg-type]
        elif action == "set_wall":
            desk.clock.set_wall(float(value) * 60)  # type: ignore[arg-type]
        elif action == "overnight":
            desk.clock.advance(14 * 3600)
        elif action == "respond":
            desk.respond(RESPONSES[str(value)])
        else:
            start = desk.clock.true_time()
            pauses = [(begun, min(until, start)) for begun, until in pauses]
            pauses.append((start, start + timedelta(minutes=float(value))))  # type: ignore[arg-type]
            until = desk.clock.wall() + timedelta(minutes=float(value))  # type: ignore[arg-type]
            desk.respond(PauseUntil(until=until if value else None))
    return pauses


def prompts_by_day(desk: Desk) -> dict[object, int]:
    counts: dict[object, int] = {}
    for at in desk.prompts():
        counts[at.date()] = counts.get(at.date(), 0) + 1
    return counts


@settings(max_examples=60, deadline=None)
@given(
    rules=rules_strategy,
    start=start_strategy,
    actions=st.lists(st.one_of(*common_actions), min_size=3, max_size=25),
)
def test_prompts_respect_every_limit(
    rules: BreakSettings, start: datetime, actions: list[tuple[str, object]]
) -> None:
    desk = Desk(rules, start=start, tick=60.0)
    true_times: list[datetime] = []
    original_record = desk._record

    def record(effects: list[Effect]) -> None:
        true_times.extend(desk.clock.true_time() for e in effects if isinstance(e, ShowPrompt))
        original_record(effects)

    desk._record = record  # type: ignore[method-assign]
    pauses = play(desk, actions)
    for at in desk.prompts():
        assert rules.is_work_time(at) and not rules.is_quiet(at), at
    assert all(count <= rules.daily_max for count in prompts_by_day(desk).values())
    for shown in true_times:
        assert not any(begun < shown < until for begun, until in pauses), shown
    for bout in desk.bouts():
        assert bout.at < bout.ended_at


@settings(max_examples=60, deadline=None)
@given(
    rules=rules_strategy,
    start=start_strategy,
    has_boottime=st.booleans(),
    actions=st.lists(
        st.one_of(
            *common_actions,
            st.tuples(st.just("set_wall"), st.integers(min_value=-120, max_value=120)),
        ),
        min_size=3,
        max_size=25,
    ),
)
def test_clock_changes_and_suspends_never_break_the_limits(
    rules: BreakSettings, start: datetime, has_boottime: bool, actions: list[tuple[str, object]]
) -> None:
    desk = Desk(rules, start=start, tick=60.0, has_boottime=has_boottime)
    play(desk, actions)
    for at in desk.prompts():
        assert rules.is_work_time(at) and not rules.is_quiet(at), at
    assert all(count <= rules.daily_max for count in prompts_by_day(desk).values())
    for bout in desk.bouts():
        assert bout.at < bout.ended_at
    elapsed = desk.clock.true_time() - start.astimezone(UTC)
    assert all(bout.ended_at - bout.at <= elapsed for bout in desk.bouts())
