/* The maths of measuring with a phone, step for step as midback.domain.inclinometer does it
   (both are checked against tests/fixtures/inclinometer.json). Plain functions, no DOM:
   loaded by the measuring page, and by node for the tests. */
(function (root) {
  "use strict";

  const MIN_PLANE_SHARE = 0.5;
  const DEG = 180 / Math.PI;

  function wrap(deg) {
    let w = deg % 360;
    if (w <= -180) w += 360;
    else if (w > 180) w -= 360;
    return w;
  }

  function unwrap(previous, deg) {
    return previous + wrap(deg - previous);
  }

  /* Quaternions {x, y, z, w}: a reading turns the phone's axes into the Earth's. */
  function qmul(a, b) {
    return {
      x: a.w * b.x + a.x * b.w + a.y * b.z - a.z * b.y,
      y: a.w * b.y - a.x * b.z + a.y * b.w + a.z * b.x,
      z: a.w * b.z + a.x * b.y - a.y * b.x + a.z * b.w,
      w: a.w * b.w - a.x * b.x - a.y * b.y - a.z * b.z,
    };
  }

  function qnormalized(q) {
    const n = Math.hypot(q.x, q.y, q.z, q.w);
    if (n === 0) throw new Error("a zero quaternion is no rotation");
    return { x: q.x / n, y: q.y / n, z: q.z / n, w: q.w / n };
  }

  function qinverse(q) {
    const n = qnormalized(q);
    return { x: -n.x, y: -n.y, z: -n.z, w: n.w };
  }

  function aboutAxis(axis, deg) {
    const length = Math.hypot(axis[0], axis[1], axis[2]);
    const half = deg / DEG / 2;
    const s = Math.sin(half) / length;
    return { x: axis[0] * s, y: axis[1] * s, z: axis[2] * s, w: Math.cos(half) };
  }

  /* A deviceorientation event's angles (intrinsic Z-X'-Y'', degrees) as a quaternion. */
  function fromDeviceOrientation(alpha, beta, gamma) {
    return qmul(qmul(aboutAxis([0, 0, 1], alpha), aboutAxis([1, 0, 0], beta)),
                aboutAxis([0, 1, 0], gamma));
  }

  /* The Generic Sensor API's [x, y, z, w] array as a quaternion. */
  function fromArray(values) {
    return { x: values[0], y: values[1], z: values[2], w: values[3] };
  }

  function angleBetween(a, b) {
    const p = qnormalized(a), q = qnormalized(b);
    const dot = Math.abs(p.x * q.x + p.y * q.y + p.z * q.z + p.w * q.w);
    return 2 * Math.acos(Math.min(1, dot)) * DEG;
  }

  /* The signed turn about the Earth's vertical from `start` to `now`: 2·atan2(q.z, q.w) of the
     change, right whichever way up the phone is held. */
  function twistAboutVertical(start, now) {
    const change = qmul(qnormalized(now), qinverse(start));
    return wrap(2 * Math.atan2(change.z, change.w) * DEG);
  }

  const AXES = { x: [1, 0, 0], y: [0, 1, 0], z: [0, 0, 1] };

  function dot(a, b) { return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]; }

  function cross(a, b) {
    return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
  }

  class TiltUnreadable extends Error {}

  function across(g, axis) {
    const length = Math.sqrt(dot(g, g));
    if (length === 0) throw new TiltUnreadable("no gravity reading");
    const along = dot(g, axis);
    const flat = [g[0] - along * axis[0], g[1] - along * axis[1], g[2] - along * axis[2]];
    if (Math.sqrt(dot(flat, flat)) < MIN_PLANE_SHARE * length) {
      throw new TiltUnreadable("the phone's reading axis points too close to the vertical");
    }
    return flat;
  }

  /* The signed turn of the phone about its own axis ("x", "y" or "z") between two gravity
     readings taken in the phone's frame. */
  function tiltAbout(start, now, axisName) {
    const a = AXES[axisName];
    const p0 = across(start, a), p1 = across(now, a);
    return -Math.atan2(dot(cross(p0, p1), a), dot(p0, p1)) * DEG;
  }

  /* Upper point's tilt minus lower point's, counted in the direction the upper point moved. */
  function twoPoint(upper, lower, axisName) {
    const top = tiltAbout(upper[0], upper[1], axisName);
    const bottom = tiltAbout(lower[0], lower[1], axisName);
    const direction = top >= 0 ? 1 : -1;
    return direction * (top - bottom);
  }

  const MIN_SAMPLES = 3;

  /* samples: [{t (seconds), degrees}] in time order. Still when every sample of the last
     holdS seconds lies within `tolerance` degrees; the value is their mean. */
  function steadiness(samples, holdS, tolerance) {
    if (!samples.length) return { still: false, spread: 0, value: null };
    const start = samples[samples.length - 1].t - holdS;
    const window = samples.filter((s) => s.t >= start).map((s) => s.degrees);
    const spread = Math.max(...window) - Math.min(...window);
    const watchedLongEnough = samples[0].t <= start;
    if (watchedLongEnough && window.length >= MIN_SAMPLES && spread <= tolerance) {
      return { still: true, spread, value: mean(window) };
    }
    return { still: false, spread, value: null };
  }

  function mean(values) {
    return values.reduce((sum, v) => sum + v, 0) / values.length;
  }

  function combineTrials(trials) {
    if (!trials.length) throw new Error("no trials to combine");
    const sizes = trials.map(Math.abs);
    return { mean: mean(sizes), spread: Math.max(...sizes) - Math.min(...sizes), count: sizes.length };
  }

  const api = {
    wrap, unwrap, qmul, qinverse, qnormalized, aboutAxis, fromDeviceOrientation, fromArray,
    angleBetween, twistAboutVertical, tiltAbout, twoPoint, steadiness, combineTrials, mean,
    TiltUnreadable,
  };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.MeasureMath = api;
})(typeof globalThis !== "undefined" ? globalThis : this);
