"""Where each prop stands, in world space: blocks under what rests on them, walls against what
touches them, a roller under the point it carries, a post for a long band. Pure geometry.

Sizes are drawing choices, not measured figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from glutewake.catalogue.schema import Illustration
from glutewake.illustration.body import PELVIS, TORSO, UPPER_BACK, limb_radii, section_at
from glutewake.illustration.skeleton import CAMERAS, HALF_HIP_WIDTH
from glutewake.illustration.staging import (
    BLOCK_HEIGHTS,
    SAME_PLACE,
    WALL,
    Frame,
    Stage,
    named,
)
from glutewake.illustration.vectors import Vec, add, dot, scale

LONG_BAND = "long-band"  # held in the hands, tied to a post low behind the figure
ANCHOR_GAP = 0.25  # body heights behind the figure
WALL_THICKNESS = 0.04
WALL_BEHIND = "wall-behind"  # a wall behind the figure, parallel to the picture
MIRROR = "mirror"  # a tall mirror beside the figure, parallel to the picture
BACKDROPS = frozenset({WALL_BEHIND, MIRROR})
ROLLER = "foam-roller"
CLEAR = 0.09  # a prop nothing touches stands this far past the joints: clear of the body


@dataclass(frozen=True)
class Block:
    width: float  # along the main view's picture x
    deep: float  # along its depth


BLOCKS = {
    "step": Block(0.22, 0.2),
    "box": Block(0.22, 0.24),
    "bench": Block(0.3, 0.16),
    "chair": Block(0.24, 0.24),
    "table": Block(0.62, 0.34),
    ROLLER: Block(0.09, 0.34),
}


@dataclass(frozen=True)
class Box3:
    """An axis-aligned box in world space."""

    low: Vec
    high: Vec

    def corners(self) -> list[Vec]:
        (x0, y0, z0), (x1, y1, z1) = self.low, self.high
        return [(x, y, z) for x in (x0, x1) for y in (y0, y1) for z in (z0, z1)]


@dataclass(frozen=True)
class Prop:
    """A prop and the box it fills. ``axis`` is the way a roller's length or a wall's face
    points (world space)."""

    name: str
    box: Box3
    axis: Vec = (0.0, 0.0, 1.0)


class Placer:
    """Turns (along the picture, up, along the depth) spans of the main view into world boxes."""

    def __init__(self, stage: Stage, keys: Sequence[Frame]) -> None:
        camera = CAMERAS[stage.view]
        self.across, self.deep = camera.right, camera.toward
        self.middle = sum(dot(k.points["pelvis"], self.deep) for k in keys) / len(keys)

    def box(self, h: tuple[float, float], y: tuple[float, float], deep: float) -> Box3:
        d = (self.middle - deep / 2, self.middle + deep / 2)
        ends = [add(scale(self.across, a), scale(self.deep, b)) for a in h for b in d]
        xs, zs = [e[0] for e in ends], [e[2] for e in ends]
        return Box3((min(xs), y[0], min(zs)), (max(xs), y[1], max(zs)))


def _span(stage: Stage, keys: Sequence[Frame]) -> tuple[float, float]:
    hs = [stage.h(key, point) for key in keys for point in key.points]
    return min(hs), max(hs)


def _block(
    name: str, illustration: Illustration, stage: Stage, keys: Sequence[Frame], place: Placer
) -> Prop:
    """Under what rests on it, running away from the body from the point nearest the body: the
    heel at a step's edge, a hip thrust's bench edge under the upper back. Centred under a
    point that is right under the body, such as a seated pelvis, and a roller under what rests
    on it. With nothing on it, in front of the figure."""
    block = BLOCKS[name]
    points = named(illustration.poses, name)
    if not points:
        left = _span(stage, keys)[1] + CLEAR
        height = BLOCK_HEIGHTS[name]
        box = place.box((left, left + block.width), (0.0, height), block.deep)
        return Prop(name, box, place.across)
    top = stage.heights[name]
    xs = [stage.h(keys[i], point) for i, point in points]
    if name == ROLLER:
        middle = sum(xs) / len(xs)
        box = place.box((middle - top / 2, middle + top / 2), (0.0, top), block.deep)
        return Prop(name, box, place.deep)
    away = sum(x - stage.h(keys[i], "pelvis") for x, (i, _) in zip(xs, points, strict=True)) / len(
        xs
    )
    if away > SAME_PLACE:
        left = min(xs)
    elif away < -SAME_PLACE:
        left = max(xs) - block.width
    else:
        left = sum(xs) / len(xs) - block.width / 2
    return Prop(name, place.box((left, left + block.width), (0.0, top), block.deep), place.across)


def _wall(illustration: Illustration, stage: Stage, keys: Sequence[Frame], place: Placer) -> Prop:
    """Against the points that touch it, on their side of the figure; otherwise just behind it.
    A point touches with its body's surface: the back, the side of the hip, a knee's skin."""
    low, high = _span(stage, keys)
    top = max(max(k.points["head"][1] for k in keys) + 0.12, 1.1)
    points = named(illustration.poses, WALL)
    if not points:
        face = low - CLEAR
        return Prop(WALL, place.box((face - WALL_THICKNESS, face), (0.0, top), 1.0), place.across)
    xs = [stage.h(keys[i], point) for i, point in points]
    sign = 1.0 if sum(xs) / len(xs) > (low + high) / 2 else -1.0
    face = sign * max(
        sign * stage.h(keys[i], point) + _reach(stage, keys[i], point, sign) for i, point in points
    )
    thick = (face, face + WALL_THICKNESS) if sign > 0 else (face - WALL_THICKNESS, face)
    return Prop(WALL, place.box(thick, (0.0, top), 1.0), place.across)


def _reach(stage: Stage, frame: Frame, point: str, sign: float) -> float:
    """How far the body's surface lies past a point along the picture's x, towards ``sign``."""
    if point in ("pelvis", "hip_l", "hip_r"):
        section = PELVIS[2]
        forward = dot(frame.axes["pelvis_forward"], stage.across) * sign
        across = abs(dot(frame.axes["pelvis_across"], stage.across))
        off_centre = 0.0 if point == "pelvis" else HALF_HIP_WIDTH * across
        depth = section.front if forward > 0 else section.back
        return max(depth * abs(forward), section.half_width * across - off_centre)
    if point in ("upper_back", "neck", "shoulder_l", "shoulder_r"):
        section = section_at(TORSO, UPPER_BACK if point == "upper_back" else 0.9)
        forward = dot(frame.axes["trunk_forward"], stage.across) * sign
        return section.front if forward > 0 else section.back
    if point.startswith("knee"):
        return limb_radii("thigh")[1]
    if point.startswith("elbow"):
        return limb_radii("upper_arm")[1]
    return 0.0


def _band_post(stage: Stage, keys: Sequence[Frame], place: Placer) -> Prop:
    x = _span(stage, keys)[0] - ANCHOR_GAP
    return Prop(LONG_BAND, place.box((x - 0.015, x + 0.015), (0.0, 0.12), 0.03))


def scenery(illustration: Illustration, stage: Stage, keys: Sequence[Frame]) -> list[Prop]:
    """The blocks, rollers, walls and band posts of the illustration, placed by the figure."""
    place = Placer(stage, keys)
    props: list[Prop] = []
    for name in illustration.props:
        if name in BLOCKS:
            props.append(_block(name, illustration, stage, keys, place))
        elif name == WALL:
            props.append(_wall(illustration, stage, keys, place))
        elif name == LONG_BAND:
            props.append(_band_post(stage, keys, place))
    return props
