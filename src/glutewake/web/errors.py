"""The one place where errors become responses.

glutewake errors carry their message and hint; validation errors become field problems. The JSON
API answers with ``{"detail", "hint", "errors": [{"field", "message"}]}``; pages either re-render
the form that was sent (see :func:`rerender_on_invalid`) or show an error page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse, Response

from glutewake.errors import (
    FieldProblem,
    GlutewakeError,
    InvalidInputError,
    NotFoundError,
    SafetyGateError,
    UnknownChoiceError,
)
from glutewake.web.templating import render

API_PREFIX = "/api"
LOCATIONS = ("body", "query", "path", "header", "cookie")

Rerender = Callable[[Sequence[FieldProblem]], Response]


def rerender_on_invalid(request: Request, rerender: Rerender) -> None:
    """Say how to show this request's form again, with its problems, if its input is invalid."""
    request.state.rerender = rerender


def is_api(request: Request) -> bool:
    return request.url.path.startswith(API_PREFIX + "/") or request.url.path == API_PREFIX


def status_for(error: GlutewakeError) -> int:
    if isinstance(error, NotFoundError):
        return 404
    if isinstance(error, UnknownChoiceError):
        return 404 if error.what == "exercise id" else 422
    if isinstance(error, InvalidInputError):
        return 422
    if isinstance(error, SafetyGateError):
        return 409
    return 400


def validation_problems(error: RequestValidationError) -> list[FieldProblem]:
    problems = []
    for item in error.errors():
        location = [str(part) for part in item.get("loc", ())]
        if location and location[0] in LOCATIONS:
            location = location[1:]
        problems.append(FieldProblem(".".join(location) or "request", str(item.get("msg", ""))))
    return problems


def _api_body(message: str, hint: str, problems: Sequence[FieldProblem]) -> dict[str, Any]:
    return {
        "detail": message,
        "hint": hint,
        "errors": [{"field": p.field, "message": p.message} for p in problems],
    }


def _respond(
    request: Request,
    status_code: int,
    message: str,
    hint: str,
    problems: Sequence[FieldProblem] = (),
) -> Response:
    if is_api(request):
        return JSONResponse(_api_body(message, hint, problems), status_code=status_code)
    rerender: Rerender | None = getattr(request.state, "rerender", None)
    if rerender is not None and problems:
        response = rerender(problems)
        response.status_code = status_code
        return response
    context = {"status": status_code, "message": message, "hint": hint, "problems": problems}
    return render(request, "error.html", context, status_code=status_code)


def _on_glutewake_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, GlutewakeError)
    problems = error.problems if isinstance(error, InvalidInputError) else ()
    return _respond(request, status_for(error), str(error), error.hint, problems)


def _on_validation_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, RequestValidationError)
    problems = validation_problems(error)
    message = f"Invalid request ({len(problems)} problem(s))."
    hint = "Fix the fields listed and try again; nothing was saved."
    return _respond(request, 422, message, hint, problems)


def _on_http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    messages = {404: "There is no page here.", 405: "This address does not accept that method."}
    hints = {403: "Open glutewake itself and send the form from there."}
    message = messages.get(error.status_code, str(error.detail))
    hint = hints.get(error.status_code, "Use the menu to find your way.")
    response = _respond(request, error.status_code, message, hint)
    if error.headers:
        response.headers.update(error.headers)
    return response


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(GlutewakeError, _on_glutewake_error)
    app.add_exception_handler(RequestValidationError, _on_validation_error)
    app.add_exception_handler(HTTPException, _on_http_error)
