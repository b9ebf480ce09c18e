"""The renderer, read back from its SVG: well formed, a connected figure in every frame, resting
on the floor or on the props its poses name, inside the view, timed from the dose, with its props."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from glutewake.catalogue import Exercise, default_catalogue
from glutewake.catalogue.schema import Dose, Illustration, Pose, View
from glutewake.illustration import skeleton
from glutewake.illustration.render import UNIT, animated_svg, strip_svg
from glutewake.illustration.staging import (
    BELT,
    BELT_CHAIN,
    HEAD_RADIUS,
    SHOULDER_SIDE_REACH,
    TRUNK_HALF_DEPTH,
    TRUNK_POINTS,
    UPPER_BACK_SHARE,
)

NS = {"svg": "http://www.w3.org/2000/svg"}
SVG = "{http://www.w3.org/2000/svg}"
CATALOGUE = default_catalogue()
EXERCISES = pytest.mark.parametrize("exercise", CATALOGUE.exercises, ids=lambda e: e.id)
TOLERANCE = 0.01 * UNIT  # SVG units
ROUNDING = 0.01  # SVG numbers have two decimals
BLOCK_PROPS = ("step", "box", "bench", "chair")
SQUAT = Pose(
    name="bottom",
    angles={"torso": 60, "thigh_l": -10, "shin_l": -112, "thigh_r": -10, "shin_r": -112},
)
STANDING = Pose(name="standing", angles={})
LYING = {"torso": 180, "head": 180, "upper_arm_l": 0, "forearm_l": 0, "upper_arm_r": 0}
LYING |= {"forearm_r": 0}

Point = tuple[float, float]
Line = tuple[Point, Point]


def _variant(
    poses: list[Pose],
    view: View = View.SIDE,
    props: tuple[str, ...] = ("floor",),
    tempo: str = "2-1-2",
) -> Exercise:
    """The glute bridge with another illustration and tempo (our own data, not a mock)."""
    bridge = CATALOGUE.get("glute-bridge")
    illustration = Illustration(view=view, poses=poses, props=list(props))
    dose = Dose.model_validate({**bridge.dose.model_dump(), "tempo": tempo})
    return bridge.model_copy(update={"illustration": illustration, "dose": dose})


def _frames(element: ET.Element, attributes: tuple[str, ...]) -> list[tuple[float, ...]]:
    """The element's static values, then one tuple per keyframe of its animations."""
    static = tuple(float(element.attrib[a]) for a in attributes)
    animated = {
        node.attrib["attributeName"]: [float(v) for v in node.attrib["values"].split(";")]
        for node in element.findall("svg:animate", NS)
    }
    if not animated:
        return [static]
    assert set(animated) == set(attributes)
    return [static, *zip(*(animated[a] for a in attributes), strict=True)]


def _lines(root: ET.Element, kind: str) -> dict[str, list[Line]]:
    return {
        line.attrib[kind]: [
            ((x1, y1), (x2, y2)) for x1, y1, x2, y2 in _frames(line, ("x1", "y1", "x2", "y2"))
        ]
        for line in root.iter(f"{SVG}line")
        if kind in line.attrib
    }


def _segments(root: ET.Element) -> dict[str, list[Line]]:
    return _lines(root, "data-segment")


def _head(root: ET.Element) -> list[Point]:
    circle = root.find(".//svg:circle[@data-segment='head']", NS)
    assert circle is not None
    assert float(circle.attrib["r"]) == pytest.approx(HEAD_RADIUS * UNIT)
    return [(cx, cy) for cx, cy in _frames(circle, ("cx", "cy"))]


@dataclass(frozen=True)
class Weight:
    anchor: str
    radius: float
    centres: list[Point]


def _weights(root: ET.Element) -> list[Weight]:
    return [
        Weight(
            circle.attrib["data-anchor"],
            float(circle.attrib["r"]),
            [(x, y) for x, y in _frames(circle, ("cx", "cy"))],
        )
        for circle in root.iter(f"{SVG}circle")
        if "data-anchor" in circle.attrib
    ]


@dataclass(frozen=True)
class Rect:
    left: float
    top: float
    right: float
    bottom: float


def _rects(root: ET.Element, prop: str) -> list[Rect]:
    rects = root.findall(f".//svg:rect[@data-prop='{prop}']", NS)
    return [
        Rect(
            float(r.attrib["x"]),
            float(r.attrib["y"]),
            float(r.attrib["x"]) + float(r.attrib["width"]),
            float(r.attrib["y"]) + float(r.attrib["height"]),
        )
        for r in rects
    ]


def _blocks(root: ET.Element) -> list[Rect]:
    return [rect for prop in BLOCK_PROPS for rect in _rects(root, prop)]


@dataclass(frozen=True)
class Roller:
    x: float
    y: float
    r: float

    def top_at(self, x: float) -> float | None:
        """The roller's top surface above x (SVG y), if x is over it."""
        if abs(x - self.x) > self.r:
            return None
        return self.y - math.sqrt(self.r**2 - (x - self.x) ** 2)


def _rollers(root: ET.Element) -> list[Roller]:
    circles = root.findall(".//svg:circle[@data-prop='foam-roller']", NS)
    return [Roller(*(float(c.attrib[a]) for a in ("cx", "cy", "r"))) for c in circles]


def _close(a: Point, b: Point) -> bool:
    return math.dist(a, b) <= TOLERANCE


def _figures(svg: str) -> Iterator[ET.Element]:
    """Each drawn figure: the whole animated SVG, or each panel of a strip."""
    root = ET.fromstring(svg)
    panels = root.findall("svg:g", NS)
    yield from panels or [root]


def _joints(lines: dict[str, list[Line]], k: int) -> dict[str, Point]:
    """Every joint of frame k, read off the segment lines (y grows downwards)."""
    joints = {}
    for segment in skeleton.SEGMENTS:
        start, end = lines[segment.name][k]
        joints[segment.parent_joint] = start
        if segment.name != "head":  # the head line stops at the head circle's centre
            joints[segment.child_joint] = end
    pelvis, neck = joints["pelvis"], joints["neck"]
    joints["upper_back"] = (
        pelvis[0] + (neck[0] - pelvis[0]) * UPPER_BACK_SHARE,
        pelvis[1] + (neck[1] - pelvis[1]) * UPPER_BACK_SHARE,
    )
    return joints


def _reach(point: str, weights: list[Weight], view: View) -> float:
    """How far the drawn body goes past a point, in SVG units."""
    if view is not View.SIDE and point.startswith("shoulder"):
        return SHOULDER_SIDE_REACH * UNIT
    if point in TRUNK_POINTS:
        return TRUNK_HALF_DEPTH * UNIT
    if point == "head":
        return HEAD_RADIUS * UNIT
    return max((w.radius for w in weights if w.anchor == point), default=0.0)


def _bottoms(figure: ET.Element, k: int, view: View) -> list[tuple[str, Point]]:
    """Frame k's lowest body points: joints (below the back for the trunk), the head, the
    held weights, and the back and limbs between their joints."""
    lines, heads, weights = _segments(figure), _head(figure), _weights(figure)
    points = {**_joints(lines, k), "head": heads[k]}
    for weight in weights:
        points[weight.anchor] = weight.centres[k]
    bottoms = [(name, (x, y + _reach(name, weights, view))) for name, (x, y) in points.items()]
    for segment in skeleton.SEGMENTS:
        if segment.name == "head":
            continue
        depth = TRUNK_HALF_DEPTH * UNIT if segment.name == "torso" else 0.0
        (x1, y1), (x2, y2) = lines[segment.name][k]
        for share in (i / 10 for i in range(1, 10)):
            point = (x1 + (x2 - x1) * share, y1 + (y2 - y1) * share + depth)
            bottoms.append((segment.name, point))
    return bottoms


def _floor_y(figure: ET.Element) -> float:
    floor = figure.find(".//svg:line[@data-prop='floor']", NS)
    assert floor is not None
    assert floor.attrib["y1"] == floor.attrib["y2"]
    return float(floor.attrib["y1"])


def _gap(point: Point, floor: float, blocks: list[Rect], rollers: list[Roller]) -> float:
    """How far a point is above what is under it: a block or roller it is over, else the floor."""
    x, y = point
    under = [b.top for b in blocks if b.left - ROUNDING <= x <= b.right + ROUNDING]
    under += [top for roller in rollers if (top := roller.top_at(x)) is not None]
    return min([floor, *under]) - y


def _assert_connected(figure: ET.Element, view: View) -> None:
    lines = _segments(figure)
    assert set(lines) == set(skeleton.SEGMENT_NAMES)
    ends_at = {s.child_joint: s.name for s in skeleton.SEGMENTS}
    frame_count = len(lines["torso"])
    for segment in skeleton.SEGMENTS:
        assert len(lines[segment.name]) == frame_count
        parent = ends_at.get(segment.parent_joint)
        for k in range(frame_count):
            start = lines[segment.name][k][0]
            if parent is not None:  # e.g. the shin starts where the thigh ends
                assert _close(start, lines[parent][k][1]), (segment.name, parent, k)
    pelvis = [line[0] for line in lines["torso"]]
    neck = [line[1] for line in lines["torso"]]
    for side in ("l", "r"):
        hips = [line[0] for line in lines[f"thigh_{side}"]]
        shoulders = [line[0] for line in lines[f"upper_arm_{side}"]]
        if view is View.SIDE:
            assert all(_close(a, b) for a, b in zip(hips, pelvis, strict=True))
            assert all(_close(a, b) for a, b in zip(shoulders, neck, strict=True))
        else:
            half_hip = skeleton.HALF_HIP_WIDTH * UNIT
            for hip, middle in zip(hips, pelvis, strict=True):
                assert math.dist(hip, middle) == pytest.approx(half_hip, abs=0.02)
    if view is not View.SIDE:
        _assert_trunk_outline_joins_the_limbs(figure, lines)


def _assert_trunk_outline_joins_the_limbs(figure: ET.Element, lines: dict[str, list[Line]]) -> None:
    """Front and top views: the trunk shape runs from the shoulders, where the arms start, to the
    hips at their full width, outside the hip joints where the legs start."""
    outline = figure.find(".//svg:polygon", NS)
    assert outline is not None
    shapes = [outline.attrib["points"]]
    animation = outline.find("svg:animate", NS)
    if animation is not None:
        shapes += animation.attrib["values"].split(";")
    assert len(shapes) == len(lines["torso"])
    widen = skeleton.HIP_WIDTH / 2 / skeleton.HALF_HIP_WIDTH
    for k, shape in enumerate(shapes):
        points = [tuple(float(v) for v in pair.split(",")) for pair in shape.split()]
        pelvis = lines["torso"][k][0]
        hips = [lines[f"thigh_{side}"][k][0] for side in ("r", "l")]
        corners = [lines["upper_arm_l"][k][0], lines["upper_arm_r"][k][0]]
        corners += [
            (px + (x - px) * widen, py + (y - py) * widen) for (px, py) in [pelvis] for x, y in hips
        ]
        assert len(points) == len(corners)
        for point, corner in zip(points, corners, strict=True):
            assert _close((point[0], point[1]), corner), (corner, k)


# -- the whole catalogue --------------------------------------------------------------------------


@EXERCISES
def test_every_pose_names_known_segments_and_body_points(exercise: Exercise) -> None:
    for pose in exercise.illustration.poses:
        skeleton.full_angles(pose.angles)  # raises on an unknown segment name
    strip_svg(exercise)  # raises on a support naming an unknown point or prop


@EXERCISES
def test_animated_figure_stays_connected_in_every_keyframe(exercise: Exercise) -> None:
    for figure in _figures(animated_svg(exercise)):
        _assert_connected(figure, exercise.illustration.view)


@EXERCISES
def test_strip_figures_are_connected(exercise: Exercise) -> None:
    panels = list(_figures(strip_svg(exercise)))
    assert len(panels) == len(exercise.illustration.poses)
    for panel in panels:
        _assert_connected(panel, exercise.illustration.view)


@EXERCISES
def test_every_frame_rests_on_the_floor_or_a_block_without_sinking_in(exercise: Exercise) -> None:
    for figure in [*_figures(animated_svg(exercise)), *_figures(strip_svg(exercise))]:
        floor, blocks, rollers = _floor_y(figure), _blocks(figure), _rollers(figure)
        for k in range(len(_head(figure))):
            gaps = {
                name: _gap(point, floor, [] if name == BELT else blocks, rollers)
                for name, point in _bottoms(figure, k, exercise.illustration.view)
            }  # a weight on a belt hangs between the boxes
            sunk = {name: round(gap, 2) for name, gap in gaps.items() if gap < -TOLERANCE}
            assert not sunk, (k, sunk)
            assert min(gaps.values()) == pytest.approx(0, abs=TOLERANCE), k


@EXERCISES
def test_named_supports_carry_what_rests_on_them(exercise: Exercise) -> None:
    """In the strip, each point a pose names rests on its block's top or touches its wall."""
    for pose, panel in zip(exercise.illustration.poses, _figures(strip_svg(exercise)), strict=True):
        points = {**_joints(_segments(panel), 0), "head": _head(panel)[0]}
        weights = _weights(panel)
        for name, prop in pose.support.items():
            (x, y), reach = points[name], _reach(name, weights, exercise.illustration.view)
            if prop == "foam-roller":
                (roller,) = _rollers(panel)
                assert (x, y + reach) == pytest.approx(
                    (roller.x, roller.y - roller.r), abs=TOLERANCE
                )
                continue
            (rect,) = _rects(panel, prop)
            if prop == "wall":
                face = rect.right if x > rect.right else rect.left
                assert abs(x - face) == pytest.approx(reach, abs=TOLERANCE), (pose.name, name)
            else:
                assert y + reach == pytest.approx(rect.top, abs=TOLERANCE), (pose.name, name)
                assert rect.left - TOLERANCE <= x <= rect.right + TOLERANCE, (pose.name, name)


@EXERCISES
def test_every_frame_fits_in_the_view_box(exercise: Exercise) -> None:
    root = ET.fromstring(animated_svg(exercise))
    left, top, width, height = (float(v) for v in root.attrib["viewBox"].split())
    points = [p for frames in _segments(root).values() for line in frames for p in line]
    corners = [(-1, -1), (-1, 1), (1, -1), (1, 1)]
    radius = HEAD_RADIUS * UNIT
    points += [(x + dx * radius, y + dy * radius) for x, y in _head(root) for dx, dy in corners]
    for weight in _weights(root):
        r = weight.radius
        points += [(x + dx * r, y + dy * r) for x, y in weight.centres for dx, dy in corners]
    for x, y in points:
        assert left <= x <= left + width
        assert top <= y <= top + height


@EXERCISES
def test_animation_loops_and_is_timed_consistently(exercise: Exercise) -> None:
    root = ET.fromstring(animated_svg(exercise))
    animations = root.findall(".//svg:animate", NS)
    assert animations
    for node in animations:
        times = [float(t) for t in node.attrib["keyTimes"].split(";")]
        values = node.attrib["values"].split(";")
        assert len(times) == len(values)
        assert times[0] == 0 and times[-1] == 1
        assert times == sorted(times)
        assert values[0] == values[-1]  # the loop closes without a jump
        assert node.attrib["repeatCount"] == "indefinite"


@EXERCISES
def test_svgs_are_self_contained_and_accessible(exercise: Exercise) -> None:
    for svg in (animated_svg(exercise), strip_svg(exercise)):
        root = ET.fromstring(svg)
        assert root.attrib["role"] == "img"
        assert exercise.name in root.attrib["aria-label"]
        title = root.find("svg:title", NS)
        assert title is not None and title.text == exercise.name
        assert "href" not in svg and "<script" not in svg and "url(" not in svg
        assert "@import" not in svg and "@font-face" not in svg


# -- drawing and timing ---------------------------------------------------------------------------


def test_strip_labels_every_pose_by_name() -> None:
    exercise = _variant([STANDING, SQUAT])
    root = ET.fromstring(strip_svg(exercise, height=200))
    labels = [text.text for text in root.iter(f"{SVG}text")]
    assert labels == ["1. standing", "2. bottom"]
    assert root.attrib["height"] == "200"
    style = root.find("svg:style", NS)
    assert style is not None and style.text is not None and "font-family" in style.text


def test_side_view_draws_the_far_side_lighter_and_behind() -> None:
    root = ET.fromstring(animated_svg(_variant([STANDING, SQUAT])))
    lines = [line for line in root.iter(f"{SVG}line") if "data-segment" in line.attrib]
    order = [line.attrib["data-segment"] for line in lines]
    classes = {line.attrib["data-segment"]: line.attrib["class"] for line in lines}
    for name in ("thigh_r", "shin_r", "upper_arm_r"):
        assert "gw-far" in classes[name]
        assert order.index(name) < order.index("torso") < order.index(name.replace("_r", "_l"))
    assert "gw-far" not in classes["thigh_l"]
    assert "gw-torso" in classes["torso"]


def test_planted_feet_do_not_slide_during_a_squat() -> None:
    lines = _segments(ET.fromstring(animated_svg(_variant([STANDING, SQUAT]))))
    toes = [end for _, end in lines["foot_l"]]
    assert all(_close(toe, toes[0]) for toe in toes)
    pelvis = [start for start, _ in lines["torso"]]
    assert max(x for x, _ in pelvis) - min(x for x, _ in pelvis) > 5  # the hips travel back


def test_the_foot_that_stays_under_the_body_stays_planted_in_a_side_step() -> None:
    """Both feet rest in both poses, so one has to move: the one that steps out."""
    stance = Pose(name="stance", angles={"foot_r": 180})
    step = Pose(name="step", angles={"foot_r": 180, "thigh_l": -70, "shin_l": -70})
    root = ET.fromstring(animated_svg(_variant([stance, step], view=View.FRONT)))
    lines = _segments(root)
    planted = [end for _, end in lines["foot_r"]]
    stepping = [end for _, end in lines["foot_l"]]
    assert all(_close(toe, planted[0]) for toe in planted)
    assert max(x for x, _ in stepping) > stepping[0][0] + 10


def test_forward_lunge_steps_forward_from_a_planted_back_foot() -> None:
    """Not a reverse lunge: the back foot stays where it stood and the front foot lands ahead."""
    panels = ET.fromstring(strip_svg(CATALOGUE.get("forward-lunge"))).findall("svg:g", NS)
    poses = [_joints(_segments(panel), 0) for panel in panels]
    assert all(p["toe_r"][0] == pytest.approx(poses[0]["toe_r"][0], abs=TOLERANCE) for p in poses)
    assert poses[-1]["toe_l"][0] > poses[0]["toe_l"][0] + 0.3 * UNIT


def test_timing_follows_the_tempo_and_holds() -> None:
    poses = [STANDING, SQUAT.model_copy(update={"hold": 1.5})]
    root = ET.fromstring(animated_svg(_variant(poses, tempo="3-2-1")))
    torso = root.find(".//svg:line[@data-segment='torso']", NS)
    assert torso is not None
    animate = torso.find("svg:animate[@attributeName='x1']", NS)
    assert animate is not None
    total = 3 + 1.5 + 2 + 1
    assert float(animate.attrib["dur"].removesuffix("s")) == pytest.approx(total)
    times = [float(t) for t in animate.attrib["keyTimes"].split(";")]
    values = [float(v) for v in animate.attrib["values"].split(";")]
    arrive, leave = times.index(round(3 / total, 4)), times.index(round(6.5 / total, 4))
    assert values[arrive] == values[leave] != values[0]  # still at the bottom for hold + pause


def _share(line: Line, share: float) -> Point:
    (x1, y1), (x2, y2) = line
    return x1 + (x2 - x1) * share, y1 + (y2 - y1) * share


@pytest.mark.parametrize(
    ("prop", "segment", "share"),
    [("mini-band", "thigh", 0.85), ("band-knees", "thigh", 0.85), ("band-ankles", "shin", 0.8)],
)
def test_band_joins_the_legs_in_front_view(prop: str, segment: str, share: float) -> None:
    stance = Pose(name="stance", angles={"foot_r": 180, "thigh_l": -80, "thigh_r": -100})
    wide = Pose(name="wide", angles={"foot_r": 180, "thigh_l": -70, "thigh_r": -110})
    svg = animated_svg(_variant([stance, wide], view=View.FRONT, props=("floor", prop)))
    root = ET.fromstring(svg)
    lines = _segments(root)
    for k, (left, right) in enumerate(_lines(root, "data-band")[prop]):
        assert _close(left, _share(lines[f"{segment}_l"][k], share))
        assert _close(right, _share(lines[f"{segment}_r"][k], share))


def test_band_crosses_the_thigh_in_side_view_when_the_legs_are_together() -> None:
    root = ET.fromstring(animated_svg(_variant([STANDING, SQUAT], props=("floor", "band"))))
    lines = _segments(root)
    for k, (start, end) in enumerate(_lines(root, "data-band")["band"]):
        middle = ((start[0] + end[0]) / 2, (start[1] + end[1]) / 2)
        assert _close(middle, _share(lines["thigh_l"][k], 0.85))
        (hx, hy), (kx, ky) = lines["thigh_l"][k]
        band = (end[0] - start[0], end[1] - start[1])
        assert band[0] * (kx - hx) + band[1] * (ky - hy) == pytest.approx(0, abs=0.5)
        assert math.hypot(*band) > 4  # visible across the thigh's 4-unit stroke


def test_ankle_band_stretches_between_the_ankles_in_side_view() -> None:
    kick = Pose(name="kick back", angles={"thigh_l": -120, "shin_l": -120})
    root = ET.fromstring(strip_svg(_variant([STANDING, kick], props=("floor", "band-ankles"))))
    panel = root.findall("svg:g", NS)[1]
    lines = _segments(panel)
    ((start, end),) = _lines(panel, "data-band")["band-ankles"]
    near, far = _share(lines["shin_l"][0], 0.8), _share(lines["shin_r"][0], 0.8)
    assert math.dist(near, far) > 10  # the kicked leg is well behind the standing one
    for point in (near, far):  # both ankles lie on the band, inside its ends
        assert math.dist(start, point) + math.dist(point, end) == pytest.approx(
            math.dist(start, end), abs=0.01
        )


def test_props_are_drawn_and_unknown_props_ignored() -> None:
    props = ("floor", "wall", "bench", "foam-roller", "kettlebell", "wall-behind", "trampoline")
    root = ET.fromstring(animated_svg(_variant([STANDING, SQUAT], props=props)))
    drawn = {node.attrib["data-prop"] for node in root.iter() if "data-prop" in node.attrib}
    assert drawn == {"floor", "wall", "bench", "foam-roller", "kettlebell", "wall-behind"}


@pytest.mark.parametrize(
    ("view", "hands"), [(View.SIDE, ["wrist_l"]), (View.FRONT, ["wrist_l", "wrist_r"])]
)
def test_weights_stay_in_the_hands(view: View, hands: list[str]) -> None:
    svg = animated_svg(_variant([STANDING, SQUAT], view=view, props=("floor", "dumbbell")))
    root = ET.fromstring(svg)
    lines = _segments(root)
    weights = _weights(root)
    assert [w.anchor for w in weights] == hands
    for weight in weights:
        wrists = [end for _, end in lines[weight.anchor.replace("wrist", "forearm")]]
        assert all(_close(c, w) for c, w in zip(weight.centres, wrists, strict=True))


def test_a_bar_on_the_floor_lifts_the_figure_until_its_plate_rests_there() -> None:
    setup = Pose(
        name="setup",
        angles={"torso": 10, "thigh_l": -20, "shin_l": -105, "thigh_r": -20, "shin_r": -105},
    )
    root = ET.fromstring(strip_svg(_variant([STANDING, setup], props=("floor", "barbell"))))
    panel = root.findall("svg:g", NS)[1]
    (plate,) = _weights(panel)
    y = plate.centres[0][1]
    assert y + plate.radius == pytest.approx(_floor_y(panel), abs=TOLERANCE)
    toe = _segments(panel)["foot_l"][0][1]
    assert toe[1] < _floor_y(panel) - TOLERANCE  # the feet hover: the pose needs deeper knees


def test_a_dip_belt_hangs_the_weight_under_the_hips() -> None:
    props = ("floor", "box", "dip-belt", "kettlebell")
    on_boxes = {"ankle_l": "box", "toe_l": "box", "ankle_r": "box", "toe_r": "box"}
    poses = [pose.model_copy(update={"support": on_boxes}) for pose in (STANDING, SQUAT)]
    root = ET.fromstring(animated_svg(_variant(poses, props=props)))
    ((anchor, centres),) = [(w.anchor, w.centres) for w in _weights(root)]
    assert anchor == BELT
    chain = _lines(root, "data-prop")["dip-belt"]
    pelvis = [start for start, _ in _segments(root)["torso"]]
    for k, centre in enumerate(centres):
        assert _close(chain[k][0], pelvis[k]) and _close(chain[k][1], centre)
        assert centre[1] - pelvis[k][1] == pytest.approx(BELT_CHAIN * UNIT, abs=TOLERANCE)


def test_unnamed_wall_stands_behind_the_figure() -> None:
    sit = Pose(name="sit", angles={"thigh_l": 0, "shin_l": -90, "thigh_r": 0, "shin_r": -90})
    root = ET.fromstring(animated_svg(_variant([STANDING, sit], props=("floor", "wall"))))
    (wall,) = _rects(root, "wall")
    figure = [p for frames in _segments(root).values() for line in frames for p in line]
    assert wall.right <= min(x for x, _ in figure)


def test_wall_stands_against_the_knee_that_touches_it() -> None:
    """Side view, facing the wall: the wall goes in front, against the named knee."""
    knee_up = {"thigh_l": -20, "shin_l": -110}
    poses = [
        Pose(name="knee to wall", angles=knee_up, support={"knee_l": "wall"}),
        Pose(name="drive", angles={**knee_up, "torso": 85}, support={"knee_l": "wall"}),
    ]
    root = ET.fromstring(strip_svg(_variant(poses, props=("floor", "wall"))))
    for panel in root.findall("svg:g", NS):
        (wall,) = _rects(panel, "wall")
        knee = _segments(panel)["thigh_l"][0][1]
        assert wall.left == pytest.approx(knee[0], abs=TOLERANCE)


def test_wall_stands_beside_the_hip_that_leans_on_it_in_front_view() -> None:
    lean = Pose(
        name="lean",
        angles={"foot_r": 180, "thigh_l": -80, "shin_l": -80, "thigh_r": -80, "shin_r": -80},
        support={"hip_r": "wall"},
    )
    root = ET.fromstring(
        strip_svg(_variant([lean, lean], view=View.FRONT, props=("floor", "wall")))
    )
    panel = root.findall("svg:g", NS)[0]
    (wall,) = _rects(panel, "wall")
    hip = _segments(panel)["thigh_r"][0][0]
    assert hip[0] - wall.right == pytest.approx(TRUNK_HALF_DEPTH * UNIT, abs=TOLERANCE)


def test_wall_behind_fills_the_view_above_the_floor() -> None:
    exercise = _variant([STANDING, SQUAT], props=("floor", "wall-behind"))
    root = ET.fromstring(animated_svg(exercise))
    (wall,) = _rects(root, "wall-behind")
    left, top, width, _ = (float(v) for v in root.attrib["viewBox"].split())
    assert (wall.left, wall.top, wall.right, wall.bottom) == pytest.approx(
        (left, top, left + width, 0)
    )
    order = [node.attrib.get("data-prop") or node.attrib.get("data-segment") for node in root]
    assert order.index("wall-behind") < order.index("torso")  # drawn behind the figure


def test_bench_carries_the_feet_named_on_it() -> None:
    """A feet-up bridge: the feet stay on the bench while the hips rise."""
    feet_on_bench = {"ankle_l": "bench", "ankle_r": "bench"}
    down = Pose(
        name="down",
        angles={**LYING, "thigh_l": 60, "shin_l": -30, "thigh_r": 60, "shin_r": -30},
        support=feet_on_bench,
    )
    up = Pose(
        name="up",
        angles={**LYING, "torso": 200, "thigh_l": 43, "shin_l": -45, "thigh_r": 43, "shin_r": -45},
        support=feet_on_bench,
    )
    root = ET.fromstring(strip_svg(_variant([down, up], props=("floor", "bench"))))
    panels = root.findall("svg:g", NS)
    benches = [_rects(panel, "bench")[0] for panel in panels]
    assert benches[0] == benches[1]
    assert benches[0].top < -0.1 * UNIT  # well off the floor
    for panel in panels:
        _, ankle = _segments(panel)["shin_l"][0]
        assert ankle[1] == pytest.approx(benches[0].top, abs=TOLERANCE)


def test_a_pose_standing_on_the_step_is_lifted_onto_it() -> None:
    """The top of a step-up: nothing touches the floor, the lead foot stands on the step."""
    on_step = {"ankle_l": "step", "toe_l": "step"}
    foot_up = Pose(name="foot on step", angles={"thigh_l": 0, "shin_l": -90}, support=on_step)
    top = Pose(name="top", angles={"thigh_r": -95, "shin_r": -120}, support=on_step)
    root = ET.fromstring(strip_svg(_variant([foot_up, top], props=("floor", "step"))))
    first, second = root.findall("svg:g", NS)
    (step,) = _rects(first, "step")
    _, ankle = _segments(first)["shin_l"][0]
    assert step.top == pytest.approx(ankle[1], abs=TOLERANCE)  # the step is as high as the foot
    assert step.left == pytest.approx(ankle[0], abs=TOLERANCE)  # the heel at the step's edge
    lines = _segments(second)
    assert lines["shin_l"][0][1] == pytest.approx((ankle[0], step.top), abs=TOLERANCE)
    lowest = max(y for frames in lines.values() for line in frames for _, y in line)
    assert lowest == pytest.approx(step.top, abs=TOLERANCE)  # nothing lower than the step


def test_box_carries_a_seated_pelvis() -> None:
    seated = Pose(
        name="seated",
        angles={"thigh_l": 0, "shin_l": -90, "thigh_r": 0, "shin_r": -90},
        support={"pelvis": "box"},
    )
    root = ET.fromstring(strip_svg(_variant([STANDING, seated], props=("floor", "box"))))
    second = root.findall("svg:g", NS)[1]
    (box,) = _rects(second, "box")
    pelvis, _ = _segments(second)["torso"][0]
    assert box.top == pytest.approx(pelvis[1] + TRUNK_HALF_DEPTH * UNIT, abs=TOLERANCE)


def test_the_upper_back_rests_across_the_bench_edge() -> None:
    """A hip thrust: the bench's edge is under the upper back and the bench runs under the head.
    The legs are fitted so the feet stay as far from the upper back in both poses."""
    on_bench = {"upper_back": "bench"}
    bent = {"thigh_l": 24.7, "shin_l": -77.9, "thigh_r": 24.7, "shin_r": -77.9}
    down = Pose(name="down", angles={**LYING, **bent, "torso": 150}, support=on_bench)
    level = {"thigh_l": 0, "shin_l": -90, "thigh_r": 0, "shin_r": -90}
    up = Pose(name="up", angles={**LYING, **level}, support=on_bench)
    root = ET.fromstring(strip_svg(_variant([down, up], props=("floor", "bench"))))
    for panel in root.findall("svg:g", NS):
        (bench,) = _rects(panel, "bench")
        back = _joints(_segments(panel), 0)["upper_back"]
        assert bench.right == pytest.approx(back[0], abs=TOLERANCE)
        assert _head(panel)[0][0] < bench.right  # the head is over the bench


def test_a_support_on_a_prop_not_in_props_is_refused() -> None:
    with pytest.raises(ValueError, match="step"):
        Illustration(
            view=View.SIDE,
            poses=[STANDING, Pose(name="up", angles={}, support={"ankle_l": "step"})],
            props=["floor"],
        )


@pytest.mark.parametrize(
    ("support", "message"), [({"kneecap": "step"}, "kneecap"), ({"ankle_l": "band"}, "band")]
)
def test_a_support_on_an_unknown_point_or_prop_is_refused(
    support: dict[str, str], message: str
) -> None:
    pose = Pose(name="up", angles={}, support=support)
    exercise = _variant([STANDING, pose], props=("floor", "step", "band"))
    with pytest.raises(ValueError, match=message):
        strip_svg(exercise)
