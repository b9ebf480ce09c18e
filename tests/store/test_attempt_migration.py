"""Migration 0005 (the shared attempt counts) on SQLite and PostgreSQL: up from 0004 and back."""

from __future__ import annotations

from alembic import command
from sqlalchemy import inspect

from glutewake.store.database import _alembic_config, create_db_engine


def test_0005_adds_the_attempt_table_and_removes_it_again(database_url: str) -> None:
    engine = create_db_engine(database_url)
    config = _alembic_config(engine)
    try:
        command.upgrade(config, "0004")
        assert "attempt_window" not in inspect(engine).get_table_names()
        command.upgrade(config, "0005")
        inspector = inspect(engine)
        assert "attempt_window" in inspector.get_table_names()
        assert inspector.get_pk_constraint("attempt_window")["constrained_columns"] == [
            "kind",
            "key_hash",
        ]
        indexes = {index["name"] for index in inspector.get_indexes("attempt_window")}
        assert indexes == {"ix_attempt_window_kind_last_at"}
        command.upgrade(config, "head")
        command.downgrade(config, "0004")
        assert "attempt_window" not in inspect(engine).get_table_names()
    finally:
        engine.dispose()
