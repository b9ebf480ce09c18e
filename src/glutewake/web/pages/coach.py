"""A coach's pages: the attention dashboard, a client's page with its changes, "view as client"
(read-only), and the invite form. With accounts off, or for anyone but a coach, they are
refused by the application layer (the scope), not here.

A change that fails its checks shows the client's page again with the problem next to the
form that was sent; nothing of it is stored (each change runs in a savepoint).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from glutewake.application import accounts, coaching, programs, progress
from glutewake.application import coach_edits as edits
from glutewake.application.access import work_for
from glutewake.application.coach_dashboard import dashboard
from glutewake.application.coach_scope import client_of_coach
from glutewake.application.context import Work
from glutewake.errors import (
    FieldProblem,
    InvalidInputError,
    NotFoundError,
    TrainingPausedError,
)
from glutewake.screening.clearance import RESTRICTION_LABELS
from glutewake.web.deps import (
    AppSettings,
    CoachWorkDep,
    FormFields,
    WorkDep,
    account_of,
    application_of,
    form_body,
    person_asked_for,
)
from glutewake.web.templating import errors_by_field, render

router = APIRouter(tags=["coach"])
T = TypeVar("T")
MAX_NUMBER_DIGITS = 4


def _one(form: dict[str, list[str]], name: str) -> str:
    return (form.get(name) or [""])[0]


def _number(form: dict[str, list[str]], name: str, what: str) -> int:
    text = _one(form, name).strip()
    if not (text.isascii() and text.isdigit() and len(text) <= MAX_NUMBER_DIGITS):
        raise InvalidInputError(what, [FieldProblem(name, "give a whole number")])
    return int(text)


def _view_work(request: Request) -> Iterator[Work]:
    """The client's records for their coach, read-only: every write is refused."""
    account = account_of(request)
    person_id, _ = person_asked_for(request) if account is not None else (None, False)
    with work_for(application_of(request), account, person_id, read_only=True) as work:
        yield work


ViewWorkDep = Annotated[Work, Depends(_view_work, scope="function")]


@router.get("/coach", response_class=HTMLResponse)
def coach_dashboard(request: Request, work: CoachWorkDep) -> HTMLResponse:
    board = dashboard(work)
    return render(request, "coach_dashboard.html", {"board": board})


@router.get("/coach/invite", response_class=HTMLResponse)
def invite_page(request: Request, work: CoachWorkDep) -> HTMLResponse:
    del work  # only a coach reaches the form
    return render(request, "coach_invite.html", {"invitation": None})


@router.post("/coach/invite", response_class=HTMLResponse, openapi_extra=form_body("email"))
def invite(
    request: Request, work: CoachWorkDep, form: FormFields, settings: AppSettings
) -> HTMLResponse:
    try:
        with work.db.begin_nested():
            invitation = accounts.invite_client(work, _one(form, "email"), settings.invite_days)
    except InvalidInputError as error:
        context = {"invitation": None, "errors": errors_by_field(error.problems), "values": form}
        return render(request, "coach_invite.html", context, 422)
    link = str(request.base_url).rstrip("/") + f"/invite/{invitation.token}"
    return render(request, "coach_invite.html", {"invitation": invitation, "link": link})


def client_page(
    request: Request,
    work: Work,
    errors: dict[str, dict[str, str]] | None = None,
    values: dict[str, list[str]] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    view = coaching.overview(work)
    current = view.program.stored.program if view.program.stored else None
    today = work.clock.today()
    coming = [s for s in current.sessions if s.day > today] if current else []
    coming_exercises = sorted(
        {(i.name, i.exercise_id) for s in coming for i in s.items}, key=lambda pair: pair[0]
    )
    catalogue = sorted((e.name, e.id) for e in (work.catalogue.get(i) for i in work.catalogue.ids))
    newest = view.screenings[-1] if view.screenings else None
    context: dict[str, Any] = {
        "view": view,
        "current": current,
        "coming": coming[:6],
        "coming_exercises": coming_exercises,
        "catalogue": catalogue,
        "exercise_names": {exercise_id: name for name, exercise_id in catalogue},
        "newest": newest,
        "restriction_labels": {r.value: label for r, label in RESTRICTION_LABELS.items()},
        "form_errors": errors or {},
        "values": values or {},
    }
    return render(request, "coach_client.html", context, status_code)


@router.get("/coach/clients/{person_id}", response_class=HTMLResponse)
def client(request: Request, person_id: int, work: WorkDep) -> HTMLResponse:
    del person_id  # the scope is the coach acting for this client (web.deps)
    return client_page(request, work)


def _change(
    request: Request,
    work: Work,
    form: dict[str, list[str]],
    which: str,
    change: Callable[[], T],
) -> Response:
    """Make one change in a savepoint; its problems show next to the form ``which``."""
    try:
        with work.db.begin_nested():
            change()
    except InvalidInputError as error:
        errors = {which: errors_by_field(error.problems)}
        return client_page(request, work, errors, {**form, "form": [which]}, 422)
    return RedirectResponse(f"/coach/clients/{work.person_id}#{which}", status_code=303)


@router.post(
    "/coach/clients/{person_id}/notes",
    response_class=HTMLResponse,
    openapi_extra=form_body("text"),
)
def add_note(request: Request, person_id: int, work: WorkDep, form: FormFields) -> Response:
    del person_id
    return _change(request, work, form, "note", lambda: coaching.add_note(work, _one(form, "text")))


@router.post(
    "/coach/clients/{person_id}/program",
    response_class=HTMLResponse,
    openapi_extra=form_body("minutes", "sessions_per_week", "weeks", "reason"),
)
def assign(request: Request, person_id: int, work: WorkDep, form: FormFields) -> Response:
    del person_id
    wanted = {k: _one(form, k) for k in ("minutes", "sessions_per_week", "weeks") if _one(form, k)}
    return _change(
        request,
        work,
        form,
        "assign",
        lambda: coaching.assign_generated(work, wanted, _one(form, "reason")),
    )


@router.post(
    "/coach/clients/{person_id}/templates",
    response_class=HTMLResponse,
    openapi_extra=form_body("name"),
)
def save_template(request: Request, person_id: int, work: WorkDep, form: FormFields) -> Response:
    del person_id
    return _change(
        request, work, form, "template", lambda: coaching.save_template(work, _one(form, "name"))
    )


@router.post(
    "/coach/clients/{person_id}/template",
    response_class=HTMLResponse,
    openapi_extra=form_body("template_id", "reason"),
)
def assign_template(request: Request, person_id: int, work: WorkDep, form: FormFields) -> Response:
    del person_id

    def assign_it() -> object:
        template_id = _number(form, "template_id", "template")
        return coaching.assign_template(work, template_id, _one(form, "reason"))

    return _change(request, work, form, "use-template", assign_it)


@router.post(
    "/coach/clients/{person_id}/edit",
    response_class=HTMLResponse,
    openapi_extra=form_body("action", "exercise_id", "new_exercise_id", "sets", "target", "reason"),
)
def edit(request: Request, person_id: int, work: WorkDep, form: FormFields) -> Response:
    del person_id
    action, exercise_id, reason = (
        _one(form, "action"),
        _one(form, "exercise_id"),
        _one(form, "reason"),
    )

    def change() -> object:
        if action == "swap":
            return edits.swap(work, exercise_id, _one(form, "new_exercise_id"), reason)
        if action == "dose":
            sets = _number(form, "sets", "dose")
            return edits.change_dose(
                work, exercise_id, _number(form, "target", "dose"), sets, reason
            )
        if action == "add":
            return edits.pin(work, exercise_id, reason)
        if action == "leave-out":
            return edits.forbid(work, exercise_id, reason)
        raise InvalidInputError("edit", [FieldProblem("action", "choose a change")])

    return _change(request, work, form, action if action in EDITS else "swap", change)


EDITS = ("swap", "dose", "add", "leave-out")


@router.post(
    "/coach/clients/{person_id}/clearance",
    response_class=HTMLResponse,
    openapi_extra=form_body("cleared_by", "note", "restrictions", "reason"),
)
def clearance(request: Request, person_id: int, work: WorkDep, form: FormFields) -> Response:
    del person_id
    return _change(
        request,
        work,
        form,
        "clearance",
        lambda: coaching.record_clearance(
            work,
            _one(form, "cleared_by"),
            _one(form, "note"),
            [v for v in form.get("restrictions", []) if v],
            _one(form, "reason"),
        ),
    )


@router.get("/coach/clients/{person_id}/view", response_class=HTMLResponse)
def view_as_client(request: Request, person_id: int, work: ViewWorkDep) -> HTMLResponse:
    """What the client sees on Today, their program and progress, without any button."""
    del person_id
    client_of_coach(work)
    shown = programs.show(work)
    today = None
    with contextlib.suppress(TrainingPausedError, NotFoundError):
        today = programs.today(work).plan
    context = {
        "name": coaching.overview_name(work),
        "shown": shown,
        "today": today,
        "progress": progress.show(work),
        "notes": coaching.client_notes(work)[:5],
        "day": work.clock.today(),
    }
    return render(request, "coach_view.html", context)
