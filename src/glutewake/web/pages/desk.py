"""Desk: the desk-break timer in a browser tab, with the micro-break the chooser picks.

Each handler reads its input, calls one use case of ``application.desk`` or
``application.breaks`` and renders the result. The offer, its buttons, the guided break's
"Did you do it?" and the pause work without JavaScript. While the safety rule pauses training
the break is to stand up and move, with the rule's words and no exercise.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from glutewake.application import breaks, desk
from glutewake.application.desk import DeskTimer
from glutewake.reminders.standup import NO_EXERCISE, STAND_UP_CUE, STAND_UP_TITLE
from glutewake.web.deps import AppSettings, FormFields, WorkDep, form_body
from glutewake.web.pages import desk_report, desk_settings
from glutewake.web.pages.desk_settings import clock_text
from glutewake.web.templating import render
from glutewake.weekday import Weekday

router = APIRouter(tags=["pages"])
router.include_router(desk_settings.router)
router.include_router(desk_report.router)

STAND_UP = {"title": STAND_UP_TITLE, "cue": STAND_UP_CUE, "no_exercise": NO_EXERCISE}
AFTER = frozenset({"done", "not-done", "snoozed", "skipped", "paused", "resumed", "saved"})


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


def _field(form: dict[str, list[str]], name: str) -> str:
    return (form.get(name) or [""])[0].strip()


@router.get("/desk", response_class=HTMLResponse)
def desk_page(
    request: Request, work: WorkDep, settings: AppSettings, after: str | None = None
) -> HTMLResponse:
    shown = desk.desk(work, settings)
    return render(
        request,
        "desk.html",
        {
            "offer": shown.offer,
            "exercise": shown.exercise,
            "training_paused": shown.training_paused,
            "stand_up": STAND_UP,
            "done_this_week": shown.done_this_week,
            "rules": shown.rules,
            "working_days": days_text(shown.rules.work_days),
            "plan": shown.plan,
            "now": shown.now,
            "clock": clock,
            "clock_text": clock_text,
            "when": lambda moment: when(moment, shown.now),
            "paused_until": shown.paused_until,
            "prompts_today": shown.prompts_today,
            "coach_running": shown.coach_running,
            "timer_scale": shown.timer_scale,
            "after": after if after in AFTER else "",
        },
    )


@router.get("/desk/timer", response_model=DeskTimer)
def desk_timer(
    work: WorkDep,
    settings: AppSettings,
    wait: Literal["interval", "snooze"] = "interval",
    bout_started: Annotated[str | None, Query(description="ISO 8601, the bout going on")] = None,
    due_at: Annotated[str | None, Query(description="ISO 8601, the wait going on")] = None,
) -> DeskTimer:
    """The next prompt: for a new wait (``wait``), or the one going on (``due_at``)."""
    return desk.timer(
        work, settings, snoozed=wait == "snooze", bout_started=bout_started, due_at=due_at
    )


@router.post(
    "/desk/break",
    response_class=HTMLResponse,
    openapi_extra=form_body("exercise_id", "outcome", "bout_started"),
)
def record_break(work: WorkDep, settings: AppSettings, form: FormFields) -> Response:
    """The prompt's buttons: "Do it now" starts the guided break, "I stood up" (no exercise)
    is the break done; Snooze and Skip are stored."""
    answer = desk.answer_prompt(
        work,
        settings,
        _field(form, "exercise_id"),
        _field(form, "outcome"),
        bout_started=_field(form, "bout_started"),
    )
    if answer.starts_guided_break:
        query = urlencode({"exercise_id": answer.exercise_id, "started": answer.at.isoformat()})
        return RedirectResponse(f"/desk/exercise?{query}", status_code=303)
    return RedirectResponse(f"/desk?after={answer.outcome.value}", status_code=303)


@router.get("/desk/exercise", response_class=HTMLResponse)
def guided_break(
    request: Request,
    work: WorkDep,
    settings: AppSettings,
    exercise_id: str,
    started: str | None = None,
) -> HTMLResponse:
    """The guided break: the steps, a countdown (with JavaScript), then "Did you do it?"."""
    guided = desk.guided_break(work, settings, exercise_id, started)
    return render(
        request,
        "desk_exercise.html",
        {
            "offer": guided.offer,
            "exercise": guided.exercise,
            "started": guided.started.isoformat(),
            "timer_seconds": guided.timer_seconds,
        },
    )


@router.post(
    "/desk/answer",
    response_class=HTMLResponse,
    openapi_extra=form_body("exercise_id", "did_it", "started", "bout_started"),
)
def answer_break(work: WorkDep, settings: AppSettings, form: FormFields) -> Response:
    """ "Did you do it?": the answer is what is logged; "yes" ends the sitting bout."""
    outcome = desk.answer_did_you_do_it(
        work,
        settings,
        _field(form, "exercise_id"),
        _field(form, "did_it"),
        started=_field(form, "started"),
        bout_started=_field(form, "bout_started"),
    )
    return RedirectResponse(f"/desk?after={outcome.value}", status_code=303)


@router.post(
    "/desk/bout",
    status_code=204,
    openapi_extra=form_body("bout_started", "ended_at", "ended_by", "prompt_open"),
)
def end_bout(work: WorkDep, settings: AppSettings, form: FormFields) -> Response:
    """The tab ended a sitting bout: stopped, asleep (the tab did not run) or end of the day."""
    desk.end_bout(
        work,
        settings,
        bout_started=_field(form, "bout_started"),
        ended_at=_field(form, "ended_at"),
        ended_by=_field(form, "ended_by"),
        prompt_open=_field(form, "prompt_open") == "yes",
    )
    return Response(status_code=204)


@router.post("/desk/pause", response_class=HTMLResponse, openapi_extra=form_body("minutes"))
def pause(work: WorkDep, settings: AppSettings, form: FormFields) -> Response:
    """No prompts for ``minutes`` (0 resumes), here and in the desktop coach."""
    until = breaks.pause(settings, work.clock, _field(form, "minutes"))
    return RedirectResponse(f"/desk?after={'paused' if until else 'resumed'}", status_code=303)
