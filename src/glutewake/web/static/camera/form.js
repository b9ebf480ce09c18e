// Form faults from the exercise's data (its `camera: faults:` block). Pure (node tests it).
//
// Each fault names a measure, a limit (above or below it is the fault), when it is checked
// (at the end position or during a hold, at the start position, or always) and whether each
// side is checked on its own.
// A fault is seen when its measure stays past the limit for FAULT_SECONDS; then it is reported
// once per rep (or once a hold), with its side, so the coach speaks one correction, not a stream.

import { NEEDS, POINTS, valueOf } from "./angles.js";

export const FAULT_SECONDS = 0.2; // product setting: shorter is landmark noise

// Whether the frame sees the parts a fault's measure needs well enough, on ``side`` (or both).
function seen(frame, fault, side, minVisibility) {
  const sides = side ? [side === "left" ? "l" : "r"] : ["l", "r"];
  return (NEEDS[fault.measure] || []).every((part) =>
    sides.every((s) => {
      const landmark = frame.image[POINTS[part + "_" + s]];
      return landmark && landmark.v >= minVisibility;
    })
  );
}

function past(value, fault) {
  return fault.when === "above" ? value > fault.limit.value : value < fault.limit.value;
}

export function createFormChecker(
  faults,
  { workingSide = null, faultSeconds = FAULT_SECONDS, minVisibility = 0.5 } = {}
) {
  const since = {}; // key -> first time past the limit
  const reported = {}; // key -> reported in this rep
  const counts = {}; // key -> reps (or holds) with the fault
  const worst = {}; // key -> the furthest value past the limit
  function keysOf(fault) {
    if (!fault.per_side) return [[fault.id, null]];
    if (workingSide) return [[fault.id + ":" + workingSide, workingSide]];
    return [
      [fault.id + ":left", "left"],
      [fault.id + ":right", "right"],
    ];
  }
  return {
    // ``measures`` of one usable ``frame``, and which phase the movement is in: "end" at the end
    // position or holding it, "start" past the start threshold (a deadlift's bottom, at the
    // bar), "moving" otherwise. Returns the faults newly seen in this frame.
    update(measures, phase, t, frame) {
      const found = [];
      faults.forEach((fault) => {
        const applies = fault.during === "always" || phase === (fault.during || "end");
        keysOf(fault).forEach(([key, side]) => {
          const value = side ? valueOf(measures, fault.measure, "working", side) : valueOf(measures, fault.measure, "deepest");
          if (!applies || value === null || !seen(frame, fault, side, minVisibility) || !past(value, fault)) {
            delete since[key];
            return;
          }
          if (since[key] === undefined) since[key] = t;
          const further = worst[key] === undefined || (fault.when === "above" ? value > worst[key] : value < worst[key]);
          if (further) worst[key] = value;
          if (t - since[key] >= faultSeconds - 1e-9 && !reported[key]) {
            reported[key] = true;
            counts[key] = (counts[key] || 0) + 1;
            found.push({ id: fault.id, side, cue: fault.cue, value });
          }
        });
      });
      return found;
    },
    // A new rep (or hold) begins: each fault may be reported again.
    nextRep() {
      Object.keys(reported).forEach((key) => delete reported[key]);
    },
    summary() {
      return Object.keys(counts).map((key) => {
        const [id, side] = key.split(":");
        return { id, side: side || null, reps: counts[key], worst: worst[key] };
      });
    },
  };
}
