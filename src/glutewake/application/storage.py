"""The store's upkeep, for the adapters: upgrade the schema, prepare it, explain its failures.

Adapters never import the store; these are the three things they need from it.
"""

from __future__ import annotations

from glutewake.application.context import App
from glutewake.config import Settings
from glutewake.store.database import storage_error, upgrade_database

__all__ = ["prepare", "storage_error", "upgrade_database"]


def prepare(settings: Settings) -> None:
    """Migrate the database and create the local person once, before any worker starts."""
    application = App.open(settings)
    try:
        with application.work():
            pass
    finally:
        application.close()
