// midback camera counter: the browser twin of midback.domain.camera (landmarks, measures,
// counter). Pure: no DOM, no camera. Feed it the pose model's landmarks frame by frame; it counts
// reps with two thresholds and a minimum dwell, times holds and watches for faults. The Python
// tests run this file under node on the same synthetic streams as the Python counter and
// require the same answers, so the rule is written twice but cannot drift.

export const SMOOTH = 5;
export const REFERENCE_FRAMES = 5;
export const MIN_HOLD_S = 0.5;
export const FAULT_REARM = 0.8;
export const MIN_VISIBILITY = 0.5;
export const EDGE_MARGIN = 0.02;

export const LANDMARKS = [
  "nose", "left_eye_inner", "left_eye", "left_eye_outer", "right_eye_inner", "right_eye",
  "right_eye_outer", "left_ear", "right_ear", "mouth_left", "mouth_right", "left_shoulder",
  "right_shoulder", "left_elbow", "right_elbow", "left_wrist", "right_wrist", "left_pinky",
  "right_pinky", "left_index", "right_index", "left_thumb", "right_thumb", "left_hip", "right_hip",
  "left_knee", "right_knee", "left_ankle", "right_ankle", "left_heel", "right_heel",
  "left_foot_index", "right_foot_index",
];
const INDEX = Object.fromEntries(LANDMARKS.map((name, i) => [name, i]));
const SIDES = ["left", "right"];

// ---------- Frames: {t, points: [{x, y, visibility}] | null, width, height} ----------
function point(frame, name) { return frame.points[INDEX[name]]; }
export function pixels(frame, name) {
  const p = point(frame, name);
  return [p.x * frame.width, (1 - p.y) * frame.height];
}
export function inFrame(frame, names) {
  if (!frame.points) return false;
  return names.every((name) => {
    const p = point(frame, name);
    const inside = p.x >= EDGE_MARGIN && p.x <= 1 - EDGE_MARGIN && p.y >= EDGE_MARGIN && p.y <= 1 - EDGE_MARGIN;
    return inside && (p.visibility ?? 1) >= MIN_VISIBILITY;
  });
}
export function missing(frame, names) { return names.filter((n) => !inFrame(frame, [n])); }

// ---------- Measures ----------
const sub = (a, b) => [a[0] - b[0], a[1] - b[1]];
const mid = (a, b) => [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
const length = (v) => Math.sqrt(v[0] * v[0] + v[1] * v[1]);
const degrees = (r) => (r * 180) / Math.PI;
function angle(a, b) {
  return Math.abs(degrees(Math.atan2(a[0] * b[1] - a[1] * b[0], a[0] * b[0] + a[1] * b[1])));
}
const width = (f, joint) => length(sub(pixels(f, `left_${joint}`), pixels(f, `right_${joint}`)));
function neck(f) {
  const heights = SIDES.map((s) => pixels(f, `${s}_ear`)[1] - pixels(f, `${s}_shoulder`)[1]);
  return (heights[0] + heights[1]) / 2;
}
export function referenceOf(f) {
  return { shoulderWidth: width(f, "shoulder"), hipWidth: width(f, "hip"), neck: neck(f) };
}
export function armElevation(f, side) {
  const shoulder = pixels(f, `${side}_shoulder`);
  return angle(sub(pixels(f, `${side}_elbow`), shoulder), sub(pixels(f, `${side}_hip`), shoulder));
}
export function shoulderTilt(f) {
  const [dx, dy] = sub(pixels(f, "left_shoulder"), pixels(f, "right_shoulder"));
  const tilt = Math.abs(degrees(Math.atan2(dy, dx)));
  return tilt > 90 ? 180 - tilt : tilt;
}
export function turn(w, reference) {
  if (reference <= 0) return 0;
  return degrees(Math.acos(Math.min(1, w / reference)));
}
export function sideBend(f) {
  const leftHip = pixels(f, "left_hip");
  const rightHip = pixels(f, "right_hip");
  const across = sub(leftHip, rightHip);
  const len = length(across) || 1;
  const lx = across[0] / len;
  const ly = across[1] / len;
  const trunk = sub(mid(pixels(f, "left_shoulder"), pixels(f, "right_shoulder")), mid(leftHip, rightHip));
  let ux = -ly;
  let uy = lx;
  if (trunk[0] * ux + trunk[1] * uy < 0) { ux = -ux; uy = -uy; }
  return degrees(Math.atan2(trunk[0] * lx + trunk[1] * ly, trunk[0] * ux + trunk[1] * uy));
}
export function shoulderRaise(f, reference) {
  if (reference.neck <= 0) return 0;
  return Math.max(0, 100 * (1 - neck(f) / reference.neck));
}
export function measure(name, f, reference, { side = "both", working = "both" } = {}) {
  switch (name) {
    case "arm_elevation": {
      const armSide = side === "working" && SIDES.includes(working) ? working : "both";
      if (armSide === "both") return (armElevation(f, "left") + armElevation(f, "right")) / 2;
      return armElevation(f, armSide);
    }
    case "shoulder_tilt": return shoulderTilt(f);
    case "shoulder_turn": return turn(width(f, "shoulder"), reference.shoulderWidth);
    case "hip_turn": return turn(width(f, "hip"), reference.hipWidth);
    case "side_bend": return sideBend(f);
    case "shoulder_raise": return shoulderRaise(f, reference);
    default: throw new Error(`unknown measure ${name}`);
  }
}

// ---------- Counting ----------
export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}
const round = (x, digits) => { const k = 10 ** digits; return Math.round(x * k) / k; };

class Smoother {
  constructor() { this.values = []; }
  add(value) {
    this.values.push(value);
    if (this.values.length > SMOOTH) this.values.shift();
    return median(this.values);
  }
}

class RepCounter {
  constructor({ start_below: startBelow, end_above: endAbove, dwell_s: dwell }) {
    Object.assign(this, { startBelow, endAbove, dwell, position: "unknown", since: null, count: 0, peak: 0, peaks: [] });
  }
  update(t, value) {
    if (this.position === "end") this.peak = Math.max(this.peak, value);
    const target = this.position === "start" ? "end" : "start";
    const reached = target === "end" ? value >= this.endAbove : value <= this.startBelow;
    if (!reached) { this.since = null; return false; }
    if (this.since === null) this.since = t;
    if (t - this.since < this.dwell) return false;
    const was = this.position;
    this.position = target;
    this.since = null;
    if (target === "end") { this.peak = value; return false; }
    if (was === "end") { this.count += 1; this.peaks.push(round(this.peak, 1)); return true; }
    return false;
  }
}

class HoldTimer {
  constructor({ in_above: inAbove, out_below: outBelow }) {
    Object.assign(this, { inAbove, outBelow, entered: null, lastIn: 0, values: [], holds: [], levels: [] });
  }
  get holding() { return this.entered !== null; }
  update(t, value) {
    if (this.entered === null) {
      if (value >= this.inAbove) { this.entered = t; this.lastIn = t; this.values = [value]; }
      return null;
    }
    if (value >= this.outBelow) { this.lastIn = t; this.values.push(value); return null; }
    return this.close();
  }
  close() {
    if (this.entered === null) return null;
    const seconds = round(this.lastIn - this.entered, 2);
    const level = median(this.values);
    this.entered = null;
    if (seconds < MIN_HOLD_S) return null;
    this.holds.push(seconds);
    this.levels.push(round(level, 1));
    return seconds;
  }
}

class FaultWatch {
  constructor(fault) { Object.assign(this, { fault, since: null, armed: true }); }
  update(t, value) {
    if (value < this.fault.above * FAULT_REARM) this.armed = true;
    if (value < this.fault.above) { this.since = null; return false; }
    if (this.since === null) this.since = t;
    if (this.armed && t - this.since >= this.fault.for_s) { this.armed = false; return true; }
    return false;
  }
}

export function faultValue(fault, raw, working) {
  if (fault.measure !== "side_bend" || fault.toward === "either" || !SIDES.includes(working)) return Math.abs(raw);
  const towardsLeft = (fault.toward === "working") === (working === "left");
  return towardsLeft ? raw : -raw;
}

/** One set: feed(frame) returns events ("rep", "hold", "fault:<id>"); finish() the reading. */
export class SetTracker {
  constructor(spec, working = "both") {
    this.spec = spec;
    this.working = working;
    this.reps = new RepCounter(spec.reps);
    this.hold = new HoldTimer(spec.hold);
    this.watches = spec.faults.map((f) => new FaultWatch(f));
    this.smoothers = {};
    for (const name of [spec.track.measure, ...spec.faults.map((f) => f.measure)]) this.smoothers[name] = new Smoother();
    this.starting = [];
    this.reference = null;
    this.faults = [];
    this.value = null;
    this.outOfFrame = 0;
    this.lastT = null;
  }
  feed(frame) {
    const gap = this.lastT === null ? 0 : frame.t - this.lastT;
    this.lastT = frame.t;
    if (!inFrame(frame, this.spec.visible)) { this.outOfFrame += gap; return []; }
    if (this.reference === null) {
      this.starting.push(referenceOf(frame));
      if (this.starting.length < REFERENCE_FRAMES) return [];
      this.reference = {
        shoulderWidth: median(this.starting.map((r) => r.shoulderWidth)),
        hipWidth: median(this.starting.map((r) => r.hipWidth)),
        neck: median(this.starting.map((r) => r.neck)),
      };
    }
    return this.read(frame);
  }
  read(frame) {
    const events = [];
    const track = this.spec.track;
    const raw = measure(track.measure, frame, this.reference, { side: track.side, working: this.working });
    this.value = this.smoothers[track.measure].add(raw);
    if (this.reps.update(frame.t, this.value)) events.push("rep");
    if (this.hold.update(frame.t, this.value) !== null) events.push("hold");
    const readings = { [track.measure]: this.value };
    for (const watch of this.watches) {
      const name = watch.fault.measure;
      if (!(name in readings)) {
        readings[name] = this.smoothers[name].add(measure(name, frame, this.reference, { working: this.working }));
      }
      if (watch.update(frame.t, faultValue(watch.fault, readings[name], this.working))) {
        this.faults.push([frame.t, watch.fault.id]);
        events.push(`fault:${watch.fault.id}`);
      }
    }
    return events;
  }
  finish() {
    this.hold.close();
    const levels = this.reps.peaks.length ? this.reps.peaks : this.hold.levels;
    return {
      reps: this.reps.count,
      holds: [...this.hold.holds],
      faults: this.faults.map(([t, id]) => [t, id]),
      peaks: [...this.reps.peaks],
      reached: levels.length ? round(median(levels), 1) : null,
      out_of_frame_s: round(this.outOfFrame, 2),
    };
  }
}
