"""The one settings object. Built on demand (never at import time) from GLUTEWAKE_* variables."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import platformdirs
from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from glutewake.reminders.settings import BreakSettings

APP_NAME = "glutewake"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


class Settings(BaseSettings):
    """Every setting glutewake reads. Environment variables use the GLUTEWAKE_ prefix."""

    model_config = SettingsConfigDict(
        env_prefix="GLUTEWAKE_", extra="ignore", env_nested_delimiter="__"
    )

    data_dir: Path = Field(default_factory=default_data_dir)
    database_url: str = ""
    breaks: BreakSettings = Field(default_factory=BreakSettings)
    # The web player multiplies every hold and rest countdown by this; tests set it low.
    timer_scale: float = Field(default=1.0, gt=0, le=1)

    @field_validator("data_dir")
    @classmethod
    def _expand(cls, value: Path) -> Path:
        return value.expanduser()

    @property
    def resolved_database_url(self) -> str:
        """The configured URL, or an SQLite file in the data directory."""
        return self.database_url or f"sqlite:///{self.data_dir / 'glutewake.db'}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
