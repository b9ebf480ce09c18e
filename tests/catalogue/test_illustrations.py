"""What every exercise's illustration data must say: the measurable targets of its start and end
poses, and a frontal view where the movement happens across the body."""

from __future__ import annotations

import pytest

from glutewake.catalogue import Exercise, default_catalogue
from glutewake.catalogue.schema import JOINTS, Illustration, Pattern, Pose, Position, View

EXERCISES = pytest.mark.parametrize("exercise", default_catalogue().exercises, ids=lambda e: e.id)
# Seen from the front (or, lying down, from above): pelvic drop, knee valgus, abduction and the
# thighs turning out only show across the body.
CORONAL = {View.FRONT, View.TOP}


def needs_a_frontal_view(exercise: Exercise) -> bool:
    patterns = set(exercise.patterns)
    standing_on_one_leg = (
        exercise.position is Position.STANDING and Pattern.PELVIC_STABILITY in patterns
    )
    return bool(patterns & {Pattern.ABDUCTION, Pattern.EXTERNAL_ROTATION}) or standing_on_one_leg


@EXERCISES
def test_start_and_end_poses_name_their_target_joint_angles(exercise: Exercise) -> None:
    poses = exercise.illustration.poses
    for pose in (poses[0], poses[-1]):
        assert len(pose.joints) >= 3, pose.name
        assert set(pose.joints) <= set(JOINTS)


@EXERCISES
def test_exercises_across_the_body_have_a_frontal_view(exercise: Exercise) -> None:
    if needs_a_frontal_view(exercise):
        assert CORONAL & set(exercise.illustration.all_views)


def test_the_frontal_rule_covers_the_exercises_the_issue_names() -> None:
    catalogue = default_catalogue()
    for exercise_id in ("frog-pump", "single-leg-standing", "lateral-band-walk", "clamshell"):
        assert needs_a_frontal_view(catalogue.get(exercise_id))
    assert not needs_a_frontal_view(catalogue.get("romanian-deadlift"))


def test_an_unknown_joint_name_is_refused() -> None:
    with pytest.raises(ValueError, match="kneecap"):
        Pose(name="bottom", angles={}, joints={"kneecap": 90})


def test_views_list_each_extra_camera_once() -> None:
    poses = [Pose(name="a", angles={}), Pose(name="b", angles={})]
    with pytest.raises(ValueError, match="views"):
        Illustration(view=View.SIDE, poses=poses, views=[View.SIDE])
    with pytest.raises(ValueError, match="repeat"):
        Illustration(view=View.SIDE, poses=[poses[0], poses[0]])
