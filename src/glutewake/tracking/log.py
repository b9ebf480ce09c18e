"""What a person logs after a set. Pure data shared by the CLI, the web app and progression."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from glutewake.screening.profile import Side


class Felt(StrEnum):
    """Where the person felt the set."""

    GLUTES_LEFT = "glutes-left"
    GLUTES_RIGHT = "glutes-right"
    HAMSTRINGS = "hamstrings"
    LOWER_BACK = "lower-back"
    QUADRICEPS = "quadriceps"
    NOWHERE = "nowhere"

    def in_working_glute(self, side: Side | None) -> bool:
        """In the glute of the side that did the set; either glute for a two-sided set."""
        return self in GLUTE_SIDE and (side is None or GLUTE_SIDE[self] is side)

    @property
    def glute_side(self) -> Side | None:
        """Which glute, for the two glute places; None for the other places."""
        return GLUTE_SIDE.get(self)


GLUTE_SIDE = {Felt.GLUTES_LEFT: Side.LEFT, Felt.GLUTES_RIGHT: Side.RIGHT}


class SetLog(BaseModel):
    """One logged set. Exactly one of reps or hold_seconds is given (steps count as reps)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    exercise_id: str = Field(min_length=2, max_length=60)
    day: date
    set_number: int = Field(ge=1, le=20)
    side: Side | None = None
    reps: int | None = Field(default=None, ge=0, le=200)
    hold_seconds: int | None = Field(default=None, ge=0, le=600)
    # None: not answered ("done as planned" answers nothing), never a default answer.
    effort: Annotated[int, Field(ge=1, le=10)] | None = Field(
        default=None, description="Rate of perceived effort, 1-10"
    )
    felt: Annotated[list[Felt], Field(min_length=1)] | None = None
    pain: Annotated[int, Field(ge=0, le=10)] | None = None
    measured_by_camera: bool = Field(
        default=False, description="The reps or hold were counted by the camera coach"
    )
    logged_at: datetime

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if (self.reps is None) == (self.hold_seconds is None):
            raise ValueError("give exactly one of reps or hold_seconds")
        if self.felt and Felt.NOWHERE in self.felt and len(self.felt) > 1:
            raise ValueError("'nowhere' cannot be combined with other places")
        return self

    @property
    def felt_in_glutes(self) -> bool | None:
        """Felt in the working glute: a left-side set counts only when felt in the left glute,
        a right-side set in the right one, a two-sided set in either; None when not answered."""
        if self.felt is None:
            return None
        return any(f.in_working_glute(self.side) for f in self.felt)

    @property
    def answered_nothing(self) -> bool:
        """Logged as done, with no effort, felt or pain answer."""
        return self.effort is None and self.felt is None and self.pain is None
