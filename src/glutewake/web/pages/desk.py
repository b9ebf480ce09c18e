"""Desk: the desk-break timer in a browser tab, with the micro-break the chooser picks.

The countdown and the browser notification need JavaScript; the offer and its Done, Snooze
and Skip buttons work without it. Outcomes are stored like the desktop coach stores them.
"""

from __future__ import annotations

from datetime import UTC, datetime, time

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from glutewake.errors import FieldProblem, InvalidInputError
from glutewake.reminders.chooser import MicroBreak, choose_break, micro_breaks, week_start
from glutewake.reminders.daemon import offers_since
from glutewake.reminders.scheduler import BreakRecord, Outcome
from glutewake.reminders.storage import (
    load_break_settings,
    load_records,
    program_exercise_ids,
    store_record,
)
from glutewake.web.deps import (
    AppSettings,
    CatalogueDep,
    CurrentPerson,
    DbSession,
    FormFields,
    form_body,
)
from glutewake.web.templating import render

router = APIRouter(tags=["pages"])
OUTCOMES = (Outcome.DONE, Outcome.SNOOZED, Outcome.SKIPPED)


def _this_week(session: DbSession, person_id: int) -> list[BreakRecord]:
    monday = week_start(datetime.now().astimezone().date())
    since = datetime.combine(monday, time(0)).astimezone()
    return [r for r in load_records(session, person_id, since) if isinstance(r, BreakRecord)]


def next_break(
    session: DbSession, person_id: int, catalogue: CatalogueDep
) -> tuple[MicroBreak, list[BreakRecord]]:
    records = _this_week(session, person_id)
    program_ids = program_exercise_ids(session, person_id, catalogue.ids)
    offer = choose_break(micro_breaks(catalogue.exercises), offers_since(records), program_ids)
    return offer, records


@router.get("/desk", response_class=HTMLResponse)
def desk_page(
    request: Request,
    session: DbSession,
    person: CurrentPerson,
    catalogue: CatalogueDep,
    settings: AppSettings,
    after: str | None = None,
) -> HTMLResponse:
    offer, records = next_break(session, person.id, catalogue)
    rules = load_break_settings(session, person.id, settings.breaks)
    return render(
        request,
        "desk.html",
        {
            "offer": offer,
            "exercise": catalogue.get(offer.exercise_id),
            "done_this_week": sum(1 for r in records if r.outcome is Outcome.DONE),
            "interval_minutes": rules.interval_minutes,
            "snooze_minutes": rules.snooze_minutes,
            "timer_scale": settings.timer_scale,
            "after": after if after in {o.value for o in OUTCOMES} else "",
        },
    )


@router.post(
    "/desk/break",
    response_class=HTMLResponse,
    openapi_extra=form_body("exercise_id", "outcome"),
)
def record_break(
    session: DbSession, person: CurrentPerson, catalogue: CatalogueDep, form: FormFields
) -> Response:
    exercise_id = (form.get("exercise_id") or [""])[0]
    outcome = (form.get("outcome") or [""])[0]
    offers = {offer.exercise_id: offer for offer in micro_breaks(catalogue.exercises)}
    problems = []
    if exercise_id not in offers:
        problems.append(FieldProblem("exercise_id", "not a desk micro-break"))
    if outcome not in {o.value for o in OUTCOMES}:
        problems.append(FieldProblem("outcome", "choose done, snoozed or skipped"))
    if problems:
        raise InvalidInputError("break", problems)
    done = Outcome(outcome) is Outcome.DONE
    record = BreakRecord(
        at=datetime.now(UTC),
        outcome=Outcome(outcome),
        exercise_id=exercise_id,
        seconds=offers[exercise_id].seconds if done else None,
    )
    store_record(session, person.id, record)
    return RedirectResponse(f"/desk?after={outcome}", status_code=303)
