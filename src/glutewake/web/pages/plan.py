"""Preferences (time, days, equipment, floor, context) and the program overview by week."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from glutewake.application import coaching, programs
from glutewake.catalogue.schema import Equipment
from glutewake.errors import FieldProblem
from glutewake.programming.preferences import (
    ALWAYS_AVAILABLE,
    MAX_MINUTES,
    MAX_SESSIONS,
    MAX_WEEKS,
    MIN_MINUTES,
    MIN_SESSIONS,
    MIN_WEEKS,
    Context,
    Preferences,
)
from glutewake.web.deps import FormFields, WorkDep, form_body
from glutewake.web.errors import rerender_on_invalid
from glutewake.web.templating import errors_by_field, render, safety_context
from glutewake.weekday import Weekday

router = APIRouter(tags=["pages"])

CONTEXT_LABELS = {
    Context.STANDALONE: ("A glute session of its own", "The full program, on its own days."),
    Context.DAILY_MINI: ("A short daily mini-workout", "Little and often."),
    Context.WARM_UP_LIFTING: ("A warm-up before lifting", "Wake the glutes before the gym."),
    Context.WARM_UP_RUNNING: ("A warm-up before running", "Wake the glutes before a run."),
    Context.DESK_BREAKS: ("Breaks from my desk", "Standing only, in office clothes."),
}
FIELDS = ("minutes", "sessions_per_week", "weeks", "can_floor", "context")
LIST_FIELDS = ("equipment", "training_days")


def preferences_from_form(form: dict[str, list[str]]) -> dict[str, Any]:
    """Raw preferences for ``Preferences.parse`` (which reports every bad value by field)."""
    raw: dict[str, Any] = {name: form[name][0] for name in FIELDS if form.get(name)}
    for name in LIST_FIELDS:
        raw[name] = [value for value in form.get(name, []) if value]
    return raw


def form_from_preferences(preferences: Preferences) -> dict[str, list[str]]:
    data = preferences.model_dump(mode="json")
    form = {name: [str(data[name])] for name in FIELDS}
    form["can_floor"] = ["yes" if preferences.can_floor else "no"]
    form["equipment"] = list(data["equipment"])
    form["training_days"] = list(data["training_days"])
    return form


def _on_form(problems: Sequence[FieldProblem]) -> list[FieldProblem]:
    """Problems about the whole form (days vs sessions) go next to the days."""
    return [
        FieldProblem("training_days", p.message) if p.field == "preferences" else p
        for p in problems
    ]


def _render_preferences(
    request: Request,
    form: dict[str, list[str]],
    problems: Sequence[FieldProblem] = (),
) -> HTMLResponse:
    return render(
        request,
        "preferences.html",
        {
            "values": form,
            "errors": errors_by_field(_on_form(problems)),
            "contexts": CONTEXT_LABELS,
            "days": {day: day.label for day in Weekday},
            "equipment": [e for e in Equipment if e not in ALWAYS_AVAILABLE],
            "limits": {
                "minutes": (MIN_MINUTES, MAX_MINUTES),
                "sessions": (MIN_SESSIONS, MAX_SESSIONS),
                "weeks": (MIN_WEEKS, MAX_WEEKS),
            },
        },
    )


@router.get("/preferences", response_class=HTMLResponse)
def preferences_page(request: Request, work: WorkDep) -> HTMLResponse:
    preferences = programs.saved_preferences(work) or Preferences()
    return _render_preferences(request, form_from_preferences(preferences))


@router.post(
    "/preferences",
    response_class=HTMLResponse,
    openapi_extra=form_body(*FIELDS, *LIST_FIELDS, "replace_today"),
)
def save_preferences(request: Request, work: WorkDep, form: FormFields) -> Response:
    """Build the program; one that would drop today's work is built only after a yes."""
    rerender_on_invalid(request, lambda problems: _render_preferences(request, form, problems))
    confirmed = (form.get("replace_today") or [""])[0] == "yes"
    result = programs.plan(work, preferences_from_form(form), replace_today=confirmed)
    if result.at_stake is not None:
        return _render_confirmation(request, form, result.at_stake, work.clock.today())
    return RedirectResponse("/program", status_code=303)


def replacement_words(at_stake: programs.TodayAtStake, today: date) -> dict[str, str]:
    """What a new program changes today, in plain words (as `glutewake plan` says it)."""
    current = at_stake.current
    logged = at_stake.logged_today
    if logged:
        state = f"started, {logged} set{'' if logged == 1 else 's'} logged today"
    else:
        words = {"due": "not started yet", "in-progress": "started", "done": "done"}
        state = words.get(at_stake.status, at_stake.status)
    now = f"A new program replaces today's session {current.number} of your current program ({state})."
    if at_stake.replacement is not None:
        minutes = -(-at_stake.replacement.estimated_seconds // 60)
        after = (
            f"Today becomes session {at_stake.replacement.number} of the new program "
            f"(about {minutes} minutes)."
        )
    elif at_stake.next_session is not None:
        day = at_stake.next_session.day
        when = f"{day:%A} {day.day} {day:%B}" + ("" if day.year == today.year else f" {day.year}")
        after = f"The new program has no session today; it starts on {when}."
    else:
        after = "The new program has no session today."
    return {"now": now, "after": after}


def _render_confirmation(
    request: Request,
    form: dict[str, list[str]],
    at_stake: programs.TodayAtStake,
    today: date,
) -> HTMLResponse:
    """Ask before replacing: nothing is stored until "Replace" posts the same form again."""
    carried = [
        (name, value) for name in (*FIELDS, *LIST_FIELDS) for value in form.get(name, []) if value
    ]
    return render(
        request,
        "replan_confirm.html",
        {"words": replacement_words(at_stake, today), "carried": carried},
    )


@router.get("/program", response_class=HTMLResponse)
def program_page(request: Request, work: WorkDep) -> Response:
    view = programs.show(work)
    if view.stored is None:
        context: dict[str, Any] = {"has_screening": view.has_screening}
        if view.blocked:
            context.update(safety_context(view.blocked))
        return render(request, "program_empty.html", context)
    return render(
        request,
        "program.html",
        {
            "program": view.stored.program,
            "today": work.clock.today(),
            "minutes": lambda s: round(s / 60),
            "coach_notes": coaching.notes_to_show(work),
            **(safety_context(view.blocked) if view.blocked else {}),
        },
    )
