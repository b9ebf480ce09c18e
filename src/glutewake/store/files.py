"""The SQLite file and its folder: checks that say what to fix, private files, the file lock.

glutewake creates its own data folder (0700) and database file (0600); another folder must
exist already, so a mistyped URL never creates folders elsewhere. SQLite gives its WAL and
shared-memory files the main file's mode, so they are private too.
"""

from __future__ import annotations

import os
import stat
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from glutewake.config import get_settings
from glutewake.errors import (
    DatabaseBusyError,
    DatabaseFileError,
    DataDirError,
    ReadOnlyStorageError,
)

SQLITE_HEADER = b"SQLite format 3\x00"
PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700
LOCK_WAIT_SECONDS = 60.0


def not_a_database(path: Path | str) -> DatabaseFileError:
    return DatabaseFileError(
        f"{path} is not an SQLite database, or it is damaged.",
        hint="Restore it from a backup, or move it away: glutewake then starts a new one.",
    )


def read_only(path: Path | str) -> ReadOnlyStorageError:
    return ReadOnlyStorageError(
        f"The database {path} can be read but not written (read-only file, folder or disk).",
        hint="Give your user write access to the file and its folder, or set "
        "GLUTEWAKE_DATA_DIR to a writable folder.",
    )


def _is_data_dir(folder: Path) -> bool:
    return folder.absolute() == get_settings().data_dir.absolute()


def _make_data_dir(folder: Path) -> None:
    try:
        folder.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    except FileExistsError:
        pass  # a file where the folder should be: said below
    except OSError as error:
        raise DataDirError(
            f"The data folder {folder} cannot be created ({error.strerror}).",
            hint="Set GLUTEWAKE_DATA_DIR to a folder you can write, or create this one.",
        ) from None


def _check_folder(folder: Path) -> None:
    if not folder.exists():
        raise DataDirError(
            f"The database's folder {folder} does not exist; glutewake only creates its own "
            "data folder.",
            hint="Create the folder first, or point GLUTEWAKE_DATABASE_URL at an existing one.",
        )
    if not folder.is_dir():
        raise DataDirError(
            f"The data folder {folder} is a file, not a folder.",
            hint="Move the file away, or set GLUTEWAKE_DATA_DIR to another folder.",
        )
    if not os.access(folder, os.W_OK | os.X_OK):
        raise DataDirError(
            f"The data folder {folder} is not writable: the database needs to write its "
            "journal there.",
            hint="Give your user write access to the folder, or set GLUTEWAKE_DATA_DIR to "
            "one you can write.",
        )


def _check_file(path: Path) -> None:
    if not path.exists():
        return
    if not path.is_file():
        raise DatabaseFileError(
            f"{path} is not a file.", hint="Move it away, or point the database URL elsewhere."
        )
    try:
        with path.open("rb") as file:
            header = file.read(len(SQLITE_HEADER))
    except OSError as error:
        raise ReadOnlyStorageError(
            f"The database {path} cannot be read ({error.strerror}).",
            hint="Give your user read and write access to the file.",
        ) from None
    if header and header != SQLITE_HEADER:
        raise not_a_database(path)
    if not os.access(path, os.W_OK):
        raise read_only(path)


def make_private(path: Path) -> None:
    """Create the file for owner's eyes only, and tighten an older one (and its WAL files)."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    except FileExistsError:
        for existing in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            try:
                mode = existing.stat().st_mode
                if mode & (stat.S_IRWXG | stat.S_IRWXO):
                    existing.chmod(PRIVATE_FILE)
            except OSError:
                pass  # not there, or not ours: SQLite still gives its files the main file's mode
        return
    except OSError as error:
        raise DataDirError(
            f"The database {path} cannot be created ({error.strerror}).",
            hint="Set GLUTEWAKE_DATA_DIR to a folder you can write.",
        ) from None
    os.close(descriptor)  # an empty file is an empty SQLite database


def prepare_sqlite_file(path: Path) -> None:
    folder = path.parent
    if _is_data_dir(folder):
        _make_data_dir(folder)
    _check_folder(folder)
    _check_file(path)


# --- migrations ------------------------------------------------------------------------------


@contextmanager
def file_lock(path: Path) -> Iterator[None]:
    if sys.platform == "win32":  # no fcntl: concurrent first starts are not serialised there
        yield
        return
    import fcntl

    descriptor = os.open(f"{path}.lock", os.O_RDWR | os.O_CREAT, PRIVATE_FILE)
    try:
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        while True:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise DatabaseBusyError(
                        f"Another glutewake has been upgrading {path} for over a minute."
                    ) from None
                time.sleep(0.05)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock
