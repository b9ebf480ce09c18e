"""Desk-break settings: the person's ``BreakSettings``, edited here, read by the desktop coach too.

Every value is checked by ``reminders.settings.checked_settings`` (through the use case); a bad
one re-renders the form with the message next to its field and saves nothing. Fields set by an
environment variable win over saved settings, so the form shows them but does not edit them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import time
from itertools import zip_longest
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from glutewake.application import breaks
from glutewake.errors import FieldProblem
from glutewake.reminders.settings import BreakSettings, number_range
from glutewake.web.deps import AppSettings, FormFields, WorkDep, form_body
from glutewake.web.errors import rerender_on_invalid
from glutewake.web.templating import errors_by_field, render
from glutewake.weekday import Weekday

router = APIRouter(tags=["pages"])

NUMBER_FIELDS = ("interval_minutes", "snooze_minutes", "daily_max", "idle_threshold_minutes")
TIME_FIELDS = ("work_start", "work_end")
QUIET_ROWS = 3
ENV_PREFIX = "GLUTEWAKE_BREAKS__"


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


def settings_from_form(form: dict[str, list[str]]) -> dict[str, Any]:
    """The submitted values as ``checked_settings`` takes them: text, days, quiet-hours rows."""
    submitted: dict[str, Any] = {
        name: (form.get(name) or [""])[0].strip() for name in NUMBER_FIELDS + TIME_FIELDS
    }
    submitted["work_days"] = [day for day in form.get("work_days", []) if day]
    rows = zip_longest(form.get("quiet_start", []), form.get("quiet_end", []), fillvalue="")
    submitted["quiet_hours"] = [{"start": start, "end": end} for start, end in rows]
    return submitted


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
            "limits": {name: number_range(name) for name in NUMBER_FIELDS},
        },
    )


@router.get("/desk/settings", response_class=HTMLResponse)
def settings_page(request: Request, work: WorkDep, settings: AppSettings) -> HTMLResponse:
    rules = breaks.break_settings(work, settings.breaks)
    return _render(request, settings.breaks, form_from_settings(rules))


@router.post(
    "/desk/settings",
    response_class=HTMLResponse,
    openapi_extra=form_body(*NUMBER_FIELDS, *TIME_FIELDS, "work_days", "quiet_start", "quiet_end"),
)
def save_settings(
    request: Request, work: WorkDep, settings: AppSettings, form: FormFields
) -> Response:
    defaults = settings.breaks
    applied = form_from_settings(breaks.break_settings(work, defaults))
    shown = {**form, **{name: applied[name] for name in defaults.model_fields_set}}
    rerender_on_invalid(request, lambda problems: _render(request, defaults, shown, problems))
    breaks.save_break_settings(work, defaults, settings_from_form(form))
    return RedirectResponse("/desk?after=saved", status_code=303)
