// The offline outbox (outbox.js): order, retries, what is dropped and what is kept, run by node
// against a small in-memory stand-in for IndexedDB and a scripted fetch.
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const path = require("node:path");

// ---------- An in-memory IndexedDB: one database, object stores with autoIncrement keys ----------
function fakeIndexedDB() {
  const stores = new Map();
  let nextId = 1;
  const later = (fn) => setImmediate(fn);
  function request(value) {
    const r = { result: value };
    later(() => r.onsuccess && r.onsuccess());
    return r;
  }
  const db = {
    createObjectStore(name) { stores.set(name, new Map()); },
    close() {},
    transaction(name) {
      const rows = stores.get(name);
      const tx = {};
      const store = {
        add(value) { const id = nextId++; rows.set(id, { ...value, id }); return request(id); },
        getAll() { return request([...rows.values()].sort((a, b) => a.id - b.id)); },
        clear() { rows.clear(); return request(undefined); },
        delete(id) { rows.delete(id); return request(undefined); },
      };
      tx.objectStore = () => store;
      later(() => later(() => tx.oncomplete && tx.oncomplete()));
      return tx;
    },
  };
  return {
    open() {
      const r = { result: db };
      later(() => {
        if (!stores.size && r.onupgradeneeded) r.onupgradeneeded();
        r.onsuccess();
      });
      return r;
    },
  };
}

function load() {
  globalThis.indexedDB = fakeIndexedDB();
  const file = path.resolve(__dirname, "..", "..", "src", "midback", "web", "static", "outbox.js");
  delete require.cache[file];
  require(file);
  return globalThis.MidbackOutbox;
}

// A server that answers each POST from a script: a status, or "offline" (a network error).
function server(script) {
  const seen = [];
  globalThis.fetch = async (url, options) => {
    const next = script.length ? script.shift() : 201;
    seen.push({ url, key: options.headers["Idempotency-Key"], body: String(options.body) });
    if (next === "offline") throw new TypeError("Failed to fetch");
    return { status: next, type: "basic" };
  };
  return seen;
}

test("entries go in order, once each, with their idempotency keys", async () => {
  const outbox = load();
  await outbox.add({ url: "/play/finished", key: "k.finished", body: "session_key=k" });
  await outbox.add({ url: "/play/done", key: "k", body: "session_key=k&pain_during=2" });
  const seen = server([200, 200]);
  assert.deepStrictEqual(await outbox.flush(), { sent: 2, refused: 0, left: 0 });
  assert.deepStrictEqual(seen.map((s) => [s.url, s.key]), [["/play/finished", "k.finished"], ["/play/done", "k"]]);
  assert.strictEqual(await outbox.count(), 0);
  assert.deepStrictEqual(await outbox.flush(), { sent: 0, refused: 0, left: 0 });
  assert.strictEqual(seen.length, 2);
});

test("without a connection nothing is lost; the retry sends the same key", async () => {
  const outbox = load();
  await outbox.add({ url: "/play/done", key: "k", body: "session_key=k" });
  const seen = server(["offline", 503, 200]);
  assert.deepStrictEqual(await outbox.flush(), { sent: 0, refused: 0, left: 1 });
  assert.deepStrictEqual(await outbox.flush(), { sent: 0, refused: 0, left: 1 });
  assert.deepStrictEqual(await outbox.flush(), { sent: 1, refused: 0, left: 0 });
  assert.deepStrictEqual(seen.map((s) => s.key), ["k", "k", "k"]);
});

test("a refused entry is dropped, not retried for ever; signed-out answers are kept", async () => {
  const outbox = load();
  await outbox.add({ url: "/play/done", key: "a", body: "x=1" });
  await outbox.add({ url: "/play/done", key: "b", body: "x=2" });
  server([422, 401]);
  assert.deepStrictEqual(await outbox.flush(), { sent: 0, refused: 1, left: 1 });
  assert.deepStrictEqual((await outbox.all()).map((e) => e.key), ["b"]);
});

test("a page's current CSRF token replaces the one stored with the form", async () => {
  const outbox = load();
  await outbox.add({ url: "/play/done", key: "k", body: "csrf_token=old&session_key=k" });
  const seen = server([200]);
  await outbox.flush({ csrf: "new" });
  assert.strictEqual(seen[0].body, "csrf_token=new&session_key=k");
});

test("verdicts", () => {
  const { verdict } = load();
  assert.deepStrictEqual([200, 201, 204, 401, 403, 409, 422, 429, 500].map(verdict),
    ["sent", "sent", "sent", "keep", "keep", "refused", "refused", "keep", "keep"]);
});
