// Is the frame usable: the person the coach started with, with the joints it needs in view?
// Pure: frames and their times in seconds come in, a verdict goes out (node tests it).
//
// BlazePose follows one person. When someone else (or a mirror image) comes into view it may
// jump to them: the hip centre moves further than a body moves in the time (and never more
// than 1.5 trunk lengths), or the trunk's size in the picture changes at once. Such frames are ignored. If the first person is not
// seen again for REANCHOR_SECONDS while the new one stays put, the coach follows the new one
// (the phone was moved, or the person came back elsewhere); the rep in progress is dropped.

import { bodyBox, unseen } from "./angles.js";

// Product settings (no source gives them): tuned on the real clips, see docs/camera.md.
export const SETTINGS = {
  minVisibility: 0.5, // BlazePose's own visibility score of a landmark, 0 to 1
  maxJumpPerSecond: 4.0, // trunk lengths the hip centre may travel in a second
  minJump: 0.6, // trunk lengths: a move smaller than this is never a jump
  maxJump: 1.5, // trunk lengths: a move larger than this is always one (until reanchored)
  maxSizeChange: 0.45, // fraction the trunk's length may change from one frame to the next
  reanchorSeconds: 3.0,
};

export function createPresence({ needs, aspect, settings = SETTINGS }) {
  let anchor = null; // {x, y, size, t}: the person followed, where last seen
  let candidate = null; // someone else, since when
  function jumped(box, t) {
    const elapsed = Math.max(t - anchor.t, 1 / 30);
    const distance = Math.hypot(box.x - anchor.x, box.y - anchor.y) / (anchor.size || 1);
    const allowed = Math.min(settings.maxJump, Math.max(settings.minJump, settings.maxJumpPerSecond * elapsed));
    const sizeChange = Math.abs(box.size - anchor.size) / (anchor.size || 1);
    return distance > allowed || (sizeChange > settings.maxSizeChange && elapsed < 1);
  }
  return {
    // {status: "tracking" | "not-visible" | "nobody" | "other-person" | "reanchored",
    //  missing: [plural body parts]}.
    update(frame, t) {
      const box = bodyBox(frame, aspect);
      if (!box) return { status: "nobody", missing: [] };
      if (anchor && jumped(box, t)) {
        if (!candidate || Math.hypot(box.x - candidate.x, box.y - candidate.y) > settings.minJump * box.size) {
          candidate = { x: box.x, y: box.y, since: t };
        }
        if (t - anchor.t < settings.reanchorSeconds || t - candidate.since < 1) {
          return { status: "other-person", missing: [] };
        }
        anchor = null;
        candidate = null;
        anchor = { ...box, t };
        return { status: "reanchored", missing: [] };
      }
      candidate = null;
      const missing = unseen(frame, needs, settings.minVisibility);
      if (missing.length) return { status: "not-visible", missing };
      anchor = { ...box, t };
      return { status: "tracking", missing: [] };
    },
  };
}
