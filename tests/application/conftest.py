"""One data folder shared by the web app, the CLI and the application layer in a test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from glutewake.config import Settings, get_settings
from glutewake.web.app import create_app


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Settings]:
    monkeypatch.setenv("GLUTEWAKE_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("GLUTEWAKE_DATABASE_URL", raising=False)
    get_settings.cache_clear()
    yield get_settings()
    get_settings.cache_clear()


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    app = create_app(settings)
    with TestClient(app, headers={"Origin": "http://testserver"}, follow_redirects=False) as test:
        yield test
