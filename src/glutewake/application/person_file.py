"""The export file: everything of one person, as one versioned JSON document.

The models here are the format's definition: ``docs/schema/glutewake-person-1.schema.json`` is
generated from them (``schema()``; a test keeps the file in step). Reading a file validates
every record, the screenings' profiles, the programs and the logged sets as glutewake's own
models, and checks that every id a record names is in the same file.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Annotated, Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from glutewake.errors import BadFileError
from glutewake.programming.program import Program
from glutewake.screening.profile import Profile
from glutewake.tracking.log import SetLog

FORMAT = "glutewake-person"
VERSION = 1
SCHEMA_ID = "https://glutewake.local/schema/glutewake-person-1.schema.json"
Id = Annotated[int, Field(ge=1)]
Text = Annotated[str, Field(max_length=20_000)]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PersonInfo(_Record):
    name: str = Field(min_length=1, max_length=120)
    created_at: datetime


class ScreeningRecord(_Record):
    id: Id
    taken_at: datetime
    answers: dict[str, Any] = Field(description="The answers as given, by section")
    profile: dict[str, Any] = Field(description="The scored profile (glutewake's Profile)")

    @field_validator("profile")
    @classmethod
    def _a_profile(cls, value: dict[str, Any]) -> dict[str, Any]:
        Profile.model_validate(value)
        return value


class ClearanceRecord(_Record):
    id: Id
    screening_id: Id
    cleared_by: str = Field(max_length=200)
    note: Text
    cleared_at: datetime
    restrictions: list[str]


class DocumentRecord(_Record):
    data: dict[str, Any]
    updated_at: datetime


class ProgramRecord(_Record):
    id: Id
    created_at: datetime
    data: dict[str, Any] = Field(description="The program with its adaptations (Program)")

    @field_validator("data")
    @classmethod
    def _a_program(cls, value: dict[str, Any]) -> dict[str, Any]:
        Program.model_validate(value)
        return value


class SetLogRecord(_Record):
    id: Id
    key: str = Field(min_length=1, max_length=100)
    exercise_id: str = Field(max_length=60)
    day: date
    logged_at: datetime
    data: dict[str, Any] = Field(description="The set as logged (SetLog)")
    revisions: list[dict[str, Any]] = Field(description="Earlier versions of a corrected set")

    @model_validator(mode="after")
    def _a_set(self) -> Self:
        log = SetLog.model_validate(self.data)
        if (log.exercise_id, log.day) != (self.exercise_id, self.day):
            raise ValueError("the set's exercise_id and day differ from the record's")
        return self


class AdjustmentRecord(_Record):
    id: Id
    program_id: Id | None
    day: date
    exercise_id: str = Field(max_length=60)
    change: str = Field(max_length=200)
    reason: Text
    created_at: datetime


class BreakEventRecord(_Record):
    id: Id
    at: datetime
    kind: str = Field(max_length=40)
    data: dict[str, Any]


class PersonFile(_Record):
    """Everything of one person: screenings, clearances, preferences, programs (with their
    adaptations), logged sets, the changes made to programs, break settings and break events."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, json_schema_extra={"$id": SCHEMA_ID}, title="glutewake person"
    )

    format: Literal["glutewake-person"]
    version: Literal[1]
    person: PersonInfo
    screenings: list[ScreeningRecord]
    clearances: list[ClearanceRecord]
    preferences: DocumentRecord | None
    programs: list[ProgramRecord]
    set_logs: list[SetLogRecord]
    adjustments: list[AdjustmentRecord]
    break_settings: DocumentRecord | None
    break_events: list[BreakEventRecord]

    @model_validator(mode="after")
    def _ids_within_the_file(self) -> Self:
        for name in ("screenings", "clearances", "programs", "set_logs", "adjustments"):
            ids = [record.id for record in getattr(self, name)]
            if len(set(ids)) != len(ids):
                raise ValueError(f"{name}: an id appears twice")
        if len({log.key for log in self.set_logs}) != len(self.set_logs):
            raise ValueError("set_logs: a key appears twice")
        screenings = {s.id for s in self.screenings}
        programs = {p.id for p in self.programs}
        named = [("clearance", c.id, "screening", c.screening_id) for c in self.clearances]
        named += [
            ("program", p.id, "screening", p.data["screening_id"])
            for p in self.programs
            if p.data.get("screening_id") is not None
        ]
        named += [
            ("adjustment", a.id, "program", a.program_id)
            for a in self.adjustments
            if a.program_id is not None
        ]
        for kind, own, other, other_id in named:
            if other_id not in (screenings if other == "screening" else programs):
                raise ValueError(
                    f"{kind} {own} names {other} {other_id}, which is not in this file "
                    "(a record of another person?)"
                )
        return self


def schema() -> dict[str, Any]:
    """The JSON Schema of the format (draft 2020-12)."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **PersonFile.model_json_schema(),
    }


def dump(document: PersonFile) -> bytes:
    """The file's bytes: the same records always give the same bytes."""
    data = document.model_dump(mode="json")
    return (json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()


NOT_OURS = (
    "Choose a file written by `glutewake export` (or the web app's Export button); nothing "
    "was changed."
)


def load(raw: bytes) -> PersonFile:
    """A file's document, checked whole; anything else is refused with what is wrong."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise BadFileError("The file is not text (UTF-8).", hint=NOT_OURS) from None
    except json.JSONDecodeError as error:
        end = raw.rstrip()
        if not end.endswith((b"}", b"]")) or error.pos >= len(end) - 1:
            problem = "The file ends before its JSON is complete: it was cut short."
        else:
            problem = f"The file is not valid JSON (line {error.lineno}, column {error.colno})."
        raise BadFileError(problem, hint=NOT_OURS) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BadFileError(
            f'This JSON is not a glutewake export: it has no "format": "{FORMAT}".', hint=NOT_OURS
        )
    if data.get("version") != VERSION:
        raise BadFileError(
            f"This export is format version {str(data.get('version'))[:20]}; this glutewake "
            f"reads version {VERSION}.",
            hint="Import it with the glutewake version that wrote it, or a newer one; nothing "
            "was changed.",
        )
    try:
        return PersonFile.model_validate(data)
    except ValidationError as error:
        problems = [
            f"{'.'.join(str(part) for part in item['loc'])}: {item['msg']}"
            for item in error.errors()[:10]
        ]
        raise BadFileError(
            "The export does not hold valid glutewake records:\n  - " + "\n  - ".join(problems),
            hint=NOT_OURS,
        ) from None
