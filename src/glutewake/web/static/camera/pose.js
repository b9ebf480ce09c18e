// BlazePose (the vendored @mediapipe/pose) on the person's own device: frames go from a <video>
// or <canvas> to the model in this page and nowhere else. Every file the model needs is served
// from /static/vendor/mediapipe-pose/ (scripts/vendor-frontend puts it there); nothing is
// fetched from any other host.

export const VENDOR = "/static/vendor/mediapipe-pose/";

let loading = null;

function loadLibrary() {
  if (window.Pose) return Promise.resolve(window.Pose);
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = VENDOR + "pose.js";
      script.onload = () => resolve(window.Pose);
      script.onerror = () => reject(new Error("The pose model files are missing: run scripts/vendor-frontend."));
      document.head.appendChild(script);
    });
  }
  return loading;
}

function plain(list, withVisibility) {
  if (!list) return null;
  return list.map((point) =>
    withVisibility
      ? { x: point.x, y: point.y, z: point.z, v: point.visibility === undefined ? 1 : point.visibility }
      : { x: point.x, y: point.y, z: point.z }
  );
}

// Whether this browser draws WebGL in software (SwiftShader, llvmpipe; or has no WebGL): then
// the model's inference runs faster on the CPU (WebAssembly) than in WebGL shaders emulated on
// the CPU (measured in docs/camera.md: about 40-60 ms against 560 ms a frame here). A real GPU
// keeps the library's default.
export function softwareWebGL() {
  const canvas = document.createElement("canvas");
  const gl = canvas.getContext("webgl2") || canvas.getContext("webgl");
  if (!gl) return true;
  const debug = gl.getExtension("WEBGL_debug_renderer_info");
  const renderer = String(gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  const lose = gl.getExtension("WEBGL_lose_context");
  if (lose) lose.loseContext();
  return /swiftshader|llvmpipe|softpipe|software|basic render/i.test(renderer);
}

// A pose model ready to take frames: estimate(image, milliseconds) resolves to
// {image: [{x, y, z, v}] normalised to the frame, world: [{x, y, z}] in metres, or null when
// nobody is found}. ``cpuInference``: null picks it by softwareWebGL().
export async function createPoseModel({ complexity = 0, cpuInference = null } = {}) {
  const Pose = await loadLibrary();
  const model = new Pose({ locateFile: (file) => VENDOR + file });
  model.setOptions({
    useCpuInference: cpuInference === null ? softwareWebGL() : cpuInference,
    modelComplexity: complexity,
    smoothLandmarks: true,
    enableSegmentation: false,
    minDetectionConfidence: 0.5,
    minTrackingConfidence: 0.5,
  });
  let pending = null;
  model.onResults((results) => {
    if (!pending) return;
    const done = pending;
    pending = null;
    done({
      image: plain(results.poseLandmarks, true),
      world: plain(results.poseWorldLandmarks, false),
    });
  });
  await model.initialize();
  return {
    estimate(image, milliseconds) {
      return new Promise((resolve, reject) => {
        pending = resolve;
        model.send({ image }, milliseconds).catch(reject);
      });
    },
    close() {
      return model.close();
    },
  };
}

// The person's camera (the back one on a phone when there is one), shown in ``video``.
export async function openCamera(video, { width = 640, height = 480 } = {}) {
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: false,
    video: { facingMode: "environment", width: { ideal: width }, height: { ideal: height } },
  });
  video.srcObject = stream;
  video.muted = true;
  video.playsInline = true;
  await video.play();
  return stream;
}

export function closeCamera(stream) {
  if (stream) stream.getTracks().forEach((track) => track.stop());
}
