"""FastAPI dependencies, as ``Annotated`` aliases: settings, the unit of work, catalogue.

Every request acts in one scope (who acts, for which person), resolved by the application
layer when the request's unit of work opens (:func:`get_work`) and nowhere else.
Dependencies that only read the app's state are ``async``: FastAPI runs them on the event loop
instead of sending each to the thread pool and back. Those that touch the database stay sync.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import Depends, Request

from glutewake.application import App, Work
from glutewake.application.context import Memo
from glutewake.catalogue import Catalogue
from glutewake.config import Settings
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


def get_work(request: Request) -> Iterator[Work]:
    with application_of(request).work() as work:
        yield work


async def read_form(request: Request) -> dict[str, list[str]]:
    """A posted form's text fields, each name with all its values (checkboxes repeat)."""
    form = await request.form()
    values: dict[str, list[str]] = {}
    for name, value in form.multi_items():
        if isinstance(value, str):
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
FormFields = Annotated[dict[str, list[str]], Depends(read_form)]
