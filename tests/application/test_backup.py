"""Backup while glutewake writes (real processes), and a restore that checks before replacing."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from flows import GO, cli, take

from glutewake.application import App, export
from glutewake.config import Settings

GLUTEWAKE = str(Path(sys.executable).with_name("glutewake"))
# Logs sets through the application layer for a few seconds, as a busy web app would.
WRITER = """
import sys, time
from datetime import date, datetime
from glutewake.application import App
from glutewake.config import get_settings
from glutewake.store import set_logs
from glutewake.tracking.log import SetLog
application = App.open(get_settings())
end = time.monotonic() + float(sys.argv[1])
n = 0
while time.monotonic() < end:
    with application.work() as work:
        for _ in range(20):
            n += 1
            log = SetLog(exercise_id="glute-bridge", day=date(2025, 3, 3), set_number=1, reps=n % 50,
                         effort=5, felt=["glutes-left"], pain=0, logged_at=datetime(2025, 3, 3, 8))
            set_logs.log_set(work.db, work.person_id, log, f"w-{n}")
print(n)
"""


def exported(settings: Settings) -> bytes:
    application = App.open(settings)
    try:
        with application.work() as work:
            return export.export_person(work)
    finally:
        application.close()


def env_for(folder: Path) -> dict[str, str]:
    return {**os.environ, "GLUTEWAKE_DATA_DIR": str(folder)}


def test_a_backup_taken_while_sets_are_written_is_whole(settings: Settings, tmp_path: Path) -> None:
    take(settings, GO)
    env = env_for(settings.data_dir)
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, "4"], env=env, stdout=subprocess.PIPE, text=True
    )
    try:
        time.sleep(1.5)
        copy = tmp_path / "copy.sqlite3"
        done = subprocess.run(
            [GLUTEWAKE, "backup", str(copy)], env=env, capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 0, done.stderr
        written = int(writer.communicate(timeout=60)[0])
    finally:
        writer.kill()
    assert "Backed up the database" in done.stdout
    assert copy.stat().st_mode & 0o777 == 0o600
    with sqlite3.connect(copy) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        in_copy = connection.execute("SELECT COUNT(*) FROM set_log").fetchone()[0]
    assert 0 < in_copy < written  # a moment in the middle of the writing, whole
    # Restored into another folder, glutewake reads it as it was.
    other = tmp_path / "other"
    other.mkdir()
    done = subprocess.run(
        [GLUTEWAKE, "restore", str(copy), "--yes"],
        env=env_for(other),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert f"{in_copy} logged sets" in done.stdout
    restored = Settings(data_dir=other)
    assert exported(restored).count(b'"key": "w-') == in_copy


def not_glutewakes(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE notes (text TEXT)")


def newer_schema(path: Path, backup: Path) -> None:
    shutil.copy(backup, path)
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'from-the-future'")


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("text", "is not an SQLite database"),
        ("cut", "cannot be read as a database"),
        ("other", "not glutewake's"),
        ("newer", "written by a newer glutewake"),
    ],
)
def test_restore_refuses_a_bad_file_and_replaces_nothing(
    settings: Settings, tmp_path: Path, name: str, message: str
) -> None:
    take(settings, GO)
    good = tmp_path / "good.sqlite3"
    assert cli("backup", str(good))[0] == 0
    before = exported(settings)
    bad = tmp_path / f"{name}.sqlite3"
    if name == "text":
        bad.write_text("hello")
    elif name == "cut":
        bad.write_bytes(good.read_bytes()[:6000])
    elif name == "other":
        not_glutewakes(bad)
    else:
        newer_schema(bad, good)
    code, output = cli("restore", str(bad), "--yes")
    assert code == 2, output
    assert message in output
    assert "nothing was replaced" in output
    assert exported(settings) == before


def test_restore_asks_keeps_what_it_replaces_and_upgrades(
    settings: Settings, tmp_path: Path
) -> None:
    take(settings, GO)
    copy = tmp_path / "copy.sqlite3"
    assert cli("backup", str(copy))[0] == 0
    with_one = exported(settings)
    take(settings, GO)
    with_two = exported(settings)
    code, output = cli("restore", str(copy))  # no answer: nothing replaced
    assert code == 1
    assert exported(settings) == with_two
    code, output = cli("restore", str(copy), "--yes")
    assert code == 0, output
    assert exported(settings) == with_one
    kept = Path(str(settings.resolved_database_url).removeprefix("sqlite:///") + ".before-restore")
    assert kept.exists(), output
    assert str(kept) in output.replace("\n", "")


def test_a_backup_onto_the_database_itself_is_refused(settings: Settings) -> None:
    take(settings, GO)
    database = str(settings.resolved_database_url).removeprefix("sqlite:///")
    code, output = cli("backup", database)
    assert code == 4
    assert "is the database itself" in output
