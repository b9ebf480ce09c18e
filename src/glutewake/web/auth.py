"""Coach mode at the door: who is logged in, who must log in first, and the CSRF check.

With ``GLUTEWAKE_ACCOUNTS`` off nothing here does anything: solo use stays account-free.
With it on:

- :class:`AccountGate` (ASGI middleware) reads the session cookie, finds its account (the
  application layer decides, :mod:`glutewake.application.access`) and puts it in the request's
  state; a request without a live session gets 401 JSON under /api and a redirect to /login
  for a page, except for :data:`PUBLIC_PATHS` and what starts with :data:`PUBLIC_PREFIXES`.
- :func:`require_csrf` (a dependency of every route) refuses a state-changing request that
  does not carry the session's CSRF token, in the ``X-CSRF-Token`` header or the
  ``csrf_token`` form field. Before a login (the login and invite forms) the token is the one
  the form page set in a cookie of its own (double submit).
"""

from __future__ import annotations

import hmac
import secrets
from urllib.parse import quote, urlsplit

import anyio.to_thread
from fastapi import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from glutewake.application import App
from glutewake.application.access import session_account
from glutewake.application.accounts import csrf_matches, csrf_token_for
from glutewake.errors import AccessDeniedError
from glutewake.web.errors import is_api
from glutewake.web.templating import CSRF_FIELD as CSRF_FIELD  # the forms carry it

SESSION_COOKIE = "glutewake_session"
FORM_COOKIE = "glutewake_form"  # the CSRF token of the login and invite forms
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
PUBLIC_PATHS = frozenset({"/login", "/sw.js", "/favicon.ico"})
PUBLIC_PREFIXES = ("/static/", "/invite/")
MAX_TOKEN = 200  # longer cookie or header values are not looked up


def is_public(path: str) -> bool:
    return path in PUBLIC_PATHS or path.startswith(PUBLIC_PREFIXES)


def local_path(target: str) -> str:
    """``target`` if it is a path on this site, else "/" (no open redirect after a login)."""
    try:
        parts = urlsplit(target)
    except ValueError:
        return "/"
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return "/"
    if "\\" in target or any(ord(char) < 32 for char in target):
        return "/"
    return target


class AccountGate:
    """The middleware; ``enabled`` is ``GLUTEWAKE_ACCOUNTS``."""

    def __init__(self, app: ASGIApp, application: App, enabled: bool) -> None:
        self.app = app
        self.application = application
        self.enabled = enabled

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self.enabled:
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        token = request.cookies.get(SESSION_COOKIE, "")
        account = None
        if token and len(token) <= MAX_TOKEN:
            account = await anyio.to_thread.run_sync(session_account, self.application, token)
        state = scope.setdefault("state", {})
        state["account"] = account
        state["session_token"] = token if account is not None else None
        state["csrf_token"] = csrf_token_for(token) if account is not None else None
        if account is None and not is_public(scope["path"]):
            response = self.login_first(request)
            if token:
                response.delete_cookie(SESSION_COOKIE, path="/")
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)

    @staticmethod
    def login_first(request: Request) -> Response:
        if is_api(request) or request.url.path == "/openapi.json":
            return JSONResponse(
                {
                    "detail": "Log in first: this glutewake has accounts.",
                    "hint": "Log in at /login, then send the request with the session cookie.",
                    "errors": [],
                },
                status_code=401,
                headers={"WWW-Authenticate": 'Cookie realm="glutewake"'},
            )
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(local_path(target), safe='')}", 303)


def form_token(request: Request) -> str:
    """The login and invite forms' CSRF token: the one in their cookie, or a new one."""
    token = request.cookies.get(FORM_COOKIE, "")
    if not (0 < len(token) <= MAX_TOKEN):
        token = secrets.token_urlsafe(32)
    request.state.csrf_token = token
    return token


def keep_form_token(request: Request, response: Response) -> None:
    """Set the forms' token cookie on a form page's response."""
    response.set_cookie(
        FORM_COOKIE,
        request.state.csrf_token,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/",
    )


CSRF_MESSAGE = (
    "This request did not carry this page's security token (CSRF), so it may have been sent "
    "by another site or from a page that is out of date; nothing was saved."
)
CSRF_HINT = "Reload the page and send it again. A script sends the token in X-CSRF-Token."


async def require_csrf(request: Request) -> None:
    """Refuse a write without the right CSRF token (accounts on only): 403, nothing read."""
    if not request.app.state.settings.accounts or request.method in SAFE_METHODS:
        return
    sent = [request.headers.get(CSRF_HEADER, "")]
    content_type = request.headers.get("content-type", "")
    if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        value = (await request.form()).get(CSRF_FIELD)
        sent.append(value if isinstance(value, str) else "")
    if not any(0 < len(token) <= MAX_TOKEN and _matches(request, token) for token in sent):
        raise AccessDeniedError(CSRF_MESSAGE, CSRF_HINT)


def _matches(request: Request, sent: str) -> bool:
    if is_public(request.url.path):
        expected = request.cookies.get(FORM_COOKIE, "")
        return bool(expected) and hmac.compare_digest(expected.encode(), sent.encode())
    token: str | None = getattr(request.state, "session_token", None)
    return token is not None and csrf_matches(token, sent)


def set_session_cookie(request: Request, response: Response, token: str, max_age: int) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=max_age,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
        path="/",
    )
