"""The exercise catalogue: one validated data file per exercise, with evidence and sources.

The names below load on first use, so that ``catalogue.listing`` (the CLI's fast list) can be
imported without the schema and its models.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from glutewake.catalogue.catalogue import Catalogue, Filters, default_catalogue
    from glutewake.catalogue.schema import Exercise

__all__ = ["Catalogue", "Exercise", "Filters", "default_catalogue"]
_HOMES = {
    "Catalogue": "glutewake.catalogue.catalogue",
    "Filters": "glutewake.catalogue.catalogue",
    "default_catalogue": "glutewake.catalogue.catalogue",
    "Exercise": "glutewake.catalogue.schema",
}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(importlib.import_module(_HOMES[name]), name)
    raise AttributeError(name)
