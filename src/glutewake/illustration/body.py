"""The body's volume: how thick each limb is, the trunk's and pelvis's cross-sections, the head,
hands and feet. The same shapes stand the figure on what it rests on (its lowest drawn point)
and give its outline from any camera. Pure geometry.

Sizes are drawing choices in body heights, not measurements, except that the trunk's and
pelvis's widths reach the measured shoulder and hip breadths (see ``skeleton``) and lying flat
the back, the buttocks and the back of the head touch the floor together.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from glutewake.illustration.skeleton import BY_NAME, Body, Camera
from glutewake.illustration.vectors import Vec, add, cross, dot, length, normalised, scale, sub

Point = tuple[float, float]

HEAD_RADIUS = 0.068
NECK_RADIUS = 0.024
HAND_RADIUS = 0.024
HAND_BACK = 0.018  # the hand's centre sits this far back from the wrist, along the forearm
# Radius at the start and the end of each limb segment.
LIMB_RADII: dict[str, tuple[float, float]] = {
    "thigh": (0.047, 0.032),
    "shin": (0.032, 0.021),
    "upper_arm": (0.027, 0.021),
    "forearm": (0.02, 0.016),
}


def limb_radii(segment: str) -> tuple[float, float]:
    """The radii of a limb segment (``thigh`` or ``thigh_l``)."""
    return LIMB_RADII[segment.removesuffix("_l").removesuffix("_r")]


@dataclass(frozen=True)
class Section:
    """A cross-section of the trunk or pelvis: an ellipse across and front to back."""

    at: float  # along the axis: a share of the torso, or body heights from the hip centres
    half_width: float  # across the body
    front: float  # forward of the axis
    back: float  # behind it


# Torso, pelvis (share 0) to neck (share 1): waist, chest, shoulders. The back is 0.068 deep at
# the upper back, as deep as the head's radius, so lying flat both touch the floor.
TORSO: tuple[Section, ...] = (
    Section(0.0, 0.088, 0.056, 0.06),
    Section(0.35, 0.082, 0.058, 0.05),
    Section(0.62, 0.103, 0.07, 0.068),
    Section(0.82, 0.128, 0.066, 0.068),
    Section(1.0, 0.138, 0.045, 0.06),
)
TORSO_CAP = 0.03  # the shoulders' rounded top above the neck joint
# Pelvis, body heights along its axis from the hip joint centres: the fold of the buttocks,
# the trochanters (widest, the buttocks deepest), the iliac crest.
PELVIS: tuple[Section, ...] = (
    Section(-0.08, 0.078, 0.03, 0.036),
    Section(-0.04, 0.106, 0.046, 0.07),
    Section(0.01, 0.112, 0.054, 0.072),
    Section(0.06, 0.104, 0.058, 0.058),
    Section(0.095, 0.094, 0.055, 0.05),
)
POINTED = 0.3  # the foot within about 17 degrees of the shin's line is pointed
UPPER_BACK = 0.75  # share of the torso where the upper back rests on a bench edge
# The foot from the heel's contact point (the ankle point, u = 0) to the toe (u = 0.11), v up
# the instep towards the shin: sole, toe, instep, ankle, heel.
FOOT_OUTLINE: tuple[Point, ...] = (
    (0.11, 0.0),
    (0.117, 0.012),
    (0.1, 0.026),
    (0.045, 0.047),
    (0.005, 0.062),
    (-0.024, 0.034),
    (-0.014, 0.0),
)


def section_at(sections: Sequence[Section], at: float) -> Section:
    """The cross-section at this station, interpolated between the given ones."""
    if at <= sections[0].at:
        return sections[0]
    for low, high in itertools.pairwise(sections):
        if at <= high.at:
            k = (at - low.at) / (high.at - low.at)
            return Section(
                at,
                low.half_width + (high.half_width - low.half_width) * k,
                low.front + (high.front - low.front) * k,
                low.back + (high.back - low.back) * k,
            )
    return sections[-1]


def _section_bottom(centre: Vec, section: Section, across: Vec, forward: Vec) -> float:
    """The lowest y of an elliptical cross-section around ``centre``."""
    middle = add(centre, scale(forward, (section.front - section.back) / 2))
    depth = (section.front + section.back) / 2
    spread = math.hypot(section.half_width * across[1], depth * forward[1])
    return middle[1] - spread


def _trunk_bottom(body: Body, share: float) -> float:
    axes = body.axes
    centre = add(body.points["pelvis"], scale(axes["trunk"], share * BY_NAME["torso"].length))
    section = section_at(TORSO, share)
    return _section_bottom(centre, section, axes["trunk_across"], axes["trunk_forward"])


def _pelvis_bottom(body: Body) -> float:
    axes = body.axes
    return min(
        _section_bottom(
            add(body.points["pelvis"], scale(axes["pelvis"], section.at)),
            section,
            axes["pelvis_across"],
            axes["pelvis_forward"],
        )
        for section in PELVIS
    )


def instep(body: Body, side: str) -> Vec:
    """The way the top of the foot faces: square to the foot, towards the shin; with the foot
    pointed in line with the shin, square to the ankle's hinge (across the body)."""
    foot = body.axes[f"foot_{side}"]
    shin_up = scale(body.axes[f"shin_{side}"], -1.0)
    towards_shin = sub(shin_up, scale(foot, dot(shin_up, foot)))
    if length(towards_shin) > POINTED:
        return normalised(towards_shin)
    top = cross(body.axes["pelvis_across"], foot)
    if length(top) < 1e-6:
        top = sub(body.axes["trunk_forward"], scale(foot, dot(body.axes["trunk_forward"], foot)))
    return normalised(top)


def foot_points(body: Body, side: str) -> list[Vec]:
    ankle, foot, up = body.points[f"ankle_{side}"], body.axes[f"foot_{side}"], instep(body, side)
    return [add(ankle, add(scale(foot, u), scale(up, v))) for u, v in FOOT_OUTLINE]


def hand_centre(body: Body, side: str) -> Vec:
    return sub(body.points[f"wrist_{side}"], scale(body.axes[f"forearm_{side}"], HAND_BACK))


def head_centre(body: Body) -> Vec:
    keep = BY_NAME["head"].length - HEAD_RADIUS
    return add(body.points["neck"], scale(body.axes["head"], keep))


def upper_back(body: Body) -> Vec:
    share = UPPER_BACK * BY_NAME["torso"].length
    return add(body.points["pelvis"], scale(body.axes["trunk"], share))


def bottoms(body: Body) -> dict[str, float]:
    """The lowest drawn point near each body point (y): what touches when the point rests."""
    p = body.points
    pelvis = _pelvis_bottom(body)
    neck = min(_trunk_bottom(body, 1.0), p["neck"][1] - TORSO_CAP)
    head = head_centre(body)[1] - HEAD_RADIUS
    found = {
        "pelvis": pelvis,
        "upper_back": _trunk_bottom(body, UPPER_BACK),
        "neck": neck,
        "head": head,
        "crown": head,
    }
    for side in ("l", "r"):
        shin = body.axes[f"shin_{side}"]
        ankle_edge = limb_radii("shin")[1] * math.sqrt(max(0.0, 1.0 - shin[1] ** 2))
        feet = [y for _, y, _ in foot_points(body, side)]
        shoulder_ball = p[f"shoulder_{side}"][1] - limb_radii("upper_arm")[0]
        found |= {
            f"hip_{side}": min(pelvis, p[f"hip_{side}"][1] - limb_radii("thigh")[0]),
            f"shoulder_{side}": min(neck, shoulder_ball),
            f"elbow_{side}": p[f"elbow_{side}"][1] - limb_radii("upper_arm")[1],
            f"wrist_{side}": min(p[f"wrist_{side}"][1], hand_centre(body, side)[1] - HAND_RADIUS),
            f"knee_{side}": p[f"knee_{side}"][1] - limb_radii("thigh")[1],
            f"ankle_{side}": min(p[f"ankle_{side}"][1] - ankle_edge, *feet[3:]),
            f"toe_{side}": min(feet[:3]),
        }
    return found


# -- outlines for drawing -------------------------------------------------------------------------


@dataclass(frozen=True)
class Profile:
    """How a trunk or pelvis cross-section faces a camera: the share of its width and of its
    depth that show across the drawn axis, and which way the front lies (+1 or -1)."""

    width: float
    depth: float
    front: float


def profile(camera: Camera, along: Vec, across: Vec, forward: Vec) -> Profile:
    """The cross-section's widths as seen across ``along`` (drawn on the picture's left normal)."""
    x, y = camera.picture(along)
    size = math.hypot(x, y)
    if size < 1e-6:
        x, y, size = 0.0, 1.0, 1.0
    normal = add(scale(camera.right, -y / size), scale(camera.up, x / size))
    w, f = dot(across, normal), dot(forward, normal)
    return Profile(abs(w), abs(f), 1.0 if f >= 0 else -1.0)


def section_outline(
    sections: Sequence[Section], seen: Profile, unit: float, cap: float = 0.0
) -> list[Point]:
    """The outline round a chain of cross-sections, x along the axis (``at * unit``), y on the
    axis' left normal; closed by a rounded cap past the last section."""
    left: list[Point] = []
    right: list[Point] = []
    for section in sections:
        middle = seen.front * seen.depth * (section.front - section.back) / 2
        depth = (section.front + section.back) / 2
        spread = math.hypot(section.half_width * seen.width, depth * seen.depth)
        left.append((section.at * unit, middle + spread))
        right.append((section.at * unit, middle - spread))
    end = sections[-1].at * unit
    top: list[Point] = []
    if cap > 0:
        (_, high), (_, low) = left[-1], right[-1]
        top = [(end + cap * 0.8, high * 0.7 + low * 0.3), (end + cap * 0.8, low * 0.7 + high * 0.3)]
    return [*left, *top, *reversed(right)]


def hair_direction(body: Body) -> Vec:
    """Where the hair is: over the top and back of the head, away from the face."""
    return normalised(sub(body.axes["head"], scale(body.axes["trunk_forward"], 0.7)))
