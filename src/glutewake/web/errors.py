"""The one place where errors become responses.

glutewake errors carry their message and hint; validation errors become field problems. The JSON
API answers with ``{"detail", "hint", "errors": [{"field", "message"}]}``; pages either re-render
the form that was sent (see :func:`rerender_on_invalid`) or show an error page.

This is the web app's one error boundary: a busy database answers 503 with Retry-After and a
page that says to try again; other storage and configuration failures answer with what is
wrong and its fix; anything else is a 500 page that says so, never a traceback. Messages are
cut to a short excerpt of what was sent.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from sqlalchemy.exc import DBAPIError
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse, Response

from glutewake.errors import (
    AccessDeniedError,
    ConfigurationError,
    ConflictError,
    DatabaseBusyError,
    FieldProblem,
    GlutewakeError,
    InvalidInputError,
    NotFoundError,
    SafetyGateError,
    StorageError,
    UnknownChoiceError,
)
from glutewake.safe_load import excerpt
from glutewake.web.templating import render

API_PREFIX = "/api"
LOCATIONS = ("body", "query", "path", "header", "cookie")
MAX_PROBLEMS = 50
MAX_MESSAGE_CHARS = 300
TOO_LARGE_HINT = "Send less at once, or raise GLUTEWAKE_MAX_BODY_BYTES and restart glutewake serve."

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
    if isinstance(error, SafetyGateError | ConflictError):
        return 409
    if isinstance(error, AccessDeniedError):
        return 403
    if isinstance(error, StorageError):
        return 503
    if isinstance(error, ConfigurationError):
        return 500
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


def respond(
    request: Request,
    status_code: int,
    message: str,
    hint: str,
    problems: Sequence[FieldProblem] = (),
) -> Response:
    """The error as JSON for the API, the form again for a page that registered it, or a page."""
    message = excerpt(message, MAX_MESSAGE_CHARS * 4)
    problems = [
        FieldProblem(excerpt(p.field, 100), excerpt(p.message, MAX_MESSAGE_CHARS))
        for p in problems[:MAX_PROBLEMS]
    ]
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
    response = respond(request, status_for(error), str(error), error.hint, problems)
    if isinstance(error, DatabaseBusyError):
        response.headers["retry-after"] = str(error.retry_after_seconds)
    return response


def _on_database_error(request: Request, error: Exception) -> Response:
    from glutewake.application.storage import storage_error

    translated = storage_error(error)
    if translated is None:
        raise error  # a bug: the 500 handler answers, and the traceback is logged
    return _on_glutewake_error(request, translated)


def _on_unexpected_error(request: Request, error: Exception) -> Response:
    del error  # Starlette logs it with its traceback; the person gets a page
    return respond(
        request,
        500,
        "Something went wrong inside glutewake; what you sent was not saved.",
        "Try again; if it happens again, it is a bug: please report what you did.",
    )


def _on_validation_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, RequestValidationError)
    problems = validation_problems(error)
    message = f"Invalid request ({len(problems)} problem(s))."
    hint = "Fix the fields listed and try again; nothing was saved."
    return respond(request, 422, message, hint, problems)


def _on_http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    messages = {404: "There is no page here.", 405: "This address does not accept that method."}
    hints = {403: "Open glutewake itself and send the form from there.", 413: TOO_LARGE_HINT}
    message = messages.get(error.status_code, str(error.detail))
    hint = hints.get(error.status_code, "Use the menu to find your way.")
    response = respond(request, error.status_code, message, hint)
    if error.headers:
        response.headers.update(error.headers)
    return response


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(GlutewakeError, _on_glutewake_error)
    app.add_exception_handler(RequestValidationError, _on_validation_error)
    app.add_exception_handler(HTTPException, _on_http_error)
    app.add_exception_handler(DBAPIError, _on_database_error)
    app.add_exception_handler(Exception, _on_unexpected_error)
