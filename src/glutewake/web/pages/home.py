"""The welcome page: what glutewake does, and the next step for this person."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from glutewake.application import programs, screening
from glutewake.web.deps import WorkDep
from glutewake.web.templating import render

router = APIRouter(tags=["pages"])
# One exercise for each phase of a program, drawn on the welcome page.
HERO = (
    ("Wake up", "glute-bridge"),
    ("Build", "donkey-kick"),
    ("Integrate", "split-squat"),
)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, work: WorkDep) -> HTMLResponse:
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
