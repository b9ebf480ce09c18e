"""The camera coach's logic (static/camera/*.js) under node, on synthetic and recorded landmarks.

The recorded landmarks are the fixtures scripts/camera_landmarks wrote from the real clips; the
counts and the hold must match the clips' ground truth (../shared/camera-clips/README.md).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from camera_kit import CLIP_LIST

from glutewake.catalogue.catalogue import default_catalogue

HERE = Path(__file__).resolve().parent
NODE = shutil.which("node")


def camera_data() -> dict[str, object]:
    catalogue = default_catalogue()
    blocks = {
        exercise.id: exercise.camera.as_json(exercise.dose.measure)
        for exercise in catalogue.exercises
        if exercise.camera is not None
    }
    truth = {
        clip.name: {
            "exercise_id": clip.exercise_id,
            "complete": clip.complete,
            "partial": clip.partial,
            "hold_seconds": clip.hold_seconds,
        }
        for clip in CLIP_LIST
    }
    return {"blocks": blocks, "truth": truth}


@pytest.mark.skipif(NODE is None, reason="node is not installed (apt-get install nodejs)")
def test_camera_logic_under_node(tmp_path: Path) -> None:
    data = tmp_path / "camera.json"
    data.write_text(json.dumps(camera_data()), encoding="utf-8")
    assert NODE is not None
    result = subprocess.run(
        [NODE, "--experimental-default-type=module", "--test", str(HERE / "logic.test.mjs")],
        env={**os.environ, "GLUTEWAKE_CAMERA_DATA": str(data)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
