"""The renderer, read back from its SVG: well formed, a connected figure in every frame, standing
on the floor, inside the view, timed from the dose, with its props."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest

from glutewake.catalogue import Exercise, default_catalogue
from glutewake.catalogue.schema import Dose, Illustration, Pose, View
from glutewake.illustration import skeleton
from glutewake.illustration.render import (
    HEAD_RADIUS,
    TRUNK_HALF_DEPTH,
    TRUNK_JOINTS,
    UNIT,
    animated_svg,
    strip_svg,
)

NS = {"svg": "http://www.w3.org/2000/svg"}
CATALOGUE = default_catalogue()
EXERCISES = pytest.mark.parametrize("exercise", CATALOGUE.exercises, ids=lambda e: e.id)
TOLERANCE = 0.01
SQUAT = Pose(
    name="bottom",
    angles={"torso": 60, "thigh_l": -10, "shin_l": -112, "thigh_r": -10, "shin_r": -112},
)
STANDING = Pose(name="standing", angles={})

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


def _segments(root: ET.Element) -> dict[str, list[Line]]:
    lines = root.iter("{http://www.w3.org/2000/svg}line")
    return {
        line.attrib["data-segment"]: [
            ((x1, y1), (x2, y2)) for x1, y1, x2, y2 in _frames(line, ("x1", "y1", "x2", "y2"))
        ]
        for line in lines
        if "data-segment" in line.attrib
    }


def _head(root: ET.Element) -> list[Point]:
    circle = root.find(".//svg:circle[@data-segment='head']", NS)
    assert circle is not None
    assert float(circle.attrib["r"]) == pytest.approx(HEAD_RADIUS * UNIT)
    return [(cx, cy) for cx, cy in _frames(circle, ("cx", "cy"))]


def _close(a: Point, b: Point) -> bool:
    return math.dist(a, b) <= TOLERANCE


def _figures(svg: str) -> Iterator[ET.Element]:
    """Each drawn figure: the whole animated SVG, or each panel of a strip."""
    root = ET.fromstring(svg)
    panels = root.findall("svg:g", NS)
    yield from panels or [root]


def _assert_connected(figure: ET.Element, view: View) -> None:
    lines = _segments(figure)
    assert set(skeleton.SEGMENT_NAMES) <= set(lines)
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
    """Front and top views: the trunk shape's corners are where arms and legs start."""
    outline = figure.find(".//svg:polygon", NS)
    assert outline is not None
    shapes = [outline.attrib["points"]]
    animation = outline.find("svg:animate", NS)
    if animation is not None:
        shapes += animation.attrib["values"].split(";")
    corners = ("upper_arm_l", "upper_arm_r", "thigh_r", "thigh_l")
    assert len(shapes) == len(lines["torso"])
    for k, shape in enumerate(shapes):
        points = [tuple(float(v) for v in pair.split(",")) for pair in shape.split()]
        for point, limb in zip(points, corners, strict=True):
            assert _close((point[0], point[1]), lines[limb][k][0]), (limb, k)


def _lowest(lines: dict[str, list[Line]], heads: list[Point], k: int) -> float:
    """The figure's lowest point in frame k, as SVG y (which grows downwards)."""
    depth = TRUNK_HALF_DEPTH * UNIT
    bottoms = [heads[k][1] + HEAD_RADIUS * UNIT]
    for segment in skeleton.SEGMENTS:
        start, end = lines[segment.name][k]
        bottoms.append(start[1] + (depth if segment.parent_joint in TRUNK_JOINTS else 0.0))
        if segment.name != "head":  # the head line stops at the head circle's centre
            bottoms.append(end[1] + (depth if segment.child_joint in TRUNK_JOINTS else 0.0))
    return max(bottoms)


def _floor_y(figure: ET.Element) -> float:
    floor = figure.find(".//svg:line[@data-prop='floor']", NS)
    assert floor is not None
    assert floor.attrib["y1"] == floor.attrib["y2"]
    return float(floor.attrib["y1"])


@EXERCISES
def test_every_pose_names_known_segments(exercise: Exercise) -> None:
    for pose in exercise.illustration.poses:
        skeleton.full_angles(pose.angles)  # raises on an unknown segment name


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
def test_lowest_point_of_every_frame_is_on_the_floor(exercise: Exercise) -> None:
    for figure in [*_figures(animated_svg(exercise)), *_figures(strip_svg(exercise))]:
        lines, heads = _segments(figure), _head(figure)
        floor = _floor_y(figure)
        for k in range(len(heads)):
            assert _lowest(lines, heads, k) == pytest.approx(floor, abs=TOLERANCE), k


@EXERCISES
def test_every_frame_fits_in_the_view_box(exercise: Exercise) -> None:
    root = ET.fromstring(animated_svg(exercise))
    left, top, width, height = (float(v) for v in root.attrib["viewBox"].split())
    points = [p for frames in _segments(root).values() for line in frames for p in line]
    radius = HEAD_RADIUS * UNIT
    points += [
        (x + dx, y + dy)
        for x, y in _head(root)
        for dx in (-radius, radius)
        for dy in (-radius, radius)
    ]
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


def test_strip_labels_every_pose_by_name() -> None:
    exercise = _variant([STANDING, SQUAT])
    root = ET.fromstring(strip_svg(exercise, height=200))
    labels = [text.text for text in root.iter("{http://www.w3.org/2000/svg}text")]
    assert labels == ["1. standing", "2. bottom"]
    assert root.attrib["height"] == "200"
    assert "font-family" in svg_style(root)


def svg_style(root: ET.Element) -> str:
    style = root.find("svg:style", NS)
    assert style is not None and style.text is not None
    return style.text


def test_side_view_draws_the_far_side_lighter_and_behind() -> None:
    root = ET.fromstring(animated_svg(_variant([STANDING, SQUAT])))
    lines = [
        line
        for line in root.iter("{http://www.w3.org/2000/svg}line")
        if "data-segment" in line.attrib
    ]
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


def _above_knee(thigh: Line) -> Point:
    (hx, hy), (kx, ky) = thigh
    return hx + (kx - hx) * 0.85, hy + (ky - hy) * 0.85


def test_band_joins_the_knees_in_front_view() -> None:
    stance = Pose(name="stance", angles={"foot_r": 180, "thigh_l": -80, "thigh_r": -100})
    wide = Pose(name="wide", angles={"foot_r": 180, "thigh_l": -70, "thigh_r": -110})
    svg = animated_svg(_variant([stance, wide], view=View.FRONT, props=("floor", "mini-band")))
    lines = _segments(ET.fromstring(svg))
    for k, (left, right) in enumerate(lines["band"]):
        assert _close(left, _above_knee(lines["thigh_l"][k]))
        assert _close(right, _above_knee(lines["thigh_r"][k]))


def test_band_crosses_the_thigh_in_side_view() -> None:
    svg = animated_svg(_variant([STANDING, SQUAT], props=("floor", "band")))
    lines = _segments(ET.fromstring(svg))
    for k, (start, end) in enumerate(lines["band"]):
        middle = ((start[0] + end[0]) / 2, (start[1] + end[1]) / 2)
        assert _close(middle, _above_knee(lines["thigh_l"][k]))
        (hx, hy), (kx, ky) = lines["thigh_l"][k]
        band = (end[0] - start[0], end[1] - start[1])
        assert band[0] * (kx - hx) + band[1] * (ky - hy) == pytest.approx(0, abs=0.5)
        assert math.hypot(*band) > 4  # visible across the thigh's 4-unit stroke


def test_props_are_drawn_and_unknown_props_ignored() -> None:
    props = ("floor", "wall", "bench", "foam-roller", "kettlebell", "trampoline")
    root = ET.fromstring(animated_svg(_variant([STANDING, SQUAT], props=props)))
    drawn = {node.attrib["data-prop"] for node in root.iter() if "data-prop" in node.attrib}
    assert drawn == {"floor", "wall", "bench", "foam-roller", "kettlebell"}


@pytest.mark.parametrize(("view", "hands"), [(View.SIDE, ["l"]), (View.FRONT, ["l", "r"])])
def test_weights_stay_in_the_hands(view: View, hands: list[str]) -> None:
    svg = animated_svg(_variant([STANDING, SQUAT], view=view, props=("floor", "dumbbell")))
    root = ET.fromstring(svg)
    lines = _segments(root)
    weights = root.findall(".//svg:circle[@data-prop='dumbbell']", NS)
    assert len(weights) == len(hands)
    for weight, side in zip(weights, hands, strict=True):
        centres = _frames(weight, ("cx", "cy"))
        wrists = [end for _, end in lines[f"forearm_{side}"]]
        assert all(_close((x, y), wrist) for (x, y), wrist in zip(centres, wrists, strict=True))


def test_wall_stands_behind_a_wall_sit() -> None:
    sit = Pose(name="sit", angles={"thigh_l": 0, "shin_l": -90, "thigh_r": 0, "shin_r": -90})
    root = ET.fromstring(animated_svg(_variant([STANDING, sit], props=("floor", "wall"))))
    wall = root.find(".//svg:rect[@data-prop='wall']", NS)
    assert wall is not None
    wall_front = float(wall.attrib["x"]) + float(wall.attrib["width"])
    figure = [p for frames in _segments(root).values() for line in frames for p in line]
    assert wall_front <= min(x for x, _ in figure)


def test_bench_sits_under_the_feet_that_rest_on_it() -> None:
    """A feet-up bridge: the feet stay on the bench while the hips rise."""
    lying = {
        "torso": 180,
        "head": 180,
        "upper_arm_l": 0,
        "forearm_l": 0,
        "upper_arm_r": 0,
        "forearm_r": 0,
    }
    down = Pose(
        name="down", angles={**lying, "thigh_l": 60, "shin_l": -30, "thigh_r": 60, "shin_r": -30}
    )
    up = Pose(
        name="up",
        angles={**lying, "torso": 200, "thigh_l": 43, "shin_l": -45, "thigh_r": 43, "shin_r": -45},
    )
    root = ET.fromstring(strip_svg(_variant([down, up], props=("floor", "bench"))))
    benches = root.findall(".//svg:rect[@data-prop='bench']", NS)
    assert len(benches) == 2  # one per panel
    bench_top = float(benches[0].attrib["y"])
    assert bench_top < -0.1 * UNIT  # well off the floor
    for panel in root.findall("svg:g", NS):
        _, ankle = _segments(panel)["shin_l"][0]
        assert ankle[1] == pytest.approx(bench_top, abs=0.01 * UNIT)


def test_front_view_figure_is_connected_with_a_trunk_outline() -> None:
    leg_out = Pose(name="leg out", angles={"foot_r": 180, "thigh_l": -60, "shin_l": -60})
    exercise = _variant([Pose(name="standing", angles={"foot_r": 180}), leg_out], view=View.FRONT)
    for svg in (animated_svg(exercise), strip_svg(exercise)):
        for figure in _figures(svg):
            _assert_connected(figure, View.FRONT)


def test_step_goes_under_the_raised_foot() -> None:
    foot_up = Pose(name="foot on step", angles={"thigh_l": 0, "shin_l": -90})
    root = ET.fromstring(strip_svg(_variant([foot_up, STANDING], props=("floor", "step"))))
    first = root.findall("svg:g", NS)[0]
    step = first.find("svg:rect[@data-prop='step']", NS)
    assert step is not None
    _, ankle = _segments(first)["shin_l"][0]
    assert float(step.attrib["y"]) == pytest.approx(ankle[1], abs=0.01)
    assert (
        float(step.attrib["x"]) < ankle[0] < float(step.attrib["x"]) + float(step.attrib["width"])
    )


def test_box_goes_under_a_seated_pelvis() -> None:
    seated = Pose(name="seated", angles={"thigh_l": 0, "shin_l": -90, "thigh_r": 0, "shin_r": -90})
    root = ET.fromstring(strip_svg(_variant([STANDING, seated], props=("floor", "box"))))
    second = root.findall("svg:g", NS)[1]
    box = second.find("svg:rect[@data-prop='box']", NS)
    assert box is not None
    pelvis, _ = _segments(second)["torso"][0]
    assert float(box.attrib["y"]) == pytest.approx(pelvis[1] + TRUNK_HALF_DEPTH * UNIT, abs=0.01)
