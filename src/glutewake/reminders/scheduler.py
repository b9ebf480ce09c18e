"""The desk-break scheduler: a pure state machine driven by clock readings.

``step(rules, state, event)`` returns the next state and the effects an adapter must carry out
(show a prompt, start the guided timer, log a record). Nothing here sleeps or reads a clock:
the daemon (or a test's fake clock, or the web page's JavaScript) sends ``Tick`` events with
the wall time, a monotonic reading and, where the platform has one, a reading of a clock that
keeps counting while the computer is suspended (Linux ``CLOCK_BOOTTIME``).

Every instant in the state is UTC; local time is used only to decide working hours, quiet
hours and the day, so daylight-saving changes shift nothing. User responses (``Done``,
``Snooze`` ...) take effect at the last tick's time: send a tick first.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

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
from glutewake.reminders.settings import BreakSettings
from glutewake.reminders.state import (
    BOUT_PHASES,
    INSTANTS,
    OPEN_PROMPT_PHASES,
    BreakState,
    Phase,
    Stamp,
    Transition,
)

# Wall time and elapsed time may disagree by this much before we call it a clock change.
CLOCK_STEP_TOLERANCE_SECONDS = 30.0


class _Step:
    """Accumulates state changes and effects while one event is handled."""

    def __init__(self, rules: BreakSettings, state: BreakState) -> None:
        self.rules = rules
        self.state = state
        self.effects: list[Effect] = []

    def update(self, **changes: object) -> None:
        self.state = self.state.model_copy(update=changes)

    def log(self, record: BoutRecord | BreakRecord) -> None:
        self.effects.append(Log(record=record))

    def result(self) -> Transition:
        return Transition(state=self.state, effects=tuple(self.effects))


def step(rules: BreakSettings, state: BreakState, event: Event) -> Transition:
    """The next state and the effects to carry out for one event."""
    run = _Step(rules, state)
    if isinstance(event, Tick):
        _tick(run, event)
    elif run.state.now is None:
        pass  # no tick yet: nothing to time a response against
    elif isinstance(event, Done | Snooze | Skip):
        _respond(run, event, run.state.now)
    elif isinstance(event, StoodUp):
        _stood_up(run, run.state.now)
    elif isinstance(event, Answer):
        _answer(run, event.did_it, run.state.now)
    elif isinstance(event, PauseUntil):
        _pause(run, event.until, run.state.now)
    else:
        started = run.state.phase in (Phase.EXERCISING, Phase.CONFIRMING)
        stopped = Outcome.INTERRUPTED if started else Outcome.UNANSWERED
        _interrupt(run, run.state.now, BoutEnd.STOPPED, stopped)
        run.update(phase=Phase.OFF, due_at=None)
    return run.result()


# ---- ticks -----------------------------------------------------------------------------------


def _elapsed_and_clock_step(last: Stamp, tick: Tick) -> tuple[float, float]:
    """Real seconds since the last tick (counting suspend) and how far the wall clock was set."""
    wall_delta = (tick.wall - last.wall).total_seconds()
    if tick.boottime is not None and last.boottime is not None:
        elapsed = tick.boottime - last.boottime
    else:
        # Without a suspend-aware clock a suspend and a clock set forward look alike (both
        # count as time away); a clock set back shows as wall time running behind monotonic.
        elapsed = max(wall_delta, tick.monotonic - last.monotonic)
    clock_step = wall_delta - elapsed
    return elapsed, clock_step if abs(clock_step) > CLOCK_STEP_TOLERANCE_SECONDS else 0.0


def _shift_instants(run: _Step, seconds: float) -> None:
    shift = timedelta(seconds=seconds)
    changes: dict[str, object] = {
        name: value + shift for name in INSTANTS if (value := getattr(run.state, name))
    }
    run.update(**changes)


def _tick(run: _Step, tick: Tick) -> None:
    now = tick.wall.astimezone(UTC)
    previous_wall = now
    if (last := run.state.last) is not None:
        elapsed, clock_step = _elapsed_and_clock_step(last, tick)
        if clock_step:
            _shift_instants(run, clock_step)
        previous_wall = min(last.wall + timedelta(seconds=clock_step), now)
        if elapsed >= run.rules.idle_threshold_seconds:
            # Asleep (or not running): that was a break; whoever woke the computer is back.
            _interrupt(run, previous_wall, BoutEnd.ASLEEP, Outcome.ASLEEP)
            run.update(phase=Phase.OFF)
    run.update(last=Stamp(wall=now, monotonic=tick.monotonic, boottime=tick.boottime))

    local = tick.wall
    if local.date() != run.state.day:
        _interrupt(run, previous_wall, BoutEnd.END_OF_DAY, Outcome.UNANSWERED)
        run.update(phase=Phase.OFF, day=local.date(), prompts_today=0)
    if not run.rules.is_work_time(local):
        _interrupt(run, now, BoutEnd.END_OF_DAY, Outcome.UNANSWERED)
        run.update(phase=Phase.OFF, due_at=None)
        return
    if run.state.phase is Phase.OFF:
        _start_bout(run, now)
    _apply_idle(run, now, tick.idle_seconds, previous_wall)
    _run_timers(run, now, local)


def _start_bout(run: _Step, at: datetime) -> None:
    run.update(bout_started=at)
    _keep_sitting(run, at, run.rules.interval_seconds)


def _apply_idle(
    run: _Step, now: datetime, idle_seconds: float | None, previous_wall: datetime
) -> None:
    phase = run.state.phase
    if idle_seconds is None:
        if phase is Phase.AWAY:  # idle detection stopped answering: assume the person is here
            _start_bout(run, now)
        return
    last_input = now - timedelta(seconds=idle_seconds)
    if phase is Phase.AWAY and idle_seconds < run.rules.idle_threshold_seconds:
        _start_bout(run, max(last_input, previous_wall))
    elif (
        phase in BOUT_PHASES
        and phase is not Phase.EXERCISING  # standing still during the guided timer is expected
        and idle_seconds >= run.rules.idle_threshold_seconds
    ):
        _went_away(run, last_input)


def _went_away(run: _Step, left_at: datetime) -> None:
    state = run.state
    if state.phase is Phase.SITTING and state.bout_started and left_at <= state.bout_started:
        run.update(phase=Phase.AWAY, bout_started=None, due_at=None)  # no input since it began
        return
    _interrupt(run, left_at, BoutEnd.AWAY, Outcome.AWAY)
    run.update(phase=Phase.AWAY, due_at=None)


def _interrupt(run: _Step, at: datetime, bout_end: BoutEnd, outcome: Outcome) -> None:
    """Close any open prompt and end the sitting bout at ``at``.

    ``outcome`` is logged for an open prompt, and also without one when the person left
    (away or asleep), because leaving the desk is itself the break.
    """
    state = run.state
    prompt_open = state.phase in OPEN_PROMPT_PHASES
    if prompt_open:
        run.effects.append(ClosePrompt(reason=bout_end.value))
    left = state.phase is Phase.SITTING and bout_end in (BoutEnd.AWAY, BoutEnd.ASLEEP)
    if prompt_open or left:
        run.log(
            BreakRecord(
                at=at,
                outcome=outcome,
                exercise_id=state.exercise_id,
                seconds=state.exercise_seconds,
            )
        )
    if state.phase in BOUT_PHASES and state.bout_started is not None:
        ended = min(at, state.break_started) if state.break_started else at
        if ended > state.bout_started:
            run.log(BoutRecord(at=state.bout_started, ended_at=ended, ended_by=bout_end))
    run.update(
        bout_started=None,
        asked_at=None,
        exercise_id=None,
        exercise_seconds=None,
        break_started=None,
        exercise_ends_at=None,
    )


def _end_bout(run: _Step, at: datetime) -> None:
    """A break was done: the bout ended when the person stood up for it."""
    started = run.state.bout_started
    if started is not None and at > started:
        run.log(BoutRecord(at=started, ended_at=at, ended_by=BoutEnd.BREAK))


def _may_prompt(run: _Step, now: datetime, local: datetime) -> bool:
    state = run.state
    paused = state.paused_until is not None and now < state.paused_until
    full = state.prompts_today >= run.rules.daily_max
    return not (paused or full or run.rules.is_quiet(local))


def _run_timers(run: _Step, now: datetime, local: datetime) -> None:
    phase = run.state.phase
    if phase is Phase.SITTING:
        _prompt_when_due(run, now, local)
    elif phase in (Phase.PROMPTING, Phase.CONFIRMING):
        _close_when_unanswered(run, now)
    elif phase is Phase.EXERCISING:
        _ask_when_exercise_ends(run, now)


def _prompt_when_due(run: _Step, now: datetime, local: datetime) -> None:
    state = run.state
    if state.due_at is None or now < state.due_at or not _may_prompt(run, now, local):
        return
    assert state.bout_started is not None  # a sitting bout always has a start
    prompts_today = state.prompts_today + 1
    run.update(phase=Phase.PROMPTING, asked_at=now, prompts_today=prompts_today)
    sitting = (now - state.bout_started).total_seconds() / 60
    run.effects.append(
        ShowPrompt(
            number_today=prompts_today, sitting_minutes=round(sitting, 1), snoozes=state.snoozes
        )
    )


def _close_when_unanswered(run: _Step, now: datetime) -> None:
    state = run.state
    timeout = timedelta(seconds=run.rules.prompt_timeout_seconds)
    if state.asked_at is None or now < state.asked_at + timeout:
        return
    run.effects.append(ClosePrompt(reason="timeout"))
    run.log(
        BreakRecord(
            at=now,
            outcome=Outcome.UNANSWERED,
            exercise_id=state.exercise_id,
            seconds=state.exercise_seconds,
        )
    )
    _keep_sitting(run, now, run.rules.interval_seconds)


def _ask_when_exercise_ends(run: _Step, now: datetime) -> None:
    state = run.state
    if state.exercise_ends_at is None or now < state.exercise_ends_at:
        return
    assert state.exercise_id is not None  # set with exercise_ends_at
    run.update(phase=Phase.CONFIRMING, asked_at=now)
    run.effects.append(AskDidYouDoIt(exercise_id=state.exercise_id))


def _keep_sitting(run: _Step, now: datetime, wait_seconds: float) -> None:
    """Back to the running bout (no break was taken); the next prompt after ``wait_seconds``."""
    run.update(
        phase=Phase.SITTING,
        snoozes=0,
        due_at=now + timedelta(seconds=wait_seconds),
        asked_at=None,
        exercise_id=None,
        exercise_seconds=None,
        break_started=None,
        exercise_ends_at=None,
    )


# ---- responses -------------------------------------------------------------------------------


def _respond(run: _Step, event: Done | Snooze | Skip, now: datetime) -> None:
    if run.state.phase is not Phase.PROMPTING:
        return  # a late click on a prompt that already closed
    if isinstance(event, Done):
        ends_at = now + timedelta(seconds=event.seconds)
        run.update(
            phase=Phase.EXERCISING,
            exercise_id=event.exercise_id,
            exercise_seconds=event.seconds,
            break_started=now,
            exercise_ends_at=ends_at,
            asked_at=None,
        )
        run.effects.append(
            StartGuidedTimer(exercise_id=event.exercise_id, seconds=event.seconds, ends_at=ends_at)
        )
    elif isinstance(event, Snooze):
        run.log(BreakRecord(at=now, outcome=Outcome.SNOOZED, exercise_id=event.exercise_id))
        snoozes = run.state.snoozes + 1
        _keep_sitting(run, now, run.rules.snooze_seconds)
        run.update(snoozes=snoozes)
    else:
        run.log(BreakRecord(at=now, outcome=Outcome.SKIPPED, exercise_id=event.exercise_id))
        _keep_sitting(run, now, run.rules.interval_seconds)


def _stood_up(run: _Step, now: datetime) -> None:
    """A break without an exercise is done when the person stands: the bout ends now."""
    if run.state.phase is not Phase.PROMPTING:
        return
    run.log(BreakRecord(at=now, outcome=Outcome.DONE))
    _end_bout(run, now)
    _start_bout(run, now)


def _answer(run: _Step, did_it: bool, now: datetime) -> None:
    state = run.state
    if state.phase is not Phase.CONFIRMING:
        return
    outcome = Outcome.DONE if did_it else Outcome.NOT_DONE
    run.log(
        BreakRecord(
            at=now, outcome=outcome, exercise_id=state.exercise_id, seconds=state.exercise_seconds
        )
    )
    if did_it:
        _end_bout(run, state.break_started or now)
        _start_bout(run, now)
    else:
        _keep_sitting(run, now, run.rules.interval_seconds)


def _pause(run: _Step, until: datetime | None, now: datetime) -> None:
    if run.state.phase is Phase.PROMPTING:
        run.effects.append(ClosePrompt(reason="paused"))
        run.log(BreakRecord(at=now, outcome=Outcome.SKIPPED))
        _keep_sitting(run, now, run.rules.interval_seconds)
    run.update(paused_until=until.astimezone(UTC) if until and until > now else None)
