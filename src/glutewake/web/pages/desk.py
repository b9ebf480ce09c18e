"""Desk: the desk-break timer in a browser tab, with the micro-break the chooser picks.

The tab counts down to the instant ``/desk/timer`` gives (``reminders.timing``: the
scheduler's rules for working hours, quiet hours, the pause and the daily maximum) and posts
the sitting bouts it ends. The offer, its buttons, the guided break's "Did you do it?" and the
pause work without JavaScript. Records are stored like the desktop coach stores them, and the
pause goes where ``glutewake breaks --pause`` puts it, so the desktop coach honours it too.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Annotated, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import AwareDatetime, BaseModel

from glutewake.catalogue import Catalogue
from glutewake.config import Settings
from glutewake.errors import FieldProblem, InvalidInputError
from glutewake.reminders.chooser import MicroBreak, choose_break, micro_breaks, week_start
from glutewake.reminders.daemon import PROMPT_OUTCOMES, ControlFiles, is_running, offers_since
from glutewake.reminders.scheduler import BoutEnd, BoutRecord, BreakRecord, Outcome
from glutewake.reminders.settings import BreakSettings
from glutewake.reminders.storage import (
    load_break_settings,
    load_records,
    program_exercise_ids,
    store_record,
)
from glutewake.reminders.timing import TimerPlan, clip_bout, plan_timer
from glutewake.web.deps import (
    AppSettings,
    CatalogueDep,
    CurrentPerson,
    DbSession,
    FormFields,
    form_body,
)
from glutewake.web.pages import desk_report, desk_settings
from glutewake.web.pages.desk_settings import clock_text
from glutewake.web.templating import render
from glutewake.weekday import Weekday

router = APIRouter(tags=["pages"])
router.include_router(desk_settings.router)
router.include_router(desk_report.router)

PROMPT_CHOICES = (Outcome.DONE, Outcome.SNOOZED, Outcome.SKIPPED)
AFTER = frozenset({"done", "not-done", "snoozed", "skipped", "paused", "resumed", "saved"})
TAB_BOUT_ENDS = (BoutEnd.STOPPED, BoutEnd.ASLEEP, BoutEnd.END_OF_DAY)  # what a tab can see
MAX_PAUSE_MINUTES = 24 * 60
CLIENT_CLOCK_REACH = timedelta(days=8)  # instants a tab sends are clamped to now +- this


def local_now() -> datetime:
    return datetime.now().astimezone()


def clock(moment: datetime) -> str:
    return f"{moment.astimezone():%H:%M}"


def when(moment: datetime, now: datetime) -> str:
    """``at 09:00`` today, ``on Monday at 09:00`` another day."""
    local = moment.astimezone()
    return f"at {local:%H:%M}" if local.date() == now.date() else f"on {local:%A} at {local:%H:%M}"


def days_text(days: tuple[Weekday, ...]) -> str:
    """Working days as ranges of days, or ``every day``."""
    if len(days) == len(Weekday):
        return "every day"
    runs: list[list[Weekday]] = []
    for day in sorted(days, key=lambda d: d.number):
        if runs and runs[-1][-1].number == day.number - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    names = [run[0].label + (f"\N{EN DASH}{run[-1].label}" if len(run) > 1 else "") for run in runs]
    return ", ".join(names)


def control_files(settings: Settings) -> ControlFiles:
    """The files ``glutewake breaks`` reads: a pause written here reaches the desktop coach."""
    return ControlFiles(settings.data_dir / "breaks")


def paused_until(settings: Settings, now: datetime) -> datetime | None:
    found = control_files(settings).read_pause()
    until = found[1] if found else None
    return until if until is not None and until > now else None


def _this_week(session: DbSession, person_id: int) -> list[BoutRecord | BreakRecord]:
    monday = week_start(local_now().date())
    return load_records(session, person_id, datetime.combine(monday, time(0)).astimezone())


def prompts_today(records: list[BoutRecord | BreakRecord], now: datetime) -> int:
    """Prompts answered today, by this tab or the desktop coach: the daily maximum counts them."""
    return sum(
        1
        for r in records
        if isinstance(r, BreakRecord)
        and r.outcome in PROMPT_OUTCOMES
        and r.at.astimezone().date() == now.date()
    )


def next_break(
    records: list[BoutRecord | BreakRecord],
    session: DbSession,
    person_id: int,
    catalogue: Catalogue,
) -> MicroBreak:
    program_ids = program_exercise_ids(session, person_id, catalogue.ids)
    return choose_break(micro_breaks(catalogue.exercises), offers_since(records), program_ids)


def desk_offer(catalogue: Catalogue, exercise_id: str) -> MicroBreak:
    offers = {offer.exercise_id: offer for offer in micro_breaks(catalogue.exercises)}
    if exercise_id not in offers:
        raise InvalidInputError("break", [FieldProblem("exercise_id", "not a desk micro-break")])
    return offers[exercise_id]


def _field(form: dict[str, list[str]], name: str) -> str:
    return (form.get(name) or [""])[0].strip()


def parse_instant(name: str, text: str, now: datetime) -> datetime:
    """An ISO 8601 instant with its offset, as a tab sends it, clamped to eight days of now."""
    try:
        moment = datetime.fromisoformat(text)
        if moment.tzinfo is None:
            raise InvalidInputError(name, [FieldProblem(name, "give the time zone offset")])
        moment = moment.astimezone(UTC)
    except (ValueError, OverflowError):
        raise InvalidInputError(
            name, [FieldProblem(name, "not an ISO 8601 date and time")]
        ) from None
    return min(max(moment, now - CLIENT_CLOCK_REACH), now + CLIENT_CLOCK_REACH)


def optional_instant(name: str, text: str | None, now: datetime) -> datetime | None:
    return parse_instant(name, text, now) if text else None


def store_bout(
    session: DbSession,
    person_id: int,
    rules: BreakSettings,
    started: datetime,
    ended: datetime,
    ended_by: BoutEnd,
) -> bool:
    """Store the bout as the scheduler counts it (within working hours), once however often
    it is sent; whether it was stored now."""
    clipped = clip_bout(rules, started, ended)
    if clipped is None:
        return False
    start, end = clipped
    stored = load_records(session, person_id, start)
    if any(isinstance(r, BoutRecord) and r.at == start for r in stored):
        return False
    store_record(session, person_id, BoutRecord(at=start, ended_at=end, ended_by=ended_by))
    return True


@router.get("/desk", response_class=HTMLResponse)
def desk_page(
    request: Request,
    session: DbSession,
    person: CurrentPerson,
    catalogue: CatalogueDep,
    settings: AppSettings,
    after: str | None = None,
) -> HTMLResponse:
    now = local_now()
    records = _this_week(session, person.id)
    offer = next_break(records, session, person.id, catalogue)
    rules = load_break_settings(session, person.id, settings.breaks)
    paused = paused_until(settings, now)
    asked_today = prompts_today(records, now)
    plan = plan_timer(
        rules, now, prompts_today=asked_today, paused_until=paused, scale=settings.timer_scale
    )
    return render(
        request,
        "desk.html",
        {
            "offer": offer,
            "exercise": catalogue.get(offer.exercise_id),
            "done_this_week": sum(
                1 for r in records if isinstance(r, BreakRecord) and r.outcome is Outcome.DONE
            ),
            "rules": rules,
            "working_days": days_text(rules.work_days),
            "plan": plan,
            "now": now,
            "clock": clock,
            "clock_text": clock_text,
            "when": lambda moment: when(moment, now),
            "paused_until": paused,
            "prompts_today": asked_today,
            "coach_running": is_running(control_files(settings).read_status()),
            "timer_scale": settings.timer_scale,
            "after": after if after in AFTER else "",
        },
    )


class DeskTimer(BaseModel):
    """What the desk tab counts down to, worked out by the scheduler's rules."""

    now: AwareDatetime
    plan: TimerPlan
    paused_until: AwareDatetime | None
    prompts_today: int
    daily_max: int


@router.get("/desk/timer", response_model=DeskTimer)
def desk_timer(
    session: DbSession,
    person: CurrentPerson,
    settings: AppSettings,
    wait: Literal["interval", "snooze"] = "interval",
    bout_started: Annotated[str | None, Query(description="ISO 8601, the bout going on")] = None,
    due_at: Annotated[str | None, Query(description="ISO 8601, the wait going on")] = None,
) -> DeskTimer:
    """The next prompt: for a new wait (``wait``), or the one going on (``due_at``)."""
    now = local_now()
    rules = load_break_settings(session, person.id, settings.breaks)
    paused = paused_until(settings, now)
    asked_today = prompts_today(_this_week(session, person.id), now)
    plan = plan_timer(
        rules,
        now,
        snoozed=wait == "snooze",
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
    )


@router.post(
    "/desk/break",
    response_class=HTMLResponse,
    openapi_extra=form_body("exercise_id", "outcome"),
)
def record_break(
    session: DbSession, person: CurrentPerson, catalogue: CatalogueDep, form: FormFields
) -> Response:
    """The prompt's buttons: "Do it now" starts the guided break; Snooze and Skip are stored."""
    exercise_id, outcome = _field(form, "exercise_id"), _field(form, "outcome")
    problems = []
    offers = {offer.exercise_id for offer in micro_breaks(catalogue.exercises)}
    if exercise_id not in offers:
        problems.append(FieldProblem("exercise_id", "not a desk micro-break"))
    if outcome not in {o.value for o in PROMPT_CHOICES}:
        problems.append(FieldProblem("outcome", "choose done, snoozed or skipped"))
    if problems:
        raise InvalidInputError("break", problems)
    now = datetime.now(UTC)
    if Outcome(outcome) is Outcome.DONE:
        query = urlencode({"exercise_id": exercise_id, "started": now.isoformat()})
        return RedirectResponse(f"/desk/exercise?{query}", status_code=303)
    store_record(
        session, person.id, BreakRecord(at=now, outcome=Outcome(outcome), exercise_id=exercise_id)
    )
    return RedirectResponse(f"/desk?after={outcome}", status_code=303)


@router.get("/desk/exercise", response_class=HTMLResponse)
def guided_break(
    request: Request,
    catalogue: CatalogueDep,
    settings: AppSettings,
    exercise_id: str,
    started: str | None = None,
) -> HTMLResponse:
    """The guided break: the steps, a countdown (with JavaScript), then "Did you do it?"."""
    now = datetime.now(UTC)
    offer = desk_offer(catalogue, exercise_id)
    began = optional_instant("started", started, now) or now
    return render(
        request,
        "desk_exercise.html",
        {
            "offer": offer,
            "exercise": catalogue.get(offer.exercise_id),
            "started": began.isoformat(),
            "timer_seconds": max(1, round(offer.seconds * settings.timer_scale)),
        },
    )


@router.post(
    "/desk/answer",
    response_class=HTMLResponse,
    openapi_extra=form_body("exercise_id", "did_it", "started", "bout_started"),
)
def answer_break(
    session: DbSession,
    person: CurrentPerson,
    catalogue: CatalogueDep,
    settings: AppSettings,
    form: FormFields,
) -> Response:
    """ "Did you do it?": the answer is what is logged; "yes" ends the sitting bout."""
    now = datetime.now(UTC)
    problems = []
    offers = {offer.exercise_id: offer for offer in micro_breaks(catalogue.exercises)}
    exercise_id, did_it = _field(form, "exercise_id"), _field(form, "did_it")
    if exercise_id not in offers:
        problems.append(FieldProblem("exercise_id", "not a desk micro-break"))
    if did_it not in ("yes", "no"):
        problems.append(FieldProblem("did_it", "answer yes or no"))
    if problems:
        raise InvalidInputError("answer", problems)
    started = optional_instant("started", _field(form, "started"), now) or now
    bout_started = optional_instant("bout_started", _field(form, "bout_started"), now)
    outcome = Outcome.DONE if did_it == "yes" else Outcome.NOT_DONE
    if outcome is Outcome.DONE and bout_started is not None:
        rules = load_break_settings(session, person.id, settings.breaks)
        store_bout(session, person.id, rules, bout_started, min(started, now), BoutEnd.BREAK)
    record = BreakRecord(
        at=now, outcome=outcome, exercise_id=exercise_id, seconds=offers[exercise_id].seconds
    )
    store_record(session, person.id, record)
    return RedirectResponse(f"/desk?after={outcome.value}", status_code=303)


@router.post(
    "/desk/bout",
    status_code=204,
    openapi_extra=form_body("bout_started", "ended_at", "ended_by", "prompt_open"),
)
def end_bout(
    session: DbSession, person: CurrentPerson, settings: AppSettings, form: FormFields
) -> Response:
    """The tab ended a sitting bout: stopped, asleep (the tab did not run) or end of the day.

    Like the scheduler, an open prompt is logged as unanswered, and a tab that did not run for
    the idle threshold logs that as a break taken away (``asleep``).
    """
    now = datetime.now(UTC)
    ended_by = _field(form, "ended_by")
    if ended_by not in {end.value for end in TAB_BOUT_ENDS}:
        choices = ", ".join(end.value for end in TAB_BOUT_ENDS)
        raise InvalidInputError("bout", [FieldProblem("ended_by", f"choose {choices}")])
    started = parse_instant("bout_started", _field(form, "bout_started"), now)
    ended = min(parse_instant("ended_at", _field(form, "ended_at"), now), now)
    end = BoutEnd(ended_by)
    rules = load_break_settings(session, person.id, settings.breaks)
    if not store_bout(session, person.id, rules, started, ended, end):
        return Response(status_code=204)  # outside working hours, or sent before
    if end is BoutEnd.ASLEEP:
        store_record(session, person.id, BreakRecord(at=ended, outcome=Outcome.ASLEEP))
    elif _field(form, "prompt_open") == "yes":
        store_record(session, person.id, BreakRecord(at=ended, outcome=Outcome.UNANSWERED))
    return Response(status_code=204)


@router.post("/desk/pause", response_class=HTMLResponse, openapi_extra=form_body("minutes"))
def pause(settings: AppSettings, form: FormFields) -> Response:
    """No prompts for ``minutes`` (0 resumes), here and in the desktop coach."""
    text = _field(form, "minutes")
    if not text.isascii() or not text.isdigit() or int(text) > MAX_PAUSE_MINUTES:
        problem = FieldProblem("minutes", f"a whole number from 0 to {MAX_PAUSE_MINUTES}")
        raise InvalidInputError("pause", [problem])
    minutes = int(text)
    until = local_now() + timedelta(minutes=minutes) if minutes else None
    control_files(settings).write_pause(until)
    return RedirectResponse(f"/desk?after={'paused' if until else 'resumed'}", status_code=303)
