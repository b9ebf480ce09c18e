"""The ``store`` fixture: a fresh data folder for each test (see ``cli_store``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_store import Store

from glutewake.config import get_settings


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    monkeypatch.setenv("GLUTEWAKE_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("GLUTEWAKE_DATABASE_URL", raising=False)
    get_settings.cache_clear()
    yield Store(tmp_path)
    get_settings.cache_clear()
