"""Storage adapter: SQLAlchemy models, Alembic migrations and the one session factory."""

from glutewake.store.database import Database, open_database

__all__ = ["Database", "open_database"]
