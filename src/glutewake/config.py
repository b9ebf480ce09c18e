"""The one settings object. Built on demand (never at import time) from GLUTEWAKE_* variables."""

from __future__ import annotations

import ipaddress
import re
from functools import lru_cache
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

import platformdirs
from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from glutewake.errors import ConfigurationError
from glutewake.reminders.settings import BreakSettings
from glutewake.safe_load import excerpt

APP_NAME = "glutewake"
ENV_PREFIX = "GLUTEWAKE_"
MIB = 1024 * 1024
LABEL = re.compile(r"[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?")
# Passwords left as the examples write them: refused, so a deployment never runs on one.
PLACEHOLDER_SECRETS = frozenset(
    {"change-me", "changeme", "password", "secret", "placeholder", "xxx", "todo"}
)


def is_host_name(host: str) -> bool:
    """A host name or an IP address as written in a Host header, without the port."""
    try:
        ipaddress.ip_address(host)
    except ValueError:
        labels = host.split(".")
        return len(host) <= 253 and all(LABEL.fullmatch(label) for label in labels)
    return True


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


class Settings(BaseSettings):
    """Every setting glutewake reads. Environment variables use the GLUTEWAKE_ prefix."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX, extra="ignore", env_nested_delimiter="__"
    )

    data_dir: Path = Field(default_factory=default_data_dir)
    database_url: str = ""
    # Seconds a write waits for another program's write lock before it gives up (503 in the web).
    database_busy_timeout: float = Field(default=5.0, gt=0, le=60)
    breaks: BreakSettings = Field(default_factory=BreakSettings)
    # The web player multiplies every hold and rest countdown by this; tests set it low.
    timer_scale: float = Field(default=1.0, gt=0, le=1)
    # Host names the web app answers to besides the address it listens on and localhost,
    # comma-separated: what a phone types, e.g. "mypc.local".
    allowed_hosts: Annotated[tuple[str, ...], NoDecode] = ()
    max_body_bytes: int = Field(default=8 * MIB, ge=1024, le=1024 * MIB)
    header_timeout: float = Field(default=10.0, gt=0, le=300)
    keep_alive_timeout: int = Field(default=5, ge=1, le=300)
    max_connections: int = Field(default=200, ge=8, le=10_000)
    # The number the emergency screen offers to call; empty: chosen by the browser's region.
    emergency_number: str = Field(default="", max_length=20, pattern=r"^[0-9+ ]*$")
    # Coach mode (on): every page needs a login; off is solo use on this computer.
    accounts: bool = False
    session_days: int = Field(default=14, ge=1, le=90)  # a login lasts this long
    invite_days: int = Field(default=7, ge=1, le=30)  # an invite link works this long

    @field_validator("data_dir")
    @classmethod
    def _expand(cls, value: Path) -> Path:
        return value.expanduser()

    @field_validator("database_url")
    @classmethod
    def _no_placeholder_password(cls, value: str) -> str:
        try:
            password = urlsplit(value).password
        except ValueError:
            return value  # opening the database says what is wrong with the URL
        if password is not None and password.lower() in PLACEHOLDER_SECRETS:
            raise ValueError(
                f"the database password is still the placeholder {password!r}: "
                "set the real one (and keep it out of the repository)"
            )
        return value

    @field_validator("allowed_hosts", mode="before")
    @classmethod
    def _split_hosts(cls, value: object) -> object:
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(",") if part.strip())
        return value

    @field_validator("allowed_hosts")
    @classmethod
    def _check_hosts(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        hosts = tuple(host.lower().rstrip(".").strip("[]") for host in value)
        for host in hosts:
            if not is_host_name(host):
                raise ValueError(
                    f"{excerpt(host, 60)!r} is not a host name or an IP address "
                    "(write names only, without http:// or a port)"
                )
        return hosts

    @property
    def resolved_database_url(self) -> str:
        """The configured URL, or an SQLite file in the data directory."""
        return self.database_url or f"sqlite:///{self.data_dir / 'glutewake.db'}"


def _variable(location: tuple[int | str, ...]) -> str:
    return ENV_PREFIX + "__".join(str(part) for part in location).upper()


def configuration_error(error: ValidationError) -> ConfigurationError:
    """The settings' validation problems, each named by its environment variable."""
    lines = [
        f"  - {_variable(item['loc'])}: {excerpt(item['msg'], 160)}"
        f" (got {excerpt(str(item.get('input', '')), 40)!r})"
        for item in error.errors()
    ]
    return ConfigurationError(
        "Invalid settings:\n" + "\n".join(lines),
        hint="Fix or unset the variables listed above; docs/web.md lists each setting's range.",
    )


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    try:
        return Settings()
    except ValidationError as error:
        raise configuration_error(error) from None
