"""Draw the body from one camera: limbs with round joints, the trunk and pelvis outlined from
their cross-sections, the head with its hair, hands and feet; the far side lighter and behind,
the glutes highlighted as they work. Pure.

Every part is drawn once in its own frame (x along the segment) and moved through the frames by
its ``transform``: turned and moved, and stretched along its length when it points towards or
away from the camera.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from glutewake.illustration import body as volume
from glutewake.illustration.drawing import (
    UNIT,
    Motion,
    Place,
    angle_of,
    polygon_path,
    smooth_path,
    taper,
)
from glutewake.illustration.motion import num
from glutewake.illustration.skeleton import BY_NAME, Camera
from glutewake.illustration.staging import Frame
from glutewake.illustration.vectors import Vec, sub

MIN_FOOT = 0.45  # a foot seen end on is drawn this share of its length
LYING_ON_SIDE = 0.06  # one hip this much higher than the other: lying on the lower one
NEAR = 0.02  # body heights nearer the viewer than the body's middle: drawn dark, in front
RANK = {
    "neck": 0,
    "torso": 1,
    "head": 2,
    "thigh": 3,
    "shin": 4,
    "foot": 5,
    "pelvis": 6,
    "upper_arm": 7,
    "forearm": 8,
}
NECK_LENGTH = BY_NAME["head"].length - volume.HEAD_RADIUS  # to the head's centre


@dataclass(frozen=True)
class Look:
    """Which glute muscles light up as they work."""

    maximus: bool = True
    medius: bool = False


@dataclass(frozen=True)
class Drawn:
    depth: float
    rank: int
    markup: str


class Painter:
    """Draws the parts of one figure through its frames from one camera."""

    def __init__(self, frames: Sequence[Frame], camera: Camera, motion: Motion) -> None:
        self.frames, self.camera, self.motion = frames, camera, motion
        self.middle = self._depth(["pelvis", "neck"])
        still = frames[motion.still].points
        drop = still["hip_l"][1] - still["hip_r"][1]
        self.lower_side = "_r" if drop > LYING_ON_SIDE else "_l" if drop < -LYING_ON_SIDE else ""

    def _depth(self, points: Sequence[str]) -> float:
        values = [self.camera.depth(f.points[p]) for f in self.frames for p in points]
        return sum(values) / len(values)

    def shade(self, points: Sequence[str]) -> tuple[float, str]:
        """How much nearer the viewer than the body's middle, and the shade that goes with it.
        Lying on one side facing the camera, the lower side counts as the far one."""
        depth = self._depth(points) - self.middle
        if abs(depth) <= NEAR and self.lower_side and points[0][-2:] in ("_l", "_r"):
            depth = -NEAR * 2 if points[0].endswith(self.lower_side) else NEAR * 2
        kind = "near" if depth > NEAR else "far" if depth < -NEAR else "mid"
        return depth, kind

    def _flat(self, vector: Vec) -> tuple[float, float]:
        return self.camera.picture(vector)

    def axis_places(self, start: str, direction: Sequence[Vec], size: float) -> list[Place]:
        """Places of a part starting at point ``start`` and pointing along ``direction`` (one
        vector per frame, ``size`` long in 3D)."""
        places: list[Place] = []
        for frame, vector in zip(self.frames, direction, strict=True):
            x, y = self._flat(frame.points[start])
            dx, dy = self._flat(vector)
            stretch = math.hypot(dx, dy) / size
            angle = angle_of((dx, dy)) if stretch > 1e-3 else (places[-1].angle if places else 0.0)
            places.append(Place(x, y, angle, stretch))
        return places

    def part(self, name: str, outer: Sequence[Place], inner: str, kind: str) -> str:
        return f'<g data-part="{name}" class="gw-{kind}"{self.motion.place(outer)}>{inner}</g>'

    def stretched(self, places: Sequence[Place], shape: str) -> str:
        return shape.replace(
            "/>", self.motion.place([Place(stretch=p.stretch) for p in places]) + "/>", 1
        )


def _limb(painter: Painter, segment: str) -> Drawn:
    """A limb segment: its start joint round, tapering to its end; a forearm ends in the hand."""
    spec = BY_NAME[segment]
    start, end = volume.limb_radii(segment)
    vectors = [sub(f.points[spec.child_joint], f.points[spec.parent_joint]) for f in painter.frames]
    places = painter.axis_places(spec.parent_joint, vectors, spec.length)
    depth, kind = painter.shade([spec.parent_joint, spec.child_joint])
    outer = [Place(p.x, p.y, p.angle) for p in places]
    shape = painter.stretched(places, f'<path d="{taper(spec.length, start, end)}"/>')
    inner = f'{shape}<circle r="{num(start * UNIT)}"/>'
    if segment.startswith("forearm"):
        # The hand sits on the forearm's line, as far along as in the still frame.
        reach = (spec.length - volume.HAND_BACK) * places[painter.motion.still].stretch
        inner += f'<circle cx="{num(reach * UNIT)}" r="{num(volume.HAND_RADIUS * UNIT)}"/>'
    return Drawn(depth, RANK[segment[:-2]], painter.part(segment, outer, inner, kind))


def _turned(start: float, end: float, share: float) -> float:
    return start + ((end - start + 180.0) % 360.0 - 180.0) * share


def _foot(painter: Painter, side: str) -> Drawn:
    """The foot from heel to toe, its instep towards the shin. Pointing at the camera it would
    vanish, so it is drawn at least ``MIN_FOOT`` long, turned outwards as feet stand."""
    segment = f"foot_{side}"
    spec = BY_NAME[segment]
    vectors = [f.axes[segment] for f in painter.frames]
    places = []
    for frame, place in zip(
        painter.frames, painter.axis_places(spec.parent_joint, vectors, 1.0), strict=True
    ):
        if place.stretch < MIN_FOOT:
            ax, ay = painter.camera.picture(frame.axes["pelvis_across"])
            outwards = angle_of((ax, ay) if side == "l" else (-ax, -ay))
            angle = _turned(place.angle, outwards, 1.0 - place.stretch / MIN_FOOT)
            place = Place(place.x, place.y, angle, MIN_FOOT)
        places.append(place)
    still = painter.frames[painter.motion.still]
    a = math.radians(places[painter.motion.still].angle)
    ux, uy = painter.camera.picture(volume.instep(still, side))
    turn = 1.0 if math.cos(a) * uy - math.sin(a) * ux >= 0 else -1.0  # instep left or right
    outline = [(u, v * turn) for u, v in volume.FOOT_OUTLINE]
    depth, kind = painter.shade([spec.parent_joint, spec.child_joint])
    outer = [Place(p.x, p.y, p.angle) for p in places]
    shape = painter.stretched(places, f'<path d="{polygon_path(outline)}"/>')
    return Drawn(depth, RANK["foot"], painter.part(segment, outer, shape, kind))


def _torso(painter: Painter) -> Drawn:
    still = painter.frames[painter.motion.still]
    seen = volume.profile(
        painter.camera, still.axes["trunk"], still.axes["trunk_across"], still.axes["trunk_forward"]
    )
    size = BY_NAME["torso"].length
    outline = volume.section_outline(volume.TORSO, seen, size, volume.TORSO_CAP)
    places = painter.axis_places("pelvis", [f.axes["trunk"] for f in painter.frames], 1.0)
    shape = painter.stretched(places, f'<path d="{smooth_path(outline)}"/>')
    outer = [Place(p.x, p.y, p.angle) for p in places]
    depth, _ = painter.shade(["pelvis", "neck"])
    return Drawn(depth, RANK["torso"], painter.part("torso", outer, shape, "trunk"))


def _neck_and_head(painter: Painter) -> list[Drawn]:
    places = painter.axis_places("neck", [f.axes["head"] for f in painter.frames], 1.0)
    neck = painter.stretched(
        places, f'<path class="gw-neck" d="{taper(NECK_LENGTH, 0.026, 0.022)}"/>'
    )
    outer = [Place(p.x, p.y, p.angle) for p in places]
    heads = []
    for frame in painter.frames:
        x, y = painter.camera.picture(frame.points["head"])
        hx, hy = painter.camera.picture(volume.hair_direction(frame))
        heads.append(Place(x, y, angle_of((hx, hy)) if math.hypot(hx, hy) > 1e-3 else 90.0))
    r = volume.HEAD_RADIUS
    arc = [
        (r * math.cos(math.radians(a)), r * math.sin(math.radians(a))) for a in range(-80, 81, 20)
    ]
    hair = [*arc, (0.22 * r, 0.55 * r), (0.08 * r, 0.0), (0.22 * r, -0.55 * r)]
    head = f'<circle class="gw-skull" r="{num(r * UNIT)}"/><path class="gw-hair" d="{smooth_path(hair)}"/>'
    depth, _ = painter.shade(["neck"])
    return [
        Drawn(depth, RANK["neck"], painter.part("neck", outer, neck, "trunk")),
        Drawn(depth, RANK["head"], painter.part("head", heads, head, "trunk")),
    ]


def _pelvis(painter: Painter, look: Look, efforts: Sequence[float]) -> Drawn:
    still = painter.frames[painter.motion.still]
    axes = still.axes
    seen = volume.profile(
        painter.camera, axes["pelvis"], axes["pelvis_across"], axes["pelvis_forward"]
    )
    outline = volume.section_outline(volume.PELVIS, seen, 1.0, 0.015)
    places = painter.axis_places("pelvis", [f.axes["pelvis"] for f in painter.frames], 1.0)
    crest = volume.PELVIS[-1]
    top = [p for p in outline if abs(p[0] - crest.at) < 1e-9]
    belt = f'<path class="gw-belt" d="M{num(top[0][0] * UNIT)},{num(-top[0][1] * UNIT)}L{num(top[-1][0] * UNIT)},{num(-top[-1][1] * UNIT)}"/>'
    shapes = f'<path d="{smooth_path(outline)}"/>{belt}{_glutes(painter, seen, look, efforts)}'
    inner = f"<g{painter.motion.place([Place(stretch=p.stretch) for p in places])}>{shapes}</g>"
    outer = [Place(p.x, p.y, p.angle) for p in places]
    depth = max(painter.shade(["hip_l"])[0], painter.shade(["hip_r"])[0]) + 0.001
    return Drawn(depth, RANK["pelvis"], painter.part("pelvis", outer, inner, "pelvis"))


def _glutes(painter: Painter, seen: volume.Profile, look: Look, efforts: Sequence[float]) -> str:
    """The working glutes on the pelvis: the buttock (gluteus maximus) where the back of the
    pelvis shows, the upper outer hip (gluteus medius); brighter as they work."""
    widest = volume.PELVIS[2]
    middle = seen.front * seen.depth * (widest.front - widest.back) / 2
    spread = math.hypot(
        widest.half_width * seen.width, (widest.front + widest.back) / 2 * seen.depth
    )
    shapes = []
    if look.maximus and seen.depth > 0.35:
        y = middle - seen.front * (spread - 0.036)
        shapes.append(_ellipse(-0.012, y, 0.052, 0.032 * seen.depth + 0.004))
    if look.medius:
        if seen.width > 0.5:
            for sign in (-1, 1):
                y = middle + sign * (spread - 0.024)
                shapes.append(_ellipse(0.05, y, 0.036, 0.018))
        else:
            shapes.append(_ellipse(0.05, middle - seen.front * 0.012, 0.034, 0.03))
    if not shapes:
        return ""
    opacity = painter.motion.opacity([0.2 + 0.75 * e for e in efforts])
    return f'<g class="gw-muscle"{opacity}>{"".join(shapes)}</g>'


def _ellipse(x: float, y: float, rx: float, ry: float) -> str:
    return (
        f'<ellipse cx="{num(x * UNIT)}" cy="{num(-y * UNIT)}" rx="{num(rx * UNIT)}" '
        f'ry="{num(ry * UNIT)}"/>'
    )


def figure(
    frames: Sequence[Frame],
    camera: Camera,
    motion: Motion,
    efforts: Sequence[float],
    look: Look,
) -> str:
    """The whole body, its parts drawn far to near."""
    painter = Painter(frames, camera, motion)
    drawn = [_torso(painter), *_neck_and_head(painter), _pelvis(painter, look, efforts)]
    for side in ("l", "r"):
        drawn += [
            _limb(painter, f"{name}_{side}") for name in ("thigh", "shin", "upper_arm", "forearm")
        ]
        drawn.append(_foot(painter, side))
    drawn.sort(key=lambda d: (round(d.depth, 3), d.rank))
    return f'<g class="gw-body">{"".join(d.markup for d in drawn)}</g>'
