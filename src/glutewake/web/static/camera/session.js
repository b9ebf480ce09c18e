// The camera coach for one set: landmarks in, reps, hold, faults and what to say out.
// Pure: frames and their times in seconds come in (node runs it over the recorded clips).
//
// ``camera`` is the exercise's `camera:` block as JSON (catalogue/camera.py) plus ``kind``:
// "reps" counts reps between its start and end thresholds (and times the end position held),
// "hold_seconds" times the end position held.

import { NEEDS, measure, valueOf } from "./angles.js";
import { createRepCounter } from "./counter.js";
import { createFormChecker } from "./form.js";
import { createHoldTimer } from "./hold.js";
import { createPresence } from "./presence.js";

export const REPEAT_SECONDS = 4; // product setting: the same message is not spoken more often

function sideWord(side) {
  return side === "left" ? "Left side: " : side === "right" ? "Right side: " : "";
}

function listed(words) {
  return words.length < 2 ? words.join("") : words.slice(0, -1).join(", ") + " and " + words[words.length - 1];
}

export function createCoach(camera, { workingSide = null, aspect = 4 / 3 } = {}) {
  const hold = camera.kind === "hold_seconds";
  const start = camera.start.value;
  const end = camera.end.value;
  const rising = end > start;
  const inEnd = (value) => (rising ? value >= end : value <= end);
  const inStart = (value) => (rising ? value <= start : value >= start);
  // The count needs each part on one side at least; a fault is checked only on a side seen.
  const presence = createPresence({ needs: NEEDS[camera.track] || [], aspect });
  const counter = createRepCounter({ start, end });
  const timer = createHoldTimer();
  const form = createFormChecker(camera.faults || [], { workingSide });
  const spoken = {}; // message -> last time said
  let last = { status: "nobody", reps: 0, partials: 0 };
  let wasHolding = false;

  function sayOnce(text, t) {
    if (!text || (spoken[text] !== undefined && t - spoken[text] < REPEAT_SECONDS)) return null;
    spoken[text] = t;
    return text;
  }

  return {
    update(frame, t) {
      const seen = presence.update(frame, t);
      const usable = seen.status === "tracking" || seen.status === "reanchored";
      const measures = usable ? measure(frame, aspect) : null;
      const value = measures ? valueOf(measures, camera.track, camera.legs, workingSide) : null;
      const before = counter.state();
      const count = counter.update(value, t);
      const atEnd = value !== null && inEnd(value) && (hold || count.reached);
      const held = timer.update(value === null ? null : atEnd, t);
      let say = null;
      let message = "";
      if (seen.status === "nobody") message = "I cannot see you. " + camera.placement;
      else if (seen.status === "not-visible") message = "I cannot see your " + listed(seen.missing) + ". " + camera.placement;
      else if (seen.status === "other-person") message = "Someone else is in view: I keep following you.";
      if (message) say = sayOnce(message, t);
      if (count.reps > before.reps) {
        say = String(count.reps);
        form.nextRep();
      } else if (count.partials > before.partials) {
        say = sayOnce("Go all the way: that one did not count.", t) || say;
        form.nextRep();
      }
      if (hold && held.holding && !wasHolding) form.nextRep();
      wasHolding = held.holding;
      const phase = atEnd ? "end" : value !== null && !hold && inStart(value) ? "start" : "moving";
      const faults = measures ? form.update(measures, phase, t, frame) : [];
      if (faults.length) say = sayOnce(sideWord(faults[0].side) + faults[0].cue, t) || say;
      last = {
        status: seen.status,
        message,
        say,
        value,
        reps: count.reps,
        partials: count.partials,
        phase: count.phase,
        holding: held.holding,
        hold: held.current,
        longest: held.longest,
        faults,
        measures,
      };
      return last;
    },
    summary() {
      return {
        reps: last.reps || 0,
        partials: last.partials || 0,
        hold_seconds: timer.state().longest,
        faults: form.summary(),
        rep_details: counter.reps(),
      };
    },
  };
}
