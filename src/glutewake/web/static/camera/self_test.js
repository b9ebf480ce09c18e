// The screening's self-tests measured by the camera: the single-leg stance (one side at a time)
// and the bridge hold. Pure: frames and their times in seconds come in (node tests it), a
// measurement and the answers it supports go out. The person confirms every answer.
//
// Both tests start only after the camera has seen the starting position (both feet down;
// lying with the hips down), so a clock never starts half-way through a hold. The clock runs
// while the position is held; it stops when the position is lost for SUSTAIN_SECONDS (one
// noisy frame does not end a hold), when the person is out of sight for LOST_SECONDS, or, for
// the stance, at the test's own length (30 s, self_tests.yaml). A slow device is not a lost
// hold: the time between two frames in position counts, up to MAX_GAP_SECONDS.

import { POINTS, measure, valueOf } from "./angles.js";
import { LOST_SECONDS } from "./counter.js";
import { createHoldTimer } from "./hold.js";
import { SETTINGS, createPresence } from "./presence.js";

// Product settings (no source gives them), see docs/camera.md.
export const SUSTAIN_SECONDS = 0.25; // a change counts once it lasts this long (2 frames at least)
export const MAX_GAP_SECONDS = 5; // longer without any frame: the device stalled, the hold ends

const OTHER = { left: "right", right: "left" };
const LETTER = { left: "l", right: "r" };

// The largest value that lasted SUSTAIN_SECONDS: the largest minimum over any stretch of
// frames at least that long (a single frame is never enough).
function createSustainedPeak(seconds) {
  let recent = [];
  let peak = null;
  return {
    add(value, t) {
      recent.push({ t, value });
      while (recent.length > 2 && recent[1].t <= t - seconds + 1e-9) recent.shift();
      if (t - recent[0].t < seconds - 1e-9) return;
      const lowest = Math.min(...recent.map((entry) => entry.value));
      peak = peak === null ? lowest : Math.max(peak, lowest);
    },
    value: () => peak,
  };
}

// A position held, debounced: ``update(inPosition, t)`` with true, false or null (no usable
// frame). Out of position ends the hold only once it lasted ``sustain`` seconds; the hold's
// time runs up to the last frame in position. Built on hold.js's timer.
function createSteadyHold({ sustain = SUSTAIN_SECONDS, lost = LOST_SECONDS, maxGap = MAX_GAP_SECONDS } = {}) {
  const timer = createHoldTimer({ maxGap });
  let outSince = null;
  let lastUsable = null;
  let ended = null; // "out" | "lost"
  return {
    update(inPosition, t) {
      if (ended) return ended;
      const holding = timer.state().holding;
      if (inPosition === null) {
        if (holding && lastUsable !== null && t - lastUsable > lost) ended = "lost";
        return ended;
      }
      lastUsable = t;
      if (inPosition) {
        outSince = null;
        timer.update(true, t);
      } else if (holding) {
        if (outSince === null) outSince = t;
        if (t - outSince >= sustain - 1e-9) ended = "out";
      }
      return ended;
    },
    holding: () => timer.state().holding && !ended,
    seconds: () => timer.state().longest,
  };
}

// Consecutive frames that agree: ``add`` is true once they lasted SUSTAIN_SECONDS (so two
// frames at least); ``take`` hands them over, to count from the first of them.
function createRun(seconds = SUSTAIN_SECONDS) {
  let frames = [];
  return {
    add(agrees, t, entry = null) {
      if (!agrees) {
        frames = [];
        return false;
      }
      frames.push({ t, entry });
      return t - frames[0].t >= seconds - 1e-9;
    },
    take() {
      const taken = frames;
      frames = [];
      return taken;
    },
  };
}

function visible(frame, names, minVisibility) {
  return names.every((name) => {
    const landmark = frame.image[POINTS[name]];
    return landmark && landmark.v >= minVisibility;
  });
}

function seconds(value) {
  return Math.floor(value) + " s";
}

// -- the single-leg stance --------------------------------------------------------------------
// ``camera``: the single-leg-standing block (its foot-lift thresholds and its faults);
// ``side``: the leg stood on ("left" or "right", as the self-test asks it); ``length``: the
// test's seconds.
export function createStanceTest(camera, { side, length, aspect = 4 / 3, minVisibility = SETTINGS.minVisibility }) {
  const free = OTHER[side];
  const presence = createPresence({ needs: ["hip", "ankle"], aspect });
  const hold = createSteadyHold();
  const drop = createSustainedPeak(SUSTAIN_SECONDS);
  const lean = createSustainedPeak(SUSTAIN_SECONDS);
  const femoral = createSustainedPeak(SUSTAIN_SECONDS); // of the negated angle: its sustained low
  const lifted = camera.end.value;
  const down = camera.start.value;
  const bothDown = createRun();
  const footUp = createRun();
  let phase = "waiting"; // waiting -> ready (both feet down) -> holding -> done
  let reached = false;
  let reason = null;
  let first = null;
  let last = null;
  let frames = 0;

  function finish(why) {
    phase = "done";
    reason = why;
  }

  function held(up, t, measures, frame) {
    const ended = hold.update(up, t);
    if (up) {
      drop.add(measures.pelvic_drop, t);
      if (visible(frame, ["shoulder_l", "shoulder_r"], minVisibility)) lean.add(measures.trunk_lean_lateral, t);
      if (visible(frame, ["knee_" + LETTER[side]], minVisibility)) femoral.add(-measures.femoral_angle, t);
    }
    if (ended) finish(ended === "out" ? "foot-down" : "left-frame");
    else if (hold.seconds() >= length) finish("time");
  }

  return {
    update(frame, t) {
      if (phase === "done") return this.state();
      if (first === null) first = t;
      last = t;
      frames += 1;
      const seen = presence.update(frame, t);
      const usable =
        (seen.status === "tracking" || seen.status === "reanchored") &&
        visible(frame, ["hip_l", "hip_r", "ankle_l", "ankle_r"], minVisibility);
      const measures = usable ? measure(frame, aspect) : null;
      // How high the free foot is (negative: the standing foot is the higher one).
      const lift = measures ? (measures.free_side === LETTER[free] ? 1 : -1) * measures.foot_lift : null;
      let message = "";
      if (!usable) {
        message =
          seen.status === "other-person"
            ? "Someone else is in view: I keep following you."
            : "I cannot see your hips and feet. " + camera.placement;
      }
      if (phase === "holding") {
        held(lift === null ? null : lift > down, t, measures, frame);
      } else if (phase === "ready") {
        if (footUp.add(lift !== null && lift >= lifted, t, { measures, frame })) {
          phase = "holding"; // counted from the first frame of the lift
          reached = true;
          footUp.take().forEach((run) => held(true, run.t, run.entry.measures, run.entry.frame));
        } else if (lift !== null && -lift >= lifted) {
          message = "That is your " + side + " foot up: stand on your " + side + " leg and lift your " + free + " foot.";
        } else if (!message) {
          message = "Lift your " + free + " foot: the clock starts when I see it off the floor.";
        }
      } else if (bothDown.add(lift !== null && Math.abs(lift) <= down, t)) {
        phase = "ready";
        message = message || "Lift your " + free + " foot: the clock starts when I see it off the floor.";
      } else if (!message) {
        message = "Stand on both feet, facing the camera.";
      }
      return { ...this.state(), message: phase === "done" ? "" : message };
    },
    // The person ends the measurement.
    stop() {
      if (phase !== "done") finish("stopped");
      return this.result();
    },
    state() {
      return { phase, reason, held: hold.seconds(), holding: hold.holding(), message: "" };
    },
    result() {
      const elapsed = first === null ? 0 : last - first;
      return {
        test: "single_leg_stance",
        side,
        length,
        reason,
        reached,
        held: Math.min(hold.seconds(), length),
        pelvicDrop: drop.value(),
        trunkLean: lean.value(),
        femoralAngle: femoral.value() === null ? null : -femoral.value(),
        fps: elapsed > 0 ? (frames - 1) / elapsed : null,
      };
    },
  };
}

// The femoral-angle limit the camera block takes from a source (not a product setting), or null.
export function sourcedFemoralLimit(camera) {
  const fault = (camera.faults || []).find((f) => f.measure === "femoral_angle" && f.when === "below");
  return fault && fault.limit.source !== "glutewake-default" ? fault.limit.value : null;
}

// The answers the stance measurement supports, by the self-test's field names: only what a
// source decides. ``lost_balance``: the foot came down before the test's length (self_tests.yaml,
// PhysioHub), or it was held the whole time. ``pelvis``: "drops" when the standing hip's
// femoral angle stayed at or below the block's sourced limit (83°, Physiotutors); no source
// gives the degrees of a level pelvis or of a trunk lean, so those stay the person's call.
export function stanceAnswers(result, camera) {
  const answers = {};
  if (!result.reached) return answers;
  if (result.reason === "time" || result.held >= result.length) answers.lost_balance = "no";
  else if (result.reason === "foot-down") answers.lost_balance = "yes";
  const limit = sourcedFemoralLimit(camera);
  if (limit !== null && result.femoralAngle !== null && result.femoralAngle <= limit) answers.pelvis = "drops";
  return answers;
}

function degrees(value) {
  return Math.round(Math.max(0, value)) + "°";
}

// What the camera measured, in words for the person.
export function describeStance(result, camera) {
  if (!result.reached) return "Nothing measured: the clock had not started (lift your foot once the camera sees both feet down).";
  const why = {
    time: "the full " + result.length + " s",
    "foot-down": "then your foot came down",
    "left-frame": "then I lost sight of you",
    stopped: "then you stopped the camera",
  }[result.reason];
  const held =
    result.reason === "time"
      ? "Held " + why + " on the " + result.side + " leg"
      : "Held " + seconds(result.held) + " on the " + result.side + " leg (" + why + ")";
  if (result.pelvicDrop === null) return held + ". The camera did not see your pelvis long enough to measure it.";
  const parts = [held + "; pelvis dropped about " + degrees(result.pelvicDrop) + " at most"];
  if (result.trunkLean !== null) parts.push("trunk leaned about " + degrees(result.trunkLean) + " over the standing leg");
  const limit = sourcedFemoralLimit(camera);
  if (result.femoralAngle !== null && limit !== null) {
    parts.push(
      "the standing hip's angle went down to " + Math.round(result.femoralAngle) + "° (" + limit +
        "° or less counts as a drop for some authors)"
    );
  }
  return parts.join("; ") + ".";
}

// What the person still answers, and why the camera did not: said next to the result.
export function stanceNotes(result, camera) {
  if (!result.reached) return [];
  const answers = stanceAnswers(result, camera);
  const notes = [];
  if (answers.pelvis === "drops") {
    notes.push(
      "“It dropped” is chosen for the pelvis: your standing hip's angle stayed at " + sourcedFemoralLimit(camera) +
        "° or less (a positive test for some authors, Physiotutors). Change it if you saw otherwise."
    );
  } else {
    notes.push(
      "Choose the pelvis answer yourself: no source gives the degrees of a drop (the tests speak of " +
        "about 2 cm, or of any drop at all), nor of a trunk lean, so the camera only shows them."
    );
  }
  if (answers.lost_balance === undefined) {
    notes.push("Whether you had to put the foot down before " + result.length + " s is yours to answer: the camera did not see the end.");
  }
  notes.push("Whether your usual hip pain came on is yours to answer.");
  return notes;
}

// -- the bridge hold --------------------------------------------------------------------------
// ``camera``: the glute-bridge-hold block. The top is its end threshold (hips within 10° of the
// shoulder-knee line, self_tests.md section 5); lying down is its start threshold.
export function createBridgeTest(camera, { aspect = 4 / 3 } = {}) {
  const presence = createPresence({ needs: ["shoulder", "hip", "knee"], aspect });
  const hold = createSteadyHold();
  const top = camera.end.value;
  const lying = camera.start.value;
  const lyingDown = createRun();
  const atTop = createRun();
  let phase = "waiting"; // waiting -> ready (hips down) -> holding -> done
  let reached = false;
  let reason = null;
  let first = null;
  let last = null;
  let frames = 0;

  function finish(why) {
    phase = "done";
    reason = why;
  }

  function held(inLine, t) {
    const ended = hold.update(inLine, t);
    if (ended) finish(ended === "out" ? "line-lost" : "left-frame");
  }

  return {
    update(frame, t) {
      if (phase === "done") return this.state();
      if (first === null) first = t;
      last = t;
      frames += 1;
      const seen = presence.update(frame, t);
      const usable = seen.status === "tracking" || seen.status === "reanchored";
      const value = usable ? valueOf(measure(frame, aspect), camera.track, camera.legs) : null;
      let message = "";
      if (!usable) {
        message =
          seen.status === "other-person"
            ? "Someone else is in view: I keep following you."
            : "I cannot see your shoulders, hips and knees. " + camera.placement;
      }
      if (phase === "holding") {
        held(value === null ? null : value <= top, t);
      } else if (phase === "ready") {
        if (atTop.add(value !== null && value <= top, t)) {
          phase = "holding"; // counted from the first frame at the top
          reached = true;
          atTop.take().forEach((run) => held(true, run.t));
        } else if (!message) message = "Lift your hips: the clock starts when your body is in one line.";
      } else if (lyingDown.add(value !== null && value >= lying, t)) {
        phase = "ready";
        message = message || "Lift your hips: the clock starts when your body is in one line.";
      } else if (!message) {
        message = "Lie on your back, knees bent, side-on to the camera.";
      }
      return { ...this.state(), message: phase === "done" ? "" : message };
    },
    stop() {
      if (phase !== "done") finish("stopped");
      return this.result();
    },
    state() {
      return { phase, reason, held: hold.seconds(), holding: hold.holding(), message: "" };
    },
    result() {
      const elapsed = first === null ? 0 : last - first;
      return {
        test: "bridge",
        reason,
        reached,
        held: hold.seconds(),
        fps: elapsed > 0 ? (frames - 1) / elapsed : null,
      };
    },
  };
}

// The bridge's answer: the whole seconds held (the self-test asks a whole number), once the
// top was reached.
export function bridgeAnswers(result) {
  return result.reached ? { hold_seconds: String(Math.round(result.held)) } : {};
}

export function describeBridge(result) {
  if (!result.reached) return "Nothing measured: the clock had not started (lie down first, then lift into the bridge).";
  const why = {
    "line-lost": "until your hips left the line",
    "left-frame": "then I lost sight of you: you may have held longer",
    stopped: "then you stopped the camera",
  }[result.reason];
  return "Held the bridge " + result.held.toFixed(1) + " s (" + why + ").";
}

export function bridgeNotes(result) {
  if (!result.reached) return [];
  return ["Where you felt it most and whether a hamstring cramped are yours to answer."];
}
