"""Draw an exercise's key poses: an animated SVG for screens and a static strip for print. Pure.

Figure space is the skeleton's: body height 1, y up, the floor at y = 0. Every frame is placed so
its lowest point (a limb joint, the back or the bottom of the head) touches the floor, and
horizontally so the joints that rest on the floor in two neighbouring key poses (planted feet, a
resting neck) do not slide.
SVG user space is figure space times ``UNIT`` with y flipped, so the floor is the line y = 0.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from statistics import median_low
from xml.sax.saxutils import escape, quoteattr

from glutewake.catalogue.schema import Exercise, Illustration, Pose, View
from glutewake.illustration import skeleton
from glutewake.illustration.skeleton import Point

Frame = Mapping[str, Point]
Ends = Callable[[Frame], tuple[Point, Point]]

UNIT = 100.0  # SVG user units per body height
HEAD_RADIUS = 0.068  # body heights
# The trunk has depth: lying down, the back rests this far below the pelvis, neck, hip and
# shoulder joints (limb joints are drawn touching the floor).
TRUNK_JOINTS = frozenset({"pelvis", "neck", "hip_l", "hip_r", "shoulder_l", "shoulder_r"})
TRUNK_HALF_DEPTH = HEAD_RADIUS  # lying flat, back and head touch the floor together
CONTACT = 0.02  # a joint this close to the floor (body heights) rests on it
FRAMES_PER_MOVE = 8  # in-between frames keep segment lengths while they turn
MIN_MOVE_SECONDS = 0.5
MARGIN = 0.05  # body heights around the drawing
FONT_STACK = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'
LABEL_PX = 24
LABEL_CHAR_PX = 7.5  # a generous average glyph width at the label's 13 px
MIN_STRIP_SPAN = 0.6  # body heights: lying figures are not blown up to fill a strip's height

STYLE = f"""
.gw-fig{{fill:none;stroke:var(--gw-figure,#3a86ad);stroke-linecap:round;stroke-linejoin:round}}
.gw-limb{{stroke-width:4}}
.gw-far{{stroke-width:3.4;stroke-opacity:.45}}
.gw-torso{{stroke-width:6.5}}
.gw-trunk{{fill:var(--gw-figure,#3a86ad);fill-opacity:.3;stroke-width:3}}
.gw-head{{fill:var(--gw-figure,#3a86ad);stroke:none}}
.gw-floor{{stroke:var(--gw-floor,#8d9ca6);stroke-width:1.5}}
.gw-ground{{fill:var(--gw-floor,#8d9ca6);fill-opacity:.14;stroke:none}}
.gw-prop{{fill:var(--gw-prop,#9cb3c1);fill-opacity:.4;stroke:var(--gw-prop,#9cb3c1);
stroke-width:1.5}}
.gw-weight{{fill:var(--gw-prop,#9cb3c1);fill-opacity:.3;stroke:var(--gw-weight,#6d8593);
stroke-width:2.5}}
.gw-band{{fill:none;stroke:var(--gw-band,#e07a5f);stroke-width:3;stroke-linecap:round}}
.gw-label{{font-family:{FONT_STACK};font-size:13px;fill:var(--gw-label,#4a5a66);text-anchor:middle}}
@media (prefers-color-scheme:dark){{
.gw-fig{{stroke:var(--gw-figure,#8cc3de)}}
.gw-head,.gw-trunk{{fill:var(--gw-figure,#8cc3de)}}
.gw-label{{fill:var(--gw-label,#c3ced6)}}}}
""".strip()


# -- placing the figure ---------------------------------------------------------------------------


def _moved(frame: Frame, dx: float, dy: float) -> dict[str, Point]:
    return {name: (x + dx, y + dy) for name, (x, y) in frame.items()}


def head_centre(frame: Frame) -> Point:
    """The head circle sits at the crown end of the head segment."""
    (nx, ny), (cx, cy) = frame["neck"], frame["crown"]
    keep = 1.0 - HEAD_RADIUS / skeleton.BY_NAME["head"].length
    return nx + (cx - nx) * keep, ny + (cy - ny) * keep


def clearance(joint: str, height: float) -> float:
    """How far above the floor the body is at a joint of this height."""
    return height - (TRUNK_HALF_DEPTH if joint in TRUNK_JOINTS else 0.0)


def lowest_point(frame: Frame) -> float:
    """The height of the figure's lowest point: a limb joint, the back or the head."""
    lowest_joint = min(clearance(joint, y) for joint, (_, y) in frame.items())
    return min(lowest_joint, head_centre(frame)[1] - HEAD_RADIUS)


def _grounded(angles: Mapping[str, float], view: View) -> dict[str, Point]:
    frame = skeleton.joint_positions(angles, view)
    return _moved(frame, 0.0, -lowest_point(frame))


def _on_floor(frame: Frame) -> frozenset[str]:
    return frozenset(name for name, (_, y) in frame.items() if clearance(name, y) <= CONTACT)


def _shift_to(frame: Frame, reference: Frame, resting: frozenset[str]) -> float:
    """The x shift that puts the resting joints where they are in the reference frame."""
    if resting:
        return median_low(reference[j][0] - frame[j][0] for j in sorted(resting))
    return reference["pelvis"][0] - frame["pelvis"][0]


def key_frames(illustration: Illustration) -> list[dict[str, Point]]:
    """Each key pose placed on the floor, with what rests on the floor kept in place."""
    keys: list[dict[str, Point]] = []
    for pose in illustration.poses:
        frame = _grounded(pose.angles, illustration.view)
        if keys:
            resting = _on_floor(keys[-1]) & _on_floor(frame)
            frame = _moved(frame, _shift_to(frame, keys[-1], resting), 0.0)
        keys.append(frame)
    return keys


def clearances(illustration: Illustration) -> list[dict[str, float]]:
    """For authors: how far above the floor each joint is in each key pose (0 = resting on it)."""
    return [
        {joint: round(clearance(joint, y), 3) for joint, (_, y) in sorted(key.items())}
        for key in key_frames(illustration)
    ]


def _turn(start: float, end: float) -> float:
    """Shortest signed turn from start to end in degrees."""
    return (end - start + 180.0) % 360.0 - 180.0


def _in_between(
    poses: tuple[Pose, Pose], keys: tuple[Frame, Frame], progress: float, view: View
) -> dict[str, Point]:
    start, end = (skeleton.full_angles(pose.angles) for pose in poses)
    angles = {name: start[name] + _turn(start[name], end[name]) * progress for name in start}
    frame = _grounded(angles, view)
    resting = _on_floor(keys[0]) & _on_floor(keys[1])
    dx = (1.0 - progress) * _shift_to(frame, keys[0], resting) + progress * _shift_to(
        frame, keys[1], resting
    )
    return _moved(frame, dx, 0.0)


# -- timing ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Keyframe:
    seconds: float
    frame: Frame


def move_seconds(pose_count: int, tempo: tuple[int, int, int]) -> list[float]:
    """Seconds for each move i -> i+1 (the last one returns to pose 0).

    The way out (pose 0 to the last pose) takes the tempo's first number, shared between its
    moves; the way back takes the third number.
    """
    out, _, back = tempo
    forward = max(out / (pose_count - 1), MIN_MOVE_SECONDS)
    return [forward] * (pose_count - 1) + [max(float(back), MIN_MOVE_SECONDS)]


def _ease(share: float) -> float:
    return (1.0 - math.cos(math.pi * share)) / 2.0


def _move(
    illustration: Illustration, keys: Sequence[Frame], start: int, seconds: float, now: float
) -> list[Keyframe]:
    """Frames of the move from key pose ``start`` to the next (the last one returns to pose 0)."""
    end = (start + 1) % len(keys)
    poses = (illustration.poses[start], illustration.poses[end])
    frames = []
    for step in range(1, FRAMES_PER_MOVE):
        share = step / FRAMES_PER_MOVE
        frame = _in_between(poses, (keys[start], keys[end]), _ease(share), illustration.view)
        frames.append(Keyframe(now + seconds * share, frame))
    return [*frames, Keyframe(now + seconds, keys[end])]


def timeline(exercise: Exercise) -> list[Keyframe]:
    """Every frame of one loop 0 -> 1 -> ... -> last -> 0 with its time; dwells repeat a frame."""
    illustration = exercise.illustration
    keys = key_frames(illustration)
    _, pause, _ = exercise.dose.tempo_seconds
    moves = move_seconds(len(keys), exercise.dose.tempo_seconds)
    frames = [Keyframe(0.0, keys[0])]
    for i, pose in enumerate(illustration.poses):
        dwell = pose.hold + (pause if i == len(keys) - 1 else 0)
        if dwell > 0:
            frames.append(Keyframe(frames[-1].seconds + dwell, keys[i]))
        frames += _move(illustration, keys, i, moves[i], frames[-1].seconds)
    return frames


# -- boxes and numbers ----------------------------------------------------------------------------


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


def _figure_box(frames: Sequence[Frame]) -> Box:
    xs = [x for frame in frames for x, _ in frame.values()]
    ys = [y for frame in frames for _, y in frame.values()]
    heads = [head_centre(frame) for frame in frames]
    xs += [x + sign * HEAD_RADIUS for x, _ in heads for sign in (-1, 1)]
    ys += [y + sign * HEAD_RADIUS for _, y in heads for sign in (-1, 1)]
    return Box(min(xs), min(ys), max(xs), max(ys))


def _num(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _x(value: float) -> str:
    return _num(value * UNIT)


def _y(value: float) -> str:
    return _num(-value * UNIT)


# -- props ----------------------------------------------------------------------------------------

# Joints that can rest on a block, each with the highest block it could rest on (body heights).
FEET = dict.fromkeys(("toe_l", "toe_r", "ankle_l", "ankle_r"), 0.35)
HANDS = dict.fromkeys(("wrist_l", "wrist_r"), 0.6)
UPPER_BACK = dict.fromkeys(("neck", "shoulder_l", "shoulder_r"), 0.4)


@dataclass(frozen=True)
class Block:
    """A step, box, bench or chair: a rectangle under whatever rests on it."""

    width: float  # body heights
    height_if_unused: float
    rests: Mapping[str, float]  # joints that may rest on it, with their highest block
    seat: bool  # a pelvis may sit on it


BLOCKS = {
    "step": Block(0.22, 0.1, FEET, seat=False),
    "box": Block(0.22, 0.25, {**FEET, **HANDS}, seat=True),
    "bench": Block(0.28, 0.25, {**FEET, **HANDS, **UPPER_BACK}, seat=True),
    "chair": Block(0.24, 0.25, HANDS, seat=True),
}
BAND_PROPS = {"band", "mini-band"}
# Held in the hand: a barbell shows as its near plate, seen side on.
WEIGHT_RADII = {"barbell": 0.08, "dumbbell": 0.04, "kettlebell": 0.045}
BAND_HALF_WIDTH = 0.035  # body heights: the stripe a band makes across the thighs in side view
# Lower than this, a still joint is more likely an arm lying beside the body than on a prop.
PROP_MIN_HEIGHT = TRUNK_HALF_DEPTH + CONTACT
MIN_SEAT_HEIGHT, MAX_SEAT_HEIGHT = 0.1, 0.4


def _rect(prop: str, box: Box) -> str:
    return (
        f'<rect class="gw-prop" data-prop="{prop}" x="{_x(box.left)}" y="{_y(box.top)}" '
        f'width="{_num(box.width * UNIT)}" height="{_num(box.height * UNIT)}" rx="1.5"/>'
    )


def _support(keys: Sequence[Frame], rests: Mapping[str, float]) -> Point | None:
    """The lowest joint that stays still and off the floor in every key pose: it rests on it."""
    still: list[Point] = []
    for joint, highest in rests.items():
        points = [key[joint] for key in keys]
        spread = max(math.dist(p, q) for p in points for q in points)
        heights = [clearance(joint, y) for _, y in points]
        if min(heights) > PROP_MIN_HEIGHT and max(heights) < highest and spread <= 0.05:
            still.append((points[0][0], heights[0]))
    return min(still, key=lambda p: p[1]) if still else None


def _raised_foot(keys: Sequence[Frame], rests: Mapping[str, float]) -> Point | None:
    """The lowest foot off the floor in any pose, e.g. the lead foot placed on a step."""
    if "toe_l" not in rests:
        return None
    feet = [
        (
            (key[f"ankle_{side}"][0] + key[f"toe_{side}"][0]) / 2,
            min(key[f"ankle_{side}"][1], key[f"toe_{side}"][1]),
        )
        for key in keys
        for side in ("l", "r")
    ]
    raised = [foot for foot in feet if PROP_MIN_HEIGHT < foot[1] < rests["toe_l"]]
    return min(raised, key=lambda foot: foot[1]) if raised else None


def _seat(keys: Sequence[Frame]) -> Point | None:
    """Under the pelvis where it sits lowest, if that is seat height (a box squat)."""
    x, y = min((key["pelvis"] for key in keys), key=lambda p: p[1])
    seat = clearance("pelvis", y)
    return (x, seat) if MIN_SEAT_HEIGHT < seat < MAX_SEAT_HEIGHT else None


def _block(name: str, keys: Sequence[Frame], body: Box) -> tuple[str, Box]:
    """A block under what rests on it; with nothing resting on it, in front of the figure."""
    block = BLOCKS[name]
    x, top = (
        _support(keys, block.rests)
        or _raised_foot(keys, block.rests)
        or (_seat(keys) if block.seat else None)
        or (body.right + 0.04 + block.width / 2, block.height_if_unused)
    )
    box = Box(x - block.width / 2, 0.0, x + block.width / 2, top)
    return _rect(name, box), box


def _wall(keys: Sequence[Frame], body: Box) -> tuple[str, Box]:
    """In front when the hands are the frontmost point of every pose (hands on the wall)."""
    hands_in_front = all(
        max(key.items(), key=lambda item: item[1][0])[0].startswith("wrist") for key in keys
    )
    thickness = 0.04
    left = body.right + 0.01 if hands_in_front else body.left - 0.01 - thickness
    box = Box(left, 0.0, left + thickness, max(body.top + 0.05, 1.1))
    return _rect("wall", box), box


def _foam_roller(keys: Sequence[Frame]) -> tuple[str, Box]:
    """Under whichever of pelvis, thighs or back sits lowest off the floor."""
    candidates = ("pelvis", "knee_l", "neck")
    joint = min(candidates, key=lambda j: max(key[j][1] for key in keys))
    x = sum(key[joint][0] for key in keys) / len(keys)
    lift = min(key[joint][1] for key in keys)
    radius = min(max(lift / 2, 0.03), 0.06)
    element = (
        f'<circle class="gw-prop" data-prop="foam-roller" cx="{_x(x)}" cy="{_y(radius)}" '
        f'r="{_num(radius * UNIT)}"/>'
    )
    return element, Box(x - radius, 0.0, x + radius, 2 * radius)


def _scenery(illustration: Illustration, keys: Sequence[Frame], body: Box) -> tuple[list[str], Box]:
    """The props drawn behind the figure (band excepted) and the box they need."""
    elements: list[str] = []
    box = body
    for prop in illustration.props:
        if prop in BLOCKS:
            element, extent = _block(prop, keys, body)
        elif prop == "wall":
            element, extent = _wall(keys, body)
        elif prop == "foam-roller":
            element, extent = _foam_roller(keys)
        else:
            continue
        elements.append(element)
        box = box.union(extent)
    return elements, box


def _above_knee(frame: Frame, side: str) -> Point:
    """Where a mini band sits: 85 % of the way down the thigh."""
    (hx, hy), (kx, ky) = frame[f"hip_{side}"], frame[f"knee_{side}"]
    return hx + (kx - hx) * 0.85, hy + (ky - hy) * 0.85


def _band_between_knees(frame: Frame) -> tuple[Point, Point]:
    return _above_knee(frame, "l"), _above_knee(frame, "r")


def _band_across_thigh(frame: Frame) -> tuple[Point, Point]:
    """In side view the knees overlap, so the band shows as a short stripe across the thigh."""
    (hx, hy), (kx, ky) = frame["hip_l"], frame["knee_l"]
    x, y = _above_knee(frame, "l")
    length = math.hypot(kx - hx, ky - hy)
    across = (-(ky - hy) / length * BAND_HALF_WIDTH, (kx - hx) / length * BAND_HALF_WIDTH)
    return (x - across[0], y - across[1]), (x + across[0], y + across[1])


# -- the figure -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Part:
    """One drawn line: a segment or the band."""

    name: str
    css: str
    ends: Ends


def _segment_ends(segment: skeleton.Segment) -> Ends:
    return lambda frame: (frame[segment.parent_joint], frame[segment.child_joint])


def _neck_ends(frame: Frame) -> tuple[Point, Point]:
    """The head segment is drawn up to the head circle's centre so no stub shows past the crown."""
    return frame["neck"], head_centre(frame)


@dataclass(frozen=True)
class Layers:
    """The figure's lines by drawing order: far side, trunk (then the head circle), near side."""

    far: list[Part]
    trunk: list[Part]
    near: list[Part]


def _figure_layers(illustration: Illustration) -> Layers:
    side_view = illustration.view is View.SIDE
    layers = Layers([], [], [])
    for segment in skeleton.SEGMENTS:
        if segment.name == "torso":
            layers.trunk.append(Part("torso", "gw-fig gw-torso", _segment_ends(segment)))
        elif segment.name == "head":
            layers.trunk.append(Part("head", "gw-fig gw-limb", _neck_ends))
        elif side_view and segment.name.endswith("_r"):
            layers.far.append(Part(segment.name, "gw-fig gw-far", _segment_ends(segment)))
        else:
            layers.near.append(Part(segment.name, "gw-fig gw-limb", _segment_ends(segment)))
    if BAND_PROPS & set(illustration.props):
        band = _band_across_thigh if side_view else _band_between_knees
        layers.near.append(Part("band", "gw-band", band))
    return layers


@dataclass(frozen=True)
class Timing:
    key_times: str
    seconds: float


def _animate(attribute: str, values: Sequence[float], timing: Timing) -> str:
    joined = ";".join(_num(v) for v in values)
    return (
        f'<animate attributeName="{attribute}" values="{joined}" keyTimes="{timing.key_times}" '
        f'dur="{_num(timing.seconds)}s" repeatCount="indefinite"/>'
    )


def _line(part: Part, frames: Sequence[Frame], timing: Timing | None) -> str:
    ends = [part.ends(frame) for frame in frames]
    coords = {
        "x1": [start[0] * UNIT for start, _ in ends],
        "y1": [-start[1] * UNIT for start, _ in ends],
        "x2": [end[0] * UNIT for _, end in ends],
        "y2": [-end[1] * UNIT for _, end in ends],
    }
    attributes = " ".join(f'{name}="{_num(values[0])}"' for name, values in coords.items())
    opening = f'<line class="{part.css}" data-segment="{part.name}" {attributes}'
    if timing is None:
        return opening + "/>"
    animations = "".join(_animate(name, values, timing) for name, values in coords.items())
    return f"{opening}>{animations}</line>"


def _circle(attributes: str, centres: Sequence[Point], radius: float, timing: Timing | None) -> str:
    cx = [x * UNIT for x, _ in centres]
    cy = [-y * UNIT for _, y in centres]
    opening = (
        f'<circle {attributes} cx="{_num(cx[0])}" cy="{_num(cy[0])}" r="{_num(radius * UNIT)}"'
    )
    if timing is None:
        return opening + "/>"
    return f"{opening}>{_animate('cx', cx, timing)}{_animate('cy', cy, timing)}</circle>"


def _head(frames: Sequence[Frame], timing: Timing | None) -> str:
    centres = [head_centre(frame) for frame in frames]
    return _circle('class="gw-head" data-segment="head"', centres, HEAD_RADIUS, timing)


def _held_weights(illustration: Illustration) -> list[tuple[str, str, float]]:
    """(prop, wrist, radius) for each weight in a hand: the near hand in side view, else both."""
    hands = ("wrist_l",) if illustration.view is View.SIDE else ("wrist_l", "wrist_r")
    return [
        (prop, hand, WEIGHT_RADII[prop])
        for prop in illustration.props
        if prop in WEIGHT_RADII
        for hand in hands
    ]


def _weights(illustration: Illustration, frames: Sequence[Frame], timing: Timing | None) -> str:
    return "".join(
        _circle(f'class="gw-weight" data-prop="{prop}"', [f[hand] for f in frames], radius, timing)
        for prop, hand, radius in _held_weights(illustration)
    )


def _weights_box(illustration: Illustration, frames: Sequence[Frame], box: Box) -> Box:
    for _, hand, radius in _held_weights(illustration):
        for frame in frames:
            x, y = frame[hand]
            box = box.union(Box(x - radius, y - radius, x + radius, y + radius))
    return box


TRUNK_OUTLINE = ("shoulder_l", "shoulder_r", "hip_r", "hip_l")


def _trunk_outline(frames: Sequence[Frame], timing: Timing | None) -> str:
    """Front and top views show the trunk's width: shoulders to hips as one filled shape."""
    shapes = [
        " ".join(f"{_x(frame[j][0])},{_y(frame[j][1])}" for j in TRUNK_OUTLINE) for frame in frames
    ]
    opening = f'<polygon class="gw-fig gw-trunk" points="{shapes[0]}"'
    if timing is None:
        return opening + "/>"
    return (
        f'{opening}><animate attributeName="points" values="{";".join(shapes)}" '
        f'keyTimes="{timing.key_times}" dur="{_num(timing.seconds)}s" repeatCount="indefinite"/>'
        "</polygon>"
    )


def _figure(illustration: Illustration, frames: Sequence[Frame], timing: Timing | None) -> str:
    layers = _figure_layers(illustration)
    outline = "" if illustration.view is View.SIDE else _trunk_outline(frames, timing)
    return "".join(
        [
            *(_line(part, frames, timing) for part in layers.far),
            outline,
            *(_line(part, frames, timing) for part in layers.trunk),
            _head(frames, timing),
            *(_line(part, frames, timing) for part in layers.near),
            _weights(illustration, frames, timing),
        ]
    )


def _floor(view: Box) -> str:
    return (
        f'<rect class="gw-ground" x="{_x(view.left)}" y="0" width="{_num(view.width * UNIT)}" '
        f'height="{_num(max(-view.bottom, 0.0) * UNIT)}"/>'
        f'<line class="gw-floor" data-prop="floor" x1="{_x(view.left)}" y1="0" '
        f'x2="{_x(view.right)}" y2="0"/>'
    )


def _view_box(box: Box) -> str:
    return f"{_x(box.left)} {_y(box.top)} {_num(box.width * UNIT)} {_num(box.height * UNIT)}"


def _squared(box: Box) -> Box:
    """The box padded to a square, the extra height mostly above the figure."""
    side = max(box.width, box.height)
    extra_x, extra_y = side - box.width, side - box.height
    return Box(
        box.left - extra_x / 2,
        box.bottom - extra_y * 0.2,
        box.right + extra_x / 2,
        box.top + extra_y * 0.8,
    )


def _drawing_box(
    illustration: Illustration, keys: Sequence[Frame], frames: Sequence[Frame]
) -> tuple[list[str], Box]:
    body = _weights_box(illustration, frames, _figure_box(frames))
    props, box = _scenery(illustration, keys, body)
    return props, box.union(Box(box.left, -MARGIN, box.right, 0.0)).grown(MARGIN)


def _accessible_label(exercise: Exercise, animated: bool) -> str:
    names = ", then ".join(pose.name for pose in exercise.illustration.poses)
    kind = "Animated stick figure" if animated else "Stick figure key poses"
    return f"{kind} of {exercise.name}: {names}"


def animated_svg(exercise: Exercise, size: int = 240) -> str:
    """A self-contained SVG looping smoothly through the key poses at the dose's tempo."""
    illustration = exercise.illustration
    frames = timeline(exercise)
    total = frames[-1].seconds
    timing = Timing(";".join(f"{k.seconds / total:.4f}" for k in frames), total)
    shapes = [k.frame for k in frames]
    props, box = _drawing_box(illustration, key_frames(illustration), shapes)
    view = _squared(box)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{_view_box(view)}" width="{size}" '
        f'height="{size}" role="img" aria-label={quoteattr(_accessible_label(exercise, True))}>'
        f"<title>{escape(exercise.name)}</title><style>{STYLE}</style>"
        f"{''.join(props)}{_floor(view)}{_figure(illustration, shapes, timing)}</svg>"
    )


def _widened(box: Box, width: float) -> Box:
    extra = max(width - box.width, 0.0) / 2
    return Box(box.left - extra, box.bottom, box.right + extra, box.top)


def strip_svg(exercise: Exercise, height: int = 160) -> str:
    """Every key pose side by side at one scale, each labelled with its name; for print."""
    illustration = exercise.illustration
    keys = key_frames(illustration)
    props, box = _drawing_box(illustration, keys, keys)
    labels = [f"{i + 1}. {pose.name}" for i, pose in enumerate(illustration.poses)]
    scale = (height - LABEL_PX) / (max(box.height, MIN_STRIP_SPAN) * UNIT)  # px per user unit
    widest_label = max(len(label) for label in labels) * LABEL_CHAR_PX + 12
    box = _widened(box, widest_label / scale / UNIT)
    panel = box.width * UNIT * scale
    top = height - LABEL_PX - box.height * UNIT * scale  # figures stand on the label band
    panels = []
    for i, (label, key) in enumerate(zip(labels, keys, strict=True)):
        panels.append(
            f'<g transform="translate({_num(i * panel)} {_num(top)}) scale({scale:.5f}) '
            f'translate({_num(-box.left * UNIT)} {_num(box.top * UNIT)})">'
            f"{''.join(props)}{_floor(box)}{_figure(illustration, [key], None)}</g>"
            f'<text class="gw-label" x="{_num((i + 0.5) * panel)}" y="{height - 7}">'
            f"{escape(label)}</text>"
        )
    width = _num(panel * len(keys))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" '
        f"aria-label={quoteattr(_accessible_label(exercise, False))}>"
        f"<title>{escape(exercise.name)}</title><style>{STYLE}</style>{''.join(panels)}</svg>"
    )
