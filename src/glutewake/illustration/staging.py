"""Where each frame stands: the figure on the floor or on the props its poses name, the props
under or against what rests on them, and the in-between frames of a move. Pure geometry.

Figure space is the skeleton's: body height 1, y up, the floor at y = 0. A frame holds every
joint plus two body points that can rest on something: ``head`` (the head circle's centre) and
``upper_back`` (on the torso, where the back meets a bench's edge in a hip thrust).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from statistics import median_low

from glutewake.catalogue.schema import Illustration, Pose, View
from glutewake.illustration import skeleton
from glutewake.illustration.skeleton import Point

Frame = Mapping[str, Point]

HEAD_RADIUS = 0.068  # body heights
# The trunk has depth: lying down, the back rests this far below the pelvis, neck, hip and
# shoulder joints (limb joints are drawn touching the floor).
TRUNK_HALF_DEPTH = HEAD_RADIUS  # lying flat, back and head touch the floor together
TRUNK_POINTS = frozenset(
    {"pelvis", "neck", "hip_l", "hip_r", "shoulder_l", "shoulder_r", "upper_back"}
)
# In front view a shoulder joint is close to the body's side: half the trunk's depth past it.
SHOULDER_SIDE_REACH = TRUNK_HALF_DEPTH / 2
UPPER_BACK_SHARE = 0.75  # of the way from pelvis to neck: a drawing choice, below the shoulders
CONTACT = 0.02  # a point this close to what is under it (body heights) rests on it
SAME_PLACE = 0.02  # a resting point that moved less than this between two poses stayed put

FLOOR = "floor"
WALL = "wall"
WALL_THICKNESS = 0.04
LONG_BAND = "long-band"  # held in the hands, tied to a post low behind the figure
ANCHOR_GAP = 0.25  # body heights behind the figure: a drawing choice
# Held in the hand: a barbell shows as its near plate, seen side on.
WEIGHT_RADII = {"barbell": 0.1, "dumbbell": 0.04, "kettlebell": 0.045}
# With a dip belt the weight hangs on a chain from the hips instead ("belt" in a frame).
DIP_BELT = "dip-belt"
BELT = "belt"
BELT_CHAIN = 0.2  # body heights from the pelvis to the weight's centre: a drawing choice


@dataclass(frozen=True)
class Block:
    """A step, box, bench or chair (a rectangle) or a foam roller (a circle as wide as it is
    high): its top carries what rests on it."""

    width: float  # body heights
    height: float  # unless a pose that also touches the floor shows how high it is
    round: bool = False


BLOCKS = {
    "step": Block(0.22, 0.1),
    "box": Block(0.22, 0.25),
    "bench": Block(0.28, 0.25),
    "chair": Block(0.24, 0.25),
    "foam-roller": Block(0.09, 0.09, round=True),
}
SUPPORTS = frozenset({*BLOCKS, WALL})


@dataclass(frozen=True)
class Box:
    """A rectangle in figure space (y up)."""

    left: float
    bottom: float
    right: float
    top: float

    def union(self, other: Box) -> Box:
        return Box(
            min(self.left, other.left),
            min(self.bottom, other.bottom),
            max(self.right, other.right),
            max(self.top, other.top),
        )

    def grown(self, by: float) -> Box:
        return Box(self.left - by, self.bottom - by, self.right + by, self.top + by)

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.top - self.bottom


def moved(frame: Frame, dx: float, dy: float) -> dict[str, Point]:
    return {name: (x + dx, y + dy) for name, (x, y) in frame.items()}


def body_points(angles: Mapping[str, float], view: View) -> dict[str, Point]:
    """The joints plus the head's centre (at the crown end of the head segment) and upper back."""
    joints = skeleton.joint_positions(angles, view)
    (nx, ny), (cx, cy) = joints["neck"], joints["crown"]
    keep = 1.0 - HEAD_RADIUS / skeleton.BY_NAME["head"].length
    px, py = joints["pelvis"]
    return {
        **joints,
        "head": (nx + (cx - nx) * keep, ny + (cy - ny) * keep),
        "upper_back": (px + (nx - px) * UPPER_BACK_SHARE, py + (ny - py) * UPPER_BACK_SHARE),
    }


POINTS = frozenset(body_points({}, View.FRONT))


def held_weights(illustration: Illustration) -> list[tuple[str, str, float]]:
    """(prop, where, radius) for each weight: on the dip belt if there is one, else in the near
    hand in side view and in both hands in front view."""
    if DIP_BELT in illustration.props:
        anchors: tuple[str, ...] = (BELT,)
    elif illustration.view is View.SIDE:
        anchors = ("wrist_l",)
    else:
        anchors = ("wrist_l", "wrist_r")
    return [
        (prop, anchor, WEIGHT_RADII[prop])
        for prop in illustration.props
        if prop in WEIGHT_RADII
        for anchor in anchors
    ]


def check_supports(illustration: Illustration) -> None:
    """Refuse a support naming an unknown body point or a prop nothing can rest on."""
    for pose in illustration.poses:
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
    """The view, how far the body reaches past each point, and how high each block's top is."""

    view: View
    reach: Mapping[str, float]
    heights: Mapping[str, float]
    belt: bool = False

    def points(self, angles: Mapping[str, float]) -> dict[str, Point]:
        """The body points, and the belt's weight hanging under the pelvis if there is one."""
        points = body_points(angles, self.view)
        if self.belt:
            x, y = points["pelvis"]
            points[BELT] = (x, y - BELT_CHAIN)
        return points

    def bottom(self, frame: Frame, point: str) -> float:
        """The lowest point of the body at this point: below the back, the head, a held plate."""
        return frame[point][1] - self.reach.get(point, 0.0)

    def surface(self, support: Mapping[str, str], point: str) -> str:
        prop = support.get(point, FLOOR)
        return prop if prop in BLOCKS else FLOOR  # a wall holds nothing up

    def gaps(self, frame: Frame, support: Mapping[str, str]) -> dict[str, float]:
        """How far each point is above what it rests on: its named block, else the floor."""
        return {
            point: self.bottom(frame, point) - self.heights.get(self.surface(support, point), 0.0)
            for point in frame
        }

    def place(self, angles: Mapping[str, float], support: Mapping[str, str]) -> dict[str, Point]:
        """The pose lowered until its lowest point rests on the floor or its named block."""
        frame = self.points(angles)
        return moved(frame, 0.0, -min(self.gaps(frame, support).values()))

    def resting(self, frame: Frame, support: Mapping[str, str]) -> frozenset[tuple[str, str]]:
        """(point, surface) for every point resting on something."""
        return frozenset(
            (point, self.surface(support, point))
            for point, gap in self.gaps(frame, support).items()
            if gap <= CONTACT
        )


def _named(poses: Iterable[Pose], prop: str) -> list[tuple[int, str]]:
    """(pose index, point) for every point that the poses rest on or against this prop."""
    return [
        (i, point)
        for i, pose in enumerate(poses)
        for point, named in sorted(pose.support.items())
        if named == prop
    ]


def _block_heights(illustration: Illustration, reach: Mapping[str, float]) -> dict[str, float]:
    """Each block is as high as its points sit in the first pose that also touches the floor."""
    on_floor = Stage(illustration.view, reach, {}, DIP_BELT in illustration.props)
    heights: dict[str, float] = {}
    for pose in illustration.poses:
        frame = on_floor.place(pose.angles, {})
        for prop in sorted(set(pose.support.values()) & set(BLOCKS)):
            points = [point for point, named in pose.support.items() if named == prop]
            top = min(on_floor.bottom(frame, point) for point in points)
            if top > CONTACT:
                heights.setdefault(prop, top)
    for pose in illustration.poses:
        for prop in set(pose.support.values()) & set(BLOCKS):
            heights.setdefault(prop, BLOCKS[prop].height)
    return heights


def stage_for(illustration: Illustration) -> Stage:
    check_supports(illustration)
    reach = dict.fromkeys(TRUNK_POINTS, TRUNK_HALF_DEPTH)
    if illustration.view is not View.SIDE:  # lying on the side, the shoulder's edge is near
        reach |= dict.fromkeys(("shoulder_l", "shoulder_r"), SHOULDER_SIDE_REACH)
    reach["head"] = HEAD_RADIUS
    for _, anchor, radius in held_weights(illustration):
        reach[anchor] = radius
    heights = _block_heights(illustration, reach)
    return Stage(illustration.view, reach, heights, DIP_BELT in illustration.props)


def _shift_keeping(frame: Frame, reference: Frame, resting: Iterable[tuple[str, str]]) -> float:
    """The x shift that keeps in place one group of points resting in both poses.

    When not all can stay (a foot steps, or an in-between frame bends the legs), the group kept
    is the one on a block (a foot must not slide off its bench), then the larger one, then the
    one that moves the pelvis least (the foot that stays under the body stays planted).
    """
    shifts = sorted((reference[point][0] - frame[point][0], surface) for point, surface in resting)
    pelvis_move = reference["pelvis"][0] - frame["pelvis"][0]
    if not shifts:
        return pelvis_move
    groups = [[shifts[0]]]
    for shift in shifts[1:]:
        if shift[0] - groups[-1][-1][0] <= SAME_PLACE:
            groups[-1].append(shift)
        else:
            groups.append([shift])

    def rank(group: list[tuple[float, str]]) -> tuple[bool, int, float]:
        on_block = any(surface in BLOCKS for _, surface in group)
        return on_block, len(group), -abs(median_low(s for s, _ in group) - pelvis_move)

    return median_low(shift for shift, _ in max(groups, key=rank))


def key_frames(illustration: Illustration, stage: Stage | None = None) -> list[dict[str, Point]]:
    """Each key pose on its floor or block, shifted so what rests in two neighbours stays put."""
    stage = stage or stage_for(illustration)
    keys: list[dict[str, Point]] = []
    for pose in illustration.poses:
        frame = stage.place(pose.angles, pose.support)
        if keys:
            previous = illustration.poses[len(keys) - 1]
            resting = stage.resting(keys[-1], previous.support) & stage.resting(frame, pose.support)
            frame = moved(frame, _shift_keeping(frame, keys[-1], resting), 0.0)
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
        if abs(keys[0][point][0] - keys[1][point][0]) <= SAME_PLACE
    )


def _turn(start: float, end: float) -> float:
    """Shortest signed turn from start to end in degrees."""
    return (end - start + 180.0) % 360.0 - 180.0


def in_between(
    stage: Stage, poses: tuple[Pose, Pose], keys: tuple[Frame, Frame], progress: float
) -> dict[str, Point]:
    """The frame ``progress`` (0-1) of the way between two key poses; planted points stay put."""
    start, end = (skeleton.full_angles(pose.angles) for pose in poses)
    angles = {name: start[name] + _turn(start[name], end[name]) * progress for name in start}
    frame = stage.place(angles, shared_support(*poses))
    still = planted(stage, poses, keys)
    if still:
        return moved(frame, _shift_keeping(frame, keys[0], still), 0.0)
    dx = (1.0 - progress) * (keys[0]["pelvis"][0] - frame["pelvis"][0]) + progress * (
        keys[1]["pelvis"][0] - frame["pelvis"][0]
    )
    return moved(frame, dx, 0.0)


def clearances(illustration: Illustration) -> list[dict[str, float]]:
    """For authors: how far each point is above what it rests on in each key pose (0 = on it)."""
    stage = stage_for(illustration)
    return [
        {point: round(gap, 3) for point, gap in sorted(stage.gaps(key, pose.support).items())}
        for pose, key in zip(illustration.poses, key_frames(illustration, stage), strict=True)
    ]


# -- props ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Prop:
    """A prop drawn behind the figure: a rectangle, or a circle filling its box (a roller)."""

    name: str
    box: Box
    round: bool = False


def _block(
    name: str, illustration: Illustration, stage: Stage, keys: Sequence[Frame], body: Box
) -> Prop:
    """Under what rests on it, running away from the body from the point nearest the body: the
    heel at a step's edge, a hip thrust's bench edge under the upper back. Centred under a
    point that is right under the body, such as a seated pelvis, and a roller under what rests
    on it. With nothing on it, in front of the figure."""
    block = BLOCKS[name]
    named = _named(illustration.poses, name)
    if not named:
        left = body.right + 0.04
        return Prop(name, Box(left, 0.0, left + block.width, block.height), block.round)
    top = stage.heights[name]
    xs = [keys[i][point][0] for i, point in named]
    if block.round:
        middle = sum(xs) / len(xs)
        return Prop(name, Box(middle - top / 2, 0.0, middle + top / 2, top), round=True)
    away = sum(x - keys[i]["pelvis"][0] for x, (i, _) in zip(xs, named, strict=True)) / len(xs)
    if away > SAME_PLACE:
        left = min(xs)
    elif away < -SAME_PLACE:
        left = max(xs) - block.width
    else:
        left = sum(xs) / len(xs) - block.width / 2
    return Prop(name, Box(left, 0.0, left + block.width, top))


def _wall(illustration: Illustration, stage: Stage, keys: Sequence[Frame], body: Box) -> Prop:
    """Against the points that touch it, on their side of the figure; otherwise just behind it."""
    top = max(body.top + 0.05, 1.1)
    named = _named(illustration.poses, WALL)
    xs = [keys[i][point][0] for i, point in named]
    if named and sum(xs) / len(xs) > (body.left + body.right) / 2:
        face = max(keys[i][point][0] + stage.reach.get(point, 0.0) for i, point in named)
        return Prop(WALL, Box(face, 0.0, face + WALL_THICKNESS, top))
    if named:
        face = min(keys[i][point][0] - stage.reach.get(point, 0.0) for i, point in named)
    else:
        face = body.left - 0.01
    return Prop(WALL, Box(face - WALL_THICKNESS, 0.0, face, top))


def _band_anchor(body: Box) -> Prop:
    """A low post behind the figure that a long band is tied to."""
    x = body.left - ANCHOR_GAP
    return Prop(LONG_BAND, Box(x - 0.015, 0.0, x + 0.015, 0.12))


def scenery(
    illustration: Illustration, stage: Stage, keys: Sequence[Frame], body: Box
) -> list[Prop]:
    """The blocks, rollers, walls and band posts of the illustration, placed by the figure."""
    props: list[Prop] = []
    for name in illustration.props:
        if name in BLOCKS:
            props.append(_block(name, illustration, stage, keys, body))
        elif name == WALL:
            props.append(_wall(illustration, stage, keys, body))
        elif name == LONG_BAND:
            props.append(_band_anchor(body))
    return props
