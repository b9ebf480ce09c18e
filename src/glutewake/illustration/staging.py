"""Where each frame stands: the figure on the floor or on the props its poses name, off the floor
in a hop, and the in-between frames of a move. Pure geometry.

World space is the skeleton's: body height 1, y up, the floor at y = 0. Sideways moves (a planted
foot that must not slide, a hop's travel) run along the main view's picture x. A frame holds
every joint plus ``head`` (the head's centre), ``upper_back`` (on the torso, where the back meets
a bench's edge in a hip thrust) and, with a dip belt, ``belt`` (the hanging weight).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from statistics import median_low

from glutewake.catalogue.schema import Illustration, Pose, View
from glutewake.illustration import body as volume
from glutewake.illustration import skeleton
from glutewake.illustration.skeleton import CAMERAS, Body
from glutewake.illustration.vectors import Vec, add, dot, lerp, scale

Frame = Body

CONTACT = 0.02  # a point this close to what is under it (body heights) rests on it
SAME_PLACE = 0.02  # a resting point that moved less than this between two poses stayed put

FLOOR = "floor"
WALL = "wall"
# Held in the hand: a barbell shows as its near plate, seen side on.
WEIGHT_RADII = {"barbell": 0.1, "dumbbell": 0.04, "kettlebell": 0.045}
# With a dip belt the weight hangs on a chain from the hips instead ("belt" in a frame).
DIP_BELT = "dip-belt"
BELT = "belt"
BELT_CHAIN = 0.2  # body heights from the pelvis to the weight's centre: a drawing choice
# Block props and their default top heights (body heights): what rests on them sits on top.
BLOCK_HEIGHTS = {
    "step": 0.1,
    "box": 0.25,
    "bench": 0.25,
    "chair": 0.25,
    "table": 0.42,
    "foam-roller": 0.09,
}
FIXED_HEIGHT = frozenset({"table"})  # a treatment table is as high as it is: legs hang free
SUPPORTS = frozenset({*BLOCK_HEIGHTS, WALL})


def body_points(angles: Mapping[str, float], view: View) -> dict[str, Vec]:
    """The joints plus the head's centre and the upper back (figure space, pelvis at 0)."""
    return _extras(skeleton.pose_body(angles, view)).points


def _extras(body: Body) -> Body:
    return Body(
        {**body.points, "head": volume.head_centre(body), "upper_back": volume.upper_back(body)},
        body.axes,
    )


POINTS = frozenset(body_points({}, View.FRONT))


def moved(frame: Frame, offset: Vec) -> Frame:
    return Body({name: add(p, offset) for name, p in frame.points.items()}, frame.axes)


def held_weights(illustration: Illustration) -> list[tuple[str, str, float]]:
    """(prop, where, radius) for each weight: on the dip belt if there is one, else in both
    hands (a side view shows the near one)."""
    anchors = (BELT,) if DIP_BELT in illustration.props else ("wrist_l", "wrist_r")
    return [
        (prop, anchor, WEIGHT_RADII[prop])
        for prop in illustration.props
        if prop in WEIGHT_RADII
        for anchor in anchors
        if not (prop == "barbell" and anchor == "wrist_r")  # one bar in both hands
    ]


def check_supports(illustration: Illustration) -> None:
    """Refuse a support naming an unknown body point or a prop nothing can rest on, and a depth
    naming an unknown segment."""
    for pose in illustration.poses:
        skeleton.full_angles(pose.angles)
        skeleton.check_depth(pose.depth)
        for point, prop in pose.support.items():
            if point not in POINTS:
                raise ValueError(
                    f"pose {pose.name!r}: unknown body point {point!r}; valid: {sorted(POINTS)}"
                )
            if prop not in SUPPORTS:
                raise ValueError(
                    f"pose {pose.name!r}: nothing rests on {prop!r}; use one of {sorted(SUPPORTS)}"
                )


@dataclass(frozen=True)
class Stage:
    """The main view, what the hands hold, and how high each block's top is."""

    view: View
    weights: Mapping[str, float]  # point -> radius of the weight held or hung there
    heights: Mapping[str, float]
    belt: bool = False

    @property
    def across(self) -> Vec:
        """The picture's x axis in world space: the way a planted foot must not slide."""
        return CAMERAS[self.view].right

    def h(self, frame: Frame, point: str) -> float:
        return dot(frame.points[point], self.across)

    def points(
        self, angles: Mapping[str, float], depth: Mapping[str, float] | None = None
    ) -> Frame:
        """The posed body, and the belt's weight hanging under the pelvis if there is one."""
        frame = _extras(skeleton.pose_body(angles, self.view, depth))
        if self.belt:
            x, y, z = frame.points["pelvis"]
            frame.points[BELT] = (x, y - BELT_CHAIN, z)
        return frame

    def bottoms(self, frame: Frame) -> dict[str, float]:
        """The lowest drawn point at each body point: the body's volume, a held weight."""
        found = volume.bottoms(frame)
        for point, radius in self.weights.items():
            y = frame.points[point][1] - radius
            found[point] = min(found.get(point, y), y)
        return found

    def surface(self, support: Mapping[str, str], point: str) -> str:
        prop = support.get(point, FLOOR)
        return prop if prop in BLOCK_HEIGHTS else FLOOR  # a wall holds nothing up

    def gaps(self, frame: Frame, support: Mapping[str, str]) -> dict[str, float]:
        """How far each point is above what it rests on: its named block, else the floor."""
        return {
            point: bottom - self.heights.get(self.surface(support, point), 0.0)
            for point, bottom in self.bottoms(frame).items()
        }

    def place(self, pose: Pose | Blend) -> Frame:
        """The pose lowered until its lowest point rests on the floor or its named block, or
        floats ``lift`` above it."""
        frame = self.points(pose.angles, pose.depth)
        lowest = min(self.gaps(frame, pose.support).values())
        return moved(frame, (0.0, pose.lift - lowest, 0.0))

    def resting(self, frame: Frame, support: Mapping[str, str]) -> frozenset[tuple[str, str]]:
        """(point, surface) for every point resting on something."""
        return frozenset(
            (point, self.surface(support, point))
            for point, gap in self.gaps(frame, support).items()
            if gap <= CONTACT
        )


@dataclass(frozen=True)
class Blend:
    """An in-between pose: what ``Stage.place`` needs."""

    angles: Mapping[str, float]
    depth: Mapping[str, float]
    support: Mapping[str, str]
    lift: float


def named(poses: Iterable[Pose], prop: str) -> list[tuple[int, str]]:
    """(pose index, point) for every point that the poses rest on or against this prop."""
    return [
        (i, point)
        for i, pose in enumerate(poses)
        for point, prop_named in sorted(pose.support.items())
        if prop_named == prop
    ]


def _block_heights(illustration: Illustration, weights: Mapping[str, float]) -> dict[str, float]:
    """Each block is as high as its points sit in the first pose that also touches the floor;
    a table has its own height."""
    on_floor = Stage(illustration.view, weights, {}, DIP_BELT in illustration.props)
    heights: dict[str, float] = {}
    for pose in illustration.poses:
        frame = on_floor.place(pose.model_copy(update={"support": {}, "lift": 0.0}))
        found = on_floor.bottoms(frame)
        for prop in sorted(set(pose.support.values()) & set(BLOCK_HEIGHTS) - FIXED_HEIGHT):
            points = [point for point, prop_named in pose.support.items() if prop_named == prop]
            top = min(found[point] for point in points)
            if top > CONTACT:
                heights.setdefault(prop, top)
    for pose in illustration.poses:
        for prop in set(pose.support.values()) & set(BLOCK_HEIGHTS):
            heights.setdefault(prop, BLOCK_HEIGHTS[prop])
    return heights


def stage_for(illustration: Illustration) -> Stage:
    check_supports(illustration)
    weights = {anchor: radius for _, anchor, radius in held_weights(illustration)}
    heights = _block_heights(illustration, weights)
    return Stage(illustration.view, weights, heights, DIP_BELT in illustration.props)


def _shift_keeping(
    stage: Stage, frame: Frame, reference: Frame, resting: Iterable[tuple[str, str]]
) -> float:
    """The sideways shift that keeps in place one group of points resting in both poses.

    When not all can stay (a foot steps, or an in-between frame bends the legs), the group kept
    is the one on a block (a foot must not slide off its bench), then the larger one, then the
    one that moves the pelvis least (the foot that stays under the body stays planted).
    """
    shifts = sorted(
        (stage.h(reference, point) - stage.h(frame, point), surface) for point, surface in resting
    )
    pelvis_move = stage.h(reference, "pelvis") - stage.h(frame, "pelvis")
    if not shifts:
        return pelvis_move
    groups = [[shifts[0]]]
    for shift in shifts[1:]:
        if shift[0] - groups[-1][-1][0] <= SAME_PLACE:
            groups[-1].append(shift)
        else:
            groups.append([shift])

    def rank(group: list[tuple[float, str]]) -> tuple[bool, int, float]:
        on_block = any(surface in BLOCK_HEIGHTS for _, surface in group)
        return on_block, len(group), -abs(median_low(s for s, _ in group) - pelvis_move)

    return median_low(shift for shift, _ in max(groups, key=rank))


def key_frames(illustration: Illustration, stage: Stage | None = None) -> list[Frame]:
    """Each key pose on its floor or block, shifted so what rests in two neighbours stays put;
    with nothing resting in both, the figure travels by the pose's ``travel``."""
    stage = stage or stage_for(illustration)
    keys: list[Frame] = []
    for pose in illustration.poses:
        frame = stage.place(pose)
        if keys:
            previous = illustration.poses[len(keys) - 1]
            resting = stage.resting(keys[-1], previous.support) & stage.resting(frame, pose.support)
            shift = _shift_keeping(stage, frame, keys[-1], resting)
            if not resting:
                shift += pose.travel
            frame = moved(frame, scale(stage.across, shift))
        keys.append(frame)
    return keys


def shared_support(first: Pose, second: Pose) -> dict[str, str]:
    """What rests on the same prop in both poses: it keeps resting there in between."""
    return {
        point: prop for point, prop in first.support.items() if second.support.get(point) == prop
    }


def planted(
    stage: Stage, poses: tuple[Pose, Pose], keys: tuple[Frame, Frame]
) -> frozenset[tuple[str, str]]:
    """Points resting on the same surface in the same place in both key frames."""
    both = stage.resting(keys[0], poses[0].support) & stage.resting(keys[1], poses[1].support)
    return frozenset(
        (point, surface)
        for point, surface in both
        if abs(stage.h(keys[0], point) - stage.h(keys[1], point)) <= SAME_PLACE
    )


def _turn(start: float, end: float) -> float:
    """Shortest signed turn from start to end in degrees."""
    return (end - start + 180.0) % 360.0 - 180.0


def blend(poses: tuple[Pose, Pose], progress: float) -> Blend:
    """The pose ``progress`` (0-1) of the way from one key pose to the next."""
    start, end = (skeleton.full_angles(pose.angles) for pose in poses)
    angles = {name: start[name] + _turn(start[name], end[name]) * progress for name in start}
    tilts = {
        name: poses[0].depth.get(name, 0.0) * (1 - progress)
        + poses[1].depth.get(name, 0.0) * progress
        for name in {*poses[0].depth, *poses[1].depth}
    }
    lift = poses[0].lift * (1 - progress) + poses[1].lift * progress
    return Blend(angles, tilts, shared_support(*poses), lift)


def in_between(
    stage: Stage, poses: tuple[Pose, Pose], keys: tuple[Frame, Frame], progress: float
) -> Frame:
    """The frame ``progress`` (0-1) of the way between two key poses; planted points stay put."""
    frame = stage.place(blend(poses, progress))
    still = planted(stage, poses, keys)
    if still:
        return moved(frame, scale(stage.across, _shift_keeping(stage, frame, keys[0], still)))
    pelvis = lerp(keys[0].points["pelvis"], keys[1].points["pelvis"], progress)
    dx = dot(pelvis, stage.across) - stage.h(frame, "pelvis")
    return moved(frame, scale(stage.across, dx))


def clearances(illustration: Illustration) -> list[dict[str, float]]:
    """For authors: how far each point is above what it rests on in each key pose (0 = on it)."""
    stage = stage_for(illustration)
    return [
        {point: round(gap, 3) for point, gap in sorted(stage.gaps(key, pose.support).items())}
        for pose, key in zip(illustration.poses, key_frames(illustration, stage), strict=True)
    ]
