"""The camera clips as chromium's fake camera, and the camera pipeline run on them in the page.

Shared by the camera browser tests, ``scripts/camera_landmarks`` (which writes the landmark
fixtures) and ``benchmarks/bench_camera.py``. Each clip in ``../shared/camera-clips`` is turned
by ffmpeg into a .y4m file that chromium plays as the camera
(``--use-file-for-fake-video-capture``); a 16 px strip under the picture carries the frame
number in 12 black or white blocks, so the page knows which frame of the clip it sees (the fake
camera loops and starts wherever it is) and cuts the strip off before the model sees the frame.
The bridge and squat clips are also kept in the repository (``tests/camera/clips``, with their
licences), so that the browser tests that need only them run on every clone.
"""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from browser_kit import CHROMIUM, CHROMIUM_ARGS
from playwright.sync_api import Browser, Page, Playwright

ROOT = Path(__file__).resolve().parents[2]
CLIPS = Path(os.environ.get("GLUTEWAKE_CAMERA_CLIPS", ROOT.parent / "shared" / "camera-clips"))
IN_REPOSITORY = Path(__file__).resolve().parent / "clips"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CODE_BITS = 12
STRIP = 16  # px under the picture that carry the frame number


@dataclass(frozen=True)
class Clip:
    """One clip of ../shared/camera-clips with its ground truth (from its README)."""

    name: str
    file: str
    exercise_id: str
    fps: float
    frames: int
    complete: int
    partial: int
    hold_seconds: float | None = None  # the top position held, when the README times it

    @property
    def path(self) -> Path:
        kept = IN_REPOSITORY / self.file
        return kept if kept.exists() else CLIPS / self.file


CLIP_LIST = (
    # Held about frame 19 to 68 at 30 fps: 49 frames, 1.63 s.
    Clip("bridge", "glute_bridge_side_physioplus.mp4", "glute-bridge", 30, 91, 1, 0, 49 / 30),
    Clip("squat", "squat_banded_front_tfjs.mp4", "bodyweight-squat", 5, 65, 2, 1),
    Clip("lunge", "lunge_reverse_side_exercisecorrection.gif", "forward-lunge", 10, 50, 1, 1),
)


def fake_camera_file(clip: Clip, folder: Path, shown_fps: float) -> Path:
    """The clip as a .y4m camera feed, every frame once, at ``shown_fps``, frame number below."""
    target = folder / f"{clip.name}-{shown_fps:g}.y4m"
    if target.exists():
        return target
    bit = f"floor(X*{CODE_BITS}/W)"
    code = f"if(mod(floor(N/pow(2,{bit})),2),235,16)"
    filters = ",".join(
        (
            f"setpts=N/({shown_fps}*TB)",
            f"pad=iw:ceil(ih/2)*2+{STRIP}:0:0:black",
            "format=yuv420p",
            f"geq=lum='if(gte(Y,H-{STRIP}),{code},lum(X,Y))':cb='cb(X,Y)':cr='cr(X,Y)'",
        )
    )
    subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-y",
            "-i",
            str(clip.path),
            "-vf",
            filters,
            "-r",
            f"{shown_fps}",
            "-pix_fmt",
            "yuv420p",
            str(target),
        ],
        check=True,
    )
    return target


def launch_with_camera(playwright: Playwright, feed: Path) -> Browser:
    """Headless chromium whose camera plays ``feed``, the camera allowed without asking."""
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM),
        args=[
            *CHROMIUM_ARGS,
            "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-video-capture={feed}",
            "--enable-unsafe-swiftshader",
        ],
    )


# Runs in the page: the camera, the frame number, the model on the picture above the strip,
# and the coach (session.js) on each new frame. ``everyFrame``: until every frame was seen
# (the feed is slowed down for that); otherwise in real time, over one pass of the clip from
# its first frame, after one frame to warm the model up; frames that come while the model is
# busy are skipped. Resolves to what it saw. A page function window.glutewakeMark (if any) is
# awaited at the pass's start and end (bench_camera.py reads the browser's CPU time there).
RUN_CLIP = """
async ({fps, frames, complexity, exercise, seconds, everyFrame, size, maxSide, strip, bits}) => {
  const pose = await import('/static/camera/pose.js');
  const session = await import('/static/camera/session.js');
  const video = document.createElement('video');
  document.body.appendChild(video);
  const stream = await pose.openCamera(video, size);
  const model = await pose.createPoseModel({complexity});
  const width = video.videoWidth, height = video.videoHeight - strip;
  const whole = document.createElement('canvas');
  whole.width = video.videoWidth; whole.height = video.videoHeight;
  const picture = document.createElement('canvas');
  const scale = Math.min(1, maxSide / Math.max(width, height));
  picture.width = Math.round(width * scale); picture.height = Math.round(height * scale);
  const wholeContext = whole.getContext('2d', {willReadFrequently: true});
  const pictureContext = picture.getContext('2d');
  const frameNumber = () => {
    wholeContext.drawImage(video, 0, 0);
    const row = wholeContext.getImageData(0, video.videoHeight - strip / 2, whole.width, 1).data;
    let frame = 0;
    for (let bit = 0; bit < bits; bit++) {
      if (row[4 * Math.floor((bit + 0.5) * whole.width / bits)] > 128) frame += 1 << bit;
    }
    return frame;
  };
  pictureContext.drawImage(video, 0, 0, width, height, 0, 0, picture.width, picture.height);
  await model.estimate(picture, 0);  // warm-up: shaders compile on the first frame
  const coach = exercise ? session.createCoach(exercise, {aspect: width / height}) : null;
  const seen = [];
  const covered = new Set();
  let last = frameNumber(), loops = 0, busy = 0, modelSeconds = 0, started = null;
  const shown = () => new Promise(r => video.requestVideoFrameCallback(() => r()));
  const limit = performance.now() + seconds * 1000;
  while (performance.now() < limit) {
    const frame = frameNumber();
    if (frame === last) { await Promise.race([shown(), new Promise(r => setTimeout(r, 100))]); continue; }
    const wrapped = frame < last;
    last = frame;
    if (wrapped) loops += 1;
    if (!everyFrame) {
      if (started === null && !wrapped) continue;  // wait for the clip's start
      if (started !== null && wrapped) break;  // one pass done
      if (started === null) {
        if (window.glutewakeMark) await window.glutewakeMark('start');
        started = performance.now();
      }
    }
    if (frame >= frames) continue;
    pictureContext.drawImage(video, 0, 0, width, height, 0, 0, picture.width, picture.height);
    const begun = performance.now();
    const t = loops * frames / fps + frame / fps;
    const found = await model.estimate(picture, 1000 + t * 1000);
    modelSeconds += (performance.now() - begun) / 1000;
    const state = coach ? coach.update(found, t) : null;
    busy += performance.now() - begun;
    seen.push({frame, loop: loops, ms: performance.now() - begun, found,
               state: state && {status: state.status, reps: state.reps, value: state.value}});
    covered.add(frame);
    if (everyFrame && covered.size === frames) break;
  }
  const elapsed = (performance.now() - (started || limit - seconds * 1000)) / 1000;
  if (window.glutewakeMark) await window.glutewakeMark('end');
  pose.closeCamera(stream);
  await model.close();
  return {seen, elapsed, busy: busy / 1000, model: modelSeconds, width, height,
          cpuInference: pose.softwareWebGL(),
          summary: coach ? coach.summary() : null};
}
"""


def feed_size(feed: Path) -> dict[str, int]:
    """The width and height a .y4m file's header gives."""
    with feed.open("rb") as stream:
        header = stream.readline().decode("ascii").split()
    fields = {part[0]: part[1:] for part in header[1:]}
    return {"width": int(fields["W"]), "height": int(fields["H"])}


def run_clip(
    page: Page,
    clip: Clip,
    feed: Path,
    *,
    shown_fps: float,
    exercise: dict[str, Any] | None = None,
    complexity: int = 0,
    seconds: float = 60,
    every_frame: bool = True,
    max_side: int = 480,
) -> dict[str, Any]:
    """Run the camera pipeline on ``feed``, the clip playing as the page's camera; what it saw."""
    result: dict[str, Any] = page.evaluate(
        RUN_CLIP,
        {
            "fps": clip.fps,
            "frames": clip.frames,
            "complexity": complexity,
            "exercise": exercise,
            "seconds": seconds,
            "everyFrame": every_frame,
            "size": feed_size(feed),
            "maxSide": max_side,
            "strip": STRIP,
            "bits": CODE_BITS,
        },
    )
    return result


def rounded(value: Any) -> Any:
    """Numbers to 3 decimals, all the way down (the fixtures stay small)."""
    if isinstance(value, float):
        return round(value, 3)
    if isinstance(value, list):
        return [rounded(item) for item in value]
    if isinstance(value, dict):
        return {key: rounded(item) for key, item in value.items()}
    return value


def landmark_fixture(clip: Clip, result: dict[str, Any], complexity: int) -> dict[str, Any]:
    """The fixture of one clip: the landmarks of each frame, first time it was seen."""
    frames: dict[int, Any] = {}
    for entry in result["seen"]:
        if entry["loop"] == 0 or entry["frame"] not in frames:
            frames.setdefault(entry["frame"], entry["found"])
    missing = [index for index in range(clip.frames) if index not in frames]
    return {
        "clip": clip.file,
        "exercise_id": clip.exercise_id,
        "fps": clip.fps,
        "model": f"@mediapipe/pose 0.5.1675469404, modelComplexity {complexity}, "
        + ("CPU inference (software WebGL)" if result["cpuInference"] else "WebGL inference"),
        "width": result["width"],
        "height": result["height"],
        "missing_frames": missing,
        "frames": [rounded(frames.get(index)) for index in range(clip.frames)],
    }


def write_fixture(clip: Clip, fixture: dict[str, Any]) -> Path:
    FIXTURES.mkdir(parents=True, exist_ok=True)
    path = FIXTURES / f"{clip.name}.json"
    path.write_text(json.dumps(fixture, separators=(",", ":")) + "\n", encoding="utf-8")
    return path


def clip_frames(clip: Clip, folder: Path) -> list[Path]:
    """Every frame of the clip as a PNG (ffmpeg), in order."""
    target = folder / f"{clip.name}-frames"
    if not target.exists():
        target.mkdir(parents=True)
        subprocess.run(
            [
                "ffmpeg",
                "-v",
                "error",
                "-i",
                str(clip.path),
                "-fps_mode",
                "passthrough",
                str(target / "%04d.png"),
            ],
            check=True,
        )
    return sorted(target.glob("*.png"))


# Runs in the page, once per frame: the model on one decoded frame, in the clip's order.
START_FRAMES = """
async ({complexity}) => {
  const pose = await import('/static/camera/pose.js');
  window.__frames = {model: await pose.createPoseModel({complexity}), picture: document.createElement('canvas')};
  return pose.softwareWebGL();
}
"""
NEXT_FRAME = """
async ({url, milliseconds, maxSide}) => {
  const {model, picture} = window.__frames;
  const image = new Image();
  image.src = url;
  await image.decode();
  const scale = Math.min(1, maxSide / Math.max(image.width, image.height));
  picture.width = Math.round(image.width * scale); picture.height = Math.round(image.height * scale);
  picture.getContext('2d').drawImage(image, 0, 0, picture.width, picture.height);
  const begun = performance.now();
  const found = await model.estimate(picture, milliseconds);
  return {found, ms: performance.now() - begun, width: image.width, height: image.height};
}
"""


def run_frames(
    page: Page, clip: Clip, folder: Path, complexity: int = 0, max_side: int = 480
) -> dict[str, Any]:
    """The model on every frame of the clip in order, each decoded by ffmpeg; as run_clip."""
    import base64

    cpu_inference = page.evaluate(START_FRAMES, {"complexity": complexity})
    seen = []
    for index, path in enumerate(clip_frames(clip, folder)[: clip.frames]):
        url = "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode("ascii")
        entry = page.evaluate(
            NEXT_FRAME, {"url": url, "milliseconds": index * 1000 / clip.fps, "maxSide": max_side}
        )
        seen.append({"frame": index, "loop": 0, **entry})
    return {
        "seen": seen,
        "width": seen[0]["width"],
        "height": seen[0]["height"],
        "busy": sum(entry["ms"] for entry in seen) / 1000,
        "cpuInference": cpu_inference,
    }
