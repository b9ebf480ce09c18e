"""FastAPI dependencies, as ``Annotated`` aliases: settings, database session, catalogue, person.

Every request acts for one person, resolved in :func:`current_person` and nowhere else.
Dependencies that only read the app's state are ``async``: FastAPI runs them on the event loop
instead of sending each to the thread pool and back. Those that touch the database stay sync.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import Depends, HTTPException, Request
from sqlalchemy.orm import Session

from glutewake.catalogue import Catalogue
from glutewake.config import Settings
from glutewake.store import Database, repository
from glutewake.store.repository import PersonRecord
from glutewake.web.templating import Illustrations

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


async def same_origin(request: Request) -> None:
    """Refuse writes sent by another site's page (the app may listen on the local network)."""
    origin = request.headers.get("origin")
    if request.method in SAFE_METHODS or origin is None:
        return
    if urlsplit(origin).netloc != request.headers.get("host"):
        raise HTTPException(403, "This form was sent from another site; it was not saved.")


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_catalogue(request: Request) -> Catalogue:
    catalogue: Catalogue = request.app.state.catalogue
    return catalogue


async def get_illustrations(request: Request) -> Illustrations:
    illustrations: Illustrations = request.app.state.illustrations
    return illustrations


def database_of(request: Request) -> Database:
    database: Database = request.app.state.database
    return database


def get_session(request: Request) -> Iterator[Session]:
    with database_of(request).session() as session:
        yield session


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
# "function" scope: the session commits before the response leaves, so a client that reads
# right after a write sees it.
DbSession = Annotated[Session, Depends(get_session, scope="function")]


def current_person(session: DbSession) -> PersonRecord:
    """The person this request acts for. Coach mode will choose among people here."""
    return repository.default_person(session)


CurrentPerson = Annotated[PersonRecord, Depends(current_person)]
FormFields = Annotated[dict[str, list[str]], Depends(read_form)]
