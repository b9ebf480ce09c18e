"""Every error a person can cause or meet ends the command with its message, fix and exit code.

Each case runs the real command in a new process against a real file: a database that is not
SQLite or is damaged, one that cannot be written, one from a newer or an unknown schema, a data
folder that is a file or not writable, database URLs that cannot work (for `serve` too), a busy
database, and answers files built to exhaust the parser. None may print a traceback.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CLI = [sys.executable, "-c", "from glutewake.cli.app import main; main()"]
EXIT_INPUT, EXIT_CONFIGURATION, EXIT_STORAGE, EXIT_BUSY = 2, 3, 4, 5


def run(*args: str, timeout: float = 60, **env: str) -> subprocess.CompletedProcess[str]:
    variables = {k: v for k, v in os.environ.items() if not k.startswith("GLUTEWAKE_")}
    return subprocess.run(
        [*CLI, *args],
        env={**variables, **env},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def assert_explained(result: subprocess.CompletedProcess[str], code: int, *phrases: str) -> None:
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    assert result.returncode == code, output
    assert "Error:" in result.stderr, output
    for phrase in phrases:
        assert phrase in " ".join(output.split()), output


def make_store(folder: Path) -> Path:
    """A glutewake database with a stored screening in it, made by the command itself."""
    answers = Path(__file__).resolve().parents[2] / "docs" / "examples" / "answers.yaml"
    result = run("screen", "--answers", str(answers), GLUTEWAKE_DATA_DIR=str(folder))
    assert result.returncode == 0, result.stderr
    return folder / "glutewake.db"


@contextmanager
def unwritable(path: Path) -> Iterator[None]:
    """``path`` cannot be written, even by root (who ignores permission bits): chattr +i."""
    if os.geteuid() == 0:
        if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode != 0:
            pytest.skip("running as root where chattr +i is not available")
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(path)], check=True)
    else:
        mode = path.stat().st_mode
        path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield
        finally:
            path.chmod(mode)


# --- the database file -----------------------------------------------------------------------


def test_a_file_that_is_not_sqlite(tmp_path: Path) -> None:
    (tmp_path / "glutewake.db").write_text("my shopping list\n", encoding="utf-8")
    result = run("today", GLUTEWAKE_DATA_DIR=str(tmp_path))
    assert_explained(result, EXIT_STORAGE, "is not an SQLite database", "backup")


def test_a_partly_corrupt_database(tmp_path: Path) -> None:
    database = make_store(tmp_path)
    with database.open("r+b") as file:  # keep the header, wreck the pages after the first
        file.seek(4096)
        file.write(b"\xa5" * 4096 * 8)
    result = run("today", GLUTEWAKE_DATA_DIR=str(tmp_path))
    assert_explained(result, EXIT_STORAGE, "damaged", "backup")


def test_read_only_storage(tmp_path: Path) -> None:
    database = make_store(tmp_path)
    with unwritable(database):
        result = run("today", GLUTEWAKE_DATA_DIR=str(tmp_path))
    assert_explained(result, EXIT_STORAGE, "can be read but not written", "write access")


def test_a_database_from_a_newer_schema(tmp_path: Path) -> None:
    database = make_store(tmp_path)
    with sqlite3.connect(database) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0999_from_the_future'")
    result = run("today", GLUTEWAKE_DATA_DIR=str(tmp_path))
    assert_explained(result, EXIT_STORAGE, "newer glutewake", "0999_from_the_future", "Upgrade")


def test_tables_without_alembic_version(tmp_path: Path) -> None:
    with sqlite3.connect(tmp_path / "glutewake.db") as connection:
        connection.execute("CREATE TABLE person (id INTEGER PRIMARY KEY, name TEXT)")
    result = run("today", GLUTEWAKE_DATA_DIR=str(tmp_path))
    assert_explained(result, EXIT_STORAGE, "holds tables (person)", "no alembic_version")


def test_a_busy_database_says_to_try_again(tmp_path: Path) -> None:
    run("db", "upgrade", GLUTEWAKE_DATA_DIR=str(tmp_path))
    holder = sqlite3.connect(tmp_path / "glutewake.db", isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")  # another program holds the write lock
        started = time.monotonic()
        result = run(
            "today", GLUTEWAKE_DATA_DIR=str(tmp_path), GLUTEWAKE_DATABASE_BUSY_TIMEOUT="0.3"
        )
        took = time.monotonic() - started
    finally:
        holder.close()
    assert_explained(result, EXIT_BUSY, "is busy", "try again")
    assert took < 20


# --- the data folder -------------------------------------------------------------------------


def test_a_data_folder_that_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "data").write_text("", encoding="utf-8")
    result = run("today", GLUTEWAKE_DATA_DIR=str(tmp_path / "data"))
    assert_explained(result, EXIT_STORAGE, "is a file, not a folder")


def test_a_data_folder_that_is_not_writable(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    with unwritable(folder):
        result = run("today", GLUTEWAKE_DATA_DIR=str(folder))
    assert_explained(result, EXIT_STORAGE, "is not writable")
    assert not (folder / "glutewake.db").exists()


def test_a_url_in_a_missing_folder_creates_no_folders(tmp_path: Path) -> None:
    missing = tmp_path / "nonexistent-dir"
    result = run("today", GLUTEWAKE_DATABASE_URL=f"sqlite:///{missing}/x/y.db")
    assert_explained(result, EXIT_STORAGE, "does not exist", "only creates its own data folder")
    assert not missing.exists()


# --- settings --------------------------------------------------------------------------------

BAD_URLS = {
    "not a url": ("notaurl", "is not a URL"),
    "no such kind": ("foo://", "does not know the database kind 'foo'"),
    "driver missing": ("postgresql+pg8000://me@localhost/glutewake", "which is not installed"),
}


@pytest.mark.parametrize("case", sorted(BAD_URLS))
@pytest.mark.parametrize("command", [["today"], ["serve", "--port", "1"]])
def test_bad_database_urls(case: str, command: list[str], tmp_path: Path) -> None:
    url, phrase = BAD_URLS[case]
    result = run(*command, GLUTEWAKE_DATABASE_URL=url, GLUTEWAKE_DATA_DIR=str(tmp_path))
    assert_explained(result, EXIT_CONFIGURATION, phrase, "GLUTEWAKE_DATABASE_URL")


def test_a_database_server_that_cannot_be_reached(tmp_path: Path) -> None:
    pytest.importorskip("psycopg")
    url = "postgresql+psycopg://me@127.0.0.1:1/glutewake"  # nothing listens on port 1
    result = run("today", GLUTEWAKE_DATABASE_URL=url, GLUTEWAKE_DATA_DIR=str(tmp_path))
    assert_explained(result, EXIT_STORAGE, "cannot be reached", "Start the database server")


def test_an_invalid_setting_is_named_by_its_variable(tmp_path: Path) -> None:
    result = run("today", GLUTEWAKE_DATA_DIR=str(tmp_path), GLUTEWAKE_MAX_BODY_BYTES="9" * 5000)
    assert_explained(result, EXIT_CONFIGURATION, "GLUTEWAKE_MAX_BODY_BYTES")
    assert len(result.stderr) < 1000


# --- answers files ---------------------------------------------------------------------------


def test_a_5000_digit_number_in_an_answers_file(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(f"red_flags: []\nquestionnaire:\n  sitting_hours: {'9' * 5000}\n")
    result = run("screen", "--answers", str(answers), GLUTEWAKE_DATA_DIR=str(tmp_path))
    assert_explained(result, EXIT_INPUT, "a number of 5000 characters")
    assert len(result.stderr) < 2000


def test_a_5000_digit_number_in_a_json_answers_file(tmp_path: Path) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"red_flags": []})[:-1] + ', "n": ' + "9" * 5000 + "}")
    result = run("screen", "--answers", str(answers), GLUTEWAKE_DATA_DIR=str(tmp_path))
    assert_explained(result, EXIT_INPUT, "a number of 5000 characters")


def test_an_alias_bomb_is_refused_at_once_and_briefly(tmp_path: Path) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level, name in enumerate("bcdef"):
        previous = "abcdef"[level]
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    lines.append("red_flags: *f")
    bomb = tmp_path / "answers.yaml"
    bomb.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert bomb.stat().st_size < 300
    started = time.monotonic()
    result = run("screen", "--answers", str(bomb), GLUTEWAKE_DATA_DIR=str(tmp_path))
    assert time.monotonic() - started < 10
    assert_explained(result, EXIT_INPUT, "aliases are not accepted")
    assert len(result.stdout + result.stderr) < 2000


# --- migrations ------------------------------------------------------------------------------

BARRIER_RUN = """
import sys, time
from pathlib import Path
import glutewake.cli.screen, glutewake.store.database, alembic.command  # loaded before the start
from glutewake.cli.app import main
ready, go = Path(sys.argv[1]), Path(sys.argv[2])
ready.touch()
deadline = time.monotonic() + 120
while not go.exists() and time.monotonic() < deadline:
    time.sleep(0.002)
sys.argv = ["glutewake", "screen", "--history", "--json"]
main()
"""


@pytest.mark.parametrize("round_", [1, 2])
def test_eight_processes_opening_a_new_store_at_once_all_succeed(
    round_: int, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    variables = {k: v for k, v in os.environ.items() if not k.startswith("GLUTEWAKE_")}
    env = {**variables, "GLUTEWAKE_DATA_DIR": str(data)}
    go = tmp_path / "go"
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", BARRIER_RUN, str(tmp_path / f"ready-{n}"), str(go)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(8)
    ]
    deadline = time.monotonic() + 120
    while len(list(tmp_path.glob("ready-*"))) < 8 and time.monotonic() < deadline:
        time.sleep(0.02)
    go.touch()
    outcomes = [process.communicate(timeout=120) for process in processes]
    failures = [
        (process.returncode, err[-400:])
        for process, (_out, err) in zip(processes, outcomes, strict=True)
        if process.returncode != 0
    ]
    assert failures == [], f"round {round_}: {len(failures)} of 8 failed"
    assert all(json.loads(out)["screenings"] == [] for out, _err in outcomes)


def test_db_upgrade_reports_the_revisions(tmp_path: Path) -> None:
    first = run("db", "upgrade", "--json", GLUTEWAKE_DATA_DIR=str(tmp_path))
    assert first.returncode == 0, first.stderr
    upgraded = json.loads(first.stdout)
    assert upgraded["database"] == str(tmp_path / "glutewake.db")
    assert upgraded["from"] is None and upgraded["to"]
    again = run("db", "upgrade", GLUTEWAKE_DATA_DIR=str(tmp_path))
    assert again.returncode == 0
    assert f"is at the newest schema ({upgraded['to']})" in " ".join(again.stdout.split())
