"""The screening result: an explainable profile and a safety gate. Pure data.

Scores run from 0 (no sign of a problem) to 100 (strong signs). Every score is backed by
``Reason`` entries that point back to the answers that drove it.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

DISCLAIMER = (
    "This screening is not a diagnosis. It sums up what you told glutewake and what your "
    "self-tests showed, to choose safe exercises. See a doctor or physiotherapist for a diagnosis."
)


class Side(StrEnum):
    LEFT = "left"
    RIGHT = "right"


class Gate(StrEnum):
    GO = "go"
    CLEARANCE = "clearance"  # a program only after a professional has cleared the person
    STOP = "stop"  # a red flag: no program, seek medical care

    @property
    def severity(self) -> int:
        return {Gate.GO: 0, Gate.CLEARANCE: 1, Gate.STOP: 2}[self]


class Band(StrEnum):
    UNLIKELY = "unlikely"
    POSSIBLE = "possible"
    LIKELY = "likely"


class Component(StrEnum):
    GLUTE_MAX = "glute-max"  # gluteus maximus activation
    GLUTE_MED = "glute-med"  # gluteus medius / pelvic stability
    HIP_FLEXORS = "hip-flexors"  # hip-flexor tightness
    PELVIC_TILT = "pelvic-tilt"  # anterior pelvic tilt
    COMPENSATION = "compensation"
    SEDENTARY = "sedentary"  # sitting load
    PAIN = "pain"


class Compensation(StrEnum):
    NONE = "none"
    HAMSTRING = "hamstring"
    BACK = "back"
    QUAD = "quad"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SidedScore(_Model):
    left: float = Field(ge=0, le=100)
    right: float = Field(ge=0, le=100)

    @property
    def worst(self) -> float:
        return max(self.left, self.right)

    def of(self, side: Side) -> float:
        return self.left if side is Side.LEFT else self.right


class Reason(_Model):
    """Why a score or the gate came out as it did, pointing back to the answers."""

    component: Component | None  # None for reasons behind the gate
    text: str
    answers: tuple[str, ...] = ()  # question or self-test ids
    weight: float = 0.0  # points this reason added to its component


class Profile(_Model):
    glute_max: SidedScore
    glute_med: SidedScore
    hip_flexors: SidedScore
    pelvic_tilt: float = Field(ge=0, le=100)
    compensation: Compensation
    compensation_score: float = Field(ge=0, le=100)
    sedentary: float = Field(ge=0, le=100)
    pain: float = Field(ge=0, le=100)
    asymmetry: float = Field(ge=0, le=100, description="Left/right difference of the glute scores")
    weaker_side: Side | None
    likelihood: float = Field(ge=0, le=100)
    band: Band
    gate: Gate
    gate_reasons: tuple[Reason, ...] = ()
    reasons: tuple[Reason, ...] = ()
    disclaimer: str = DISCLAIMER
    # Added by the screening: the gate's plain message (what to do now), and the reasons
    # behind the band (each component's share of the likelihood; ``weight`` is that share).
    gate_message: str = ""
    band_reasons: tuple[Reason, ...] = ()
