// The coach (static/camera/session.js) over one recorded clip: prints its summary as JSON.
// node --experimental-default-type=module tests/camera/replay.mjs FIXTURE.json BLOCK.json
import { readFileSync } from "node:fs";

import { createCoach } from "../../src/glutewake/web/static/camera/session.js";

const recorded = JSON.parse(readFileSync(process.argv[2], "utf8"));
const block = JSON.parse(readFileSync(process.argv[3], "utf8"));
const coach = createCoach(block, { aspect: recorded.width / recorded.height });
const statuses = {};
recorded.frames.forEach((frame, index) => {
  const state = coach.update(frame, index / recorded.fps);
  statuses[state.status] = (statuses[state.status] || 0) + 1;
});
console.log(JSON.stringify({ ...coach.summary(), statuses }));
