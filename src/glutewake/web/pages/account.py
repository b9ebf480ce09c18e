"""Coach mode's own pages: log in, log out, accept an invite (404 when accounts are off).

Login and invite attempts are rate-limited in the database, so every worker shares the
limits: per e-mail address and per client address for a login, per client address for an
invite (see docs/coach-mode.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse
from starlette.exceptions import HTTPException
from starlette.responses import RedirectResponse, Response

from glutewake.application import accounts
from glutewake.application.accounts import LoginFailedError, NewSession
from glutewake.application.rate_limit import AccountLimits, TooManyAttemptsError
from glutewake.errors import FieldProblem
from glutewake.web.auth import (
    SESSION_COOKIE,
    form_token,
    keep_form_token,
    local_path,
    set_session_cookie,
)
from glutewake.web.deps import application_of
from glutewake.web.errors import rerender_on_invalid
from glutewake.web.templating import render

router = APIRouter(tags=["accounts"])

Text = Annotated[str, Form(max_length=accounts.MAX_PASSWORD)]


def limits(request: Request) -> AccountLimits:
    account_limits: AccountLimits = request.app.state.account_limits
    return account_limits


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def require_accounts(request: Request) -> None:
    if not request.app.state.settings.accounts:
        raise HTTPException(404)


def too_many(
    request: Request, template: str, error: TooManyAttemptsError, **context: Any
) -> Response:
    response = page(request, template, 429, failure=str(error), hint=error.hint, **context)
    response.headers["retry-after"] = str(error.retry_after_seconds)
    return response


def page(request: Request, template: str, status_code: int = 200, **context: Any) -> Response:
    token = form_token(request)
    response = render(request, template, {"form_token": token, **context}, status_code)
    keep_form_token(request, response)
    return response


def logged_in(request: Request, new: NewSession, target: str) -> Response:
    response = RedirectResponse(local_path(target), status_code=303)
    max_age = int((new.expires_at - application_of(request).clock.now()).total_seconds())
    set_session_cookie(request, response, new.token, max_age)
    return response


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str = "/") -> Response:
    require_accounts(request)
    if getattr(request.state, "account", None) is not None:
        return RedirectResponse(local_path(next), status_code=303)
    return page(request, "login.html", next=local_path(next), email="")


@router.post("/login", response_class=HTMLResponse)
def log_in(
    request: Request,
    email: Annotated[str, Form(max_length=254)] = "",
    password: Text = "",
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    require_accounts(request)
    account_key = email.strip().lower()
    context = {"next": local_path(next), "email": email}
    try:
        limits(request).per_address.check(client_address(request))
        limits(request).per_account.check(account_key)
    except TooManyAttemptsError as error:
        return too_many(request, "login.html", error, **context)
    settings = request.app.state.settings
    try:
        with application_of(request).work() as work:
            new = accounts.log_in(work, email, password, settings.session_days)
    except LoginFailedError as error:
        return page(request, "login.html", 401, failure=str(error), hint=error.hint, **context)
    limits(request).per_account.forget(account_key)
    return logged_in(request, new, next)


@router.post("/logout", response_class=HTMLResponse)
def log_out(request: Request) -> Response:
    require_accounts(request)
    token = getattr(request.state, "session_token", None)
    if token:
        with application_of(request).work() as work:
            accounts.log_out(work, token)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


def _check_invite_rate(request: Request) -> None:
    limits(request).invites_per_address.check(client_address(request))


@router.get("/invite/{token}", response_class=HTMLResponse)
def invite_page(request: Request, token: str) -> Response:
    require_accounts(request)
    try:
        _check_invite_rate(request)
    except TooManyAttemptsError as error:
        return too_many(request, "invite.html", error, email="", token=token)
    with application_of(request).work() as work:
        invite = accounts.open_invite(work, token[: accounts.MAX_PASSWORD])
    return page(request, "invite.html", email=invite.email, token=token)


@router.post("/invite/{token}", response_class=HTMLResponse)
def accept_invite(
    request: Request, token: str, password: Text = "", password_again: Text = ""
) -> Response:
    require_accounts(request)
    try:
        _check_invite_rate(request)
    except TooManyAttemptsError as error:
        return too_many(request, "invite.html", error, email="", token=token)
    token = token[: accounts.MAX_PASSWORD]
    with application_of(request).work() as work:
        email = accounts.open_invite(work, token).email
    rerender_on_invalid(request, lambda problems: invite_form(request, email, token, problems))
    days = request.app.state.settings.session_days
    with application_of(request).work() as work:
        new = accounts.accept_invite(work, token, password, password_again, days)
    return logged_in(request, new, "/")


def invite_form(
    request: Request, email: str, token: str, problems: Sequence[FieldProblem]
) -> Response:
    errors = {problem.field: problem.message for problem in problems}
    return page(request, "invite.html", email=email, token=token, errors=errors)
