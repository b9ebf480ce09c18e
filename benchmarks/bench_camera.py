"""The camera coach on the three real clips: reps against the truth, hold error, frames per second.

Two runs per clip (../shared/camera-clips, ground truth in its README):

- every frame: the coach (static/camera/session.js, under node) over the landmarks BlazePose
  found in every frame of the clip (tests/camera/fixtures, written by scripts/camera_landmarks);
  this is what the count is when the pipeline keeps up with the camera;
- live: the whole pipeline in headless chromium with the clip as its camera at the clip's own
  frame rate (tests/camera/camera_kit.py): camera frame -> canvas -> BlazePose lite (software
  WebGL here) -> angles -> coach, over one pass of the clip after a warm-up frame; frames the
  pipeline is too slow for are dropped, as on a slow phone. Its frames per second is the aim
  (15 or more); it cannot pass the clip's own frame rate (the squat clip has 5, the lunge 10,
  the bridge 30), so the table also gives the milliseconds each frame took (all of it, and the
  model's part), the frame rate that allows ("can"), and the browser's CPU time a frame (all
  its processes, from /proc: the load of other programs does not count in it).

Prints one table; off-by-one is the share of clips whose count is off by exactly one.

    .venv/bin/python benchmarks/bench_camera.py [--no-live]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests" / "web"), str(ROOT / "tests" / "camera")]

import camera_kit  # noqa: E402
from browser_kit import running_server  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from glutewake.catalogue.catalogue import default_catalogue  # noqa: E402


def camera_block(exercise_id: str) -> dict[str, Any]:
    exercise = default_catalogue().get(exercise_id)
    assert exercise.camera is not None, f"{exercise_id} has no camera block"
    return exercise.camera.as_json(exercise.dose.measure)


def every_frame(clip: camera_kit.Clip, folder: Path) -> dict[str, Any]:
    block = folder / f"{clip.name}-block.json"
    block.write_text(json.dumps(camera_block(clip.exercise_id)), encoding="utf-8")
    node = shutil.which("node") or "node"
    result = subprocess.run(
        [
            node,
            "--experimental-default-type=module",
            str(ROOT / "tests/camera/replay.mjs"),
            str(camera_kit.FIXTURES / f"{clip.name}.json"),
            str(block),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    summary: dict[str, Any] = json.loads(result.stdout)
    return summary


def cpu_seconds_below(pid: int) -> float:
    """User and system CPU seconds of every process under ``pid`` (the browser's, the server's)."""
    ticks = os.sysconf("SC_CLK_TCK")
    children: dict[int, list[tuple[int, float]]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        used = (int(fields[11]) + int(fields[12])) / ticks
        children.setdefault(int(fields[1]), []).append((int(entry.name), used))
    total, below = 0.0, [pid]
    while below:
        for child, used in children.get(below.pop(), []):
            total += used
            below.append(child)
    return total


def live(clip: camera_kit.Clip, url: str, folder: Path) -> dict[str, Any]:
    feed = camera_kit.fake_camera_file(clip, folder, clip.fps)
    marks: dict[str, float] = {}
    with sync_playwright() as playwright:
        browser = camera_kit.launch_with_camera(playwright, feed)
        page = browser.new_page()
        page.expose_function(
            "glutewakeMark", lambda name: marks.setdefault(name, cpu_seconds_below(os.getpid()))
        )
        page.goto(url + "/exercises")
        result = camera_kit.run_clip(
            page,
            clip,
            feed,
            shown_fps=clip.fps,
            exercise=camera_block(clip.exercise_id),
            seconds=clip.frames / clip.fps * 3 + 120,
            every_frame=False,
        )
        browser.close()
    frames = len(result["seen"])
    summary = result["summary"] or {}
    nothing = float("nan")
    return {
        "frames": frames,
        "fps": frames / result["elapsed"] if result["elapsed"] else 0.0,
        "frame_ms": 1000 * result["busy"] / frames if frames else nothing,
        "model_ms": 1000 * result["model"] / frames if frames else nothing,
        "cpu_ms": 1000 * (marks["end"] - marks["start"]) / frames if frames else nothing,
        "reps": summary.get("reps", 0),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-live", action="store_true", help="skip the headless chromium run")
    arguments = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        with running_server(folder / "server") as url:
            for clip in camera_kit.CLIP_LIST:
                replay = every_frame(clip, folder)
                measured = None if arguments.no_live else live(clip, url, folder)
                rows.append((clip, replay, measured))
    print(
        "clip    truth (complete/partial)  every frame: reps  hold s (truth)   "
        "live: clip fps  frames   fps  ms/frame (model)  can fps  CPU ms/frame  reps"
    )
    off_by_one = 0
    for clip, replay, measured in rows:
        reps = int(replay["reps"])
        off_by_one += abs(reps - clip.complete) == 1
        hold = (
            f"{float(replay['hold_seconds']):5.2f} ({clip.hold_seconds:.2f})"
            if clip.hold_seconds is not None
            else "    -        "
        )
        line = f"{clip.name:7} {clip.complete}/{clip.partial:<23} {reps:>17}  {hold:15}"
        if measured is not None:
            line += (
                f" {clip.fps:>14g}  {measured['frames']:>6}  {measured['fps']:4.1f}"
                f"  {measured['frame_ms']:8.0f} ({measured['model_ms']:4.0f})"
                f"  {1000 / measured['frame_ms']:7.1f}  {measured['cpu_ms']:12.0f}"
                f"  {measured['reps']:>4}"
            )
        print(line)
    exact = sum(int(replay["reps"]) == clip.complete for clip, replay, _ in rows)
    print(
        f"every frame: counts exact on {exact} of {len(rows)} clips, off by one on "
        f"{off_by_one / len(rows):.0%} of clips"
    )
    lived = [(clip, measured) for clip, _, measured in rows if measured is not None]
    if lived:
        live_exact = sum(int(m["reps"]) == clip.complete for clip, m in lived)
        live_off = sum(abs(int(m["reps"]) - clip.complete) == 1 for clip, m in lived)
        print(
            f"live: counts exact on {live_exact} of {len(lived)} clips, off by one on "
            f"{live_off / len(lived):.0%}; the aim is 15 fps"
        )


if __name__ == "__main__":
    main()
