"""Today: the guided player (JavaScript) over a page that works without it.

Without JavaScript the page shows the next set with its log form; skips and swaps travel in
the query string until a logged set makes a swap stick.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Annotated, Any
from urllib.parse import urlencode

import jinja2
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup
from pydantic import ValidationError

from glutewake.application import Work, coaching, programs, retest, sessions
from glutewake.application.sessions import problems_of
from glutewake.config import Settings
from glutewake.errors import FieldProblem, InvalidInputError, NotFoundError, TrainingPausedError
from glutewake.screening.profile import Side
from glutewake.tracking.log import Felt
from glutewake.tracking.today import active_items, item_progress, next_row, rows_of
from glutewake.web.deps import (
    AppSettings,
    FormFields,
    WorkDep,
    application_of,
    form_body,
    player_cache,
    request_work,
)
from glutewake.web.errors import rerender_on_invalid
from glutewake.web.log_input import LogIn
from glutewake.web.player import player_data
from glutewake.web.templating import errors_by_field, render, safety_context

router = APIRouter(tags=["pages"])

FELT_LABELS = {
    Felt.GLUTES_LEFT: "Left glute",
    Felt.GLUTES_RIGHT: "Right glute",
    Felt.HAMSTRINGS: "Hamstrings",
    Felt.LOWER_BACK: "Lower back",
    Felt.QUADRICEPS: "Front of thighs",
    Felt.NOWHERE: "Nowhere",
}
LOG_FIELDS = (
    "key",
    "exercise_id",
    "day",
    "set_number",
    "side",
    "reps",
    "hold_seconds",
    "effort",
    "pain",
)
MAX_SKIPS = 50


@lru_cache(maxsize=64)
def blank_log_fields(
    env: jinja2.Environment,
    form: str,
    measure: str,
    target: int | str,
    side: Side | None = None,
    ask_felt: bool = True,
) -> Markup:
    """A log form's fields with nothing typed and no error to show: the same for every set with
    this measure, target and side, so rendered once each (a tenth of Today's time). The
    player's sheet (``form`` "player") is one of them: the player fills it in."""
    macros = env.get_template("_macros.html").module
    fields = macros.log_fields(form, measure, target, {}, {}, FELT_LABELS, side, ask_felt)  # type: ignore[attr-defined]
    return Markup(fields)


def small_number(text: str, digits: int) -> int | None:
    """``text`` as a whole number of at most ``digits`` ASCII digits, else None.

    (``str.isdigit`` alone accepts "²", which ``int`` then refuses.)
    """
    if text.isascii() and text.isdigit() and len(text) <= digits:
        return int(text)
    return None


def parse_swaps(raw: Sequence[str]) -> dict[int, str]:
    """``index:exercise-id`` pairs; anything else is ignored (a swap only offers valid ids)."""
    swaps: dict[int, str] = {}
    for entry in raw[:MAX_SKIPS]:
        index, _, exercise_id = entry.partition(":")
        number = small_number(index, 3)
        if number is not None and exercise_id:
            swaps[number] = exercise_id
    return swaps


def parse_skips(raw: Sequence[str]) -> set[int]:
    return {n for v in raw[:MAX_SKIPS] if (n := small_number(v, 3)) is not None}


def today_query(skips: set[int], swaps: dict[int, str]) -> str:
    pairs = [("skip", str(i)) for i in sorted(skips)]
    pairs += [("swap", f"{i}:{e}") for i, e in sorted(swaps.items())]
    return urlencode(pairs)


def _today_page(
    request: Request,
    work: Work,
    settings: AppSettings,
    skips: set[int],
    swaps: dict[int, str],
    values: dict[str, list[str]] | None = None,
    problems: Sequence[FieldProblem] = (),
) -> HTMLResponse:
    try:
        view: programs.TodayView | None = programs.today(work)
    except TrainingPausedError as paused:
        return render(request, "today.html", {"plan": None, **safety_context(paused)}, 409)
    except NotFoundError:
        view = None
    plan = view.plan if view else None
    catalogue = work.catalogue
    context: dict[str, Any] = {
        "plan": plan,
        "felt_labels": FELT_LABELS,
        "player_log_fields": blank_log_fields(
            request.app.state.templates.env, "player", "reps", ""
        ),
        "values": values or {},
        "errors": errors_by_field(problems),
        "skips": skips,
        "swaps": swaps,
        "query": today_query(skips, swaps),
        "retest_due": _retest_due(work, view),
        "coach_notes": coaching.notes_to_show(work),
    }
    if view is not None and plan is not None and plan.session is not None:
        items = active_items(plan, view.options, swaps)
        player = player_data(view, catalogue, settings, player_cache(request), items)
        data = player.data
        rows = rows_of(plan, [doing for doing, _ in items])
        progress = item_progress(rows, plan.logged)
        row = next_row(rows, plan.logged, skips)
        item = data["items"][row.item] if row else None
        shown = None
        if row and item:
            chosen = [a for a in item["alternatives"] if a["exercise_id"] == row.exercise_id]
            shown = chosen[0] if chosen else item
            # Where the set was felt is asked on each exercise's first row only.
            ask_felt = next(r for r in rows if r.item == row.item).key == row.key
            context["ask_felt"] = ask_felt
            if not values and not problems:
                env = request.app.state.templates.env
                context["log_fields_html"] = blank_log_fields(
                    env, "static", row.measure, row.target, row.side, ask_felt
                )
        context.update(
            data=data,
            data_json=player.json,
            rows=rows,
            row=row,
            item=item,
            active=shown,
            progress=progress,
            done_count=sum(done for done, _ in progress.values()),
        )
    return render(request, "today.html", context)


def _retest_due(work: Work, view: programs.TodayView | None) -> retest.RetestDue | None:
    """As ``retest.due`` says it, from what Today has read already (None without a view: no
    program or no screening)."""
    if view is None:
        return None
    return retest.RetestDue(view.retest_on, work.clock.today() >= view.retest_on)


@router.get("/today", response_class=HTMLResponse)
async def today_page(
    request: Request,
    skip: Annotated[list[str] | None, Query(max_length=MAX_SKIPS)] = None,
    swap: Annotated[list[str] | None, Query(max_length=MAX_SKIPS)] = None,
) -> HTMLResponse:
    skips, swaps = parse_skips(skip or []), parse_swaps(swap or [])
    settings: Settings = request.app.state.settings
    with request_work(request) as work:  # on the event loop (see request_work)
        return _today_page(request, work, settings, skips, swaps)


def log_from_form(form: dict[str, list[str]]) -> LogIn:
    raw: dict[str, Any] = {name: form[name][0] for name in LOG_FIELDS if form.get(name, [""])[0]}
    felt = [value for value in form.get("felt", []) if value]
    if felt:  # no place ticked: not answered
        raw["felt"] = felt
    try:
        return LogIn.model_validate(raw)
    except ValidationError as error:
        raise InvalidInputError("log", problems_of(error)) from None


@router.post(
    "/today/log",
    response_class=HTMLResponse,
    openapi_extra=form_body(*LOG_FIELDS, "felt", "skip", "swap"),
)
def log_set_form(
    request: Request, work: WorkDep, settings: AppSettings, form: FormFields
) -> Response:
    skips = parse_skips(form.get("skip", []))
    swaps = parse_swaps(form.get("swap", []))

    def rerender(problems: Sequence[FieldProblem]) -> Response:
        # The request's unit of work is closed by the time an error is shown: read in a new one.
        with application_of(request).work(work.scope) as fresh:
            return _today_page(request, fresh, settings, skips, swaps, form, problems)

    rerender_on_invalid(request, rerender)
    entry = log_from_form(form)
    if entry.key is None:
        raise InvalidInputError("log", [FieldProblem("key", "the form lost its key; reload Today")])
    sessions.record_set(work, entry.model_dump(exclude={"key"}), entry.key)
    query = today_query(skips, swaps)
    return RedirectResponse(f"/today?{query}#next" if query else "/today#next", status_code=303)


@router.post("/today/start", response_class=HTMLResponse, openapi_extra=form_body("session"))
def start_session_early(work: WorkDep, form: FormFields) -> Response:
    number = small_number((form.get("session") or [""])[0], 4)
    if number is None:
        raise InvalidInputError("start", [FieldProblem("session", "give the session's number")])
    programs.start_early(work, number)
    return RedirectResponse("/today", status_code=303)


@router.post("/today/finish", response_class=HTMLResponse)
def finish_session(work: WorkDep) -> Response:
    programs.finish(work)
    return RedirectResponse("/history?finished=1", status_code=303)
