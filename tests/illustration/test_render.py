"""The renderer, read back from its SVG: well formed, a connected figure in every frame and every
view, resting on the floor or on the props its poses name (or off the floor in a hop), inside the
view, timed from the dose, animated with CSS that stops under reduced motion, with its props."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

import pytest
from svg_frames import (
    NS,
    SVG,
    Drawing,
    Point,
    figures,
    joints,
    outline,
    parts,
    segments,
)

from glutewake.catalogue import Exercise, default_catalogue
from glutewake.catalogue.schema import Dose, Illustration, Pose, View
from glutewake.illustration import skeleton
from glutewake.illustration.drawing import UNIT
from glutewake.illustration.render import Subject, animated_svg, still_svg, strip_svg
from glutewake.screening.data import load_screening_data

CATALOGUE = default_catalogue()
SELF_TESTS = load_screening_data().self_tests
# Every picture: each exercise and each self-test.
SUBJECTS = [Subject.of(e) for e in CATALOGUE.exercises] + [
    Subject.of_self_test(t) for t in SELF_TESTS if t.illustration is not None
]
EXERCISES = pytest.mark.parametrize("exercise", SUBJECTS, ids=lambda s: s.key)
EVERY_VIEW = pytest.mark.parametrize(
    ("exercise", "view"),
    [(s, v) for s in SUBJECTS for v in s.illustration.all_views],
    ids=lambda x: x.key if isinstance(x, Subject) else x.value,
)
TOLERANCE = 0.01 * UNIT  # SVG units
SQUAT = Pose(
    name="bottom",
    angles={"torso": 60, "thigh_l": -10, "shin_l": -112, "thigh_r": -10, "shin_r": -112},
)
STANDING = Pose(name="standing", angles={})
LYING = {"torso": 180, "head": 180, "upper_arm_l": 0, "forearm_l": 0, "upper_arm_r": 0}
LYING |= {"forearm_r": 0}
BLOCKS = ("step", "box", "bench", "chair", "table")


def floor_view(subject: Subject) -> View:
    """A view that shows the floor as a line: the main one unless that looks down from above."""
    return next(v for v in subject.illustration.all_views if v is not View.TOP)


def variant(
    poses: list[Pose],
    view: View = View.SIDE,
    props: tuple[str, ...] = ("floor",),
    tempo: str = "2-1-2",
    extra: tuple[View, ...] = (),
) -> Exercise:
    """The glute bridge with another illustration and tempo (our own data, not a mock)."""
    bridge = CATALOGUE.get("glute-bridge")
    illustration = Illustration(view=view, poses=poses, props=list(props), views=list(extra))
    dose = Dose.model_validate({**bridge.dose.model_dump(), "tempo": tempo})
    return bridge.model_copy(update={"illustration": illustration, "dose": dose})


def close(a: Point, b: Point, tolerance: float = TOLERANCE) -> bool:
    return math.dist(a, b) <= tolerance


def floor_y(scope: ET.Element) -> float | None:
    line = scope.find(".//svg:line[@data-prop='floor']", NS)
    return None if line is None else float(line.attrib["y1"])


def body_points(drawing: Drawing, scope: ET.Element, frame: int) -> list[Point]:
    """Every drawn point of the body and of the weights it holds, in one frame."""
    body = scope.find(".//svg:g[@class='gw-body']", NS)
    assert body is not None
    weights = [e for e in scope.iter() if "data-anchor" in e.attrib]
    return [p for element in [body, *weights] for p in outline(drawing, element, frame)]


def prop_tops(drawing: Drawing, scope: ET.Element, name: str) -> list[tuple[float, float, float]]:
    """(left, right, top) of each drawn piece of a prop (SVG units)."""
    found = []
    for element in scope.iter():
        if element.attrib.get("data-prop") == name:
            points = outline(drawing, element, 0)
            xs, ys = [x for x, _ in points], [y for _, y in points]
            found.append((min(xs), max(xs), min(ys)))
    return found


# -- connected, whole, on the floor ---------------------------------------------------------------


def assert_connected(drawing: Drawing, scope: ET.Element, view: View, authored: View) -> None:
    lines = segments(drawing, scope)
    assert set(lines) >= skeleton.SEGMENT_NAMES - {"head"}
    ends_at = {s.child_joint: s.name for s in skeleton.SEGMENTS}
    heads = [(t.dx, t.dy) for t in drawing.transforms(parts(scope)["head"])]
    for k in range(len(drawing.shares)):
        for spec in skeleton.SEGMENTS:
            parent = ends_at.get(spec.parent_joint)
            if parent is not None and spec.name != "head":  # the shin starts where the thigh ends
                assert close(lines[spec.name][k].start, lines[parent][k].end), (spec.name, k)
        assert close(lines["torso"][k].start, lines["pelvis"][k].start)
        assert close(lines["neck"][k].start, lines["torso"][k].end)
        assert close(lines["neck"][k].end, heads[k]), k
        if view is authored:
            pelvis, neck = lines["torso"][k].start, lines["torso"][k].end
            for side in "lr":
                hip, shoulder = lines[f"thigh_{side}"][k].start, lines[f"upper_arm_{side}"][k].start
                if view is View.SIDE:
                    assert close(hip, pelvis) and close(shoulder, neck)
                else:
                    assert math.dist(hip, pelvis) == pytest.approx(
                        skeleton.HALF_HIP_WIDTH * UNIT, abs=0.15
                    )


@EVERY_VIEW
def test_the_animated_figure_stays_connected_in_every_frame(exercise: Subject, view: View) -> None:
    for drawing, scope in figures(animated_svg(exercise, view=view)):
        assert_connected(drawing, scope, view, exercise.illustration.view)


@EVERY_VIEW
def test_the_strip_shows_every_key_pose_connected(exercise: Subject, view: View) -> None:
    panels = list(figures(strip_svg(exercise, view=view)))
    assert len(panels) == len(exercise.illustration.poses)
    for drawing, scope in panels:
        assert_connected(drawing, scope, view, exercise.illustration.view)


@EXERCISES
def test_limbs_keep_their_length_between_animation_stops(exercise: Subject) -> None:
    """The browser moves each part in a straight line between two stops: the joints must not
    come apart by more than a quarter of a limb's width on the way."""
    drawing = Drawing.parse(animated_svg(exercise))
    lines = segments(drawing, drawing.root)
    ends_at = {s.child_joint: s.name for s in skeleton.SEGMENTS}
    for spec in skeleton.SEGMENTS:
        parent = ends_at.get(spec.parent_joint)
        if parent is None or spec.name == "head":
            continue
        for k in range(len(drawing.shares) - 1):
            a, b = lines[parent][k], lines[parent][k + 1]
            c, d = lines[spec.name][k], lines[spec.name][k + 1]
            # Halfway between two stops the parent has turned and stretched halfway and the
            # child's start has moved halfway in a straight line.
            size = (math.dist(a.start, a.end) + math.dist(b.start, b.end)) / 2
            angle = math.radians((a.angle + b.angle) / 2)
            start = ((a.start[0] + b.start[0]) / 2, (a.start[1] + b.start[1]) / 2)
            end = (start[0] + size * math.cos(angle), start[1] - size * math.sin(angle))
            child = ((c.start[0] + d.start[0]) / 2, (c.start[1] + d.start[1]) / 2)
            assert math.dist(end, child) < 0.01 * UNIT, (spec.name, k)


def resting_surfaces(drawing: Drawing, scope: ET.Element) -> list[tuple[float, float, float]]:
    surfaces = [
        (left, right, top)
        for name in BLOCKS
        for left, right, top in prop_tops(drawing, scope, name)
    ]
    roller = scope.find(".//svg:circle[@data-prop='foam-roller']", NS)
    if roller is not None:
        cx, cy, r = (float(roller.attrib[a]) for a in ("cx", "cy", "r"))
        surfaces.append((cx - r * 0.3, cx + r * 0.3, cy - r))
    return surfaces


def surface_under(point: Point, floor: float, surfaces: list[tuple[float, float, float]]) -> float:
    """The highest top under a point that it is not below (SVG y): a block it is over, else the
    floor. A point lower than a block's top is beside the block, not in it."""
    x, y = point
    tops = [
        top for left, right, top in surfaces if left - 1 <= x <= right + 1 and y <= top + TOLERANCE
    ]
    return min([floor, *tops])


@EXERCISES
def test_every_frame_rests_on_the_floor_or_a_prop_without_sinking_in(exercise: Subject) -> None:
    hops = {i for i, pose in enumerate(exercise.illustration.poses) if pose.lift > 0}
    view = floor_view(exercise)
    for svg in (animated_svg(exercise, view=view), strip_svg(exercise, view=view)):
        for drawing, scope in figures(svg):
            floor = floor_y(scope)
            assert floor is not None
            surfaces = resting_surfaces(drawing, scope)
            pose = int(scope.attrib.get("data-pose", -1))
            for k in range(len(drawing.shares)):
                points = body_points(drawing, scope, k)
                assert max(y for _, y in points) <= floor + TOLERANCE, k  # nothing under the floor
                gap = min(surface_under(p, floor, surfaces) - p[1] for p in points)
                if pose >= 0 and pose not in hops:
                    assert gap == pytest.approx(0, abs=TOLERANCE), (pose, gap)


@EXERCISES
def test_named_supports_carry_what_rests_on_them(exercise: Subject) -> None:
    """In the strip, the drawn body touches the top of each block its pose names."""
    strip = strip_svg(exercise, view=floor_view(exercise))
    for pose, (drawing, scope) in zip(exercise.illustration.poses, figures(strip), strict=True):
        points = body_points(drawing, scope, 0)
        for prop in {p for p in pose.support.values() if p in BLOCKS}:
            tops = prop_tops(drawing, scope, prop)
            top = min(t for _, _, t in tops)
            left, right = min(t[0] for t in tops), max(t[1] for t in tops)
            on = [y for x, y in points if left - 1 <= x <= right + 1 and y <= top + TOLERANCE]
            assert max(on) == pytest.approx(top, abs=TOLERANCE), (pose.name, prop)


@EXERCISES
def test_every_frame_fits_in_the_view_box(exercise: Subject) -> None:
    for view in exercise.illustration.all_views:
        drawing = Drawing.parse(animated_svg(exercise, view=view))
        left, top, width, height = (float(v) for v in drawing.root.attrib["viewBox"].split())
        for k in range(len(drawing.shares)):
            for x, y in body_points(drawing, drawing.root, k):
                assert left - 1 <= x <= left + width + 1 and top - 1 <= y <= top + height + 1


# -- time and motion ------------------------------------------------------------------------------


@EXERCISES
def test_the_animation_loops_in_css_and_stops_without_motion(exercise: Subject) -> None:
    svg = animated_svg(exercise)
    drawing = Drawing.parse(svg)
    assert drawing.rules, "something moves"
    for stops in drawing.rules.values():
        assert min(stops) == 0 and max(stops) == 1
        assert stops[0] == stops[1]  # the loop closes without a jump
    assert "<animate" not in svg  # no SMIL: CSS obeys prefers-reduced-motion
    assert re.search(r"@media \(prefers-reduced-motion:reduce\)\{[^}]*animation:none", svg)
    assert re.search(r"@media print\{[^}]*animation:none", svg)
    animated = [e for e in drawing.root.iter() if "animation:" in e.attrib.get("style", "")]
    assert all("infinite" in e.attrib["style"] for e in animated)


def test_timing_follows_the_tempo_and_holds() -> None:
    poses = [STANDING, SQUAT.model_copy(update={"hold": 1.5})]
    exercise = variant(poses, tempo="3-2-1")
    drawing = Drawing.parse(animated_svg(exercise))
    total = 3 + 1.5 + 2 + 1
    assert drawing.seconds == pytest.approx(total)
    torso = [t.angle for t in drawing.transforms(parts(drawing.root)["torso"])]
    at_bottom = [
        share
        for share, angle in zip(drawing.shares, torso, strict=True)
        if angle == pytest.approx(-60, abs=0.05)
    ]
    assert min(at_bottom) == pytest.approx(3 / total, abs=0.001)
    assert max(at_bottom) == pytest.approx(6.5 / total, abs=0.001)  # still for hold + pause


@EXERCISES
def test_without_motion_the_picture_shows_the_still_pose(exercise: Subject) -> None:
    """Reduced motion and print show each element's static transform: the still pose, the same
    one as the still picture and that pose's panel in the strip."""
    index = exercise.illustration.still_index
    animated = Drawing.parse(animated_svg(exercise))
    still = Drawing.parse(still_svg(exercise))
    _, panel = list(figures(strip_svg(exercise)))[index]
    strip = Drawing.parse(strip_svg(exercise))
    shown = {name: animated.still(e) for name, e in parts(animated.root).items()}
    alone = {name: still.still(e) for name, e in parts(still.root).items()}
    printed = {name: strip.still(e) for name, e in parts(panel).items()}
    for name in shown:
        for other in (alone[name], printed[name]):
            turn = (shown[name].angle - other.angle + 180) % 360 - 180
            assert turn == pytest.approx(0, abs=0.06), name
    assert exercise.illustration.poses[index].name in still.root.attrib["aria-label"]


def test_the_still_is_the_last_pose_unless_one_is_named() -> None:
    named = Illustration(view=View.SIDE, poses=[STANDING, SQUAT], still="standing")
    assert named.still_index == 0
    assert Illustration(view=View.SIDE, poses=[STANDING, SQUAT]).still_index == 1
    with pytest.raises(ValueError, match="still"):
        Illustration(view=View.SIDE, poses=[STANDING, SQUAT], still="lunge")


@EXERCISES
def test_pictures_are_small_self_contained_and_accessible(exercise: Subject) -> None:
    for svg in (animated_svg(exercise), still_svg(exercise), strip_svg(exercise)):
        root = ET.fromstring(svg)
        assert root.attrib["role"] == "img"
        assert exercise.name in root.attrib["aria-label"]
        title = root.find("svg:title", NS)
        assert title is not None and title.text == exercise.name
        assert "href" not in svg and "<script" not in svg and "url(" not in svg
        assert "@import" not in svg and "@font-face" not in svg
    assert len(animated_svg(exercise).encode()) < 24_000
    assert len(still_svg(exercise).encode()) < 9_000


@EXERCISES
def test_the_figure_is_legible_as_a_120_px_thumbnail(exercise: Subject) -> None:
    """At 120 px wide a body height is at least 55 px, so the thinnest limb is 2 px wide."""
    for view in exercise.illustration.all_views:
        root = ET.fromstring(still_svg(exercise, 120, view))
        width = float(root.attrib["viewBox"].split()[2])
        assert 120 / width * UNIT >= 55, view


# -- drawing details ------------------------------------------------------------------------------


def test_strip_labels_every_pose_by_name() -> None:
    root = ET.fromstring(strip_svg(variant([STANDING, SQUAT]), height=200))
    labels = [text.text for text in root.iter(f"{SVG}text")]
    assert labels == ["1. standing", "2. bottom"]
    assert root.attrib["height"] == "200"
    style = root.find("svg:style", NS)
    assert style is not None and style.text is not None and "font-family" in style.text


def test_side_view_draws_the_far_side_lighter_and_behind() -> None:
    root = ET.fromstring(animated_svg(variant([STANDING, SQUAT])))
    drawn = parts(root)
    order = list(drawn)
    for name in ("thigh_r", "shin_r", "upper_arm_r"):
        assert drawn[name].attrib["class"] == "gw-far"
        assert drawn[name.replace("_r", "_l")].attrib["class"] == "gw-near"
        assert order.index(name) < order.index("torso") < order.index(name.replace("_r", "_l"))


def test_lying_on_one_side_the_lower_side_is_drawn_lighter() -> None:
    drawn = parts(ET.fromstring(still_svg(CATALOGUE.get("clamshell"))))
    assert drawn["thigh_r"].attrib["class"] == "gw-far"
    assert drawn["thigh_l"].attrib["class"] == "gw-near"


def test_planted_feet_do_not_slide_during_a_squat() -> None:
    drawing = Drawing.parse(animated_svg(variant([STANDING, SQUAT])))
    lines = segments(drawing, drawing.root)
    toes = [line.end for line in lines["foot_l"]]
    assert all(close(toe, toes[0]) for toe in toes)
    pelvis = [line.start[0] for line in lines["torso"]]
    assert max(pelvis) - min(pelvis) > 5  # the hips travel back


def test_the_foot_that_stays_under_the_body_stays_planted_in_a_side_step() -> None:
    """Both feet rest in both poses, so one has to move: the one that steps out."""
    stance = Pose(name="stance", angles={"foot_r": 180})
    step = Pose(name="step", angles={"foot_r": 180, "thigh_l": -70, "shin_l": -70})
    drawing = Drawing.parse(animated_svg(variant([stance, step], view=View.FRONT)))
    lines = segments(drawing, drawing.root)
    planted = [line.start for line in lines["foot_r"]]
    stepping = [line.start for line in lines["foot_l"]]
    assert all(close(p, planted[0]) for p in planted)
    assert max(x for x, _ in stepping) > stepping[0][0] + 10


def test_forward_lunge_steps_forward_from_a_planted_back_foot() -> None:
    """Not a reverse lunge: the back foot stays where it stood and the front foot lands ahead."""
    panels = list(figures(strip_svg(CATALOGUE.get("forward-lunge"))))
    poses = [joints(drawing, scope, 0) for drawing, scope in panels]
    assert all(p["toe_r"][0] == pytest.approx(poses[0]["toe_r"][0], abs=TOLERANCE) for p in poses)
    assert poses[-1]["toe_l"][0] > poses[0]["toe_l"][0] + 0.3 * UNIT


@pytest.mark.parametrize(
    ("prop", "segment", "share"),
    [("mini-band", "thigh", 0.85), ("band-knees", "thigh", 0.85), ("band-ankles", "shin", 0.8)],
)
def test_a_band_joins_the_legs_in_front_view(prop: str, segment: str, share: float) -> None:
    stance = Pose(name="stance", angles={"foot_r": 180, "thigh_l": -80, "thigh_r": -100})
    wide = Pose(name="wide", angles={"foot_r": 180, "thigh_l": -70, "thigh_r": -110})
    drawing = Drawing.parse(
        animated_svg(variant([stance, wide], view=View.FRONT, props=("floor", prop)))
    )
    band = drawing.root.find(f".//svg:g[@data-band='{prop}']", NS)
    assert band is not None
    lines = segments(drawing, drawing.root)
    for k in range(len(drawing.shares)):
        xs = [x for x, _ in outline(drawing, band, k)]
        legs = []
        for side in "lr":
            line = lines[f"{segment}_{side}"][k]
            legs.append(line.start[0] + (line.end[0] - line.start[0]) * share)
        assert min(xs) < min(legs) and max(xs) > max(legs)


def test_a_band_in_side_view_crosses_the_leg_when_the_legs_are_together() -> None:
    drawing = Drawing.parse(
        still_svg(
            variant(
                [STANDING, STANDING.model_copy(update={"name": "x"})], props=("floor", "band-knees")
            )
        )
    )
    band = drawing.root.find(".//svg:g[@data-band='band-knees']", NS)
    assert band is not None
    xs = [x for x, _ in outline(drawing, band, 0)]
    thigh = segments(drawing, drawing.root)["thigh_l"][0]
    assert min(xs) < thigh.end[0] - 2 and max(xs) > thigh.end[0] + 2


def test_props_are_drawn_and_unknown_props_ignored() -> None:
    props = ("floor", "wall", "bench", "foam-roller", "kettlebell", "wall-behind", "trampoline")
    root = ET.fromstring(animated_svg(variant([STANDING, SQUAT], props=props)))
    drawn = {node.attrib["data-prop"] for node in root.iter() if "data-prop" in node.attrib}
    assert drawn == {"floor", "wall", "bench", "foam-roller", "kettlebell", "wall-behind"}


def test_weights_stay_in_the_hands() -> None:
    for view in (View.SIDE, View.FRONT):
        drawing = Drawing.parse(
            animated_svg(variant([STANDING, SQUAT], view=view, props=("floor", "dumbbell")))
        )
        lines = segments(drawing, drawing.root)
        weights = [e for e in drawing.root.iter() if "data-anchor" in e.attrib]
        assert sorted(w.attrib["data-anchor"] for w in weights) == ["wrist_l", "wrist_r"]
        for weight in weights:
            forearm = lines[weight.attrib["data-anchor"].replace("wrist", "forearm")]
            centres = [(t.dx, t.dy) for t in drawing.transforms(weight)]
            assert all(close(c, f.end) for c, f in zip(centres, forearm, strict=True))


def test_a_bar_on_the_floor_lifts_the_figure_until_its_plate_rests_there() -> None:
    setup = Pose(
        name="setup",
        angles={"torso": 10, "thigh_l": -20, "shin_l": -105, "thigh_r": -20, "shin_r": -105},
    )
    (_, _), (drawing, panel) = figures(
        strip_svg(variant([STANDING, setup], props=("floor", "barbell")))
    )
    floor = floor_y(panel)
    assert floor is not None
    (bar,) = [e for e in panel.iter() if e.attrib.get("data-prop") == "barbell"]
    assert max(y for _, y in outline(drawing, bar, 0)) == pytest.approx(floor, abs=TOLERANCE)
    toe = segments(drawing, panel)["foot_l"][0].end
    assert toe[1] < floor - TOLERANCE  # the feet hover: the pose needs deeper knees


def test_a_dip_belt_hangs_the_weight_under_the_hips() -> None:
    props = ("floor", "box", "dip-belt", "kettlebell")
    on_boxes = {"ankle_l": "box", "toe_l": "box", "ankle_r": "box", "toe_r": "box"}
    poses = [pose.model_copy(update={"support": on_boxes}) for pose in (STANDING, SQUAT)]
    drawing = Drawing.parse(animated_svg(variant(poses, props=props)))
    (weight,) = [e for e in drawing.root.iter() if "data-anchor" in e.attrib]
    assert weight.attrib["data-anchor"] == "belt"
    pelvis = [line.start for line in segments(drawing, drawing.root)["torso"]]
    for k, t in enumerate(drawing.transforms(weight)):
        assert t.dy - pelvis[k][1] == pytest.approx(0.2 * UNIT, abs=TOLERANCE)


def wall_box(svg: str) -> tuple[float, float]:
    drawing = Drawing.parse(svg)
    (wall,) = [e for e in drawing.root.iter() if e.attrib.get("data-prop") == "wall"]
    xs = [x for x, _ in outline(drawing, wall, 0)]
    return min(xs), max(xs)


def test_an_unnamed_wall_stands_behind_the_figure() -> None:
    sit = Pose(name="sit", angles={"thigh_l": 0, "shin_l": -90, "thigh_r": 0, "shin_r": -90})
    svg = animated_svg(variant([STANDING, sit], props=("floor", "wall")))
    _, right = wall_box(svg)
    drawing = Drawing.parse(svg)
    assert right <= min(
        x for k in range(len(drawing.shares)) for x, _ in body_points(drawing, drawing.root, k)
    )


def test_a_wall_stands_against_the_knee_that_touches_it() -> None:
    knee_up = {"thigh_l": -20, "shin_l": -110}
    poses = [
        Pose(name="knee to wall", angles=knee_up, support={"knee_l": "wall"}),
        Pose(name="drive", angles={**knee_up, "torso": 85}, support={"knee_l": "wall"}),
    ]
    svg = still_svg(variant(poses, props=("floor", "wall")))
    left, _ = wall_box(svg)
    drawing = Drawing.parse(svg)
    knee = segments(drawing, drawing.root)["thigh_l"][0].end
    assert left - knee[0] == pytest.approx(0.032 * UNIT, abs=TOLERANCE)  # the knee's skin


def test_the_upper_back_rests_across_the_bench_edge() -> None:
    """A hip thrust: the bench's edge is under the upper back and the bench runs under the head."""
    for drawing, panel in figures(strip_svg(CATALOGUE.get("barbell-hip-thrust"))):
        tops = prop_tops(drawing, panel, "bench")
        right = max(r for _, r, _ in tops)
        lines = segments(drawing, panel)
        pelvis, neck = lines["torso"][0].start, lines["torso"][0].end
        back = pelvis[0] + (neck[0] - pelvis[0]) * 0.75
        assert right == pytest.approx(back, abs=TOLERANCE)
        head = parts(panel)["head"]
        assert drawing.transforms(head)[0].dx < right


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
    with pytest.raises(ValueError, match=message):
        strip_svg(variant([STANDING, pose], props=("floor", "step", "band")))


def test_an_unknown_depth_segment_is_refused() -> None:
    pose = Pose(name="up", angles={}, depth={"kneecap": 10})
    with pytest.raises(ValueError, match="kneecap"):
        strip_svg(variant([STANDING, pose]))
