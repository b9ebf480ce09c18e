// The camera coach's pure logic under node: synthetic landmarks for the edge cases, and the
// landmarks BlazePose found in the three real clips (fixtures/*.json, scripts/camera_landmarks)
// checked against their ground truth (../shared/camera-clips/README.md).
// Run by tests/camera/test_camera_logic.py, which passes the catalogue's camera blocks and the
// clips' ground truth (camera_kit.CLIP_LIST) in GLUTEWAKE_CAMERA_DATA, a JSON file.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { measure } from "../../src/glutewake/web/static/camera/angles.js";
import { createRepCounter } from "../../src/glutewake/web/static/camera/counter.js";
import { createHoldTimer } from "../../src/glutewake/web/static/camera/hold.js";
import { createPresence } from "../../src/glutewake/web/static/camera/presence.js";
import { createCoach } from "../../src/glutewake/web/static/camera/session.js";

const { blocks: BLOCKS, truth: TRUTH } = JSON.parse(readFileSync(process.env.GLUTEWAKE_CAMERA_DATA, "utf8"));

function fixture(name) {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), "utf8"));
}

// -- synthetic people -----------------------------------------------------------------------
// A person standing side-on to the camera in world metres (y down, hips at the origin), with
// the knees bent ``knee`` degrees and the hips ``hip`` degrees, drawn into the picture at
// (cx, cy) with ``scale`` picture heights a metre; ``visibility`` of every landmark.
function person({ hip = 0, knee = 0, cx = 0.5, cy = 0.5, scale = 0.4, visibility = 0.99 }) {
  const world = Array.from({ length: 33 }, () => ({ x: 0, y: 0, z: 0 }));
  const rad = Math.PI / 180;
  for (const [side, z] of [["l", -0.1], ["r", 0.1]]) {
    const index = { l: [11, 23, 25, 27], r: [12, 24, 26, 28] }[side];
    const thigh = { x: Math.sin(hip * rad) * 0.45, y: Math.cos(hip * rad) * 0.45 };
    const shinAngle = (hip - knee) * rad;
    const shin = { x: Math.sin(shinAngle) * 0.42, y: Math.cos(shinAngle) * 0.42 };
    world[index[0]] = { x: 0, y: -0.5, z };
    world[index[1]] = { x: 0, y: 0, z };
    world[index[2]] = { x: thigh.x, y: thigh.y, z };
    world[index[3]] = { x: thigh.x + shin.x, y: thigh.y + shin.y, z };
  }
  // z flipped so that the person faces +x (their forward direction in angles.js)
  world.forEach((point) => (point.z = -point.z));
  const image = world.map((point) => ({ x: cx + point.x * scale, y: cy + point.y * scale, z: 0, v: visibility }));
  return { image, world };
}

const SQUAT = { kind: "reps", view: "side", placement: "Stand side-on.", track: "knee_flexion", legs: "both",
  start: { value: 20 }, end: { value: 60 }, faults: [] };

function run(coach, frames, fps = 10) {
  let state = null;
  frames.forEach((frame, index) => (state = coach.update(frame, index / fps)));
  return state;
}

function ramp(from, to, steps) {
  return Array.from({ length: steps }, (_, i) => from + ((to - from) * (i + 1)) / steps);
}

test("angles: knee and hip flexion of a synthetic person", () => {
  const m = measure(person({ hip: 40, knee: 70 }), 1);
  assert.ok(Math.abs(m.knee_flexion_l - 70) < 0.5, String(m.knee_flexion_l));
  assert.ok(Math.abs(m.hip_flexion_r - 40) < 0.5, String(m.hip_flexion_r));
  const behind = measure(person({ hip: -15, knee: 0 }), 1);
  assert.ok(Math.abs(behind.hip_flexion_l + 15) < 0.5, String(behind.hip_flexion_l));
});

test("counter: hysteresis counts full reps only, noise at a threshold counts nothing", () => {
  const counter = createRepCounter({ start: 20, end: 60 });
  const values = [5, ...ramp(5, 80, 8), ...ramp(80, 5, 8), // one full rep
    ...ramp(5, 45, 5), ...ramp(45, 5, 5), // a half rep: turned back before 60
    ...ramp(5, 59, 4), 61, 59, 61, 59, 61, ...ramp(61, 5, 4)]; // noise at the end: one rep
  let state;
  values.forEach((value, i) => (state = counter.update(value, i / 10)));
  assert.equal(state.reps, 2);
  assert.equal(state.partials, 1);
  const bridge = createRepCounter({ start: 25, end: 10 }); // the end below the start
  [40, 30, 20, 8, 5, 8, 20, 30, 40].forEach((value, i) => (state = bridge.update(value, i / 10)));
  assert.equal(state.reps, 1);
});

test("counter: a rep ending at the bottom of the clip is not counted", () => {
  const counter = createRepCounter({ start: 20, end: 60 });
  let state;
  [5, ...ramp(5, 90, 6), 90, 90].forEach((value, i) => (state = counter.update(value, i / 10)));
  assert.equal(state.reps, 0);
  assert.equal(state.phase, "reached");
});

test("leaving the frame pauses the count; coming back mid-way does not invent a rep", () => {
  const coach = createCoach(SQUAT, { aspect: 1 });
  const frames = [
    ...ramp(0, 80, 6).map((knee) => person({ knee })), ...ramp(80, 0, 6).map((knee) => person({ knee })),
    ...ramp(0, 80, 4).map((knee) => person({ knee })), // down...
    ...Array.from({ length: 30 }, () => ({ image: null, world: null })), // gone for 3 s
    ...ramp(80, 0, 4).map((knee) => person({ knee })), // back, on the way up: not a rep
    ...ramp(0, 80, 6).map((knee) => person({ knee })), ...ramp(80, 0, 6).map((knee) => person({ knee })),
  ];
  const state = run(coach, frames);
  assert.equal(state.reps, 2);
  const out = createCoach(SQUAT, { aspect: 1 });
  const gone = run(out, [person({ knee: 0 }), { image: null, world: null }]);
  assert.equal(gone.status, "nobody");
  assert.match(gone.message, /cannot see you/);
});

test("joints not visible: the coach says which, and the count waits", () => {
  const coach = createCoach(SQUAT, { aspect: 1 });
  const hidden = person({ knee: 70 });
  [25, 26, 27, 28].forEach((index) => (hidden.image[index].v = 0.1));
  const state = run(coach, [person({ knee: 0 }), hidden]);
  assert.equal(state.status, "not-visible");
  assert.match(state.message, /cannot see your knees and ankles/);
  assert.equal(state.value, null);
});

test("a second person (or a mirror image) in view is ignored; the coach keeps its person", () => {
  const coach = createCoach(SQUAT, { aspect: 1 });
  const frames = [];
  const knees = [...ramp(0, 80, 8), ...ramp(80, 0, 8)];
  knees.forEach((knee, i) => {
    frames.push(person({ knee }));
    // Every third frame the model jumps to someone else, standing still across the room.
    if (i % 3 === 1) frames.push(person({ knee: 85, cx: 0.1, scale: 0.25 }));
  });
  // The other person alone doing a full squat while ours holds still: not our rep.
  frames.push(person({ knee: 0 }));
  [...ramp(0, 80, 5), ...ramp(80, 0, 5)].forEach((knee) => frames.push(person({ knee, cx: 0.15, scale: 0.25 })));
  frames.push(person({ knee: 0 }));
  const state = run(coach, frames);
  assert.equal(state.reps, 1);
});

test("hold timer runs only while held, and restarts after a break", () => {
  const timer = createHoldTimer();
  let state;
  const held = [true, true, true, true, true, false, true, true, null, true];
  held.forEach((value, i) => (state = timer.update(value, i * 0.1)));
  assert.ok(Math.abs(state.longest - 0.4) < 1e-9, String(state.longest));
  assert.ok(Math.abs(state.total - 0.7) < 1e-9, String(state.total));
});

test("presence: a person walking across the picture stays the same person", () => {
  const presence = createPresence({ needs: ["hip", "knee"], aspect: 1 });
  let state;
  ramp(0.3, 0.7, 20).forEach((cx, i) => (state = presence.update(person({ cx }), i / 10)));
  assert.equal(state.status, "tracking");
});

// -- the real clips -------------------------------------------------------------------------
for (const [name, truth] of Object.entries(TRUTH)) {
  test(`clip ${name}: ${truth.complete} complete reps counted, ${truth.partial} partial not`, () => {
    const recorded = fixture(name);
    assert.deepEqual(recorded.missing_frames, [], "every frame of the clip has landmarks");
    const block = BLOCKS[truth.exercise_id];
    const coach = createCoach(block, { aspect: recorded.width / recorded.height });
    recorded.frames.forEach((frame, index) => coach.update(frame, index / recorded.fps));
    const summary = coach.summary();
    assert.equal(summary.reps, truth.complete, JSON.stringify(summary));
    if (truth.hold_seconds !== null) {
      const error = Math.abs(summary.hold_seconds - truth.hold_seconds);
      assert.ok(error <= 0.35, `hold ${summary.hold_seconds.toFixed(2)} s, truth ${truth.hold_seconds.toFixed(2)} s`);
    }
  });
}
