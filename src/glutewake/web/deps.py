"""FastAPI dependencies, as ``Annotated`` aliases: settings, the unit of work, catalogue.

Every request acts in one scope (who acts, for which person), resolved by the application
layer when the request's unit of work opens (:func:`get_work`) and nowhere else: solo use,
or, with accounts on, the logged-in account (see ``glutewake.web.auth``) acting for the
person the request asks for: a ``person_id`` path parameter, or ``?view_as=ID`` (read-only,
a coach's "view as client"), else the account's own person.
Dependencies that only read the app's state are ``async``: FastAPI runs them on the event loop
instead of sending each to the thread pool and back. Those that touch the database stay sync.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

from fastapi import Depends, Request

from glutewake.application import App, Work
from glutewake.application.access import AccountRecord, coach_scope, not_found, work_for
from glutewake.application.context import Memo
from glutewake.catalogue import Catalogue
from glutewake.config import Settings
from glutewake.web.auth import CSRF_FIELD
from glutewake.web.templating import Illustrations


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_catalogue(request: Request) -> Catalogue:
    catalogue: Catalogue = request.app.state.catalogue
    return catalogue


async def get_illustrations(request: Request) -> Illustrations:
    illustrations: Illustrations = request.app.state.illustrations
    return illustrations


def player_cache(request: Request) -> Memo:
    """The web app's memo of the player's data (see ``web.player``)."""
    cache: Memo = request.app.state.player_cache
    return cache


def application_of(request: Request) -> App:
    application: App = request.app.state.application
    return application


def account_of(request: Request) -> AccountRecord | None:
    """The logged-in account (None in solo use); NotFound if accounts are on and there is none."""
    account: AccountRecord | None = getattr(request.state, "account", None)
    if account is None and request.app.state.settings.accounts:
        raise not_found()
    return account


def person_asked_for(request: Request) -> tuple[int | None, bool]:
    """The person id the request names (None: the account's own) and whether read-only."""
    named = request.path_params.get("person_id")
    viewed = request.query_params.get("view_as")
    text = named if named is not None else viewed
    if text is None:
        return None, False
    if not (isinstance(text, int) or (text.isascii() and text.isdigit() and len(text) < 12)):
        raise not_found()
    return int(text), named is None


@contextmanager
def request_work(request: Request) -> Iterator[Work]:
    """The request's unit of work, opened in the caller's thread.

    The hottest routes (Today, logging a set) are ``async`` and open it in their own body, so
    they run on the event loop: a few milliseconds of work on a local database, less than the
    hand-over to a thread-pool thread and back cost on a busy server (measured in
    docs/web.md). As a sync generator dependency (``WorkDep``) FastAPI sends the opening and
    the closing of the unit of work to the pool each on a trip of their own.
    """
    account = account_of(request)
    person_id, read_only = person_asked_for(request) if account is not None else (None, False)
    with work_for(application_of(request), account, person_id, read_only=read_only) as work:
        yield work


def get_work(request: Request) -> Iterator[Work]:
    with request_work(request) as work:
        yield work


def get_coach_work(request: Request) -> Iterator[Work]:
    """A coach's own unit of work (client list, dashboard): no person; 404 for anyone else."""
    account = account_of(request)
    if account is None:
        raise not_found()
    with application_of(request).work(coach_scope(account)) as work:
        yield work


async def read_form(request: Request) -> dict[str, list[str]]:
    """A posted form's text fields, each name with all its values (checkboxes repeat)."""
    form = await request.form()
    values: dict[str, list[str]] = {}
    for name, value in form.multi_items():
        if isinstance(value, str) and name != CSRF_FIELD:
            values.setdefault(name, []).append(value)
    return values


def form_body(*fields: str) -> dict[str, Any]:
    """OpenAPI text for a route that reads its form itself (so the schema, and the fuzzer, know it)."""
    properties = {name: {"type": "string"} for name in fields}
    schema = {
        "type": "object",
        "properties": properties,
        "additionalProperties": {"type": "string"},
    }
    return {
        "requestBody": {
            "required": False,
            "content": {"application/x-www-form-urlencoded": {"schema": schema}},
        }
    }


AppSettings = Annotated[Settings, Depends(get_settings)]
CatalogueDep = Annotated[Catalogue, Depends(get_catalogue)]
IllustrationsDep = Annotated[Illustrations, Depends(get_illustrations)]
# "function" scope: the unit of work commits before the response leaves, so a client that
# reads right after a write sees it.
WorkDep = Annotated[Work, Depends(get_work, scope="function")]
CoachWorkDep = Annotated[Work, Depends(get_coach_work, scope="function")]
FormFields = Annotated[dict[str, list[str]], Depends(read_form)]
