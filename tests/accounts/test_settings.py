"""Coach mode's settings: accounts on or off, and no placeholder left for the one secret."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from glutewake.config import Settings, configuration_error
from glutewake.errors import ConfigurationError


@pytest.mark.parametrize(("value", "on"), [("on", True), ("off", False), ("true", True)])
def test_accounts_read_on_and_off(monkeypatch: pytest.MonkeyPatch, value: str, on: bool) -> None:
    monkeypatch.setenv("GLUTEWAKE_ACCOUNTS", value)
    assert Settings().accounts is on


def test_accounts_are_off_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GLUTEWAKE_ACCOUNTS", raising=False)
    assert Settings().accounts is False


@pytest.mark.parametrize("placeholder", ["CHANGE-ME", "PASSWORD", "changeme"])
def test_a_database_password_left_at_a_placeholder_is_refused(
    monkeypatch: pytest.MonkeyPatch, placeholder: str
) -> None:
    monkeypatch.setenv(
        "GLUTEWAKE_DATABASE_URL", f"postgresql+psycopg://glutewake:{placeholder}@localhost/gw"
    )
    with pytest.raises(ValidationError) as raised:
        Settings()
    error = configuration_error(raised.value)
    assert isinstance(error, ConfigurationError)
    assert "GLUTEWAKE_DATABASE_URL" in str(error)
    assert "still the placeholder" in str(error)


def test_a_real_password_and_a_socket_url_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    for url in ("postgresql+psycopg://gw:s3cr3t-Long@db/gw", "postgresql+psycopg:///glutewake"):
        monkeypatch.setenv("GLUTEWAKE_DATABASE_URL", url)
        assert Settings().database_url == url
