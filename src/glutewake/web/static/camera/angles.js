// Joint angles from one frame of BlazePose landmarks. Pure: no DOM, no clock (node tests it).
//
// A frame is {image: [{x, y, z, v}] x 33 normalised to the picture, world: [{x, y, z}] x 33 in
// metres}, or has image null when nobody is found. Sagittal angles (hip and knee flexion) come
// from the 3D world landmarks, so they hold when the person is turned from the camera; frontal
// ones (pelvic drop, knee valgus, lateral trunk lean) from the picture, where the camera sees
// them. Angles follow the catalogue's joint targets (illustration `joints:`): 0 is standing,
// hip flexion is positive with the thigh in front of the trunk line and negative behind it.

export const POINTS = {
  nose: 0,
  shoulder_l: 11,
  shoulder_r: 12,
  hip_l: 23,
  hip_r: 24,
  knee_l: 25,
  knee_r: 26,
  ankle_l: 27,
  ankle_r: 28,
};

// The body points each measure needs to see (checked against the landmarks' visibility).
export const NEEDS = {
  hip_flexion: ["shoulder", "hip", "knee"],
  knee_flexion: ["hip", "knee", "ankle"],
  knee_valgus: ["hip", "knee", "ankle"],
  pelvic_drop: ["hip", "knee", "ankle"],
  femoral_angle: ["hip", "knee", "ankle"],
  trunk_lean_lateral: ["shoulder", "hip", "ankle"],
  foot_lift: ["hip", "ankle"],
  knee_hip_ratio: ["shoulder", "hip", "knee", "ankle"],
};

// Product setting: under this hip flexion the knee-to-hip ratio is not measured (null): it
// would be the landmarks' knee error (10-20 degrees standing) over a small number. The same
// value is catalogue/camera.py's RATIO_MIN_HIP.
export const RATIO_MIN_HIP = 30;

export const PART_NAMES = { shoulder: "shoulders", hip: "hips", knee: "knees", ankle: "ankles" };

const DEGREES = 180 / Math.PI;

function sub(a, b) {
  return { x: a.x - b.x, y: a.y - b.y, z: (a.z || 0) - (b.z || 0) };
}
function mid(a, b) {
  return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2, z: ((a.z || 0) + (b.z || 0)) / 2 };
}
function dot(a, b) {
  return a.x * b.x + a.y * b.y + a.z * b.z;
}
function cross(a, b) {
  return { x: a.y * b.z - a.z * b.y, y: a.z * b.x - a.x * b.z, z: a.x * b.y - a.y * b.x };
}
function norm(a) {
  return Math.sqrt(dot(a, a));
}
function unit(a) {
  const length = norm(a) || 1;
  return { x: a.x / length, y: a.y / length, z: a.z / length };
}
function between(a, b) {
  const cosine = dot(a, b) / ((norm(a) * norm(b)) || 1);
  return Math.acos(Math.max(-1, Math.min(1, cosine))) * DEGREES;
}

// Picture points with x and y in the same unit (the picture's height), z dropped.
function flat(point, aspect) {
  return { x: point.x * aspect, y: point.y, z: 0 };
}

function point(list, name) {
  return list[POINTS[name]];
}

// Signed hip flexion of one side, from the world landmarks: the thigh against the trunk line,
// in the body's own sagittal plane (its forward direction from the hips and shoulders).
function hipFlexion(world, side) {
  const hipMid = mid(point(world, "hip_l"), point(world, "hip_r"));
  const shoulderMid = mid(point(world, "shoulder_l"), point(world, "shoulder_r"));
  const lateral = sub(point(world, "hip_l"), point(world, "hip_r")); // towards the person's left
  const up = unit(sub(shoulderMid, hipMid));
  const down = { x: -up.x, y: -up.y, z: -up.z };
  const forward = unit(cross(lateral, up));
  const thigh = sub(point(world, "knee_" + side), point(world, "hip_" + side));
  return Math.atan2(dot(thigh, forward), dot(thigh, down)) * DEGREES;
}

function kneeFlexion(world, side) {
  const thigh = sub(point(world, "knee_" + side), point(world, "hip_" + side));
  const shin = sub(point(world, "ankle_" + side), point(world, "knee_" + side));
  return between(thigh, shin);
}

// Knee valgus from the world landmarks, in the body's own frontal plane: how far the knee sits
// inside its ankle, as the shin's inward tilt in degrees (positive towards the other leg, the
// knee caving in; negative outwards). Measured along the line through the hips, so a person
// turned from the camera, or squatting deep (where the thigh's frontal projection vanishes and
// the hip-knee-ankle angle in the picture says nothing), still measures right.
function kneeValgus(world, side) {
  const lateral = unit(sub(point(world, "hip_l"), point(world, "hip_r"))); // towards the left
  const shin = sub(point(world, "knee_" + side), point(world, "ankle_" + side));
  const inward = (side === "l" ? -1 : 1) * dot(shin, lateral); // towards the other leg
  return Math.atan2(inward, norm(shin)) * DEGREES;
}

// Which foot is off the floor: the higher ankle in the picture (y grows downwards).
function raisedSide(image) {
  return point(image, "ankle_l").y < point(image, "ankle_r").y ? "l" : "r";
}

// Knee flexion over hip flexion of one side: a hip hinge bends the hips far more than the knees
// (the illustrations' hinges 0.16 to 0.6), a squat both alike (about 1). Null when the hips are
// too little bent for the ratio to mean anything.
function kneeHipRatio(world, side) {
  const hip = hipFlexion(world, side);
  return hip < RATIO_MIN_HIP ? null : kneeFlexion(world, side) / hip;
}

function legLength(image, aspect, side) {
  return norm(sub(flat(point(image, "hip_" + side), aspect), flat(point(image, "ankle_" + side), aspect)));
}

// Every measure the exercises' camera blocks can name, for one frame (null: nobody found).
// ``aspect`` is the picture's width over its height.
export function measure(frame, aspect) {
  if (!frame || !frame.image || !frame.world) return null;
  const image = frame.image;
  const world = frame.world;
  const free = raisedSide(image);
  const stance = free === "l" ? "r" : "l";
  const freeHip = flat(point(image, "hip_" + free), aspect);
  const stanceHip = flat(point(image, "hip_" + stance), aspect);
  const stanceKnee = flat(point(image, "knee_" + stance), aspect);
  const shoulderMid = mid(flat(point(image, "shoulder_l"), aspect), flat(point(image, "shoulder_r"), aspect));
  const hipMid = mid(freeHip, stanceHip);
  const trunk = sub(shoulderMid, hipMid);
  const towardsStance = Math.sign(stanceHip.x - freeHip.x) || 1;
  const result = {
    hip_flexion_l: hipFlexion(world, "l"),
    hip_flexion_r: hipFlexion(world, "r"),
    knee_flexion_l: kneeFlexion(world, "l"),
    knee_flexion_r: kneeFlexion(world, "r"),
    knee_valgus_l: kneeValgus(world, "l"),
    knee_valgus_r: kneeValgus(world, "r"),
    knee_hip_ratio_l: kneeHipRatio(world, "l"),
    knee_hip_ratio_r: kneeHipRatio(world, "r"),
    // The free side's hip below the stance side's, against the picture's horizontal.
    pelvic_drop: Math.atan2(freeHip.y - stanceHip.y, Math.abs(freeHip.x - stanceHip.x) || 1e-6) * DEGREES,
    // At the stance hip, between the line to the other hip and the stance thigh (90 level).
    femoral_angle: between(sub(freeHip, stanceHip), sub(stanceKnee, stanceHip)),
    // The trunk leaning over the stance leg (positive) or away from it, from vertical.
    trunk_lean_lateral: Math.atan2(trunk.x * towardsStance, -trunk.y) * DEGREES,
    foot_lift:
      (point(image, "ankle_" + stance).y - point(image, "ankle_" + free).y) / (legLength(image, aspect, stance) || 1),
    free_side: free,
  };
  return result;
}

// The value of a measure for a set: "both" legs' mean, the "working" side's, or the "deepest"
// (the larger) when the measure has a side; the measure itself when it has none. A side not
// measured in this frame (null) leaves the other.
export function valueOf(measures, name, legs, workingSide) {
  if (!measures) return null;
  if (name in measures) return measures[name];
  const left = measures[name + "_l"];
  const right = measures[name + "_r"];
  if (left === undefined) return null;
  if (legs === "working" && workingSide) return workingSide === "left" ? left : right;
  if (left === null || right === null) return left === null ? right : left;
  if (legs === "both") return (left + right) / 2;
  return Math.max(left, right);
}

// The body parts (plural words) of ``names`` the frame sees on neither side well enough (in a
// side view the far side is hidden; BlazePose still places it, with a low visibility).
export function unseen(frame, names, minVisibility) {
  if (!frame || !frame.image) return names.map((part) => PART_NAMES[part]);
  const missing = [];
  names.forEach((part) => {
    const sides = [frame.image[POINTS[part + "_l"]], frame.image[POINTS[part + "_r"]]];
    const good = (landmark) => landmark && landmark.v >= minVisibility;
    const seen = sides.some(good);
    if (!seen) missing.push(PART_NAMES[part]);
  });
  return missing;
}

// Where the person is in the picture: hip centre and trunk length (in picture heights).
export function bodyBox(frame, aspect) {
  if (!frame || !frame.image) return null;
  const image = frame.image;
  const hips = mid(flat(point(image, "hip_l"), aspect), flat(point(image, "hip_r"), aspect));
  const shoulders = mid(flat(point(image, "shoulder_l"), aspect), flat(point(image, "shoulder_r"), aspect));
  return { x: hips.x, y: hips.y, size: norm(sub(shoulders, hips)) };
}
