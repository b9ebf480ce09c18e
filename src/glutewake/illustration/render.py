"""Draw an exercise's key poses: an animated SVG for screens and a static strip for print. Pure.

Where each frame and prop stands is ``staging``'s business: the figure rests on the floor or on
the props its poses name, and what rests in two neighbouring key poses does not slide.
SVG user space is figure space times ``UNIT`` with y flipped, so the floor is the line y = 0.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from glutewake.catalogue.schema import Exercise, Illustration, View
from glutewake.illustration import skeleton, staging
from glutewake.illustration.skeleton import Point
from glutewake.illustration.staging import HEAD_RADIUS, Box, Frame, Prop, Stage

Ends = Callable[[Frame], tuple[Point, Point]]

UNIT = 100.0  # SVG user units per body height
FRAMES_PER_MOVE = 8  # in-between frames keep segment lengths while they turn
MIN_MOVE_SECONDS = 0.5
MARGIN = 0.05  # body heights around the drawing
FONT_STACK = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'
LABEL_PX = 24
LABEL_CHAR_PX = 7.5  # a generous average glyph width at the label's 13 px
MIN_STRIP_SPAN = 0.6  # body heights: lying figures are not blown up to fill a strip's height
WALL_BEHIND = "wall-behind"  # front view, back against a wall: the wall is the backdrop


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
BAND_HALF_WIDTH = 0.035  # body heights: how far a band shows past the legs in side view

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
.gw-backdrop{{fill:var(--gw-prop,#9cb3c1);fill-opacity:.22;stroke:none}}
.gw-weight{{fill:var(--gw-prop,#9cb3c1);fill-opacity:.3;stroke:var(--gw-weight,#6d8593);
stroke-width:2.5}}
.gw-chain{{stroke:var(--gw-weight,#6d8593);stroke-width:2;stroke-dasharray:3 2}}
.gw-band{{fill:none;stroke:var(--gw-band,#e07a5f);stroke-width:3;stroke-linecap:round}}
.gw-label{{font-family:{FONT_STACK};font-size:13px;fill:var(--gw-label,#4a5a66);text-anchor:middle}}
@media (prefers-color-scheme:dark){{
.gw-fig{{stroke:var(--gw-figure,#8cc3de)}}
.gw-head,.gw-trunk{{fill:var(--gw-figure,#8cc3de)}}
.gw-label{{fill:var(--gw-label,#c3ced6)}}}}
""".strip()


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
    illustration: Illustration,
    stage: Stage,
    keys: Sequence[Frame],
    start: int,
    seconds: float,
    now: float,
) -> list[Keyframe]:
    """Frames of the move from key pose ``start`` to the next (the last one returns to pose 0)."""
    end = (start + 1) % len(keys)
    poses = (illustration.poses[start], illustration.poses[end])
    frames = []
    for step in range(1, FRAMES_PER_MOVE):
        share = step / FRAMES_PER_MOVE
        frame = staging.in_between(stage, poses, (keys[start], keys[end]), _ease(share))
        frames.append(Keyframe(now + seconds * share, frame))
    return [*frames, Keyframe(now + seconds, keys[end])]


def timeline(exercise: Exercise) -> list[Keyframe]:
    """Every frame of one loop 0 -> 1 -> ... -> last -> 0 with its time; dwells repeat a frame."""
    illustration = exercise.illustration
    stage = staging.stage_for(illustration)
    keys = staging.key_frames(illustration, stage)
    _, pause, _ = exercise.dose.tempo_seconds
    moves = move_seconds(len(keys), exercise.dose.tempo_seconds)
    frames = [Keyframe(0.0, keys[0])]
    for i, pose in enumerate(illustration.poses):
        dwell = pose.hold + (pause if i == len(keys) - 1 else 0)
        if dwell > 0:
            frames.append(Keyframe(frames[-1].seconds + dwell, keys[i]))
        frames += _move(illustration, stage, keys, i, moves[i], frames[-1].seconds)
    return frames


# -- boxes and numbers ----------------------------------------------------------------------------


def _figure_box(frames: Sequence[Frame]) -> Box:
    xs = [x for frame in frames for x, _ in frame.values()]
    ys = [y for frame in frames for _, y in frame.values()]
    heads = [frame["head"] for frame in frames]
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


def _prop(prop: Prop) -> str:
    box = prop.box
    if prop.round:
        return (
            f'<circle class="gw-prop" data-prop="{prop.name}" cx="{_x((box.left + box.right) / 2)}" '
            f'cy="{_y(box.height / 2)}" r="{_num(box.width / 2 * UNIT)}"/>'
        )
    return (
        f'<rect class="gw-prop" data-prop="{prop.name}" x="{_x(box.left)}" y="{_y(box.top)}" '
        f'width="{_num(box.width * UNIT)}" height="{_num(box.height * UNIT)}" rx="1.5"/>'
    )


def _backdrop(illustration: Illustration, view: Box) -> str:
    """A wall behind the figure (parallel to the picture) fills the view above the floor."""
    if WALL_BEHIND not in illustration.props:
        return ""
    return (
        f'<rect class="gw-backdrop" data-prop="{WALL_BEHIND}" x="{_x(view.left)}" '
        f'y="{_y(view.top)}" width="{_num(view.width * UNIT)}" height="{_num(view.top * UNIT)}"/>'
    )


def _joints(segment: str) -> tuple[str, str]:
    return skeleton.BY_NAME[segment].parent_joint, skeleton.BY_NAME[segment].child_joint


def _along(frame: Frame, segment: str, share: float) -> Point:
    (x1, y1), (x2, y2) = (frame[joint] for joint in _joints(segment))
    return x1 + (x2 - x1) * share, y1 + (y2 - y1) * share


def _band_ends(band: Band, side_view: bool) -> Ends:
    """From the near leg to the far leg. In side view the band shows a little past both legs,
    across the near leg where the two overlap."""

    def ends(frame: Frame) -> tuple[Point, Point]:
        near = _along(frame, f"{band.segment}_l", band.share)
        far = _along(frame, f"{band.segment}_r", band.share)
        if not side_view:
            return near, far
        dx, dy = far[0] - near[0], far[1] - near[1]
        length = math.hypot(dx, dy)
        if length < 1e-6:  # legs together: across the near leg
            (sx, sy), (ex, ey) = (frame[j] for j in _joints(f"{band.segment}_l"))
            dx, dy, length = -(ey - sy), ex - sx, math.hypot(ex - sx, ey - sy)
        ux, uy = dx / length * BAND_HALF_WIDTH, dy / length * BAND_HALF_WIDTH
        return (near[0] - ux, near[1] - uy), (far[0] + ux, far[1] + uy)

    return ends


# -- the figure -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Part:
    """One drawn line: a segment or a band."""

    name: str
    css: str
    ends: Ends


def _segment_ends(segment: skeleton.Segment) -> Ends:
    return lambda frame: (frame[segment.parent_joint], frame[segment.child_joint])


def _neck_ends(frame: Frame) -> tuple[Point, Point]:
    """The head segment is drawn up to the head circle's centre so no stub shows past the crown."""
    return frame["neck"], frame["head"]


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
    for name in illustration.props:
        if name in BANDS:
            layers.near.append(Part(name, "gw-band", _band_ends(BANDS[name], side_view)))
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
    kind = {"gw-band": "data-band", "gw-chain": "data-prop"}.get(part.css, "data-segment")
    opening = f'<line class="{part.css}" {kind}="{part.name}" {attributes}'
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
    centres = [frame["head"] for frame in frames]
    return _circle('class="gw-head" data-segment="head"', centres, HEAD_RADIUS, timing)


def _chain_ends(frame: Frame) -> tuple[Point, Point]:
    return frame["pelvis"], frame[staging.BELT]


def _weights(illustration: Illustration, frames: Sequence[Frame], timing: Timing | None) -> str:
    """Each weight at its hand, or hanging on its chain from a dip belt."""
    drawn = []
    for prop, anchor, radius in staging.held_weights(illustration):
        if anchor == staging.BELT:
            chain = Part(staging.DIP_BELT, "gw-chain", _chain_ends)
            drawn.append(_line(chain, frames, timing))
        centres = [frame[anchor] for frame in frames]
        attributes = f'class="gw-weight" data-prop="{prop}" data-anchor="{anchor}"'
        drawn.append(_circle(attributes, centres, radius, timing))
    return "".join(drawn)


def _weights_box(illustration: Illustration, frames: Sequence[Frame], box: Box) -> Box:
    for _, hand, radius in staging.held_weights(illustration):
        for frame in frames:
            x, y = frame[hand]
            box = box.union(Box(x - radius, y - radius, x + radius, y + radius))
    return box


# The trunk shape's corners: the shoulders, and the hips at their full width (the trochanters),
# outside the hip joints where the legs start.
HIP_OUTLINE = skeleton.HIP_WIDTH / 2 / skeleton.HALF_HIP_WIDTH


def _trunk_corners(frame: Frame) -> list[Point]:
    (px, py) = frame["pelvis"]
    hips = [frame["hip_r"], frame["hip_l"]]
    wide = [(px + (x - px) * HIP_OUTLINE, py + (y - py) * HIP_OUTLINE) for x, y in hips]
    return [frame["shoulder_l"], frame["shoulder_r"], *wide]


def _trunk_outline(frames: Sequence[Frame], timing: Timing | None) -> str:
    """Front and top views show the trunk's width: shoulders to hips as one filled shape."""
    shapes = [" ".join(f"{_x(x)},{_y(y)}" for x, y in _trunk_corners(frame)) for frame in frames]
    opening = f'<polygon class="gw-fig gw-trunk" points="{shapes[0]}"'
    if timing is None:
        return opening + "/>"
    return (
        f'{opening}><animate attributeName="points" values="{";".join(shapes)}" '
        f'keyTimes="{timing.key_times}" dur="{_num(timing.seconds)}s" repeatCount="indefinite"/>'
        "</polygon>"
    )


def _from_hand_to(anchor: Point) -> Ends:
    return lambda frame: (frame["wrist_l"], anchor)


def _tied_bands(props: Sequence[Prop]) -> list[Part]:
    """A long band from the near hand to the post it is tied to."""
    return [
        Part(prop.name, "gw-band", _from_hand_to(((prop.box.left + prop.box.right) / 2, 0.1)))
        for prop in props
        if prop.name == staging.LONG_BAND
    ]


def _figure(
    illustration: Illustration,
    frames: Sequence[Frame],
    timing: Timing | None,
    props: Sequence[Prop] = (),
) -> str:
    layers = _figure_layers(illustration)
    outline = "" if illustration.view is View.SIDE else _trunk_outline(frames, timing)
    return "".join(
        [
            *(_line(part, frames, timing) for part in layers.far),
            outline,
            *(_line(part, frames, timing) for part in layers.trunk),
            _head(frames, timing),
            *(_line(part, frames, timing) for part in layers.near),
            *(_line(part, frames, timing) for part in _tied_bands(props)),
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
    illustration: Illustration, stage: Stage, keys: Sequence[Frame], frames: Sequence[Frame]
) -> tuple[list[Prop], Box]:
    """The props and the box that holds them, the figure in every frame and the floor."""
    body = _weights_box(illustration, frames, _figure_box(frames))
    props = staging.scenery(illustration, stage, keys, body)
    box = body
    for prop in props:
        box = box.union(prop.box)
    return props, box.union(Box(box.left, -MARGIN, box.right, 0.0)).grown(MARGIN)


def _accessible_label(exercise: Exercise, animated: bool) -> str:
    names = ", then ".join(pose.name for pose in exercise.illustration.poses)
    kind = "Animated stick figure" if animated else "Stick figure key poses"
    return f"{kind} of {exercise.name}: {names}"


def animated_svg(exercise: Exercise, size: int = 240) -> str:
    """A self-contained SVG looping smoothly through the key poses at the dose's tempo."""
    illustration = exercise.illustration
    stage = staging.stage_for(illustration)
    frames = timeline(exercise)
    total = frames[-1].seconds
    timing = Timing(";".join(f"{k.seconds / total:.4f}" for k in frames), total)
    shapes = [k.frame for k in frames]
    keys = staging.key_frames(illustration, stage)
    props, box = _drawing_box(illustration, stage, keys, shapes)
    view = _squared(box)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{_view_box(view)}" width="{size}" '
        f'height="{size}" role="img" aria-label={quoteattr(_accessible_label(exercise, True))}>'
        f"<title>{escape(exercise.name)}</title><style>{STYLE}</style>"
        f"{_backdrop(illustration, view)}{''.join(_prop(p) for p in props)}{_floor(view)}"
        f"{_figure(illustration, shapes, timing, props)}</svg>"
    )


def _widened(box: Box, width: float) -> Box:
    extra = max(width - box.width, 0.0) / 2
    return Box(box.left - extra, box.bottom, box.right + extra, box.top)


def strip_svg(exercise: Exercise, height: int = 160) -> str:
    """Every key pose side by side at one scale, each labelled with its name; for print."""
    illustration = exercise.illustration
    stage = staging.stage_for(illustration)
    keys = staging.key_frames(illustration, stage)
    props, box = _drawing_box(illustration, stage, keys, keys)
    scenery = "".join(_prop(prop) for prop in props)
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
            f"{_backdrop(illustration, box)}{scenery}{_floor(box)}"
            f"{_figure(illustration, [key], None, props)}</g>"
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
