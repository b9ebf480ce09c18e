"""A break while training is paused: stand up and move gently, with no glute exercise.

While the safety rule pauses training (the newest screening is ``stop``, or ``clearance``
without a recorded clearance), breaks still come, because breaking up sitting is not
exercise, but they offer no exercise: no figure, no steps, no guided timer. Each one shows the
rule's own words (``TrainingPause``, from the ``TrainingPausedError`` the application layer
raises) so the person knows why. The desktop coach and the browser tab use the words here.
Pure.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

STAND_UP_TITLE = "Time to stand up"
STAND_UP_CUE = (
    "Stand up and move gently, as is comfortable for you: a few easy steps, or stand tall for "
    "a moment."
)
NO_EXERCISE = (
    "Breaking up sitting is not exercise; no glute exercise is offered while your training is "
    "paused."
)


class TrainingPause(BaseModel):
    """Why glute exercises are paused, in the safety rule's words (message and hint)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    gate: str  # "stop" or "clearance", as the screening's gate says
    message: str
    hint: str

    def words(self) -> str:
        """The message and its hint, as one paragraph."""
        return f"{self.message} {self.hint}".strip()
