"""Every error glutewake raises on purpose, in one place.

Each carries a ``hint``: the sentence that tells the user how to fix it. Adapters (CLI, web)
show ``str(error)`` and the hint; they never invent messages of their own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class FieldProblem:
    """One thing wrong with one input field."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class GlutewakeError(Exception):
    """Base class: a problem the user can fix, with the hint that says how."""

    hint: str = ""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        if hint:
            self.hint = hint


class CatalogueError(GlutewakeError):
    """An exercise file is malformed or the catalogue is inconsistent."""


class UnknownChoiceError(GlutewakeError):
    """A value (id, filter) is not among the valid choices."""

    def __init__(self, what: str, value: str, choices: Sequence[str]) -> None:
        listed = ", ".join(choices)
        super().__init__(
            f"Unknown {what} {value!r}.",
            hint=f"Valid choices: {listed}.",
        )
        self.what = what
        self.value = value
        self.choices = tuple(choices)


class InvalidInputError(GlutewakeError):
    """Input failed validation; every problem is listed by field. Nothing was saved."""

    def __init__(self, what: str, problems: Sequence[FieldProblem]) -> None:
        lines = "\n".join(f"  - {p}" for p in problems)
        count = "1 problem" if len(problems) == 1 else f"{len(problems)} problems"
        super().__init__(
            f"Invalid {what} ({count}):\n{lines}",
            hint="Fix the fields listed above and try again; nothing was saved.",
        )
        self.what = what
        self.problems = tuple(problems)


class NotFoundError(GlutewakeError):
    """Something the user asked for is not stored yet."""


class SafetyGateError(GlutewakeError):
    """The screening's safety gate does not allow a program."""


class ConflictError(GlutewakeError):
    """The request contradicts what is stored (e.g. a log key reused for a different set)."""


class BadFileError(GlutewakeError):
    """A file to import or restore is not whole, or not one glutewake wrote; nothing changed."""


class AccessDeniedError(GlutewakeError):
    """The one acting may not see or change this person's records."""


class TrainingPausedError(SafetyGateError):
    """The newest screening pauses training: ``gate`` is "stop" or "clearance"."""

    def __init__(self, message: str, hint: str, gate: str) -> None:
        super().__init__(message, hint)
        self.gate = gate


class ConfigurationError(GlutewakeError):
    """A setting (a GLUTEWAKE_* variable, the database URL) cannot be used as it is."""

    hint = "Fix or unset the setting named above (see docs/web.md, Settings)."


class StorageError(GlutewakeError):
    """The database or the data folder cannot be used as it is; nothing was saved."""

    hint = "Check the data folder (GLUTEWAKE_DATA_DIR) and the disk, then try again."


class DataDirError(StorageError):
    """The data folder (or the database's folder) is missing, is a file, or is not writable."""


class DatabaseFileError(StorageError):
    """The database file is not an SQLite database, or it is damaged."""


class ReadOnlyStorageError(StorageError):
    """The database can be read but not written (read-only file, folder or file system)."""


class SchemaTooNewError(StorageError):
    """The database was written by a newer glutewake than this one."""


class UnversionedSchemaError(StorageError):
    """The database holds tables but no record of its migrations (no alembic_version)."""


class DatabaseBusyError(StorageError):
    """Another program held the database's write lock for longer than the busy timeout."""

    retry_after_seconds = 2
    hint = "Another glutewake program is writing right now; try again in a few seconds."
