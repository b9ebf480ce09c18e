"""The welcome page: what glutewake does, and the next step for this person."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from glutewake.application import Work, programs, screening
from glutewake.web.deps import get_work
from glutewake.web.templating import render

router = APIRouter(tags=["pages"])
# One exercise for each phase of a program, drawn on the welcome page.
HERO = (
    ("Wake up", "glute-bridge"),
    ("Build", "donkey-kick"),
    ("Integrate", "split-squat"),
)


def home_work(request: Request) -> Iterator[Work | None]:
    """The person's unit of work; None for a coach not viewing a client (their home is /coach)."""
    account = getattr(request.state, "account", None)
    if account is not None and account.role == "coach" and "view_as" not in request.query_params:
        yield None
        return
    yield from get_work(request)


@router.get("/", response_class=HTMLResponse)
def home(
    request: Request, work: Annotated[Work | None, Depends(home_work, scope="function")]
) -> Response:
    if work is None:
        return RedirectResponse("/coach", status_code=303)
    catalogue = work.catalogue
    return render(
        request,
        "home.html",
        {
            "screening": screening.latest(work),
            "has_program": programs.stored_program(work) is not None,
            "hero": [(label, catalogue.get(e)) for label, e in HERO if e in catalogue],
            "exercise_count": len(catalogue),
        },
    )
