"""Databases for the tests that run on both SQLite and PostgreSQL.

``database_url`` is parametrised: a fresh SQLite file, and a fresh PostgreSQL database made for
the test and dropped after it. The PostgreSQL server is the one ``scripts/start-postgres``
starts (``make system-deps``), reached as the current user over the local socket, or the one
at ``GLUTEWAKE_TEST_POSTGRES_URL`` (any database there; the tests make their own). Without a
server the PostgreSQL cases are skipped, and fail instead when ``CI`` is set, so CI never
passes by skipping them.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import URL, create_engine, text
from sqlalchemy.engine import make_url

from glutewake.config import Settings, get_settings

DEFAULT_SERVER = "postgresql+psycopg:///postgres"


def _unreachable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"CI is set, so PostgreSQL tests must not be skipped: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def postgres_server() -> URL:
    """A URL of the PostgreSQL server whose role may create databases."""
    url = make_url(os.environ.get("GLUTEWAKE_TEST_POSTGRES_URL", DEFAULT_SERVER))
    engine = create_engine(url, connect_args={"connect_timeout": 5})
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as error:
        first_line = str(error).splitlines()[0] if str(error) else type(error).__name__
        _unreachable(
            f"no PostgreSQL server at {url.render_as_string(hide_password=True)} "
            f"({first_line}); start one with `sudo scripts/install-system-deps` "
            "or set GLUTEWAKE_TEST_POSTGRES_URL"
        )
    finally:
        engine.dispose()
    return url


@pytest.fixture
def postgres_url(postgres_server: URL) -> Iterator[str]:
    """The URL of a new, empty PostgreSQL database, dropped after the test."""
    name = f"glutewake_test_{uuid.uuid4().hex[:16]}"
    admin = create_engine(postgres_server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            # A language collation (ICU's root), as servers often have, not the byte order
            # of C: key ranges and ordering must not depend on it.
            connection.execute(
                text(
                    f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8' "
                    "LOCALE_PROVIDER icu ICU_LOCALE 'und' LOCALE 'C.UTF-8'"
                )
            )
        yield postgres_server.set(database=name).render_as_string(hide_password=False)
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh database of each kind: an SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    url: str = request.getfixturevalue("postgres_url")
    return url


@pytest.fixture
def settings_on_each_database(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Settings]:
    """The settings of a data folder whose database is each kind in turn (GLUTEWAKE_DATABASE_URL).

    A test module that only needs the store runs on both by overriding its ``settings``
    fixture with this one.
    """
    monkeypatch.setenv("GLUTEWAKE_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("GLUTEWAKE_DATABASE_URL", database_url)
    get_settings.cache_clear()
    yield get_settings()
    get_settings.cache_clear()
