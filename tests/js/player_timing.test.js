// The player's session timing against the shared fixtures (run by node's test runner).
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const path = require("node:path");
const fs = require("node:fs");

const root = path.resolve(__dirname, "..", "..");
const T = require(path.join(root, "src", "midback", "web", "static", "player-timing.js"));
const F = JSON.parse(fs.readFileSync(path.join(root, "tests", "fixtures", "player-timing.json")));

test("the phases the ring times", () => {
  for (const c of F.cases) {
    const sums = c.items.map((item) => T.phasesOf(item).reduce((s, p) => s + p.seconds, 0));
    assert.deepStrictEqual(sums, c.phase_seconds, c.name);
  }
});

test("a session takes the seconds the server counts, not the phases' sum", () => {
  for (const c of F.cases) {
    assert.strictEqual(T.sessionSeconds(c.items, F.transition_s), c.session_seconds, c.name);
  }
});

test("time left shares an item's seconds out as its phases pass", () => {
  for (const c of F.cases) {
    const item = c.items[0];
    const phases = T.phasesOf(item);
    const total = c.phase_seconds[0];
    assert.strictEqual(T.itemLeft(item, phases, total), item.seconds, c.name);
    assert.strictEqual(T.itemLeft(item, phases, total / 2), item.seconds / 2, c.name);
    assert.strictEqual(T.itemLeft(item, phases, 0), 0, c.name);
  }
});

test("a page without the server's seconds falls back to the phases", () => {
  const c = F.cases[0];
  const bare = c.items.map(({ seconds, ...rest }) => rest);
  assert.strictEqual(T.sessionSeconds(bare, F.transition_s), c.phase_seconds[0]);
});
