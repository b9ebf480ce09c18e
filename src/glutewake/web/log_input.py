"""A logged set as sent by the player, the no-JavaScript form or any API client."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from glutewake.errors import FieldProblem, InvalidInputError
from glutewake.screening.profile import Side
from glutewake.tracking.log import Felt

KEY_PATTERN = r"^[A-Za-z0-9._:-]{8,100}$"


class LogIn(BaseModel):
    """One set to log. ``key`` (or the Idempotency-Key header) makes retries store it once."""

    model_config = ConfigDict(extra="forbid")

    key: str | None = Field(default=None, pattern=KEY_PATTERN)
    exercise_id: str = Field(min_length=2, max_length=60)
    day: date
    set_number: int = Field(ge=1, le=20)
    side: Side | None = None
    reps: int | None = Field(default=None, ge=0, le=200, description="Reps, or steps each way")
    hold_seconds: int | None = Field(default=None, ge=0, le=600)
    # Left out (or null): not answered. "Done as planned" sends none of the three.
    effort: Annotated[int, Field(ge=1, le=10)] | None = Field(
        default=None, description="Rate of perceived effort, 1-10; leave out if not answered"
    )
    felt: Annotated[list[Felt], Field(min_length=1, max_length=6)] | None = Field(
        default=None, description="Where the set was felt; leave out if not answered"
    )
    pain: Annotated[int, Field(ge=0, le=10)] | None = Field(
        default=None, description="Pain during the set, 0 (none) to 10; leave out if not answered"
    )
    measured_by_camera: bool = Field(
        default=False, description="The reps or hold were counted by the camera coach"
    )


class LogOut(BaseModel):
    id: int
    key: str


def choose_key(body_key: str | None, header_key: str | None) -> str:
    """The idempotency key from the body or the header; they must agree when both are sent."""
    if header_key is not None and not re.fullmatch(KEY_PATTERN, header_key):
        raise InvalidInputError(
            "log", [FieldProblem("Idempotency-Key", "use 8-100 letters, digits, or . _ : -")]
        )
    if body_key and header_key and body_key != header_key:
        raise InvalidInputError(
            "log", [FieldProblem("key", "differs from the Idempotency-Key header; send one key")]
        )
    key = body_key or header_key
    if not key:
        raise InvalidInputError(
            "log",
            [
                FieldProblem(
                    "key", "send a key field or an Idempotency-Key header so retries store once"
                )
            ],
        )
    return key
