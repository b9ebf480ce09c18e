// The camera coach in the guided player: the camera picture with the tracked skeleton over it,
// the live rep count and hold time, placement advice and spoken corrections. The frames stay in
// this page: the model runs here (pose.js) and nothing but the set's numbers is ever sent, by
// the player, when the person saves the set. player.js calls window.glutewakeCamera.

import { closeCamera, createPoseModel, openCamera } from "./pose.js";
import { drawSkeleton } from "./overlay.js";
import { createCoach } from "./session.js";

const VIEW_WORDS = { front: "from the front", side: "from the side" };
// Product setting: below this many frames a second a rep can pass between two frames.
const MIN_FPS = 5;
// Product setting: the longer side of the picture the model gets (the landmark model itself
// works on 256 px crops; a smaller picture costs less to copy and scale: docs/camera.md).
const MODEL_SIDE = 480;
const SLOW_WORDS = " frames a second here: too slow to count every rep. Check the number before you save it.";

let model = null;
let active = null; // {panel, stream, coach, row, kind, running, summary}

function $(selector, scope) {
  return scope.querySelector(selector);
}

function amountOf(summary, kind) {
  return kind === "hold_seconds" ? Math.round(summary.hold_seconds) : summary.reps;
}

// Waits for a camera frame the model has not had yet: at once when one came while the model
// was busy (the frames in between are skipped, never queued), else until the next one shows,
// so that the page is free in between and no frame is handed to the model twice. Without
// requestVideoFrameCallback, a task boundary each time.
function frameWatcher(video) {
  if (!video.requestVideoFrameCallback) {
    return { next: () => new Promise((resolve) => setTimeout(resolve, video.readyState < 2 ? 50 : 0)) };
  }
  let presented = 0;
  let used = 0;
  let waiting = null;
  const watch = (now, metadata) => {
    presented = metadata.presentedFrames;
    if (waiting) waiting();
    waiting = null;
    video.requestVideoFrameCallback(watch);
  };
  video.requestVideoFrameCallback(watch);
  return {
    async next() {
      if (presented === used) await new Promise((resolve) => (waiting = resolve));
      used = presented;
    },
  };
}

// The frame, scaled so that its longer side is at most MODEL_SIDE, on ``picture``.
function scaled(video, picture) {
  const scale = Math.min(1, MODEL_SIDE / Math.max(video.videoWidth, video.videoHeight));
  const width = Math.round(video.videoWidth * scale);
  const height = Math.round(video.videoHeight * scale);
  if (picture.width !== width || picture.height !== height) {
    picture.width = width;
    picture.height = height;
  }
  picture.getContext("2d").drawImage(video, 0, 0, width, height);
  return picture;
}

async function run(session, speak) {
  const { panel } = session;
  const video = $("[data-camera-video]", panel);
  const canvas = $("[data-camera-overlay]", panel);
  const status = $("[data-camera-status]", panel);
  const count = $("[data-camera-count]", panel);
  const picture = document.createElement("canvas");
  const newFrames = frameWatcher(video);
  const started = performance.now();
  let frames = 0;
  while (session.running) {
    await newFrames.next();
    if (video.readyState < 2 || !session.running) continue;
    const now = performance.now();
    const frame = await model.estimate(scaled(video, picture), now);
    if (!session.running) break;
    const state = session.coach.update(frame, (now - started) / 1000);
    drawSkeleton(canvas, video, frame, state.status === "tracking");
    frames += 1;
    const seconds = (performance.now() - started) / 1000;
    const slow = seconds > 5 && frames / seconds < MIN_FPS ? " " + (frames / seconds).toFixed(1) + SLOW_WORDS : "";
    status.textContent = (state.message || (state.holding ? "Holding" : "")) + slow;
    count.textContent =
      session.kind === "hold_seconds"
        ? Math.floor(state.longest) + " s held"
        : state.reps + (state.reps === 1 ? " rep" : " reps");
    if (state.say) speak(state.say);
  }
}

async function start(session, speak) {
  const { panel } = session;
  const status = $("[data-camera-status]", panel);
  status.textContent = "Starting the camera…";
  try {
    const video = $("[data-camera-video]", panel);
    session.stream = await openCamera(video);
    $("[data-camera-view]", panel).hidden = false;
    if (!model) model = await createPoseModel({ complexity: 0 });
    session.coach = createCoach(session.camera, {
      workingSide: session.row.side,
      aspect: video.videoWidth / video.videoHeight || 4 / 3,
    });
    session.running = true;
    status.textContent = "";
    speak(session.camera.placement);
    await run(session, speak);
  } catch (error) {
    status.textContent =
      "The camera did not start (" + (error && error.name ? error.name : "error") + "). " +
      "Allow the camera for this page, or open glutewake over https on a phone (docs/camera.md).";
    stop();
  }
}

function stop() {
  if (!active) return;
  active.running = false;
  closeCamera(active.stream);
  active.stream = null;
  const view = $("[data-camera-view]", active.panel);
  if (view) view.hidden = true;
  const toggle = $("[data-camera-toggle]", active.panel);
  if (toggle) toggle.setAttribute("aria-pressed", "false");
}

window.glutewakeCamera = {
  // The work screen of a set shows "Use camera" when the exercise has a camera block.
  attach(screen, exercise, row, speak) {
    stop();
    active = null;
    const panel = $("[data-camera]", screen);
    if (!panel) return;
    panel.hidden = !exercise.camera;
    if (!exercise.camera) return;
    $("[data-camera-placement]", panel).textContent =
      "Film " + VIEW_WORDS[exercise.camera.view] + ": " + exercise.camera.placement;
    $("[data-camera-count]", panel).textContent = "";
    const session = { panel, row, camera: exercise.camera, kind: row.measure, running: false, stream: null, coach: null };
    active = session;
    const toggle = $("[data-camera-toggle]", panel);
    toggle.setAttribute("aria-pressed", "false");
    toggle.onclick = function () {
      if (session.running || session.stream) {
        stop();
        return;
      }
      toggle.setAttribute("aria-pressed", "true");
      start(session, speak);
    };
  },
  // Another screen shows: the camera stops (its count stays for finish).
  stop,
  // The set is over: the camera stops; its count (or seconds held) for the log, or null.
  finish(row) {
    if (!active || active.row.key !== row.key || !active.coach) {
      stop();
      return null;
    }
    const session = active;
    stop();
    return amountOf(session.coach.summary(), session.kind);
  },
};
