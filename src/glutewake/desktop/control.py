"""The two small JSON files in ``<data dir>/breaks/`` that connect the coach to other commands.

``status.json`` is written by the running coach (a heartbeat at least every minute);
``control.json`` holds a pause, written by ``glutewake breaks --pause`` or the web app's desk
page, and read by the coach.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HEARTBEAT_SECONDS = 60.0


@dataclass(frozen=True)
class ControlFiles:
    folder: Path

    @classmethod
    def in_data_dir(cls, data_dir: Path) -> ControlFiles:
        return cls(data_dir / "breaks")

    @property
    def status(self) -> Path:
        return self.folder / "status.json"

    @property
    def control(self) -> Path:
        return self.folder / "control.json"

    def write_status(self, data: dict[str, Any]) -> None:
        _write_json(self.status, data)

    def read_status(self) -> dict[str, Any] | None:
        return _read_json(self.status)

    def write_pause(self, until: datetime | None) -> None:
        _write_json(self.control, {"paused_until": until.isoformat() if until else None})

    def read_pause(self) -> tuple[float, datetime | None] | None:
        """(modification time, paused until) of the control file, or None if there is none."""
        try:
            modified = self.control.stat().st_mtime
        except FileNotFoundError:
            return None
        data = _read_json(self.control) or {}
        until = data.get("paused_until")
        return modified, datetime.fromisoformat(until) if until else None

    def paused_until(self, now: datetime) -> datetime | None:
        """The pause still in force at ``now``, if any."""
        found = self.read_pause()
        until = found[1] if found else None
        return until if until is not None and until > now else None


def _write_json(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".tmp")
    partial.write_text(json.dumps(data, indent=2, default=str), encoding="utf-8")
    partial.replace(path)


def _read_json(path: Path) -> dict[str, Any] | None:
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return None
    return data


def is_running(status: dict[str, Any] | None, now: datetime | None = None) -> bool:
    """Whether the status file was written by a coach that is still running."""
    if not status or not status.get("running"):
        return False
    updated = datetime.fromisoformat(status["updated_at"])
    age = ((now or datetime.now(UTC)) - updated).total_seconds()
    return age < 2.5 * float(status.get("heartbeat_seconds", HEARTBEAT_SECONDS))
