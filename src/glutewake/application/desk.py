"""The desk page's use cases: the desk-break timer in a browser tab.

The tab counts down to the instant :func:`timer` gives (``reminders.timing``: the scheduler's
rules for working hours, quiet hours, the pause and the daily maximum) and posts the sitting
bouts it ends. Records are stored as the desktop coach stores them, and the pause is the one
``glutewake breaks --pause`` writes, so the desktop coach honours it too.

While the safety rule pauses training (``breaks.training_pause``), a break offers no exercise:
the page asks the person to stand up and move gently and shows the rule's words; "I stood up"
(an empty ``exercise_id``) is the break done, and no guided break for an exercise is served.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from pydantic import AwareDatetime, BaseModel

from glutewake.application import safety
from glutewake.application.breaks import (
    aware_now,
    break_settings,
    coach_status,
    paused_until,
    program_exercise_ids,
    record,
    records_since,
    this_week,
    training_pause,
)
from glutewake.application.context import Work
from glutewake.catalogue.schema import Exercise
from glutewake.config import Settings
from glutewake.errors import FieldProblem, InvalidInputError
from glutewake.reminders.chooser import MicroBreak, micro_breaks
from glutewake.reminders.records import BoutEnd, BreakRecord, Outcome
from glutewake.reminders.settings import BreakSettings
from glutewake.reminders.standup import TrainingPause
from glutewake.reminders.tab import (
    already_stored,
    break_at_bout_end,
    counted_bout,
    optional_instant,
    parse_instant,
    prompt_choice,
    tab_bout_end,
)
from glutewake.reminders.timing import TimerPlan, plan_timer
from glutewake.reminders.week import breaks_done, next_break, prompts_on

NOT_A_MICRO_BREAK = "not a desk micro-break"


def local_now(work: Work) -> datetime:
    return aware_now(work.clock).astimezone()


def _offers(work: Work) -> dict[str, MicroBreak]:
    return {offer.exercise_id: offer for offer in micro_breaks(work.catalogue.exercises)}


@dataclass(frozen=True)
class Desk:
    """The desk page: the next micro-break (None while training is paused: the break is then
    to stand up and move) and the timer counting down to it."""

    now: datetime  # local
    offer: MicroBreak | None
    exercise: Exercise | None
    training_paused: TrainingPause | None
    rules: BreakSettings
    plan: TimerPlan
    paused_until: datetime | None
    prompts_today: int
    done_this_week: int
    coach_running: bool
    timer_scale: float


def desk(work: Work, settings: Settings) -> Desk:
    now = local_now(work)
    records = this_week(work)
    paused_training = training_pause(work)
    offer = None
    if paused_training is None:
        offer = next_break(list(_offers(work).values()), records, program_exercise_ids(work))
    rules = break_settings(work, settings.breaks)
    paused = paused_until(settings, now)
    asked_today = prompts_on(records, now.date())
    plan = plan_timer(
        rules, now, prompts_today=asked_today, paused_until=paused, scale=settings.timer_scale
    )
    return Desk(
        now=now,
        offer=offer,
        exercise=work.catalogue.get(offer.exercise_id) if offer else None,
        training_paused=paused_training,
        rules=rules,
        plan=plan,
        paused_until=paused,
        prompts_today=asked_today,
        done_this_week=breaks_done(records),
        coach_running=coach_status(settings).running,
        timer_scale=settings.timer_scale,
    )


class DeskTimer(BaseModel):
    """What the desk tab counts down to, worked out by the scheduler's rules, and whether the
    safety rule pauses the exercises (the tab reloads its page when that changes)."""

    now: AwareDatetime
    plan: TimerPlan
    paused_until: AwareDatetime | None
    prompts_today: int
    daily_max: int
    training_paused: TrainingPause | None


def timer(
    work: Work,
    settings: Settings,
    *,
    snoozed: bool = False,
    bout_started: str | None = None,
    due_at: str | None = None,
) -> DeskTimer:
    """The next prompt: for a new wait (the interval, or the snooze), or for the wait going on
    (``due_at``, ISO 8601 as the tab sends it)."""
    now = local_now(work)
    rules = break_settings(work, settings.breaks)
    paused = paused_until(settings, now)
    asked_today = prompts_on(this_week(work), now.date())
    plan = plan_timer(
        rules,
        now,
        snoozed=snoozed,
        bout_started=optional_instant("bout_started", bout_started, now),
        due_at=optional_instant("due_at", due_at, now),
        prompts_today=asked_today,
        paused_until=paused,
        scale=settings.timer_scale,
    )
    return DeskTimer(
        now=now,
        plan=plan,
        paused_until=paused,
        prompts_today=asked_today,
        daily_max=rules.daily_max,
        training_paused=training_pause(work),
    )


@dataclass(frozen=True)
class PromptAnswer:
    exercise_id: str  # "" for a break without an exercise (stand up and move)
    outcome: Outcome
    at: datetime  # for "done": when the guided break starts, or when the person stood up

    @property
    def starts_guided_break(self) -> bool:
        return self.outcome is Outcome.DONE and bool(self.exercise_id)


def _refuse_exercise_while_paused(work: Work) -> None:
    """No glute exercise is served while the safety rule pauses training: its words say why."""
    blocked = safety.training_blocked(work)
    if blocked is not None:
        raise blocked


def answer_prompt(
    work: Work,
    settings: Settings,
    exercise_id: str,
    outcome: str,
    bout_started: str | None = None,
) -> PromptAnswer:
    """The prompt's buttons: for an exercise, "done" starts the guided break (its answer is
    logged later; refused while training is paused); without one (``exercise_id`` empty), it
    is the break done, and ends the sitting bout now. Snoozed and skipped are stored now."""
    problems = []
    if exercise_id and exercise_id not in _offers(work):
        problems.append(FieldProblem("exercise_id", NOT_A_MICRO_BREAK))
    chosen = prompt_choice(outcome)
    if chosen is None:
        problems.append(FieldProblem("outcome", "choose done, snoozed or skipped"))
    if problems or chosen is None:
        raise InvalidInputError("break", problems)
    now = aware_now(work.clock)
    if chosen is not Outcome.DONE:
        record(work, BreakRecord(at=now, outcome=chosen, exercise_id=exercise_id or None))
    elif exercise_id:
        _refuse_exercise_while_paused(work)
    else:
        bout_began = optional_instant("bout_started", bout_started, now)
        if bout_began is not None:
            _store_bout_once(work, settings, bout_began, now, BoutEnd.BREAK)
        record(work, BreakRecord(at=now, outcome=Outcome.DONE))
    return PromptAnswer(exercise_id, chosen, now)


@dataclass(frozen=True)
class GuidedBreak:
    offer: MicroBreak
    exercise: Exercise
    started: datetime
    timer_seconds: int


def guided_break(
    work: Work, settings: Settings, exercise_id: str, started: str | None
) -> GuidedBreak:
    """The guided break: the steps and a countdown from ``started`` (default now); refused
    while training is paused."""
    _refuse_exercise_while_paused(work)
    offer = _offers(work).get(exercise_id)
    if offer is None:
        raise InvalidInputError("break", [FieldProblem("exercise_id", NOT_A_MICRO_BREAK)])
    now = aware_now(work.clock)
    return GuidedBreak(
        offer=offer,
        exercise=work.catalogue.get(exercise_id),
        started=optional_instant("started", started, now) or now,
        timer_seconds=max(1, round(offer.seconds * settings.timer_scale)),
    )


def answer_did_you_do_it(
    work: Work,
    settings: Settings,
    exercise_id: str,
    did_it: str,
    started: str | None = None,
    bout_started: str | None = None,
) -> Outcome:
    """ "Did you do it?": the answer is what is logged; "yes" also ends the sitting bout, at
    the moment the break started."""
    offer = _offers(work).get(exercise_id)
    problems = []
    if offer is None:
        problems.append(FieldProblem("exercise_id", NOT_A_MICRO_BREAK))
    if did_it not in ("yes", "no"):
        problems.append(FieldProblem("did_it", "answer yes or no"))
    if problems or offer is None:
        raise InvalidInputError("answer", problems)
    now = aware_now(work.clock)
    began = optional_instant("started", started, now) or now
    bout_began = optional_instant("bout_started", bout_started, now)
    outcome = Outcome.DONE if did_it == "yes" else Outcome.NOT_DONE
    if outcome is Outcome.DONE and bout_began is not None:
        _store_bout_once(work, settings, bout_began, min(began, now), BoutEnd.BREAK)
    record(
        work, BreakRecord(at=now, outcome=outcome, exercise_id=exercise_id, seconds=offer.seconds)
    )
    return outcome


def end_bout(
    work: Work,
    settings: Settings,
    bout_started: str,
    ended_at: str,
    ended_by: str,
    prompt_open: bool,
) -> bool:
    """The tab ended a sitting bout: stopped, asleep (the tab did not run) or end of the day.

    Like the scheduler, an open prompt is logged as unanswered, and a tab that did not run for
    the idle threshold logs that as a break taken away (asleep). Whether anything was stored:
    not for a bout outside working hours, nor for one sent before.
    """
    end = tab_bout_end(ended_by)
    now = aware_now(work.clock)
    started = parse_instant("bout_started", bout_started, now)
    ended = min(parse_instant("ended_at", ended_at, now), now)
    if not _store_bout_once(work, settings, started, ended, end):
        return False
    after = break_at_bout_end(end, ended, prompt_open)
    if after is not None:
        record(work, after)
    return True


def _store_bout_once(
    work: Work, settings: Settings, started: datetime, ended: datetime, ended_by: BoutEnd
) -> bool:
    rules = break_settings(work, settings.breaks)
    bout = counted_bout(rules, started, ended, ended_by)
    if bout is None or already_stored(bout, records_since(work, bout.at)):
        return False
    record(work, bout)
    return True
