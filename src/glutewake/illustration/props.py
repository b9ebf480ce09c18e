"""Draw the props from one camera: the floor, benches, tables, steps, boxes, walls, mirrors,
rollers, and what moves with the figure (weights in the hands, bands round the legs, a long band
to its post, a dip belt's chain). Pure. Sizes are drawing choices, not measured figures.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from glutewake.catalogue.schema import Illustration, View
from glutewake.illustration import staging
from glutewake.illustration.body import limb_radii
from glutewake.illustration.drawing import UNIT, Motion, Place, angle_of, polygon_path
from glutewake.illustration.motion import num
from glutewake.illustration.scenery import BACKDROPS, LONG_BAND, MIRROR, ROLLER, Box3, Prop
from glutewake.illustration.skeleton import BY_NAME, Camera
from glutewake.illustration.staging import BELT, Frame
from glutewake.illustration.vectors import Vec, add, dot, normalised, scale, sub

Point = tuple[float, float]


@dataclass(frozen=True)
class Band:
    """A loop band round both legs, this share of the way along a leg segment."""

    segment: str
    share: float


BANDS = {
    "band": Band("thigh", 0.85),  # just above the knees
    "mini-band": Band("thigh", 0.85),
    "band-knees": Band("thigh", 0.85),
    "band-ankles": Band("shin", 0.8),
}
BAND_WIDTH = 0.026
BAR_HALF_LENGTH = 0.55  # a barbell, each side of the hands' middle
PLATE_OFFSET = 0.42
PLATE_THICKNESS = 0.02
DUMBBELL_HALF = 0.06
HUB = 0.022


def _hull(points: Sequence[Point]) -> list[Point]:
    """The convex hull, counter-clockwise (Andrew's monotone chain)."""
    pts = sorted(set(points))
    if len(pts) < 3:
        return pts

    def turn(o: Point, a: Point, b: Point) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list[Point] = []
    upper: list[Point] = []
    for p in pts:
        while len(lower) >= 2 and turn(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    for p in reversed(pts):
        while len(upper) >= 2 and turn(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


def outline(box: Box3, camera: Camera) -> list[Point]:
    return _hull([camera.picture(c) for c in box.corners()])


def _solid(box: Box3, camera: Camera, css: str, name: str = "") -> str:
    data = f' data-prop="{name}"' if name else ""
    return f'<path class="{css}"{data} d="{polygon_path(outline(box, camera))}"/>'


def _slice(prop: Prop, a: tuple[float, float], y: tuple[float, float]) -> Box3:
    """A part of a block: the share ``a`` of its length (along its axis) and the heights ``y``."""
    (x0, _, z0), (x1, _, z1) = prop.box.low, prop.box.high
    if abs(prop.axis[0]) >= abs(prop.axis[2]):
        return Box3((x0 + (x1 - x0) * a[0], y[0], z0), (x0 + (x1 - x0) * a[1], y[1], z1))
    return Box3((x0, y[0], z0 + (z1 - z0) * a[0]), (x1, y[1], z0 + (z1 - z0) * a[1]))


def _legged(prop: Prop, camera: Camera, slab: float, inset: float) -> str:
    """A bench or table: a padded top on two legs."""
    top = prop.box.high[1]
    legs = [(inset, inset + 0.1), (1 - inset - 0.1, 1 - inset)]
    parts = [_solid(_slice(prop, a, (0.0, top - slab)), camera, "gw-leg") for a in legs]
    pad = _solid(_slice(prop, (0.0, 1.0), (top - slab, top)), camera, "gw-pad", prop.name)
    return "".join([*parts, pad])


def _roller(prop: Prop, camera: Camera) -> str:
    (x0, y0, z0), (x1, y1, z1) = prop.box.low, prop.box.high
    if abs(dot(prop.axis, camera.toward)) > 0.7:  # seen end on: a circle with its core
        cx, cy = camera.picture(((x0 + x1) / 2, (y0 + y1) / 2, (z0 + z1) / 2))
        r = (y1 - y0) / 2
        return (
            f'<circle class="gw-prop" data-prop="{ROLLER}" cx="{num(cx * UNIT)}" '
            f'cy="{num(-cy * UNIT)}" r="{num(r * UNIT)}"/>'
            f'<circle class="gw-core" cx="{num(cx * UNIT)}" cy="{num(-cy * UNIT)}" '
            f'r="{num(r * 0.4 * UNIT)}"/>'
        )
    return _solid(prop.box, camera, "gw-prop", ROLLER)


def _wall(prop: Prop, camera: Camera, figure_depth: float) -> str:
    if abs(dot(prop.axis, camera.toward)) > 0.7:  # its face is parallel to the picture
        centre = scale(add(prop.box.low, prop.box.high), 0.5)
        if camera.depth(centre) > figure_depth:
            return ""  # between the viewer and the figure: left out so the figure shows
        return _solid(prop.box, camera, "gw-backdrop", "wall")
    return _solid(prop.box, camera, "gw-wall", "wall")


def prop_shapes(prop: Prop, camera: Camera, figure_depth: float) -> str:
    """One static prop as seen from the camera."""
    top = prop.box.high[1]
    if prop.name in ("bench", "chair"):
        return _legged(prop, camera, 0.06, 0.05)
    if prop.name == "table":
        return _legged(prop, camera, 0.05, 0.02)
    if prop.name == "step":
        tread = _solid(_slice(prop, (0.0, 1.0), (top - 0.02, top)), camera, "gw-tread")
        return _solid(prop.box, camera, "gw-prop", "step") + tread
    if prop.name == ROLLER:
        return _roller(prop, camera)
    if prop.name == "wall":
        return _wall(prop, camera, figure_depth)
    if prop.name == LONG_BAND:
        return _solid(prop.box, camera, "gw-leg", LONG_BAND)
    return _solid(prop.box, camera, "gw-prop", prop.name)


# -- what moves with the figure -------------------------------------------------------------------


Ends = Callable[[Frame], tuple[Vec, Vec]]


def _strap(
    name: str, css: str, ends: Ends, frames: Sequence[Frame], camera: Camera, motion: Motion
) -> str:
    """A band or chain drawn from one point to another in every frame."""
    places = []
    for frame in frames:
        start, end = (camera.picture(p) for p in ends(frame))
        vector = (end[0] - start[0], end[1] - start[1])
        places.append(Place(start[0], start[1], angle_of(vector), math.hypot(*vector)))
    outer = motion.place([Place(p.x, p.y, p.angle) for p in places])
    inner = motion.place([Place(stretch=p.stretch) for p in places])
    half = BAND_WIDTH / 2 * UNIT
    return (
        f'<g class="{css}" data-band="{name}"{outer}>'
        f'<path d="M0,{num(-half)}H{num(UNIT)}V{num(half)}H0Z"{inner}/></g>'
    )


def _band_ends(band: Band, camera: Camera) -> Ends:
    """From the near leg's outside to the far leg's outside; with the legs together, across
    the near leg."""
    radius = sum(limb_radii(band.segment)) / 2

    def ends(frame: Frame) -> tuple[Vec, Vec]:
        points = []
        for side in ("l", "r"):
            spec = BY_NAME[f"{band.segment}_{side}"]
            start, end = frame.points[spec.parent_joint], frame.points[spec.child_joint]
            points.append(add(start, scale(sub(end, start), band.share)))
        near, far = points
        if camera.depth(near) < camera.depth(far):
            near, far = far, near
        apart = sub(near, far)
        seen = sub(apart, scale(camera.toward, dot(apart, camera.toward)))
        if math.sqrt(dot(seen, seen)) < 1e-4:  # legs together: across the near leg
            leg = frame.axes[f"{band.segment}_l"]
            flat = sub(leg, scale(camera.toward, dot(leg, camera.toward)))
            lx, ly = camera.picture(flat)
            seen = add(scale(camera.right, -ly), scale(camera.up, lx))
        out = scale(normalised(seen), radius)
        return add(near, out), sub(far, out)

    return ends


def moving_props(
    illustration: Illustration,
    frames: Sequence[Frame],
    camera: Camera,
    motion: Motion,
    posts: Sequence[Prop],
) -> str:
    """Bands, chains and weights: drawn over the figure, moving with it."""
    drawn = []
    for name in illustration.props:
        if name in BANDS:
            drawn.append(
                _strap(name, "gw-band", _band_ends(BANDS[name], camera), frames, camera, motion)
            )
    for post in posts:
        if post.name == LONG_BAND:
            tie = (
                (post.box.low[0] + post.box.high[0]) / 2,
                0.1,
                (post.box.low[2] + post.box.high[2]) / 2,
            )

            def to_hand(frame: Frame, anchor: Vec = tie) -> tuple[Vec, Vec]:
                return anchor, frame.points["wrist_l"]

            drawn.append(_strap(LONG_BAND, "gw-band", to_hand, frames, camera, motion))
    for prop, anchor, radius in staging.held_weights(illustration):
        if anchor == BELT:

            def chain(frame: Frame) -> tuple[Vec, Vec]:
                return frame.points["pelvis"], frame.points[BELT]

            drawn.append(_strap(staging.DIP_BELT, "gw-chain", chain, frames, camera, motion))
        drawn.append(_weight(prop, anchor, radius, frames, camera, motion))
    return "".join(drawn)


def _weight(
    prop: str, anchor: str, radius: float, frames: Sequence[Frame], camera: Camera, motion: Motion
) -> str:
    """A barbell across both hands, a dumbbell or kettlebell in each hand, or a weight on the
    belt's chain; a bar or dumbbell's plates seen from the camera."""

    def centre(frame: Frame) -> Vec:
        if prop == "barbell":
            return scale(add(frame.points["wrist_l"], frame.points["wrist_r"]), 0.5)
        return frame.points[anchor]

    places = []
    for frame in frames:
        x, y = camera.picture(centre(frame))
        ax, ay = camera.picture(frame.axes["trunk_across"])
        places.append(Place(x, y, angle_of((ax, ay)) if math.hypot(ax, ay) > 1e-3 else 0.0))
    still = frames[motion.still]
    across = still.axes["trunk_across"]
    shown = math.hypot(*camera.picture(across))  # how much of the bar's length shows
    facing = abs(dot(across, camera.toward))  # how squarely the plates face the viewer
    attrs = f'data-prop="{prop}" data-anchor="{anchor}"'
    if prop == "kettlebell" or anchor == BELT:
        body = (
            f'<circle class="gw-weight" r="{num(radius * UNIT)}"/>'
            f'<circle class="gw-handle" cy="{num(-radius * 0.9 * UNIT)}" '
            f'r="{num(radius * 0.55 * UNIT)}"/>'
        )
        return f"<g {attrs}{motion.place(places)}>{body}</g>"
    half, offset = (
        (BAR_HALF_LENGTH, PLATE_OFFSET) if prop == "barbell" else (DUMBBELL_HALF, DUMBBELL_HALF)
    )
    bar = (
        f'<path class="gw-bar" d="M{num(-half * shown * UNIT)},0H{num(half * shown * UNIT)}"/>'
        if shown > 0.05
        else ""
    )
    plates = "".join(
        f'<ellipse class="gw-weight" cx="{num(sign * offset * shown * UNIT)}" '
        f'rx="{num((radius * facing + PLATE_THICKNESS * shown) * UNIT)}" ry="{num(radius * UNIT)}"/>'
        for sign in (-1, 1)
    )
    hub = f'<circle class="gw-hub" r="{num(HUB * UNIT)}"/>' if facing > 0.7 else ""
    return f"<g {attrs}{motion.place(places)}>{bar}{plates}{hub}</g>"


# -- floor and backdrops --------------------------------------------------------------------------


def floor(view: View, camera: Camera, box: tuple[float, float, float, float]) -> str:
    """The floor: a line with the ground below it, or seen from above, the whole backdrop."""
    left, bottom, right, top = box
    width, height = (right - left) * UNIT, (top - bottom) * UNIT
    if view is View.TOP:
        return (
            f'<rect class="gw-ground" data-prop="floor" x="{num(left * UNIT)}" '
            f'y="{num(-top * UNIT)}" width="{num(width)}" height="{num(height)}"/>'
        )
    return (
        f'<rect class="gw-ground" x="{num(left * UNIT)}" y="0" width="{num(width)}" '
        f'height="{num(max(-bottom, 0.0) * UNIT)}"/>'
        f'<line class="gw-floor" data-prop="floor" x1="{num(left * UNIT)}" y1="0" '
        f'x2="{num(right * UNIT)}" y2="0"/>'
    )


def backdrop(illustration: Illustration, box: tuple[float, float, float, float]) -> str:
    """A wall behind the figure fills the view above the floor; a mirror stands behind it."""
    left, _, right, top = box
    drawn = []
    for name in illustration.props:
        if name not in BACKDROPS:
            continue
        if name == MIRROR:
            x0, x1 = left + (right - left) * 0.2, right - (right - left) * 0.2
            drawn.append(
                f'<rect class="gw-mirror" data-prop="{MIRROR}" x="{num(x0 * UNIT)}" '
                f'y="{num(-min(top, 1.15) * UNIT)}" width="{num((x1 - x0) * UNIT)}" '
                f'height="{num(min(top, 1.15) * UNIT)}"/>'
                f'<path class="gw-sheen" d="M{num((x0 + 0.06) * UNIT)},-40l12,-24m-6,34l18,-36"/>'
            )
        else:
            drawn.append(
                f'<rect class="gw-backdrop" data-prop="{name}" x="{num(left * UNIT)}" '
                f'y="{num(-top * UNIT)}" width="{num((right - left) * UNIT)}" '
                f'height="{num(top * UNIT)}"/>'
            )
    return "".join(drawn)
