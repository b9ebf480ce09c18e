"""Progress: adherence, each glute's share of the work, exercises, levels and pain, by week.

The figures are ``application.progress``'s (the same as ``glutewake progress``); the charts are
``tracking.progress_charts``'s SVG, with the numbers as tables too.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup

from glutewake.application import progress, retest
from glutewake.tracking.progress import DEFAULT_WEEKS, MAX_WEEKS
from glutewake.tracking.progress_charts import progress_charts
from glutewake.tracking.progress_summary import day_text, group_text, long_day_text, share_text
from glutewake.web.deps import WorkDep
from glutewake.web.templating import render

router = APIRouter(tags=["pages"])
PERIODS = (4, DEFAULT_WEEKS, 26)


@router.get("/progress", response_class=HTMLResponse)
def progress_page(
    request: Request,
    work: WorkDep,
    weeks: Annotated[int, Query(ge=1, le=MAX_WEEKS)] = DEFAULT_WEEKS,
) -> HTMLResponse:
    view = progress.show(work, weeks)
    charts = progress_charts(view.progress)
    return render(
        request,
        "progress.html",
        {
            "view": view,
            "retest_due": retest.due(work),
            "found": view.progress,
            "weeks": weeks,
            "periods": PERIODS,
            # Our own SVG: every text in it is escaped by the chart module.
            "glutes_chart": Markup(charts.glutes),
            "sessions_chart": Markup(charts.sessions) if charts.sessions else None,
            "pain_chart": Markup(charts.pain),
            "exercise_charts": {key: Markup(svg) for key, svg in charts.exercises.items()},
            "day_text": day_text,
            "group_text": group_text,
            "long_day_text": long_day_text,
            "share_text": share_text,
        },
    )
