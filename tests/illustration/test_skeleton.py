"""The stick figure's geometry: forward kinematics, segment lengths, anatomical angles."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from glutewake.catalogue.schema import JOINTS, View
from glutewake.illustration import skeleton
from glutewake.illustration.vectors import dot, length

SQUAT = {"torso": 60, "thigh_l": -10, "shin_l": -112, "thigh_r": -10, "shin_r": -112}
angle = st.floats(min_value=-360, max_value=360, allow_nan=False)
poses = st.dictionaries(st.sampled_from(sorted(skeleton.SEGMENT_NAMES)), angle)
views = st.sampled_from(list(View))


def test_standing_figure_is_stacked_vertically() -> None:
    joints = skeleton.joint_positions({}, View.SIDE)
    length = {s.name: s.length for s in skeleton.SEGMENTS}
    assert joints["pelvis"] == (0.0, 0.0)
    assert joints["neck"] == pytest.approx((0.0, length["torso"]))
    assert joints["crown"] == pytest.approx((0.0, length["torso"] + length["head"]))
    leg = length["thigh_l"] + length["shin_l"]
    assert joints["ankle_l"] == pytest.approx((0.0, -leg))
    assert joints["toe_l"] == pytest.approx((length["foot_l"], -leg))  # feet point forward
    assert joints["wrist_r"] == pytest.approx(
        (0.0, length["torso"] - length["upper_arm_r"] - length["forearm_r"])
    )


@given(poses, views, st.floats(min_value=0.5, max_value=2.5))
def test_every_segment_keeps_its_length(
    angles: dict[str, float], view: View, height: float
) -> None:
    lines = skeleton.segment_lines(skeleton.joint_positions(angles, view, height))
    for segment in skeleton.SEGMENTS:
        start, end = lines[segment.name]
        assert math.dist(start, end) == pytest.approx(segment.length * height)


@given(poses, views)
def test_segments_point_where_their_angles_say(angles: dict[str, float], view: View) -> None:
    full = skeleton.full_angles(angles)
    lines = skeleton.segment_lines(skeleton.joint_positions(angles, view))
    for name, ((x1, y1), (x2, y2)) in lines.items():
        turn = (math.degrees(math.atan2(y2 - y1, x2 - x1)) - full[name] + 180) % 360 - 180
        assert turn == pytest.approx(0, abs=1e-6)


@given(poses)
def test_side_view_joins_left_and_right_at_hip_and_shoulder(angles: dict[str, float]) -> None:
    joints = skeleton.joint_positions(angles, View.SIDE)
    assert joints["hip_l"] == joints["hip_r"] == joints["pelvis"]
    assert joints["shoulder_l"] == joints["shoulder_r"] == joints["neck"]


@given(poses)
def test_front_view_spreads_hips_and_shoulders_across_the_torso(angles: dict[str, float]) -> None:
    joints = skeleton.joint_positions(angles, View.FRONT)
    pelvis, neck = joints["pelvis"], joints["neck"]
    assert math.dist(joints["hip_l"], joints["hip_r"]) == pytest.approx(2 * skeleton.HALF_HIP_WIDTH)
    assert math.dist(joints["shoulder_l"], joints["shoulder_r"]) == pytest.approx(
        2 * skeleton.HALF_SHOULDER_WIDTH
    )
    middle = (
        (joints["hip_l"][0] + joints["hip_r"][0]) / 2,
        (joints["hip_l"][1] + joints["hip_r"][1]) / 2,
    )
    assert middle == pytest.approx(pelvis)
    torso = (neck[0] - pelvis[0], neck[1] - pelvis[1])
    across = (joints["hip_l"][0] - pelvis[0], joints["hip_l"][1] - pelvis[1])
    assert torso[0] * across[0] + torso[1] * across[1] == pytest.approx(0, abs=1e-9)


def test_front_view_puts_the_figures_left_on_the_viewers_right() -> None:
    joints = skeleton.joint_positions({}, View.FRONT)
    assert joints["hip_l"][0] > 0 > joints["hip_r"][0]
    assert joints["shoulder_l"][0] > 0 > joints["shoulder_r"][0]


def test_full_angles_fills_in_standing_values() -> None:
    full = skeleton.full_angles({"thigh_l": 0})
    assert full["thigh_l"] == 0
    assert full["thigh_r"] == -90
    assert full["torso"] == 90
    assert full["pelvis"] == 90  # the pelvis follows the torso
    assert set(full) == skeleton.ANGLE_NAMES
    assert skeleton.full_angles({"torso": 180})["pelvis"] == 180


def test_unknown_segment_is_refused_with_the_valid_names() -> None:
    with pytest.raises(ValueError, match="knee_l") as error:
        skeleton.full_angles({"knee_l": 90})
    assert "thigh_l" in str(error.value)


def test_standing_pose_has_every_joint_angle_at_zero() -> None:
    assert all(value == 0 for value in skeleton.joint_angles({}).values())


def test_squat_flexes_knees_and_hips_and_leans_forward() -> None:
    angles = skeleton.joint_angles(SQUAT)
    assert angles["knee_l"] == pytest.approx(102)
    assert angles["knee_r"] == pytest.approx(102)
    assert angles["hip_l"] == pytest.approx(110)
    assert angles["trunk_lean"] == pytest.approx(-30)


def test_leg_behind_the_body_is_hip_extension() -> None:
    assert skeleton.joint_angles({"thigh_l": -110})["hip_l"] == pytest.approx(-20)


def test_angles_are_the_same_however_they_wrap() -> None:
    wrapped = {name: value + 360 for name, value in SQUAT.items()}
    assert skeleton.joint_angles(wrapped) == pytest.approx(skeleton.joint_angles(SQUAT))


def test_forearm_pointing_forward_from_a_hanging_arm_is_elbow_flexion() -> None:
    bent_elbow = {"upper_arm_l": -90, "forearm_l": 0}
    assert skeleton.joint_angles(bent_elbow)["elbow_l"] == pytest.approx(90)


def test_the_named_joints_are_the_ones_the_schema_allows() -> None:
    assert set(skeleton.joint_angles({})) == set(JOINTS)


def test_a_tilted_pelvis_is_measured_against_the_trunk() -> None:
    assert skeleton.joint_angles({"pelvis": 80})["pelvis"] == pytest.approx(-10)  # anterior tilt
    lying = skeleton.joint_angles({"torso": 180, "pelvis": 188})
    assert lying["pelvis"] == pytest.approx(8) and lying["trunk_lean"] == pytest.approx(90)


def test_a_dropped_pelvis_lowers_one_hip_in_front_view() -> None:
    joints = skeleton.joint_positions({"pelvis": 95}, View.FRONT)
    assert joints["hip_r"][1] < joints["hip_l"][1]
    assert skeleton.joint_angles({"pelvis": 95})["pelvis"] == pytest.approx(5)


def test_depth_tilts_a_segment_towards_the_viewer() -> None:
    """A thigh lifted forward, written in front view: short in the picture, forward in 3D."""
    body = skeleton.pose_body({}, View.FRONT, {"thigh_r": 60})
    thigh = body.axes["thigh_r"]
    assert length(thigh) == pytest.approx(1)
    assert thigh[0] == pytest.approx(math.sin(math.radians(60)))  # towards the front camera
    picture = skeleton.joint_positions({}, View.FRONT)
    knee_drop = picture["hip_r"][1] - body.points["knee_r"][1]
    assert knee_drop == pytest.approx(0.245 * 0.5)


def test_one_pose_seen_from_the_side_and_the_front_is_one_body() -> None:
    squat = skeleton.pose_body(SQUAT, View.SIDE)
    side, front = skeleton.CAMERAS[View.SIDE], skeleton.CAMERAS[View.FRONT]
    knee, hip = squat.points["knee_l"], squat.points["hip_l"]
    assert side.picture(knee)[0] > side.picture(hip)[0]  # knees forward of the hips
    assert front.depth(knee) > front.depth(hip)  # ... so nearer the front camera
    assert front.picture(squat.points["hip_l"])[0] > 0 > front.picture(squat.points["hip_r"])[0]


@given(poses, views)
def test_the_body_axes_are_square(angles: dict[str, float], view: View) -> None:
    axes = skeleton.pose_body(angles, view).axes
    for part in ("trunk", "pelvis"):
        along, across, forward = axes[part], axes[f"{part}_across"], axes[f"{part}_forward"]
        assert dot(along, across) == pytest.approx(0, abs=1e-9)
        assert dot(along, forward) == pytest.approx(0, abs=1e-9)
        assert length(forward) == pytest.approx(1)
