"""The kinematic figure behind every illustration. Pure geometry, no drawing.

A pose is a set of segment orientations written in one view's picture plane (see
``catalogue.schema.Pose``), optionally tilted out of it towards the viewer (``depth``). Forward
kinematics turns it into 3D joint positions, so the same pose can be drawn from another camera;
``joint_angles`` turns it into the anatomical angles (hip flexion, knee flexion, trunk lean,
pelvic tilt or drop...) that a camera module can compare a person's measured pose against.

World space: x is the figure's front in side view, y is up, z points to the figure's ``_l``
side (towards the side-view camera). Body height is 1.

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
from glutewake.illustration.vectors import Vec, add, cross, dot, normalised, scale, sub

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
# The pelvis has no child joint: its angle (default: the torso's) tilts it in side view and
# drops one hip in front view, and the hips sit across it.
PELVIS = "pelvis"
ANGLE_NAMES: frozenset[str] = SEGMENT_NAMES | {PELVIS}

# Half widths across the body. Drillis & Contini give shoulder width 0.259 H and hip width
# 0.191 H, the breadth across the greater trochanters. The legs start at the hip joint centres,
# which the greater-trochanter method places a quarter of that breadth in from each trochanter
# (Weinhandl & O'Connor 2010), so the two centres are half the hip width apart.
HIP_WIDTH = 0.191
HALF_HIP_WIDTH = HIP_WIDTH / 4
HALF_SHOULDER_WIDTH = 0.259 / 2


@dataclass(frozen=True)
class Camera:
    """A view's picture plane in world space: its x and y axes and the way to the viewer."""

    right: Vec
    up: Vec
    toward: Vec

    def picture(self, point: Vec) -> Point:
        return dot(point, self.right), dot(point, self.up)

    def depth(self, point: Vec) -> float:
        return dot(point, self.toward)


CAMERAS: dict[View, Camera] = {
    View.SIDE: Camera((1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0)),
    View.FRONT: Camera((0.0, 0.0, 1.0), (0.0, 1.0, 0.0), (1.0, 0.0, 0.0)),
    View.TOP: Camera((1.0, 0.0, 0.0), (0.0, 0.0, 1.0), (0.0, 1.0, 0.0)),
}


def full_angles(angles: Mapping[str, float]) -> dict[str, float]:
    """The pose's angles with every missing segment at its standing value (the pelvis follows
    the torso)."""
    unknown = set(angles) - ANGLE_NAMES
    if unknown:
        raise ValueError(
            f"unknown segment(s) {sorted(unknown)}; valid segments: {sorted(ANGLE_NAMES)}"
        )
    full = {s.name: float(angles.get(s.name, s.standing_angle)) for s in SEGMENTS}
    full[PELVIS] = float(angles.get(PELVIS, full["torso"]))
    return full


def check_depth(depth: Mapping[str, float]) -> None:
    unknown = set(depth) - SEGMENT_NAMES
    if unknown:
        raise ValueError(f"depth names unknown segment(s) {sorted(unknown)}")


def _in_plane(camera: Camera, degrees: float, tilt: float = 0.0) -> Vec:
    """The direction at ``degrees`` in the picture, tilted ``tilt`` degrees towards the viewer."""
    a, d = math.radians(degrees), math.radians(tilt)
    flat = add(scale(camera.right, math.cos(a)), scale(camera.up, math.sin(a)))
    return add(scale(flat, math.cos(d)), scale(camera.toward, math.sin(d)))


@dataclass(frozen=True)
class Body:
    """A posed body: joint positions and the trunk's and pelvis's own axes (along, across to the
    ``_l`` side, and forward, the way the chest or belly faces)."""

    points: dict[str, Vec]
    axes: dict[str, Vec]


def _across(camera: Camera, authored: View, along: Vec, degrees: float) -> Vec:
    """Across the body towards its ``_l`` side, square to ``along``. In side view that is the
    view's depth; in front and top views it lies in the picture, square to the segment."""
    wanted = camera.toward if authored is View.SIDE else _in_plane(camera, degrees - 90.0)
    return normalised(sub(wanted, scale(along, dot(wanted, along))))


def pose_body(
    angles: Mapping[str, float], view: View, depth: Mapping[str, float] | None = None
) -> Body:
    """Forward kinematics in 3D; the pelvis starts at the origin (no floor placement)."""
    full = full_angles(angles)
    tilts = dict(depth or {})
    check_depth(tilts)
    camera = CAMERAS[view]
    direction = {name: _in_plane(camera, full[name], tilts.get(name, 0.0)) for name in full}
    torso, pelvis = direction["torso"], direction[PELVIS]
    trunk_across = _across(camera, view, torso, full["torso"])
    pelvis_across = _across(camera, view, pelvis, full[PELVIS])
    axes = {
        "trunk": torso,
        "trunk_across": trunk_across,
        "trunk_forward": cross(torso, trunk_across),
        "pelvis": pelvis,
        "pelvis_across": pelvis_across,
        "pelvis_forward": cross(pelvis, pelvis_across),
        "head": direction["head"],
    }
    joints: dict[str, Vec] = {"pelvis": (0.0, 0.0, 0.0)}
    for segment in SEGMENTS:
        parent = segment.parent_joint
        if parent in ("hip_l", "hip_r"):
            sign = 1.0 if parent == "hip_l" else -1.0
            joints[parent] = scale(pelvis_across, sign * HALF_HIP_WIDTH)
        elif parent in ("shoulder_l", "shoulder_r"):
            sign = 1.0 if parent == "shoulder_l" else -1.0
            joints[parent] = add(joints["neck"], scale(trunk_across, sign * HALF_SHOULDER_WIDTH))
        step = scale(direction[segment.name], segment.length)
        joints[segment.child_joint] = add(joints[parent], step)
        axes[segment.name] = direction[segment.name]
    return Body(joints, axes)


def joint_positions(
    angles: Mapping[str, float], view: View, height: float = 1.0
) -> dict[str, Point]:
    """The joints as drawn in the pose's own view (y up, pelvis at the origin)."""
    camera = CAMERAS[view]
    body = pose_body(angles, view)
    return {
        name: (dot(p, camera.right) * height, dot(p, camera.up) * height)
        for name, p in body.points.items()
    }


def segment_lines(joints: Mapping[str, Point]) -> dict[str, tuple[Point, Point]]:
    """Each segment as (start, end), read off the joint positions."""
    return {s.name: (joints[s.parent_joint], joints[s.child_joint]) for s in SEGMENTS}


def between(a: float, b: float) -> float:
    """Smallest signed difference b - a in degrees, in (-180, 180]."""
    diff = (b - a + 180.0) % 360.0 - 180.0
    return 180.0 if diff == -180.0 else diff


def anatomical(full: Mapping[str, float]) -> dict[str, float]:
    """Signed anatomical angles from every segment's direction in the picture (degrees).

    In side view (figure facing +x) positive hip and shoulder values are flexion and negative
    ones extension; positive knee and elbow values are flexion; the pelvis value is its tilt
    against the trunk (negative: its top tips forward, an anterior tilt). In front view the hip
    value is the thigh's swing out to the side and the pelvis value is its drop against the
    trunk (positive: the ``_r`` side lower). 0 everywhere is the standing pose.
    """
    result: dict[str, float] = {
        "trunk_lean": between(90.0, full["torso"]),
        "pelvis": between(full["torso"], full[PELVIS]),
    }
    for side in ("l", "r"):
        # Standing, the thigh hangs opposite the pelvis and the upper arm opposite the torso.
        result[f"hip_{side}"] = between(full[PELVIS] + 180.0, full[f"thigh_{side}"])
        result[f"knee_{side}"] = -between(full[f"thigh_{side}"], full[f"shin_{side}"])
        result[f"shoulder_{side}"] = between(full["torso"] + 180.0, full[f"upper_arm_{side}"])
        result[f"elbow_{side}"] = between(full[f"upper_arm_{side}"], full[f"forearm_{side}"])
    return result


def joint_angles(angles: Mapping[str, float]) -> dict[str, float]:
    """The anatomical angles of a pose in its own view (see ``anatomical``)."""
    return anatomical(full_angles(angles))
