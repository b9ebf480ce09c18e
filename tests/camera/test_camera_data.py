"""The exercises' `camera:` blocks: which exercises have one, sources, and the poses to reach."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from glutewake.catalogue.camera import PRODUCT_SETTING
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
}


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
    ],
)
def test_a_camera_block_that_misses_the_poses_is_refused(
    change: dict[str, Any], message: str
) -> None:
    data = raw_exercise("glute-bridge")
    data["camera"] = {**data["camera"], **change}
    with pytest.raises(ValidationError, match=message):
        Exercise.model_validate(data)
