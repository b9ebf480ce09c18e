// The tracked skeleton drawn over the camera picture (green while the person is followed,
// amber otherwise). Used by the player's camera coach (coach_view.js) and the screening's
// camera self-tests (self_test_view.js).

// Bones drawn over the picture (BlazePose landmark numbers).
const BONES = [
  [11, 12], [11, 23], [12, 24], [23, 24], [11, 13], [13, 15], [12, 14], [14, 16],
  [23, 25], [25, 27], [24, 26], [26, 28], [27, 31], [28, 32], [27, 29], [28, 30],
];
const MIN_VISIBILITY = 0.5;

export function drawSkeleton(canvas, video, frame, tracking) {
  const context = canvas.getContext("2d");
  if (canvas.width !== video.videoWidth || canvas.height !== video.videoHeight) {
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
  }
  context.clearRect(0, 0, canvas.width, canvas.height);
  if (!frame || !frame.image) return;
  const points = frame.image.map((p) => ({ x: p.x * canvas.width, y: p.y * canvas.height, v: p.v }));
  context.lineWidth = Math.max(3, canvas.width / 160);
  context.strokeStyle = tracking ? "#22c55e" : "#f59e0b";
  BONES.forEach(([a, b]) => {
    if (points[a].v < MIN_VISIBILITY || points[b].v < MIN_VISIBILITY) return;
    context.beginPath();
    context.moveTo(points[a].x, points[a].y);
    context.lineTo(points[b].x, points[b].y);
    context.stroke();
  });
  context.fillStyle = "#ffffff";
  BONES.flat().forEach((index) => {
    if (points[index].v < MIN_VISIBILITY) return;
    context.beginPath();
    context.arc(points[index].x, points[index].y, context.lineWidth, 0, 2 * Math.PI);
    context.fill();
  });
}
