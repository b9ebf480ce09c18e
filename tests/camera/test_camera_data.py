"""The exercises' `camera:` blocks: which exercises have one, sources, and the poses to reach."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from glutewake.catalogue.camera import PRODUCT_SETTING, RATIO_MIN_HIP, Measure
from glutewake.catalogue.catalogue import default_catalogue
from glutewake.catalogue.loader import exercise_files, load_evidence, load_sources
from glutewake.catalogue.schema import Exercise

FOLLOWED = {
    "glute-bridge": ("side", "hips-past-line"),
    "glute-bridge-hold": ("side", "hips-past-line"),
    "barbell-hip-thrust": ("side", "hips-past-line"),
    "bodyweight-squat": ("front", "knee-valgus"),
    "banded-half-squat": ("front", "knee-valgus"),
    "forward-lunge": ("front", "knee-valgus"),
    "step-up": ("front", "knee-valgus"),
    "single-leg-standing": ("front", "pelvic-drop"),
    "donkey-kick": ("side", "low-back-extension"),
    "deadlift": ("side", "squat-not-hinge"),
    "romanian-deadlift": ("side", "squat-not-hinge"),
    "b-stance-romanian-deadlift": ("side", "squat-not-hinge"),
    "single-leg-romanian-deadlift": ("side", "squat-not-hinge"),
}
HINGES = [exercise_id for exercise_id, (_, fault) in FOLLOWED.items() if fault == "squat-not-hinge"]
ANGLES_JS = Path(__file__).resolve().parents[2] / "src/glutewake/web/static/camera/angles.js"


def test_the_camera_follows_the_exercises_the_issue_names() -> None:
    catalogue = default_catalogue()
    for exercise_id, (view, fault) in FOLLOWED.items():
        camera = catalogue.get(exercise_id).camera
        assert camera is not None, exercise_id
        assert camera.view == view
        assert fault in {f.id for f in camera.faults}


def test_every_threshold_names_a_known_source_and_product_settings_say_why() -> None:
    known = set(load_sources()) | set(load_evidence())
    assert PRODUCT_SETTING in known
    for exercise in default_catalogue().exercises:
        if exercise.camera is None:
            continue
        for threshold in exercise.camera.thresholds:
            assert threshold.source in known, (exercise.id, threshold)
            assert threshold.note, (exercise.id, threshold)
            if threshold.product_setting:
                assert "product setting" in threshold.note.lower(), (exercise.id, threshold)


def raw_exercise(exercise_id: str) -> dict[str, Any]:
    text = next(text for name, text in exercise_files() if name == f"{exercise_id}.yaml")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"end": {"value": 50, "source": "self-tests", "note": "x"}}, "outside the targets"),
        ({"start_pose": "lying"}, "not in the illustration"),
        ({"start": {"value": 5, "source": "glutewake-default", "note": "short"}}, "needs a note"),
        (
            {
                "faults": [
                    {
                        "id": "x",
                        "measure": "hip_flexion",
                        "when": "below",
                        "cue": "Stop.",
                        "limit": {"value": 10, "source": "self-tests", "note": "x"},
                    }
                ]
            },
            "shows the fault",
        ),
    ],
)
def test_a_camera_block_that_misses_the_poses_is_refused(
    change: dict[str, Any], message: str
) -> None:
    data = raw_exercise("glute-bridge")
    data["camera"] = {**data["camera"], **change}
    with pytest.raises(ValidationError, match=message):
        Exercise.model_validate(data)


def drawn_ratio(exercise_id: str, pose: str) -> float:
    """Knee over hip flexion of the left (working) leg in an illustration pose."""
    poses = {p.name: p.joints for p in default_catalogue().get(exercise_id).illustration.poses}
    ratio = Measure.KNEE_HIP_RATIO.drawn(poses[pose], "l")
    assert ratio is not None
    return ratio


@pytest.mark.parametrize("exercise_id", HINGES)
def test_a_hinge_limit_passes_the_drawn_hinge_and_catches_the_drawn_squat(exercise_id: str) -> None:
    camera = default_catalogue().get(exercise_id).camera
    assert camera is not None and camera.track is Measure.HIP_FLEXION
    fault = next(f for f in camera.faults if f.id == "squat-not-hinge")
    assert fault.measure is Measure.KNEE_HIP_RATIO and fault.when == "above" and fault.per_side
    bottom = camera.start_pose if fault.during == "start" else camera.end_pose
    assert drawn_ratio(exercise_id, bottom) < fault.limit.value
    assert drawn_ratio("bodyweight-squat", "bottom") > fault.limit.value


def test_the_deadlift_counts_from_the_bar_and_checks_the_hinge_down_there() -> None:
    camera = default_catalogue().get("deadlift").camera
    assert camera is not None
    assert (camera.start_pose, camera.end_pose) == ("setup", "lockout")
    assert {f.during for f in camera.faults} == {"start"}


def test_the_ratio_is_left_out_below_the_same_hip_flexion_in_the_browser() -> None:
    found = re.search(r"export const RATIO_MIN_HIP = (\d+(?:\.\d+)?);", ANGLES_JS.read_text())
    assert found is not None
    assert float(found.group(1)) == RATIO_MIN_HIP
