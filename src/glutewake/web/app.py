"""The web app factory: ``create_app()`` builds a new app; nothing happens at import time."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, nullcontext
from pathlib import Path

from fastapi import Depends, FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from glutewake import __version__
from glutewake.application import App
from glutewake.application.coach_dashboard import warming_up
from glutewake.application.context import Memo
from glutewake.application.rate_limit import AccountLimits
from glutewake.config import Settings, get_settings
from glutewake.web import api
from glutewake.web.auth import AccountGate, require_csrf
from glutewake.web.errors import install_error_handlers
from glutewake.web.pages import (
    account,
    coach,
    desk,
    history,
    home,
    library,
    plan,
    progress,
    retest,
    screening,
    takeaway,
    today,
)
from glutewake.web.security import RequestGuard
from glutewake.web.templating import Illustrations, make_templates

STATIC = Path(__file__).with_name("static")


def create_app(settings: Settings | None = None) -> FastAPI:
    """A new glutewake web app on the configured database (migrated to the newest schema)."""
    settings = settings or get_settings()
    application = App.open(settings)
    with application.work():
        pass  # the local person is created once here, not by racing first requests

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # What start-up built lives as long as the server: kept out of the garbage collector's
        # full passes, each of which would otherwise walk it (60 ms and more, in any request).
        gc.freeze()
        # With accounts on, each coach's first look finds their dashboard worked out already.
        with warming_up(application) if settings.accounts else nullcontext():
            yield
        gc.unfreeze()
        application.close()

    app = FastAPI(
        title="glutewake",
        version=__version__,
        summary="Find and fix glute amnesia: screening, program, guided sessions, logs.",
        lifespan=lifespan,
        # The schema stays at /openapi.json; the docs pages would load Swagger from a CDN.
        docs_url=None,
        redoc_url=None,
        dependencies=[Depends(require_csrf)],  # with accounts on, every write needs the token
    )
    # Inside the guard: a request from an unknown host or another site is refused first.
    app.add_middleware(AccountGate, application=application, enabled=settings.accounts)
    app.add_middleware(
        RequestGuard,
        allowed_hosts=settings.allowed_hosts,
        max_body_bytes=settings.max_body_bytes,
    )
    catalogue = application.catalogue
    app.state.settings = settings
    app.state.application = application
    app.state.catalogue = catalogue
    app.state.illustrations = Illustrations(catalogue)
    app.state.player_cache = Memo()
    app.state.templates = make_templates(app.state.illustrations)
    app.state.account_limits = AccountLimits.of(application)  # counted in the database
    install_error_handlers(app)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_api_route("/sw.js", service_worker, include_in_schema=False)
    # Routes are matched in order: the ones a phone beside the mat calls come first.
    modules = (
        today,
        api,
        account,
        home,
        screening,
        retest,
        plan,
        history,
        progress,
        takeaway,
        library,
        desk,
        coach,
    )
    for module in modules:
        app.include_router(module.router)
    return app


async def service_worker() -> FileResponse:
    """The offline worker, served from the root so that it may keep every page; never cached
    by the browser itself, so that a new version is picked up on the next visit."""
    return FileResponse(
        STATIC / "sw.js", media_type="text/javascript", headers={"Cache-Control": "no-cache"}
    )
