// midback camera coach: watches through the front camera, counts reps, times holds and speaks
// fault cues, all on this device. Frames go from the camera to the pose model (MediaPipe, served
// by midback, CPU) and no further: only the counts and the angle reached per set go to the
// player (player.js), which puts them in the session log. The camera runs only while the person
// has it on, on an exercise that has a camera spec, and stops when the page is hidden.
import { SetTracker, inFrame, missing, measure } from "./camera-count.js";

const root = document.getElementById("player");
const island = document.getElementById("player-data");
const $ = (id) => document.getElementById(id);
if (root && island && navigator.mediaDevices && $("camera")) main();

function main() {
  const data = JSON.parse(island.textContent);
  const items = data.items || [];
  const files = data.camera_files || {};
  const speed = Math.max(1, Number(root.dataset.speed) || 1);
  const ui = {
    panel: $("camera"), video: $("camera-video"), overlay: $("camera-overlay"),
    countdown: $("camera-countdown"), status: $("camera-status"), angle: $("camera-angle"),
    cue: $("camera-cue"), controls: $("camera-controls"), button: $("btn-camera"),
    voice: $("opt-voice"), art: root.querySelector('[data-bind="art-frame"]'),
  };
  const FRAMED_S = 1;        // seen whole this long before the countdown starts
  const COUNTDOWN_S = 3;     // so getting into position is never counted
  const CUE_GAP_S = 4;       // at most one spoken cue per 4 s
  const cam = { mode: "off", stream: null, landmarker: null, loop: 0, framedSince: null, countdownEnd: 0,
    tracker: null, key: "", holding: false, lastVideoTime: -1, lastCue: -Infinity, frames: 0 };
  let player = { index: 0, mode: "ready", phase: "", set: 0 };

  const spec = () => items[player.index] && items[player.index].camera;
  const working = () => items[player.index].side || "both";
  function setMode(mode) { cam.mode = mode; root.dataset.camera = mode; }
  setMode("off");

  // ---------- Following the player (player.js may have drawn its first state already) ----------
  root.addEventListener("midback:state", (event) => onState(event.detail));
  onState({ index: Number(root.dataset.index) || 0, mode: root.dataset.state || "ready", phase: root.dataset.phase || "", set: 0 });
  function onState(detail) {
    if (detail.phase === "hold" && (player.phase !== "hold" || player.rep !== detail.rep)) cam.holding = null;
    player = detail;
    const usable = Boolean(spec()) && player.mode !== "finished";
    ui.controls.hidden = !usable;
    if (!usable && cam.mode !== "off") stop();
    if (cam.mode === "tracking") follow();
  }
  function setKey() {
    return ["reps", "hold", "release"].includes(player.phase) ? `${player.index}:${player.set}` : "";
  }
  function follow() {
    const key = setKey();
    if (key === cam.key) return;
    closeSet();
    cam.key = key;
    cam.tracker = key ? new SetTracker(spec(), working()) : null;
    cam.holding = null;
  }
  function closeSet() {
    if (!cam.tracker || !cam.key) return;
    const reading = cam.tracker.finish();
    const [index, set] = cam.key.split(":").map(Number);
    const counted = reading.reps + reading.holds.length;
    if (counted > 0) {
      const detail = { index, reading: { set, measure: items[index].camera.track.measure, reps: counted, reached_deg: reading.reached } };
      root.dispatchEvent(new CustomEvent("midback:camera-set", { detail }));
    }
    cam.tracker = null;
  }

  // ---------- Start and stop ----------
  ui.button.addEventListener("click", () => (cam.mode === "off" ? start() : stop()));
  document.addEventListener("visibilitychange", () => { if (document.hidden) stop(); });
  window.addEventListener("pagehide", stop);
  root.addEventListener("midback:finishing", stop);

  async function start() {
    setMode("loading");
    ui.button.textContent = "Stop camera";
    ui.button.setAttribute("aria-pressed", "true");
    ui.panel.hidden = false;
    ui.art.classList.add("stage__art--camera");
    say("Starting the camera…");
    try {
      cam.stream = await navigator.mediaDevices.getUserMedia({ audio: false, video: { facingMode: "user", width: { ideal: 640 }, height: { ideal: 480 } } });
      ui.video.srcObject = cam.stream;
      await ui.video.play();
      cam.landmarker = cam.landmarker || await loadModel();
    } catch (error) {
      stop();
      say(error && error.name === "NotAllowedError" ? "The camera is blocked. Allow it in your browser's settings, or keep tapping." : "The camera could not start. Keep tapping the counter instead.");
      return;
    }
    if (cam.mode !== "loading") return; // stopped while loading
    cam.framedSince = null;
    setMode("framing");
    say(spec().framing);
    cam.loop = requestAnimationFrame(step);
  }
  async function loadModel() {
    const vision = await import(files.bundle);
    const fileset = { wasmLoaderPath: files.loader, wasmBinaryPath: files.wasm };
    return vision.PoseLandmarker.createFromOptions(fileset, {
      baseOptions: { modelAssetPath: files.model, delegate: "CPU" },
      runningMode: "VIDEO", numPoses: 1,
    });
  }
  function stop() {
    if (cam.mode === "off") return;
    cancelAnimationFrame(cam.loop);
    closeSet();
    cam.key = "";
    if (cam.stream) cam.stream.getTracks().forEach((track) => track.stop());
    cam.stream = null;
    ui.video.srcObject = null;
    ui.panel.hidden = true;
    ui.countdown.hidden = true;
    ui.art.classList.remove("stage__art--camera");
    ui.button.textContent = "Use camera";
    ui.button.setAttribute("aria-pressed", "false");
    ui.cue.textContent = "";
    setMode("off");
    root.dispatchEvent(new CustomEvent("midback:camera-off"));
  }

  // ---------- Each video frame ----------
  function step() {
    if (cam.mode === "off") return;
    cam.loop = requestAnimationFrame(step);
    const video = ui.video;
    if (!video.videoWidth || video.currentTime === cam.lastVideoTime) return;
    cam.lastVideoTime = video.currentTime;
    const now = performance.now();
    const result = cam.landmarker.detectForVideo(video, now);
    const points = result.landmarks && result.landmarks[0];
    const frame = { t: now / 1000, points: points || null, width: video.videoWidth, height: video.videoHeight };
    cam.frames += 1;
    root.dataset.cameraFrames = String(cam.frames);
    draw(frame);
    if (cam.mode === "framing") framing(frame);
    else if (cam.mode === "countdown") countdown(frame);
    else if (cam.mode === "tracking") track(frame);
  }
  function framing(frame) {
    const needed = spec().visible;
    if (!inFrame(frame, needed)) {
      cam.framedSince = null;
      const gone = frame.points ? missing(frame, needed).map(words) : [];
      say(gone.length ? `Step back until your whole body is in the box: I can't see ${[...new Set(gone)].join(", ")}.` : "Step back until your whole body is in the box.");
      return;
    }
    cam.framedSince = cam.framedSince ?? frame.t;
    if (frame.t - cam.framedSince >= FRAMED_S / speed) {
      setMode("countdown");
      cam.countdownEnd = frame.t + COUNTDOWN_S / speed;
      say("Good. Get into the start position.");
    }
  }
  function countdown(frame) {
    const left = Math.ceil(cam.countdownEnd - frame.t);
    ui.countdown.hidden = left <= 0;
    ui.countdown.textContent = String(left);
    if (left > 0) return;
    setMode("tracking");
    say("Go. I'm counting.");
    root.dispatchEvent(new CustomEvent("midback:camera-ready"));
    follow();
  }
  function track(frame) {
    if (!cam.tracker) return;
    const events = cam.tracker.feed(frame);
    const value = cam.tracker.value;
    ui.angle.textContent = value === null ? "" : `${spec().track.label}: ${Math.round(value)}°`;
    root.dataset.cameraAngle = value === null ? "" : String(Math.round(value));
    if (!inFrame(frame, spec().visible)) say("Step back into the picture; counting is paused.");
    else say("");
    for (const event of events) {
      if (event === "rep") root.dispatchEvent(new CustomEvent("midback:camera-rep"));
      if (event.startsWith("fault:")) cue(event.slice(6), frame.t);
    }
    if (player.phase === "hold" && cam.tracker.hold.holding !== cam.holding) {
      cam.holding = cam.tracker.hold.holding;
      root.dispatchEvent(new CustomEvent("midback:camera-hold", { detail: { holding: cam.holding } }));
    }
  }
  function cue(id, t) {
    const fault = spec().faults.find((f) => f.id === id);
    if (!fault) return;
    ui.cue.textContent = fault.cue;
    if (t - cam.lastCue < CUE_GAP_S) return;
    cam.lastCue = t;
    if (ui.voice && ui.voice.checked && "speechSynthesis" in window) {
      window.speechSynthesis.cancel();
      window.speechSynthesis.speak(new SpeechSynthesisUtterance(fault.cue));
    }
  }
  function say(text) { if (ui.status.textContent !== text) ui.status.textContent = text; }
  const PARTS = { nose: "your face", ear: "your ears", shoulder: "your shoulders", elbow: "your elbows",
    wrist: "your hands", hip: "your hips", knee: "your knees", ankle: "your feet" };
  function words(name) { return PARTS[name.replace(/^(left|right)_/, "")] || "all of you"; }

  // ---------- Drawing: the box, the body and the tracked angle (mirrored like a mirror) ----------
  const BONES = [["left_shoulder", "right_shoulder"], ["left_hip", "right_hip"], ["left_shoulder", "left_hip"],
    ["right_shoulder", "right_hip"], ["left_shoulder", "left_elbow"], ["left_elbow", "left_wrist"],
    ["right_shoulder", "right_elbow"], ["right_elbow", "right_wrist"], ["left_hip", "left_knee"],
    ["left_knee", "left_ankle"], ["right_hip", "right_knee"], ["right_knee", "right_ankle"]];
  const NAMES = ["nose", "left_eye_inner", "left_eye", "left_eye_outer", "right_eye_inner", "right_eye", "right_eye_outer",
    "left_ear", "right_ear", "mouth_left", "mouth_right", "left_shoulder", "right_shoulder", "left_elbow", "right_elbow",
    "left_wrist", "right_wrist", "left_pinky", "right_pinky", "left_index", "right_index", "left_thumb", "right_thumb",
    "left_hip", "right_hip", "left_knee", "right_knee", "left_ankle", "right_ankle"];
  function draw(frame) {
    const canvas = ui.overlay;
    if (canvas.width !== frame.width) { canvas.width = frame.width; canvas.height = frame.height; }
    const g = canvas.getContext("2d");
    g.clearRect(0, 0, canvas.width, canvas.height);
    const framed = cam.mode !== "framing" || (frame.points && inFrame(frame, spec().visible));
    g.lineWidth = 4;
    g.strokeStyle = framed ? "rgba(46, 160, 90, .9)" : "rgba(230, 160, 30, .9)";
    g.setLineDash([12, 8]);
    g.strokeRect(canvas.width * 0.04, canvas.height * 0.04, canvas.width * 0.92, canvas.height * 0.92);
    g.setLineDash([]);
    if (!frame.points) return;
    const at = (name) => { const p = frame.points[NAMES.indexOf(name)]; return [p.x * canvas.width, p.y * canvas.height]; };
    g.strokeStyle = "rgba(255, 255, 255, .85)";
    g.lineWidth = 3;
    for (const [a, b] of BONES) { g.beginPath(); g.moveTo(...at(a)); g.lineTo(...at(b)); g.stroke(); }
    drawTracked(g, at, frame);
  }
  function drawTracked(g, at, frame) {
    const s = spec();
    const side = s.track.side === "working" && ["left", "right"].includes(working()) ? [working()] : ["left", "right"];
    g.strokeStyle = "#f2b705";
    g.lineWidth = 6;
    const line = (a, b) => { g.beginPath(); g.moveTo(...at(a)); g.lineTo(...at(b)); g.stroke(); };
    if (s.track.measure === "arm_elevation") side.forEach((x) => { line(`${x}_shoulder`, `${x}_elbow`); line(`${x}_shoulder`, `${x}_hip`); });
    else if (s.track.measure === "hip_turn") line("left_hip", "right_hip");
    else line("left_shoulder", "right_shoulder");
    if (cam.mode !== "tracking" && frame.points && inFrame(frame, s.visible) && cam.tracker === null) {
      const ref = { shoulderWidth: 1, hipWidth: 1, neck: 1 };
      if (s.track.measure === "arm_elevation" || s.track.measure === "shoulder_tilt") {
        const value = measure(s.track.measure, frame, ref, { side: s.track.side, working: working() });
        ui.angle.textContent = `${s.track.label}: ${Math.round(value)}°`;
      }
    }
  }
}
