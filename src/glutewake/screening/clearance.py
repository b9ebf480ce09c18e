"""The one safety rule for training, and a professional's clearance as a plain value.

No program is built or re-planned, and no session is served, started or logged, while the
person's newest screening is ``stop``, or is ``clearance`` without a recorded clearance. Every
front end shows the same words: the ones :func:`require_training_allowed` raises.

A clearance keeps why it was needed and what the professional said, so the program can show
them; the limits the professional sets (``Restriction``) are respected by the program builder.
The evidence glutewake cites gives no condition-specific limits (docs/screening.md), so the
limits come from the person who clears: "your surgeon or physiotherapist should clear you and
set your limits first" (questions.yaml, after seed 003).
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from glutewake.errors import TrainingPausedError
from glutewake.screening.profile import Gate, Profile


class Restriction(StrEnum):
    """A limit a professional can set when clearing someone."""

    NO_HIGH_IMPACT = "no-high-impact"
    NO_HEAVY_LOADING = "no-heavy-loading"

    @property
    def label(self) -> str:
        return RESTRICTION_LABELS[self]


RESTRICTION_LABELS = {
    Restriction.NO_HIGH_IMPACT: "No high-impact work (hops, jumps, landings)",
    Restriction.NO_HEAVY_LOADING: "No heavy loading (barbells, loaded belts, heavy weights)",
}


class ClearanceTerms(BaseModel):
    """Who cleared the person, why a clearance was needed, their note and their limits."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    cleared_by: str
    cleared_on: date
    reasons: tuple[str, ...] = ()  # the screening's reasons that asked for the clearance
    note: str = ""
    restrictions: tuple[Restriction, ...] = ()

    def summary(self) -> str:
        """One sentence for the program, Today and the player."""
        text = f"Cleared by {self.cleared_by} on {self.cleared_on.isoformat()}"
        if self.reasons:
            text += " for: " + "; ".join(reason.rstrip(".") for reason in self.reasons)
        text += "."
        if self.note:
            text += f" Their note: “{self.note}”"
        return text


def require_training_allowed(profile: Profile, clearance: ClearanceTerms | None) -> None:
    """Raise :class:`TrainingPausedError` when the newest screening does not allow training."""
    reasons = "; ".join(reason.text.rstrip(".") for reason in profile.gate_reasons)
    found = f": {reasons}." if reasons else "."
    if profile.gate is Gate.STOP:
        raise TrainingPausedError(
            "Your newest screening found a warning sign, so glutewake has paused your program"
            + found,
            hint=profile.gate_message
            + " When a professional has seen you and the sign has gone, take the screening again.",
            gate=Gate.STOP.value,
        )
    if profile.gate is Gate.CLEARANCE and clearance is None:
        raise TrainingPausedError(
            "Your newest screening asks for a doctor's or physiotherapist's clearance before you "
            "train" + found,
            hint="Once a professional has cleared you, record it on your profile page (or with "
            '`glutewake clearance --by "name, role"`); your program is then ready again.',
            gate=Gate.CLEARANCE.value,
        )
