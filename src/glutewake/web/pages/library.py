"""The exercise library: a filterable list and one page per exercise."""

from __future__ import annotations

import hashlib

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


def svg_response(request: Request, svg: str) -> Response:
    """The drawing with a day's caching and an ETag: a browser that has it gets a 304."""
    etag = '"' + hashlib.sha256(svg.encode()).hexdigest()[:32] + '"'
    headers = {"Cache-Control": SVG_CACHE, "ETag": etag}
    asked = {tag.strip() for tag in request.headers.get("if-none-match", "").split(",")}
    if etag in asked or f"W/{etag}" in asked:
        return Response(status_code=304, headers=headers)
    return Response(svg, media_type="image/svg+xml", headers=headers)


@router.get("/exercises/{exercise_id}/illustration.svg", response_class=Response)
def exercise_illustration(
    request: Request, illustrations: IllustrationsDep, exercise_id: str
) -> Response:
    """The animated drawing (it stands still for reduced motion and in print)."""
    return svg_response(request, illustrations.animated(exercise_id))


@router.get("/exercises/{exercise_id}/still.svg", response_class=Response)
def exercise_still(request: Request, illustrations: IllustrationsDep, exercise_id: str) -> Response:
    """The most telling pose alone, not animated: for lists, thumbnails and print."""
    return svg_response(request, illustrations.still(exercise_id))
