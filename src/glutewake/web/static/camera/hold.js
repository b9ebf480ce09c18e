// A hold timer that runs only while the target position is held. Pure (node tests it).
//
// Time is added between two consecutive frames that are both in position; a frame out of
// position, or a gap without usable frames longer than MAX_GAP_SECONDS, stops the current
// hold. ``longest`` is the longest unbroken hold, ``total`` every held second together.

export const MAX_GAP_SECONDS = 0.5; // product setting: frames further apart are not "held"

export function createHoldTimer({ maxGap = MAX_GAP_SECONDS } = {}) {
  let current = 0;
  let longest = 0;
  let total = 0;
  let previous = null; // time of the last frame in position
  return {
    // ``held``: true in position, false out of it, null when the frame is not usable.
    update(held, t) {
      if (held === true) {
        if (previous !== null && t - previous <= maxGap) {
          current += t - previous;
          total += t - previous;
        } else {
          current = 0;
        }
        previous = t;
        longest = Math.max(longest, current);
      } else if (held === false || (previous !== null && t - previous > maxGap)) {
        previous = null;
        current = 0;
      }
      return this.state();
    },
    state() {
      return { holding: previous !== null, current, longest, total };
    },
  };
}
