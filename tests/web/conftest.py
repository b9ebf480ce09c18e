from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from glutewake.config import Settings
from glutewake.store import Database, open_database
from glutewake.web.app import create_app


@pytest.fixture
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(data_dir=tmp_path_factory.mktemp("data"), timer_scale=1.0)


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    # Writes must say where they come from: the app's own origin, as a browser sends it.
    with TestClient(create_app(settings), headers={"Origin": "http://testserver"}) as test_client:
        yield test_client


@pytest.fixture
def database(settings: Settings, client: TestClient) -> Iterator[Database]:
    """A second connection to the app's SQLite file, to look at what was stored."""
    del client  # the app creates and migrates the file first
    opened = open_database(settings.resolved_database_url)
    yield opened
    opened.close()
