"""Backup and restore of the whole database (every person in it): SQLite's online backup.

A backup can be taken while the web app and the break coach run; a restore checks the file
(whole, glutewake's, a schema this version knows) before it replaces anything, keeps the
database it replaces beside it, and brings an older backup up to the newest schema.
"""

from __future__ import annotations

from pathlib import Path

from glutewake.config import Settings
from glutewake.store import backup as copies
from glutewake.store.backup import BackupFile


def backup(settings: Settings, target: Path) -> BackupFile:
    return copies.backup(settings.resolved_database_url, target)


def check(source: Path) -> BackupFile:
    return copies.check(source)


def restore(settings: Settings, source: Path) -> tuple[BackupFile, Path | None]:
    return copies.restore(settings.resolved_database_url, source)
