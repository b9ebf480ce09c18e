"""Desk-break settings: the person's ``BreakSettings``, edited here, read by the desktop coach too.

Every value is checked by ``BreakSettings`` itself; a bad one re-renders the form with the
message next to its field and saves nothing. Fields set by an environment variable win over
saved preferences (``effective_break_settings``), so the form shows them but does not edit them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import time
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from glutewake.errors import FieldProblem, InvalidInputError
from glutewake.reminders.settings import (
    PREFERENCES_KEY,
    BreakSettings,
    effective_break_settings,
    with_break_settings,
)
from glutewake.reminders.storage import load_break_settings, save_break_settings
from glutewake.store import repository
from glutewake.web.deps import AppSettings, CurrentPerson, DbSession, FormFields, form_body
from glutewake.web.errors import rerender_on_invalid
from glutewake.web.templating import errors_by_field, render
from glutewake.weekday import Weekday

router = APIRouter(tags=["pages"])

NUMBER_FIELDS = ("interval_minutes", "snooze_minutes", "daily_max", "idle_threshold_minutes")
TIME_FIELDS = ("work_start", "work_end")
QUIET_ROWS = 3
ENV_PREFIX = "GLUTEWAKE_BREAKS__"


def limits(name: str) -> tuple[int, int]:
    """The lowest and highest value ``BreakSettings`` accepts for a number field."""
    field = BreakSettings.model_json_schema()["properties"][name]
    return field["minimum"], field["maximum"]


def clock_text(moment: time) -> str:
    return moment.isoformat(timespec="minutes")


def form_from_settings(rules: BreakSettings) -> dict[str, list[str]]:
    form = {name: [str(getattr(rules, name))] for name in NUMBER_FIELDS}
    form["idle_threshold_minutes"] = [f"{rules.idle_threshold_minutes:g}"]
    for name in TIME_FIELDS:
        form[name] = [clock_text(getattr(rules, name))]
    form["work_days"] = [day.value for day in rules.work_days]
    form["quiet_start"] = [clock_text(window.start) for window in rules.quiet_hours]
    form["quiet_end"] = [clock_text(window.end) for window in rules.quiet_hours]
    return form


def _quiet_hours(form: dict[str, list[str]]) -> tuple[list[dict[str, str]], list[FieldProblem]]:
    starts, ends = form.get("quiet_start", []), form.get("quiet_end", [])
    windows, problems = [], []
    for number, (start, end) in enumerate(zip(starts, ends, strict=False), start=1):
        if start.strip() and end.strip():
            windows.append({"start": start.strip(), "end": end.strip()})
        elif start.strip() or end.strip():
            problems.append(FieldProblem("quiet_hours", f"quiet hours {number}: give both times"))
    return windows, problems


def settings_from_form(
    form: dict[str, list[str]], locked: set[str]
) -> tuple[dict[str, Any], list[FieldProblem]]:
    """The submitted values for ``BreakSettings`` (fields set by the environment left out), and
    the problems found before ``BreakSettings`` sees them."""
    raw: dict[str, Any] = {
        name: (form.get(name) or [""])[0].strip() for name in NUMBER_FIELDS + TIME_FIELDS
    }
    raw["work_days"] = [day for day in form.get("work_days", []) if day]
    raw["quiet_hours"], problems = _quiet_hours(form)
    return {name: value for name, value in raw.items() if name not in locked}, problems


def _field_of(location: tuple[int | str, ...]) -> str:
    if not location:
        return "work_end"  # the one check across fields: the day must end after it starts
    return str(location[0])


def problems_of(error: ValidationError) -> list[FieldProblem]:
    problems = []
    for problem in error.errors():
        location = tuple(problem["loc"])
        message = problem["msg"].removeprefix("Value error, ")
        if location[:1] == ("quiet_hours",) and len(location) > 1:
            message = f"quiet hours {int(location[1]) + 1}: {message}"
        elif location[:1] == ("work_days",):
            message = "choose at least one working day" if len(location) == 1 else message
        problems.append(FieldProblem(_field_of(location), message))
    return problems


def validated(
    defaults: BreakSettings, preferences: dict[str, Any] | None, form: dict[str, list[str]]
) -> BreakSettings:
    """The settings to save: saved values with the form's on top, checked as they will apply."""
    submitted, problems = settings_from_form(form, set(defaults.model_fields_set))
    saved = (preferences or {}).get(PREFERENCES_KEY) or {}
    base = defaults.model_dump(mode="json", exclude=defaults.model_fields_set)
    chosen: BreakSettings | None = None
    try:
        chosen = BreakSettings.model_validate({**base, **saved, **submitted})
        effective_break_settings(defaults, with_break_settings(preferences, chosen))
    except ValidationError as error:
        problems += problems_of(error)
    if problems or chosen is None:
        raise InvalidInputError("break settings", problems)
    return chosen


def _render(
    request: Request,
    defaults: BreakSettings,
    form: dict[str, list[str]],
    problems: Sequence[FieldProblem] = (),
) -> HTMLResponse:
    quiet_rows = max(QUIET_ROWS, len(form.get("quiet_start", [])) + 1)
    return render(
        request,
        "desk_settings.html",
        {
            "values": form,
            "errors": errors_by_field(problems),
            "days": {day: day.label for day in Weekday},
            "quiet_rows": quiet_rows,
            "locked": {
                name: ENV_PREFIX + name.upper() for name in sorted(defaults.model_fields_set)
            },
            "limits": {name: limits(name) for name in NUMBER_FIELDS},
        },
    )


@router.get("/desk/settings", response_class=HTMLResponse)
def settings_page(
    request: Request, session: DbSession, person: CurrentPerson, settings: AppSettings
) -> HTMLResponse:
    rules = load_break_settings(session, person.id, settings.breaks)
    return _render(request, settings.breaks, form_from_settings(rules))


@router.post(
    "/desk/settings",
    response_class=HTMLResponse,
    openapi_extra=form_body(*NUMBER_FIELDS, *TIME_FIELDS, "work_days", "quiet_start", "quiet_end"),
)
def save_settings(
    request: Request,
    session: DbSession,
    person: CurrentPerson,
    settings: AppSettings,
    form: FormFields,
) -> Response:
    defaults = settings.breaks
    applied = form_from_settings(load_break_settings(session, person.id, defaults))
    shown = {**form, **{name: applied[name] for name in defaults.model_fields_set}}
    rerender_on_invalid(request, lambda problems: _render(request, defaults, shown, problems))
    preferences = repository.get_preferences(session, person.id)
    save_break_settings(session, person.id, validated(defaults, preferences, form))
    return RedirectResponse("/desk?after=saved", status_code=303)
