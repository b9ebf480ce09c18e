"""The web app's Your data page: export, import into another store, forget after the word."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from flows import GO, take

from glutewake.config import Settings
from glutewake.web.app import create_app


@pytest.fixture
def second(tmp_path: Path) -> Iterator[TestClient]:
    folder = tmp_path / "second"
    folder.mkdir()
    app = create_app(Settings(data_dir=folder))
    with TestClient(app, headers={"Origin": "http://testserver"}) as client:
        yield client


def test_export_then_import_elsewhere_then_forget(
    settings: Settings, client: TestClient, second: TestClient
) -> None:
    take(settings, GO)
    page = client.get("/data")
    assert page.status_code == 200
    assert 'href="/data/export.json"' in page.text
    assert 'href="/data"' in client.get("/history").text
    exported = client.get("/data/export.json")
    assert exported.status_code == 200
    assert exported.headers["content-type"] == "application/json"
    body = exported.content
    bad = second.post("/data/import", files={"file": ("cut.json", body[:200], "application/json")})
    assert bad.status_code >= 400
    assert "cut short" in bad.text
    good = second.post("/data/import", files={"file": ("mine.json", body, "application/json")})
    assert good.status_code == 200, good.text
    assert "Imported 1 records from mine.json." in good.text
    assert second.get("/data/export.json").content == body
    refused = second.post("/data/forget", data={"confirm": "please"})
    assert refused.status_code == 409
    assert "Nothing was deleted" in refused.text
    done = second.post("/data/forget", data={"confirm": "forget"})
    assert done.status_code == 200
    assert "Deleted 2 records" in done.text
    assert b'"screenings": []' in second.get("/data/export.json").content
