"""The exercise library: a filterable list and one page per exercise."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from glutewake.web.deps import CatalogueDep, IllustrationsDep
from glutewake.web.library import (
    CATEGORY_BLURBS,
    by_category,
    detail,
    filter_choices,
    parse_filters,
)
from glutewake.web.templating import render

router = APIRouter(tags=["pages"])
SVG_CACHE = "public, max-age=86400"


@router.get("/exercises", response_class=HTMLResponse)
def exercise_list(
    request: Request,
    catalogue: CatalogueDep,
    category: str | None = None,
    target: str | None = None,
    position: str | None = None,
    equipment: str | None = None,
    level: str | None = None,
) -> HTMLResponse:
    values = {
        "category": category or "",
        "target": target or "",
        "position": position or "",
        "equipment": equipment or "",
        "level": level or "",
    }
    filters = parse_filters(category, target, position, equipment, level)
    chosen = catalogue.filter(filters)
    return render(
        request,
        "exercises.html",
        {
            "exercises": chosen,
            "groups": by_category(chosen),
            "total": len(catalogue),
            "choices": filter_choices(),
            "values": values,
            "filtered": any(values.values()),
            "blurbs": CATEGORY_BLURBS,
        },
    )


@router.get("/exercises/{exercise_id}", response_class=HTMLResponse)
def exercise_page(request: Request, catalogue: CatalogueDep, exercise_id: str) -> HTMLResponse:
    exercise = catalogue.get(exercise_id)
    return render(
        request,
        "exercise.html",
        {"exercise": exercise, "info": detail(exercise, catalogue)},
    )


@router.get("/exercises/{exercise_id}/illustration.svg", response_class=Response)
def exercise_illustration(illustrations: IllustrationsDep, exercise_id: str) -> Response:
    svg = illustrations.animated(exercise_id)
    return Response(svg, media_type="image/svg+xml", headers={"Cache-Control": SVG_CACHE})
