"""The desk-break scheduler: a pure state machine driven by clock readings.

``step(rules, state, event)`` returns the next state and the effects an adapter must carry out
(show a prompt, start the guided timer, log a record). Nothing here sleeps or reads a clock:
the daemon (or a test's fake clock, or the web page's JavaScript) sends ``Tick`` events with
the wall time, a monotonic reading and, where the platform has one, a reading of a clock that
keeps counting while the computer is suspended (Linux ``CLOCK_BOOTTIME``).

Every instant in the state is UTC; local time is used only to decide working hours, quiet
hours and the day, so daylight-saving changes shift nothing. User responses (``Done``,
``Snooze`` ...) take effect at the last tick's time: send a tick first.

States and events are pydantic models, so ``state.model_dump(mode="json")`` is the whole
timer, ready to be saved or mirrored by a browser tab.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import Annotated, Literal, Protocol

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from glutewake.reminders.settings import BreakSettings

# Wall time and elapsed time may disagree by this much before we call it a clock change.
CLOCK_STEP_TOLERANCE_SECONDS = 30.0


class Clock(Protocol):
    """What the scheduler's driver reads; ``FakeClock`` and ``SystemClock`` implement it."""

    def wall(self) -> datetime:
        """The local wall time, timezone-aware."""

    def monotonic(self) -> float:
        """Seconds from an arbitrary start; may stop while the computer sleeps."""

    def boottime(self) -> float | None:
        """Seconds that keep counting while suspended, or None where there is no such clock."""


class Phase(StrEnum):
    OFF = "off"  # outside working hours or days, or not started
    SITTING = "sitting"  # the sitting timer runs
    PROMPTING = "prompting"  # a prompt waits for Done, Snooze or Skip
    EXERCISING = "exercising"  # the guided timer runs
    CONFIRMING = "confirming"  # "Did you do it?" waits for an answer
    AWAY = "away"  # away from the desk (idle or asleep): a break in itself


BOUT_PHASES = (Phase.SITTING, Phase.PROMPTING, Phase.EXERCISING, Phase.CONFIRMING)
OPEN_PROMPT_PHASES = (Phase.PROMPTING, Phase.EXERCISING, Phase.CONFIRMING)


class Outcome(StrEnum):
    DONE = "done"  # answered "yes, I did it"
    NOT_DONE = "not-done"  # answered "no"
    SNOOZED = "snoozed"
    SKIPPED = "skipped"
    UNANSWERED = "unanswered"  # a prompt or question timed out or was cut short
    AWAY = "away"  # idle for the threshold: counts as a break
    ASLEEP = "asleep"  # the computer slept (or glutewake did not run) for the threshold


class BoutEnd(StrEnum):
    BREAK = "break"
    AWAY = "away"
    ASLEEP = "asleep"
    END_OF_DAY = "end-of-day"  # working hours ended, or midnight
    STOPPED = "stopped"


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# ---- records: what gets stored ---------------------------------------------------------------


class BoutRecord(_Frozen):
    """One unbroken sitting bout, from ``at`` to ``ended_at``."""

    kind: Literal["bout"] = "bout"
    at: AwareDatetime
    ended_at: AwareDatetime
    ended_by: BoutEnd

    @property
    def minutes(self) -> float:
        return (self.ended_at - self.at).total_seconds() / 60


class BreakRecord(_Frozen):
    """What happened to one prompt, or a break taken away from the desk."""

    kind: Literal["break"] = "break"
    at: AwareDatetime
    outcome: Outcome
    exercise_id: str | None = None
    seconds: int | None = None


Record = Annotated[BoutRecord | BreakRecord, Field(discriminator="kind")]


# ---- events ----------------------------------------------------------------------------------


class Tick(_Frozen):
    kind: Literal["tick"] = "tick"
    wall: AwareDatetime
    monotonic: float
    boottime: float | None = None
    idle_seconds: float | None = Field(default=None, ge=0, description="None: unknown")


class Done(_Frozen):
    """The person pressed Done on the prompt for ``exercise_id``: start the guided timer."""

    kind: Literal["done"] = "done"
    exercise_id: str
    seconds: int = Field(ge=1, le=600)


class Snooze(_Frozen):
    kind: Literal["snooze"] = "snooze"
    exercise_id: str | None = None


class Skip(_Frozen):
    kind: Literal["skip"] = "skip"
    exercise_id: str | None = None


class Answer(_Frozen):
    """The answer to "Did you do it?"."""

    kind: Literal["answer"] = "answer"
    did_it: bool


class PauseUntil(_Frozen):
    """No prompts until ``until``; None resumes now."""

    kind: Literal["pause"] = "pause"
    until: AwareDatetime | None


class Stop(_Frozen):
    kind: Literal["stop"] = "stop"


Event = Annotated[
    Tick | Done | Snooze | Skip | Answer | PauseUntil | Stop, Field(discriminator="kind")
]


# ---- effects ---------------------------------------------------------------------------------


class ShowPrompt(_Frozen):
    kind: Literal["show-prompt"] = "show-prompt"
    number_today: int
    sitting_minutes: float
    snoozes: int = Field(description="Times this break was snoozed; > 0 repeats the offer")


class ClosePrompt(_Frozen):
    kind: Literal["close-prompt"] = "close-prompt"
    reason: str


class StartGuidedTimer(_Frozen):
    kind: Literal["start-timer"] = "start-timer"
    exercise_id: str
    seconds: int
    ends_at: AwareDatetime


class AskDidYouDoIt(_Frozen):
    kind: Literal["ask"] = "ask"
    exercise_id: str


class Log(_Frozen):
    kind: Literal["log"] = "log"
    record: Record


Effect = Annotated[
    ShowPrompt | ClosePrompt | StartGuidedTimer | AskDidYouDoIt | Log, Field(discriminator="kind")
]


# ---- state -----------------------------------------------------------------------------------


class Stamp(_Frozen):
    """The clock readings of the last tick."""

    wall: AwareDatetime  # UTC
    monotonic: float
    boottime: float | None


class BreakState(_Frozen):
    phase: Phase = Phase.OFF
    last: Stamp | None = None
    day: date | None = None
    prompts_today: int = 0
    bout_started: AwareDatetime | None = None
    due_at: AwareDatetime | None = None
    paused_until: AwareDatetime | None = None
    asked_at: AwareDatetime | None = Field(default=None, description="Prompt or question shown")
    snoozes: int = 0
    exercise_id: str | None = None
    exercise_seconds: int | None = None
    break_started: AwareDatetime | None = None
    exercise_ends_at: AwareDatetime | None = None

    @property
    def now(self) -> datetime | None:
        return self.last.wall if self.last else None


_INSTANTS = (
    "bout_started",
    "due_at",
    "paused_until",
    "asked_at",
    "break_started",
    "exercise_ends_at",
)


class Transition(_Frozen):
    state: BreakState
    effects: tuple[Effect, ...] = ()


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
    elif isinstance(event, Answer):
        _answer(run, event.did_it, run.state.now)
    elif isinstance(event, PauseUntil):
        _pause(run, event.until, run.state.now)
    else:
        _interrupt(run, run.state.now, BoutEnd.STOPPED, Outcome.UNANSWERED)
        run.update(phase=Phase.OFF, due_at=None)
    return run.result()


class Coach:
    """The state machine with its clock: reads the clock for every tick, keeps the state."""

    def __init__(self, rules: BreakSettings, clock: Clock, state: BreakState | None = None) -> None:
        self.rules = rules
        self.clock = clock
        self.state = state or BreakState()

    def tick(self, idle_seconds: float | None = None) -> list[Effect]:
        reading = Tick(
            wall=self.clock.wall(),
            monotonic=self.clock.monotonic(),
            boottime=self.clock.boottime(),
            idle_seconds=idle_seconds,
        )
        return self._apply(reading)

    def respond(self, event: Event) -> list[Effect]:
        """A response from the person at the desk: a tick (they are present), then the event."""
        effects = self.tick(idle_seconds=0.0)
        return effects + self._apply(event)

    def stop(self) -> list[Effect]:
        return self._apply(Stop())

    def status(self) -> Status:
        return describe(self.rules, self.state, self.clock.wall())

    def _apply(self, event: Event) -> list[Effect]:
        transition = step(self.rules, self.state, event)
        self.state = transition.state
        return list(transition.effects)


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
        name: value + shift for name in _INSTANTS if (value := getattr(run.state, name))
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


# ---- status ----------------------------------------------------------------------------------


class Status(_Frozen):
    """What the timer is doing, for ``glutewake breaks --status`` and the web desk mode."""

    phase: Phase
    sitting_minutes: float | None
    next_prompt_at: AwareDatetime | None
    prompts_today: int
    paused_until: AwareDatetime | None
    held_back_by: str | None = Field(description="Why a due prompt is not shown, if it is not")


def describe(rules: BreakSettings, state: BreakState, wall: datetime) -> Status:
    now = wall.astimezone(UTC)
    paused = state.paused_until if state.paused_until and state.paused_until > now else None
    next_at = state.due_at
    if next_at is not None and paused is not None:
        next_at = max(next_at, paused)
    held_back: str | None = None
    if state.phase is Phase.OFF and not rules.is_work_time(wall):
        held_back = "outside working hours"
    elif state.phase is Phase.SITTING:
        if state.prompts_today >= rules.daily_max:
            held_back, next_at = "daily maximum reached", None
        elif paused is not None:
            held_back = "paused"
        elif rules.is_quiet(wall):
            held_back = "quiet hours"
    sitting = (
        round((now - state.bout_started).total_seconds() / 60, 1) if state.bout_started else None
    )
    return Status(
        phase=state.phase,
        sitting_minutes=sitting,
        next_prompt_at=next_at,
        prompts_today=state.prompts_today,
        paused_until=paused,
        held_back_by=held_back,
    )
