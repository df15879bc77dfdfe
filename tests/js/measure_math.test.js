// The browser's measuring maths against the shared fixtures (run by node's test runner).
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const path = require("node:path");
const fs = require("node:fs");

const root = path.resolve(__dirname, "..", "..");
const M = require(path.join(root, "src", "midback", "web", "static", "measure-math.js"));
const F = JSON.parse(fs.readFileSync(path.join(root, "tests", "fixtures", "inclinometer.json")));

function near(got, want, tolerance, what) {
  assert.ok(Math.abs(got - want) <= tolerance, `${what}: got ${got}, want ${want}`);
}

test("tilt about a phone axis", () => {
  for (const c of F.tilt) near(M.tiltAbout(c.start, c.now, c.axis), c.expected, 0.01, c.name);
});

test("a flat phone cannot read a turn about the vertical", () => {
  for (const c of F.unreadable) {
    assert.throws(() => M.tiltAbout(c.start, c.now, c.axis), M.TiltUnreadable, c.name);
  }
});

test("twist about the vertical", () => {
  for (const c of F.twist) near(M.twistAboutVertical(c.start, c.now), c.expected, 0.01, c.name);
});

test("two-point range", () => {
  for (const c of F.two_point) near(M.twoPoint(c.upper, c.lower, c.axis), c.expected, 0.01, c.name);
});

test("device orientation angles as a quaternion", () => {
  for (const c of F.device_orientation) {
    const q = M.fromDeviceOrientation(c.alpha, c.beta, c.gamma);
    near(M.angleBetween(q, c.expected), 0, 1e-4, JSON.stringify(c));
  }
});

test("steadiness", () => {
  for (const c of F.steadiness) {
    const found = M.steadiness(c.samples.map(([t, degrees]) => ({ t, degrees })), F.hold_s, F.tolerance);
    assert.strictEqual(found.still, c.still, c.name);
    if (c.value === null) assert.strictEqual(found.value, null, c.name);
    else near(found.value, c.value, 1e-6, c.name);
  }
});

test("trials combine as their mean", () => {
  for (const c of F.trials) {
    const s = M.combineTrials(c.trials);
    near(s.mean, c.mean, 1e-9, "mean");
    near(s.spread, c.spread, 1e-9, "spread");
  }
});
