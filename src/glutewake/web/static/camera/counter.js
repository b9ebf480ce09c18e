// Rep counting with hysteresis: a rep counts when the tracked angle goes from the start
// position past the end threshold and back past the start threshold. Pure (node tests it).
//
// Between the two thresholds nothing changes, so noise around one of them cannot count twice,
// and a rep that turns back before the end threshold is a partial rep, never counted. Frames
// in which the person is not usable (out of view, someone else) are skipped: the count pauses;
// after LOST_SECONDS without a usable frame the rep in progress is dropped (it was not seen).

export const LOST_SECONDS = 1.0; // product setting, see docs/camera.md

// ``start`` and ``end`` are the two thresholds in degrees (or the measure's unit); the end may
// be above the start (a squat's knee flexion grows) or below it (a bridge's hip flexion falls).
export function createRepCounter({ start, end, lostSeconds = LOST_SECONDS }) {
  const rising = end > start;
  const atStart = (value) => (rising ? value <= start : value >= start);
  const atEnd = (value) => (rising ? value >= end : value <= end);
  let phase = "waiting"; // waiting -> ready (at start) -> going -> reached -> back: one rep
  let reps = 0;
  let partials = 0;
  let lastSeen = null;
  const completed = []; // {peak, began, reached, ended}
  let current = null;
  function deeper(a, b) {
    return b === null || (rising ? a > b : a < b);
  }
  return {
    // One frame: ``value`` is null when the frame is not usable. Returns the state.
    update(value, t) {
      if (value === null || value === undefined || Number.isNaN(value)) {
        if (lastSeen !== null && t - lastSeen > lostSeconds && phase !== "waiting" && phase !== "ready") {
          phase = "waiting";
          current = null;
        }
        return this.state();
      }
      lastSeen = t;
      if (phase === "waiting") {
        if (atStart(value)) phase = "ready";
      } else if (phase === "ready") {
        if (!atStart(value)) {
          phase = atEnd(value) ? "reached" : "going";
          current = { peak: value, began: t, reached: atEnd(value) ? t : null, ended: null };
        }
      } else if (phase === "going") {
        if (deeper(value, current.peak)) current.peak = value;
        if (atEnd(value)) {
          phase = "reached";
          current.reached = t;
        } else if (atStart(value)) {
          partials += 1;
          phase = "ready";
          current = null;
        }
      } else if (phase === "reached") {
        if (deeper(value, current.peak)) current.peak = value;
        if (atStart(value)) {
          reps += 1;
          current.ended = t;
          completed.push(current);
          current = null;
          phase = "ready";
        }
      }
      return this.state();
    },
    state() {
      return { phase, reps, partials, inRep: phase === "going" || phase === "reached", reached: phase === "reached" };
    },
    reps: () => completed.slice(),
  };
}
