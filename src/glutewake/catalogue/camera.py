"""What the camera coach follows in one exercise: its optional `camera:` block. Pure data.

The browser's pose model measures the angles named here (web/static/camera/angles.js): a rep
goes from the ``start`` threshold past the ``end`` one and back; the illustration's key poses
(``start_pose``, ``end_pose`` and their `joints:` targets) are the positions to reach, so each
threshold lies between the two targets, and the drawn poses show none of the block's faults
that their joints can measure (hip and knee flexion, the knee-to-hip ratio). Every threshold says where its value comes from: a
source id (sources.yaml or the evidence table) or ``glutewake-default`` for a product setting,
whose ``note`` then says why the value was chosen and what the evidence does (not) give.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

PRODUCT_SETTING = "glutewake-default"
# Under this hip flexion the knee-to-hip ratio is not measured (angles.js RATIO_MIN_HIP).
RATIO_MIN_HIP = 30.0


class Measure(StrEnum):
    """The measures angles.js computes from one frame of landmarks."""

    HIP_FLEXION = "hip_flexion"  # degrees, sagittal; negative: the thigh behind the trunk line
    KNEE_FLEXION = "knee_flexion"  # degrees
    KNEE_VALGUS = "knee_valgus"  # degrees, frontal: the shin tilted in (knee inside the ankle)
    PELVIC_DROP = "pelvic_drop"  # degrees, frontal: the free side's hip below the stance side's
    FEMORAL_ANGLE = "femoral_angle"  # degrees, frontal: at the stance hip, pelvis line to thigh
    TRUNK_LEAN_LATERAL = "trunk_lean_lateral"  # degrees, frontal: over the stance leg
    FOOT_LIFT = "foot_lift"  # the free ankle's height over the stance one, in leg lengths
    KNEE_HIP_RATIO = "knee_hip_ratio"  # knee flexion over hip flexion: ~1 a squat, low a hinge

    @property
    def joint(self) -> str | None:
        """The illustration joint (without its side) whose targets this measure reads."""
        return {"hip_flexion": "hip", "knee_flexion": "knee"}.get(self.value)

    @property
    def has_sides(self) -> bool:
        return self in (
            Measure.HIP_FLEXION,
            Measure.KNEE_FLEXION,
            Measure.KNEE_VALGUS,
            Measure.KNEE_HIP_RATIO,
        )

    def drawn(self, joints: dict[str, float], side: str) -> float | None:
        """This measure in an illustration pose's joint targets, on ``side`` (l or r), if it can."""
        hip, knee = joints.get(f"hip_{side}"), joints.get(f"knee_{side}")
        if self is Measure.HIP_FLEXION:
            return hip
        if self is Measure.KNEE_FLEXION:
            return knee
        if self is Measure.KNEE_HIP_RATIO and hip is not None and knee is not None:
            return knee / hip if hip >= RATIO_MIN_HIP else None
        return None


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Threshold(_Model):
    value: float
    source: str = Field(description="A source id, or glutewake-default for a product setting")
    note: str = Field(default="", description="Where in the source; why, for a product setting")

    @property
    def product_setting(self) -> bool:
        return self.source == PRODUCT_SETTING

    @model_validator(mode="after")
    def _explained(self) -> Self:
        if self.product_setting and len(self.note) < 20:
            raise ValueError("a product setting needs a note that says why this value")
        return self


class CameraFault(_Model):
    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    measure: Measure
    when: Literal["above", "below"]
    limit: Threshold
    during: Literal["end", "start", "always"] = Field(
        default="end",
        description="end: at the end position or while holding it; start: past the start threshold",
    )
    per_side: bool = False
    cue: str = Field(min_length=5, max_length=120, description="The spoken correction")

    def shown_by(self, joints: dict[str, float], side: str) -> float | None:
        """The measure in drawn ``joints`` when past the limit there (on ``side``), else None."""
        sides = [side] if self.per_side else ["l", "r"]
        values = [value for s in sides if (value := self.measure.drawn(joints, s)) is not None]
        if not values:
            return None
        value = max(values)  # form.js: a fault without sides reads the deeper (larger) value
        past = value > self.limit.value if self.when == "above" else value < self.limit.value
        return value if past else None

    @model_validator(mode="after")
    def _sided(self) -> Self:
        if self.per_side and not self.measure.has_sides:
            raise ValueError(f"{self.measure} has no left and right; per_side does not apply")
        return self


class Camera(_Model):
    view: Literal["front", "side"] = Field(description="Where the camera must see the person from")
    placement: str = Field(min_length=20, max_length=200, description="Where to put the phone")
    track: Measure
    legs: Literal["both", "working", "deepest"] = Field(
        default="both",
        description="Which leg's value counts: their mean, the set's side, the larger",
    )
    start_pose: str
    end_pose: str
    start: Threshold
    end: Threshold
    faults: list[CameraFault] = Field(default_factory=list)

    def as_json(self, kind: str) -> dict[str, Any]:
        """The block for the browser's coach (session.js); ``kind`` is the dose's measure."""
        return {**self.model_dump(mode="json"), "kind": kind}

    @property
    def thresholds(self) -> list[Threshold]:
        return [self.start, self.end, *(fault.limit for fault in self.faults)]

    def check_targets(self, targets: dict[str, dict[str, float]]) -> None:
        """``targets``: pose name -> its joints. Raises ValueError when they do not fit."""
        for name in (self.start_pose, self.end_pose):
            if name not in targets:
                raise ValueError(f"camera: pose {name!r} is not in the illustration")
        self._check_thresholds(targets)
        self._check_faults(targets)

    def _check_thresholds(self, targets: dict[str, dict[str, float]]) -> None:
        joint = self.track.joint
        if joint is None:
            return
        moved = _moved_targets(targets[self.start_pose], targets[self.end_pose], joint)
        if moved is None:
            raise ValueError(
                f"camera: poses {self.start_pose!r} and {self.end_pose!r} need {joint} targets"
            )
        begin, finish, _ = moved
        low, high = sorted((begin, finish))
        for threshold in (self.start, self.end):
            if not low < threshold.value < high:
                raise ValueError(
                    f"camera: threshold {threshold.value} lies outside the targets {begin:g} "
                    f"({self.start_pose}) and {finish:g} ({self.end_pose})"
                )
        if (self.start.value - begin) * (self.end.value - begin) <= 0 or abs(
            self.start.value - begin
        ) >= abs(self.end.value - begin):
            raise ValueError(
                "camera: the start threshold must lie nearer the start pose than the end"
            )

    def _check_faults(self, targets: dict[str, dict[str, float]]) -> None:
        """The drawn poses are good form: none shows a fault where the fault is checked."""
        start, end = targets[self.start_pose], targets[self.end_pose]
        moved = _moved_targets(start, end, self.track.joint) if self.track.joint else None
        side = moved[2] if moved else "l"  # the drawings show the working leg as the left
        for fault in self.faults:
            poses = {"end": [self.end_pose], "start": [self.start_pose]}.get(
                fault.during, [self.start_pose, self.end_pose]
            )
            for pose in poses:
                value = fault.shown_by(targets[pose], side)
                if value is not None:
                    raise ValueError(
                        f"camera: the illustration's pose {pose!r} shows the fault {fault.id!r} "
                        f"({value:g} is {fault.when} its limit {fault.limit.value:g})"
                    )


def _moved_targets(
    start: dict[str, float], end: dict[str, float], joint: str
) -> tuple[float, float, str] | None:
    """The joint's (start, end) targets and side (l or r) on the side that moves most (a donkey
    kick's leg; the left on a tie, the working leg in the drawings)."""
    pairs = [
        (start[f"{joint}_{side}"], end[f"{joint}_{side}"], side)
        for side in ("l", "r")
        if f"{joint}_{side}" in start and f"{joint}_{side}" in end
    ]
    return max(pairs, key=lambda pair: abs(pair[1] - pair[0])) if pairs else None
