"""Storage adapter: SQLAlchemy models, Alembic migrations and the one session factory."""

from sqlalchemy.orm import Session as DbSession

from glutewake.store.database import Database, open_database

__all__ = ["Database", "DbSession", "open_database"]
