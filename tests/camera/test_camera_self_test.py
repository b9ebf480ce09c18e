"""The screening's camera self-tests (static/camera/self_test.js) under node.

Synthetic people standing on one leg (known pelvic tilts, a foot put down at a known time, a
person leaving the picture) and the real bridge clip's landmarks against its ground truth
(../shared/camera-clips/README.md). The blocks come from the catalogue, the stance's length
from the wizard's timer: the test checks the data the page is given.
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
from glutewake.web.wizard import TEST_TIMERS

HERE = Path(__file__).resolve().parent
NODE = shutil.which("node")
BRIDGE = next(clip for clip in CLIP_LIST if clip.name == "bridge")


def self_test_data() -> dict[str, object]:
    catalogue = default_catalogue()
    blocks = {}
    for exercise_id in ("single-leg-standing", "glute-bridge-hold"):
        exercise = catalogue.get(exercise_id)
        assert exercise.camera is not None
        blocks[exercise_id] = exercise.camera.as_json(exercise.dose.measure)
    return {
        "blocks": blocks,
        "stance_seconds": TEST_TIMERS["single_leg_stance"].seconds,
        "bridge_truth": BRIDGE.hold_seconds,
    }


@pytest.mark.skipif(NODE is None, reason="node is not installed (apt-get install nodejs)")
def test_camera_self_tests_under_node(tmp_path: Path) -> None:
    data = tmp_path / "self-test.json"
    data.write_text(json.dumps(self_test_data()), encoding="utf-8")
    assert NODE is not None
    result = subprocess.run(
        [NODE, "--experimental-default-type=module", "--test", str(HERE / "self_test.test.mjs")],
        env={**os.environ, "GLUTEWAKE_SELF_TEST_DATA": str(data)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
