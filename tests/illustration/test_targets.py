"""What the pictures must show, read back from the SVG: the named joint angles of each key pose
(the camera coach's targets), the still pose, hops off the floor, something visibly changing in
holds and squeezes, and props that look like what they are."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

import pytest
from svg_frames import NS, Drawing, figures, outline, parts, segments

from glutewake.catalogue import default_catalogue
from glutewake.catalogue.schema import View
from glutewake.illustration import skeleton
from glutewake.illustration.render import Subject, animated_svg, still_svg, strip_svg
from glutewake.screening.data import load_screening_data

CATALOGUE = default_catalogue()
TESTS = {t.id: t for t in load_screening_data().self_tests}
SUBJECTS = [Subject.of(e) for e in CATALOGUE.exercises] + [
    Subject.of_self_test(t) for t in TESTS.values() if t.illustration is not None
]
EVERY = pytest.mark.parametrize("subject", SUBJECTS, ids=lambda s: s.key)


def drawn_angles(drawing: Drawing, scope: ET.Element) -> dict[str, float]:
    """Each segment's direction in the picture, as drawn (degrees counter-clockwise)."""
    return {name: lines[0].angle for name, lines in segments(drawing, scope).items()}


def measured(svg: str) -> list[dict[str, float]]:
    """The anatomical angles of each panel of a strip, measured on the drawing."""
    found = []
    for drawing, scope in figures(svg):
        angles = drawn_angles(drawing, scope)
        found.append(skeleton.anatomical({**angles, skeleton.PELVIS: angles["pelvis"]}))
    return found


def turn(a: float, b: float) -> float:
    return (a - b + 180) % 360 - 180


@EVERY
def test_start_and_end_name_their_key_joint_angles(subject: Subject) -> None:
    poses = subject.illustration.poses
    for pose in (poses[0], poses[-1]):
        assert {"hip_l", "knee_l", "trunk_lean"} <= set(pose.joints), pose.name


@EVERY
def test_the_drawn_pose_has_the_named_joint_angles(subject: Subject) -> None:
    """Measured on the print strip, in the view the poses are written in."""
    for pose, angles in zip(subject.illustration.poses, measured(strip_svg(subject)), strict=True):
        for joint, target in pose.joints.items():
            assert turn(angles[joint], target) == pytest.approx(0, abs=1.0), (pose.name, joint)


def test_a_wrong_target_is_caught() -> None:
    """The check can fail: a squat bottom drawn at knee 102 is not a knee of 80."""
    subject = Subject.of(CATALOGUE.get("bodyweight-squat"))
    bottom = measured(strip_svg(subject))[-1]
    assert abs(turn(bottom["knee_l"], 80)) > 10


@EVERY
def test_still_pictures_show_the_named_still_pose(subject: Subject) -> None:
    index = subject.illustration.still_index
    still = Drawing.parse(still_svg(subject))
    drawing, panel = list(figures(strip_svg(subject)))[index]
    shown, printed = drawn_angles(still, still.root), drawn_angles(drawing, panel)
    assert all(turn(shown[n], printed[n]) == pytest.approx(0, abs=0.1) for n in printed)
    others = [a for i, a in enumerate(measured(strip_svg(subject))) if i != index]
    assert subject.illustration.poses[index].name in still.root.attrib["aria-label"]
    assert others  # there is another pose it could have shown


@pytest.mark.parametrize(
    ("exercise_id", "pose"),
    [("glute-bridge", "up"), ("glute-bridge-hold", "hold"), ("forward-hop", "push off")],
)
def test_the_still_is_the_most_telling_pose_not_the_start(exercise_id: str, pose: str) -> None:
    illustration = CATALOGUE.get(exercise_id).illustration
    assert illustration.poses[illustration.still_index].name == pose


def test_the_bridge_lifts_the_hips_into_line_with_knees_and_shoulders() -> None:
    down, up = measured(strip_svg(Subject.of(CATALOGUE.get("glute-bridge"))))
    assert down["hip_l"] > 35  # lying with the hips bent
    assert abs(up["hip_l"]) < 3  # shoulders, hips and knees in line


def test_a_hop_leaves_the_ground() -> None:
    subject = Subject.of(CATALOGUE.get("forward-hop"))
    index = next(i for i, p in enumerate(subject.illustration.poses) if p.lift > 0)
    drawing, panel = list(figures(strip_svg(subject)))[index]
    floor = panel.find(".//svg:line[@data-prop='floor']", NS)
    assert floor is not None
    body = panel.find(".//svg:g[@class='gw-body']", NS)
    assert body is not None
    lowest = max(y for _, y in outline(drawing, body, 0))
    assert float(floor.attrib["y1"]) - lowest > 4  # SVG units: 0.04 body heights of air


@EVERY
def test_something_visibly_changes_in_every_exercise(subject: Subject) -> None:
    """A hold or squeeze whose poses barely differ shows what works: arrows or a muscle that
    lights up as it works."""
    first, *_, last = measured(strip_svg(subject))
    moved = max(abs(turn(first[j], last[j])) for j in first)
    svg = animated_svg(subject)
    root = ET.fromstring(svg)
    muscle = root.find(".//svg:g[@class='gw-muscle']", NS)
    pulses = muscle is not None and "animation" in muscle.attrib.get("style", "")
    arrows = root.find(".//svg:g[@data-arrows]", NS) is not None
    assert moved >= 10 or pulses or arrows


@pytest.mark.parametrize("exercise_id", ["standing-glute-squeeze", "supine-glute-squeeze"])
def test_a_squeeze_pulses_the_glutes(exercise_id: str) -> None:
    drawing = Drawing.parse(animated_svg(Subject.of(CATALOGUE.get(exercise_id))))
    muscle = drawing.root.find(".//svg:g[@class='gw-muscle']", NS)
    assert muscle is not None
    values = [float(v) for v in drawing.values(muscle, "opacity", muscle.attrib["opacity"])]
    assert max(values) - min(values) >= 0.5


def test_the_external_rotation_drill_shows_the_knees_turning_out() -> None:
    root = ET.fromstring(still_svg(Subject.of(CATALOGUE.get("standing-external-rotation-drill"))))
    arrows = root.findall(".//svg:g[@data-arrows]/svg:path[@class='gw-cue']", NS)
    assert len(arrows) == 2


# -- self-tests -----------------------------------------------------------------------------------


def test_every_self_test_has_its_own_picture() -> None:
    pictures = {test_id: t.illustration for test_id, t in TESTS.items()}
    assert all(p is not None for p in pictures.values())
    drawn = {still_svg(Subject.of_self_test(t)).split("<style>")[1] for t in TESTS.values()}
    assert len(drawn) == len(TESTS)  # no two tests share a picture
    kneeling = CATALOGUE.get("kneeling-hip-flexor-stretch")
    thomas = pictures["thomas_test"]
    assert thomas is not None and thomas.poses != kneeling.illustration.poses


def test_the_thomas_test_lies_back_on_a_table_with_one_leg_hanging() -> None:
    test = TESTS["thomas_test"]
    assert test.illustration is not None
    assert "table" in test.illustration.props
    hang = test.illustration.poses[-1]
    assert set(hang.support.values()) == {"table"} and "upper_back" in hang.support
    angles = measured(strip_svg(Subject.of_self_test(test)))[-1]
    assert abs(angles["trunk_lean"]) == pytest.approx(90, abs=5)  # lying back
    assert angles["hip_l"] > 100  # one knee held to the chest
    assert abs(angles["hip_r"]) < 10 and angles["knee_r"] > 67  # the other thigh level, knee bent
    drawing, panel = list(figures(strip_svg(Subject.of_self_test(test))))[-1]
    table = [e for e in panel.iter() if e.attrib.get("data-prop") == "table"]
    top = min(y for e in table for _, y in outline(drawing, e, 0))
    foot = parts(panel)["foot_r"]
    assert min(y for _, y in outline(drawing, foot, 0)) > top  # the foot hangs below the table


def test_the_single_leg_stance_is_seen_from_the_front_with_a_level_pelvis() -> None:
    test = TESTS["single_leg_stance"]
    assert test.illustration is not None and test.illustration.view is View.FRONT
    stance = measured(strip_svg(Subject.of_self_test(test)))[-1]
    assert abs(stance["pelvis"]) < 1


# -- props ----------------------------------------------------------------------------------------


def pieces(svg: str, prop: str) -> list[ET.Element]:
    return [e for e in ET.fromstring(svg).iter() if e.attrib.get("data-prop") == prop]


def test_a_bench_stands_on_legs() -> None:
    svg = still_svg(Subject.of(CATALOGUE.get("barbell-hip-thrust")))
    root = ET.fromstring(svg)
    legs = root.findall(".//svg:path[@class='gw-leg']", NS)
    assert pieces(svg, "bench") and len(legs) == 2


def test_a_barbell_seen_from_the_front_is_a_bar_with_two_plates() -> None:
    svg = still_svg(Subject.of(CATALOGUE.get("overhead-squat")), view=View.FRONT)
    (bar,) = pieces(svg, "barbell")
    assert len(bar.findall("svg:ellipse", NS)) == 2
    assert bar.find("svg:path[@class='gw-bar']", NS) is not None


def test_a_mini_band_goes_round_both_knees_in_front_view() -> None:
    subject = Subject.of(CATALOGUE.get("lateral-band-walk"))
    drawing = Drawing.parse(still_svg(subject))
    band = drawing.root.find(".//svg:g[@data-band='band-knees']", NS)
    assert band is not None
    xs = [x for x, _ in outline(drawing, band, 0)]
    lines = segments(drawing, drawing.root)
    knees = [lines[f"thigh_{s}"][0].end[0] for s in "lr"]
    assert min(xs) < min(knees) and max(xs) > max(knees)  # it wraps both legs


def test_a_wall_seen_face_on_is_the_backdrop() -> None:
    svg = still_svg(Subject.of(CATALOGUE.get("single-leg-wall-squat")), view=View.FRONT)
    (wall,) = pieces(svg, "wall")
    assert wall.attrib["class"] == "gw-backdrop"
    assert math.isfinite(len(svg))
