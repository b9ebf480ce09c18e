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
// the knees bent ``knee`` degrees and the hips ``hip`` degrees (the thigh against the trunk),
// the trunk leaning ``lean`` degrees forward, drawn into the picture at (cx, cy) with ``scale``
// picture heights a metre; ``visibility`` of every landmark. ``right`` ({hip, knee}) bends the
// right leg differently (one-leg work).
function person({ hip = 0, knee = 0, lean = 0, right = null, cx = 0.5, cy = 0.5, scale = 0.4, visibility = 0.99 }) {
  const world = Array.from({ length: 33 }, () => ({ x: 0, y: 0, z: 0 }));
  const rad = Math.PI / 180;
  for (const [side, z] of [["l", -0.1], ["r", 0.1]]) {
    const index = { l: [11, 23, 25, 27], r: [12, 24, 26, 28] }[side];
    const leg = side === "r" && right ? right : { hip, knee };
    const thighAngle = (leg.hip - lean) * rad;
    const thigh = { x: Math.sin(thighAngle) * 0.45, y: Math.cos(thighAngle) * 0.45 };
    const shinAngle = (leg.hip - lean - leg.knee) * rad;
    const shin = { x: Math.sin(shinAngle) * 0.42, y: Math.cos(shinAngle) * 0.42 };
    world[index[0]] = { x: Math.sin(lean * rad) * 0.5, y: -Math.cos(lean * rad) * 0.5, z };
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
  const hinged = measure(person({ hip: 80, knee: 20, lean: 75 }), 1);
  assert.ok(Math.abs(hinged.hip_flexion_l - 80) < 0.5, String(hinged.hip_flexion_l));
  assert.ok(Math.abs(hinged.knee_hip_ratio_r - 0.25) < 0.01, String(hinged.knee_hip_ratio_r));
  assert.equal(measure(person({ hip: 20, knee: 20 }), 1).knee_hip_ratio_l, null, "too little hip flexion");
});

// -- hip hinge versus squat (the deadlifts' blocks) -----------------------------------------
// BlazePose reads standing knees 10 to 20 degrees bent: the synthetic knees carry 12 of that.
const KNEE_READ = 12;
function reps(count, from, to, steps = 8) {
  const one = [...ramp(0, 1, steps), ...ramp(1, 0, steps)];
  return Array.from({ length: count }, () => one).flat().map((f) => {
    const at = (key) => from[key] + (to[key] - from[key]) * f;
    const right = from.right ? { hip: from.right.hip + (to.right.hip - from.right.hip) * f,
      knee: KNEE_READ + from.right.knee + (to.right.knee - from.right.knee) * f } : null;
    return person({ hip: at("hip"), knee: KNEE_READ + at("knee"), lean: at("lean"), right });
  });
}
const UP = { hip: 0, knee: 0, lean: 0 };
// A hinge: the hips go back, the thigh stays near vertical and the knees bend a little; a
// squat: hips and knees bend alike, the trunk leans less.
const HINGE = { hip: 80, knee: 20, lean: 72 };
const SQUAT_BOTTOM = { hip: 85, knee: 90, lean: 35 };

function coached(block, frames, workingSide = null) {
  const coach = createCoach(block, { aspect: 1, workingSide });
  const said = [];
  frames.forEach((frame, index) => {
    const state = coach.update(frame, index / 10);
    if (state.say) said.push(state.say);
  });
  return { ...coach.summary(), said };
}

function hingeFaults(summary) {
  return summary.faults.filter((fault) => fault.id === "squat-not-hinge");
}

for (const id of ["romanian-deadlift", "single-leg-romanian-deadlift", "b-stance-romanian-deadlift"]) {
  test(`${id}: a hinge counts without a fault, a squat-pattern rep raises squat-not-hinge`, () => {
    const block = BLOCKS[id];
    assert.equal(block.track, "hip_flexion");
    assert.equal(block.view, "side");
    // One-leg work: the right leg reaches back (single-leg) or rests behind, bent (B-stance).
    const other = id.startsWith("single") ? { right: { hip: 0, knee: 0 } } : id.startsWith("b-") ? { right: { hip: 5, knee: 50 } } : {};
    const otherBottom = id.startsWith("single") ? { right: { hip: -2, knee: 0 } } : id.startsWith("b-") ? { right: { hip: 80, knee: 75 } } : {};
    const hinge = coached(block, [person(UP), ...reps(3, { ...UP, ...other }, { ...HINGE, ...otherBottom })], "left");
    assert.equal(hinge.reps, 3, JSON.stringify(hinge));
    assert.deepEqual(hingeFaults(hinge), [], JSON.stringify(hinge.faults));
    const squat = coached(block, [person(UP), ...reps(2, { ...UP, ...other }, { ...SQUAT_BOTTOM, ...otherBottom })], "left");
    assert.equal(squat.reps, 2);
    const [fault] = hingeFaults(squat);
    assert.equal(fault.side, "left");
    assert.equal(fault.reps, 2, JSON.stringify(squat.faults));
    assert.ok(fault.worst > block.faults[0].limit.value);
    assert.ok(squat.said.some((words) => words === "Left side: " + block.faults[0].cue), squat.said.join(" | "));
  });
}

test("deadlift: a rep goes from the bar up and back down; squatting the bar up is a fault", () => {
  const block = BLOCKS["deadlift"];
  const setup = { hip: 115, knee: 65, lean: 60 }; // hips high, shins near the bar (0.67 with the read error)
  const walkIn = [person(UP), ...ramp(0, 1, 6).map((f) => person({ hip: 115 * f, knee: KNEE_READ + 65 * f, lean: 60 * f }))];
  // From the floor: up and down twice, then standing up without the bar (not a rep).
  const lifts = reps(2, setup, UP).concat(ramp(1, 0, 6).map((f) => person({ hip: 115 * f, knee: KNEE_READ + 65 * f, lean: 60 * f })));
  const good = coached(block, [...walkIn, ...lifts]);
  assert.equal(good.reps, 2, JSON.stringify(good));
  assert.deepEqual(hingeFaults(good), [], JSON.stringify(good.faults));
  const low = { hip: 100, knee: 100, lean: 35 }; // hips as low as the knees: a squat
  const squatted = coached(block, [person(UP), ...ramp(0, 1, 6).map((f) => person({ hip: 100 * f, knee: KNEE_READ + 100 * f, lean: 35 * f })), ...reps(2, low, UP)]);
  assert.equal(squatted.reps, 2);
  const faults = hingeFaults(squatted);
  assert.ok(faults.length > 0 && faults.every((fault) => fault.worst > block.faults[0].limit.value), JSON.stringify(faults));
});

test("the real squat clip, coached as a Romanian deadlift and as a deadlift, is a squat", () => {
  const recorded = fixture("squat");
  for (const id of ["romanian-deadlift", "deadlift"]) {
    const coach = createCoach(BLOCKS[id], { aspect: recorded.width / recorded.height });
    recorded.frames.forEach((frame, index) => coach.update(frame, index / recorded.fps));
    const faults = hingeFaults(coach.summary());
    assert.ok(faults.some((fault) => fault.reps >= 2), `${id}: ${JSON.stringify(coach.summary().faults)}`);
  }
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
