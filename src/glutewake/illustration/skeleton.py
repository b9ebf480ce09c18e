"""The 2D kinematic stick figure behind every illustration. Pure geometry, no drawing.

A pose is a set of segment orientations in the view plane (see ``catalogue.schema.Pose``).
Forward kinematics turns it into joint positions; ``joint_angles`` turns it into the anatomical
angles (hip flexion, knee flexion, trunk inclination...) that a camera module can compare a
person's measured pose against.

Segment lengths are fractions of body height from Drillis & Contini's anthropometric
proportions as tabulated in Winter, *Biomechanics and Motor Control of Human Movement*
(4th ed., 2009, Fig. 4.1); the hip joint centres follow Weinhandl & O'Connor's
greater-trochanter method (J Biomech 2010); see docs/sources.md.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from glutewake.catalogue.schema import View

Point = tuple[float, float]


@dataclass(frozen=True)
class Segment:
    name: str
    parent_joint: str
    child_joint: str
    length: float  # fraction of body height
    standing_angle: float  # degrees, counter-clockwise from +x


# Order matters: every parent joint is placed before its children.
SEGMENTS: tuple[Segment, ...] = (
    Segment("torso", "pelvis", "neck", 0.288, 90.0),
    Segment("head", "neck", "crown", 0.182, 90.0),
    Segment("upper_arm_l", "shoulder_l", "elbow_l", 0.186, -90.0),
    Segment("forearm_l", "elbow_l", "wrist_l", 0.146, -90.0),
    Segment("upper_arm_r", "shoulder_r", "elbow_r", 0.186, -90.0),
    Segment("forearm_r", "elbow_r", "wrist_r", 0.146, -90.0),
    Segment("thigh_l", "hip_l", "knee_l", 0.245, -90.0),
    Segment("shin_l", "knee_l", "ankle_l", 0.246, -90.0),
    Segment("foot_l", "ankle_l", "toe_l", 0.11, 0.0),
    Segment("thigh_r", "hip_r", "knee_r", 0.245, -90.0),
    Segment("shin_r", "knee_r", "ankle_r", 0.246, -90.0),
    Segment("foot_r", "ankle_r", "toe_r", 0.11, 0.0),
)
SEGMENT_NAMES: frozenset[str] = frozenset(s.name for s in SEGMENTS)
BY_NAME: dict[str, Segment] = {s.name: s for s in SEGMENTS}

# Half widths across the body. Drillis & Contini give shoulder width 0.259 H and hip width
# 0.191 H, the breadth across the greater trochanters. The legs start at the hip joint centres,
# which the greater-trochanter method places a quarter of that breadth in from each trochanter
# (Weinhandl & O'Connor 2010), so the two centres are half the hip width apart.
HIP_WIDTH = 0.191
HALF_HIP_WIDTH = HIP_WIDTH / 4
HALF_SHOULDER_WIDTH = 0.259 / 2


def full_angles(angles: Mapping[str, float]) -> dict[str, float]:
    """The pose's angles with every missing segment at its standing value."""
    unknown = set(angles) - SEGMENT_NAMES
    if unknown:
        raise ValueError(
            f"unknown segment(s) {sorted(unknown)}; valid segments: {sorted(SEGMENT_NAMES)}"
        )
    return {s.name: float(angles.get(s.name, s.standing_angle)) for s in SEGMENTS}


def _unit(degrees: float) -> Point:
    radians = math.radians(degrees)
    return math.cos(radians), math.sin(radians)


def joint_positions(
    angles: Mapping[str, float], view: View, height: float = 1.0
) -> dict[str, Point]:
    """Forward kinematics. y points up; the pelvis starts at the origin (no floor placement)."""
    full = full_angles(angles)
    joints: dict[str, Point] = {"pelvis": (0.0, 0.0)}
    # Across-body offsets are perpendicular to the torso, so they turn when the body lies down.
    across = (0.0, 0.0) if view is View.SIDE else _unit(full["torso"] - 90.0)

    def offset(origin: Point, half_width: float, sign: float) -> Point:
        return (
            origin[0] + sign * half_width * height * across[0],
            origin[1] + sign * half_width * height * across[1],
        )

    for segment in SEGMENTS:
        if segment.parent_joint == "hip_l":
            joints["hip_l"] = offset(joints["pelvis"], HALF_HIP_WIDTH, 1.0)
        elif segment.parent_joint == "hip_r":
            joints["hip_r"] = offset(joints["pelvis"], HALF_HIP_WIDTH, -1.0)
        elif segment.parent_joint == "shoulder_l":
            joints["shoulder_l"] = offset(joints["neck"], HALF_SHOULDER_WIDTH, 1.0)
        elif segment.parent_joint == "shoulder_r":
            joints["shoulder_r"] = offset(joints["neck"], HALF_SHOULDER_WIDTH, -1.0)
        start = joints[segment.parent_joint]
        dx, dy = _unit(full[segment.name])
        joints[segment.child_joint] = (
            start[0] + dx * segment.length * height,
            start[1] + dy * segment.length * height,
        )
    return joints


def segment_lines(joints: Mapping[str, Point]) -> dict[str, tuple[Point, Point]]:
    """Each segment as (start, end), read off the joint positions."""
    return {s.name: (joints[s.parent_joint], joints[s.child_joint]) for s in SEGMENTS}


def _between(a: float, b: float) -> float:
    """Smallest signed difference b - a in degrees, in (-180, 180]."""
    diff = (b - a + 180.0) % 360.0 - 180.0
    return 180.0 if diff == -180.0 else diff


def joint_angles(angles: Mapping[str, float]) -> dict[str, float]:
    """Signed anatomical angles in degrees, the values a camera would measure in the same view.

    In the side view (figure facing +x) positive hip and shoulder values are flexion and negative
    ones extension; positive knee and elbow values are flexion. In the front view the hip value is
    the thigh's swing out to the side. 0 everywhere is the standing pose.
    """
    full = full_angles(angles)
    result: dict[str, float] = {"trunk_lean": _between(90.0, full["torso"])}
    for side in ("l", "r"):
        # Standing, the thigh and upper arm hang opposite the torso (torso + 180).
        result[f"hip_{side}"] = _between(full["torso"] + 180.0, full[f"thigh_{side}"])
        result[f"knee_{side}"] = -_between(full[f"thigh_{side}"], full[f"shin_{side}"])
        result[f"shoulder_{side}"] = _between(full["torso"] + 180.0, full[f"upper_arm_{side}"])
        result[f"elbow_{side}"] = _between(full[f"upper_arm_{side}"], full[f"forearm_{side}"])
    return result
