// "Measure with the camera" on the screening's self-test steps (templates/_camera_self_test.html):
// the camera picture with the skeleton over it, a live clock, and at the end what was measured
// with a button that puts it in the step's answers. Nothing is submitted: the person checks the
// answers and sends the form as usual. Frames go from the <video> to the model in this page and
// nowhere else. Without JavaScript or a camera the panel stays hidden and the step is as before.

import { drawSkeleton } from "./overlay.js";
import { closeCamera, createPoseModel, openCamera } from "./pose.js";
import { REPEAT_SECONDS } from "./session.js";
import {
  bridgeAnswers,
  bridgeNotes,
  createBridgeTest,
  createStanceTest,
  describeBridge,
  describeStance,
  stanceAnswers,
  stanceNotes,
} from "./self_test.js";

// Product setting (as the player's panel): below this many frames a second the clock is coarse.
const MIN_FPS = 5;
const TESTS = {
  stance: {
    create: (block, panel, aspect) =>
      createStanceTest(block, { side: panel.dataset.side, length: Number(panel.dataset.seconds), aspect }),
    describe: describeStance,
    answers: stanceAnswers,
    notes: stanceNotes,
  },
  bridge: {
    create: (block, panel, aspect) => createBridgeTest(block, { aspect }),
    describe: describeBridge,
    answers: bridgeAnswers,
    notes: bridgeNotes,
  },
};

let model = null;
let active = null; // the panel measuring now: {panel, stream, runner, running}

function $(selector, scope) {
  return scope.querySelector(selector);
}

const spoken = {}; // what was said -> when (ms), so that a flickering message is not repeated

function speak(text) {
  if (!text || !window.speechSynthesis || !window.SpeechSynthesisUtterance) return;
  const now = performance.now();
  if (spoken[text] !== undefined && now - spoken[text] < REPEAT_SECONDS * 1000) return;
  spoken[text] = now;
  window.speechSynthesis.cancel();
  window.speechSynthesis.speak(new SpeechSynthesisUtterance(text));
}

function clockText(panel, state) {
  const length = Number(panel.dataset.seconds);
  return Math.floor(state.held) + " s" + (length ? " of " + length : "") + (state.holding ? " held" : "");
}

function stop() {
  if (!active) return;
  const session = active;
  active = null;
  session.running = false;
  closeCamera(session.stream);
  $("[data-camera-view]", session.panel).hidden = true;
  $("[data-camera-toggle]", session.panel).setAttribute("aria-pressed", "false");
  $("[data-camera-toggle]", session.panel).textContent = "Measure again with the camera";
  if (session.runner) show(session);
}

// The result, and the button that fills the step's fields with the answers it supports.
function show(session) {
  const { panel, runner } = session;
  const kind = TESTS[panel.dataset.cameraTest];
  const block = JSON.parse(panel.dataset.block);
  const result = runner.stop();
  const answers = kind.answers(result, block);
  const box = $("[data-camera-result]", panel);
  const summary = $("[data-camera-summary]", panel);
  summary.textContent = kind.describe(result, block);
  box.dataset.held = String(result.held); // the unrounded figures, for a test to read
  box.dataset.fps = String(result.fps);
  const slow = result.fps !== null && result.fps < MIN_FPS
    ? " The camera saw " + result.fps.toFixed(1) + " frames a second here, so the time can be off by " +
      (1 / result.fps).toFixed(1) + " s."
    : "";
  $("[data-camera-notes]", panel).textContent = kind.notes(result, block).join(" ") + slow;
  const fill = $("[data-camera-fill]", panel);
  fill.hidden = Object.keys(answers).length === 0;
  fill.onclick = () => {
    const filled = Object.entries(answers).map(([field, value]) => put(panel.dataset.fields + field, value));
    $("[data-camera-status]", panel).textContent =
      "Filled in from the camera: " + filled.join(" ") + " Check each one, change any that is wrong, then continue.";
    fill.hidden = true;
  };
  box.hidden = false;
  $("[data-camera-status]", panel).textContent = "";
  summary.focus();
  speak(summary.textContent);
}

// Fills one field of the step's form; returns the question and the answer, in words.
function put(name, value) {
  const form = document.querySelector("form.card");
  const fields = Array.from(form.querySelectorAll('[name="' + name + '"]:not([type="hidden"])'));
  let words = value;
  fields.forEach((field) => {
    if (field.type === "radio" || field.type === "checkbox") {
      field.checked = field.value === value;
      if (field.checked) words = field.closest("label").textContent.trim();
    } else {
      field.value = value;
    }
    field.dispatchEvent(new Event("change", { bubbles: true }));
  });
  const question = fields.length ? fields[0].closest("fieldset, .field") : null;
  const asked = question ? question.querySelector("legend, label").textContent.trim() : name;
  return asked + " " + words + ".";
}

async function run(session) {
  const { panel, runner } = session;
  const video = $("[data-camera-video]", panel);
  const canvas = $("[data-camera-overlay]", panel);
  const status = $("[data-camera-status]", panel);
  const clock = $("[data-camera-clock]", panel);
  const started = performance.now();
  let said = "";
  while (session.running) {
    // A task boundary each frame: the page (and the camera's next frame) gets its turn.
    await new Promise((resolve) => setTimeout(resolve, video.readyState < 2 ? 50 : 0));
    if (video.readyState < 2) continue;
    const now = performance.now();
    const frame = await model.estimate(video, now);
    if (!session.running) return;
    const state = runner.update(frame, (now - started) / 1000);
    drawSkeleton(canvas, video, frame, state.holding || state.phase === "ready");
    clock.textContent = clockText(panel, state);
    status.textContent = state.message || (state.holding ? "Hold…" : "");
    const cue = state.holding ? "The clock is running." : state.message;
    if (cue !== said) {
      said = cue;
      speak(cue);
    }
    if (state.phase === "done") {
      stop();
      return;
    }
  }
}

async function start(panel) {
  stop();
  const status = $("[data-camera-status]", panel);
  const toggle = $("[data-camera-toggle]", panel);
  $("[data-camera-result]", panel).hidden = true;
  const session = { panel, stream: null, runner: null, running: true };
  active = session;
  toggle.setAttribute("aria-pressed", "true");
  toggle.textContent = "Stop the camera";
  status.textContent = "Starting the camera…";
  try {
    const video = $("[data-camera-video]", panel);
    session.stream = await openCamera(video);
    $("[data-camera-view]", panel).hidden = false;
    if (!model) {
      status.textContent = "Loading the pose model (it runs on this device)…";
      model = await createPoseModel({ complexity: 0 });
    }
    if (!session.running) return;
    const aspect = video.videoWidth / video.videoHeight || 4 / 3;
    session.runner = TESTS[panel.dataset.cameraTest].create(JSON.parse(panel.dataset.block), panel, aspect);
    status.textContent = "";
    await run(session);
  } catch (error) {
    if (active === session) stop();
    status.textContent =
      "The camera did not start (" + (error && error.name ? error.name : "error") + "). " +
      "Allow the camera for this page, or open glutewake over https on a phone (docs/camera.md). " +
      "You can still do the test without it.";
  }
}

function attach(panel) {
  if (!TESTS[panel.dataset.cameraTest]) return;
  panel.hidden = false;
  const toggle = $("[data-camera-toggle]", panel);
  toggle.addEventListener("click", () => {
    if (active && active.panel === panel) stop();
    else start(panel);
  });
}

if (navigator.mediaDevices && navigator.mediaDevices.getUserMedia) {
  document.querySelectorAll("[data-camera-test]").forEach(attach);
  // A hidden page gets no frames: the measurement ends there, with what was seen.
  document.addEventListener("visibilitychange", () => {
    if (document.hidden) stop();
  });
}
