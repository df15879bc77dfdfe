// midback outbox: logs made without a connection wait in IndexedDB on this device, each with
// its Idempotency-Key, and are sent in order when the connection returns. Works in a page and
// in the service worker (self.MidbackOutbox). The server replays a repeated key, so sending an
// entry twice (an answer lost on the way back) stores one log: nothing is lost or doubled.
((scope) => {
  "use strict";
  const DB = "midback-outbox";
  const STORE = "requests";
  const SYNC_TAG = "midback-outbox";

  function open() {
    return new Promise((resolve, reject) => {
      const request = indexedDB.open(DB, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: "id", autoIncrement: true });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }
  async function run(mode, work) {
    const db = await open();
    try {
      return await new Promise((resolve, reject) => {
        const tx = db.transaction(STORE, mode);
        const result = work(tx.objectStore(STORE));
        tx.oncomplete = () => resolve(result && "result" in result ? result.result : undefined);
        tx.onerror = () => reject(tx.error);
      });
    } finally {
      db.close();
    }
  }

  // What to do with an answer: sent (drop it), keep for later, or refused for good.
  function verdict(status) {
    if (status >= 200 && status < 300) return "sent";
    if (status === 401 || status === 403 || status === 408 || status === 429 || status >= 500) return "keep";
    return "refused"; // the server will never take it (a damaged or out-of-date form)
  }

  const outbox = {
    SYNC_TAG,
    verdict,
    /** Keep {url, body (urlencoded), key} to send; resolves to its id. */
    add(entry) {
      return run("readwrite", (store) => store.add({ ...entry, added: Date.now() }));
    },
    all() { return run("readonly", (store) => store.getAll()); },
    async count() { return (await outbox.all()).length; },
    clear() { return run("readwrite", (store) => store.clear()); },
    remove(id) { return run("readwrite", (store) => store.delete(id)); },
    /** Send every entry, oldest first; stops at the first that cannot go now.
     *  `csrf` (a page's current token) replaces an older one in the body. */
    async flush({ csrf = "" } = {}) {
      const done = { sent: 0, refused: 0, left: 0 };
      if (outbox.busy) return { ...done, left: await outbox.count() };
      outbox.busy = true;
      try {
        const entries = await outbox.all();
        for (let i = 0; i < entries.length; i += 1) {
          const entry = entries[i];
          const body = new URLSearchParams(entry.body);
          if (csrf && body.has("csrf_token")) body.set("csrf_token", csrf);
          let status = 0;
          try {
            const response = await fetch(entry.url, {
              method: "POST", body, credentials: "same-origin", redirect: "manual",
              headers: { "Idempotency-Key": entry.key, Accept: "application/json" },
            });
            status = response.type === "opaqueredirect" ? 200 : response.status;
          } catch {
            done.left = entries.length - i;
            return done;
          }
          const what = verdict(status);
          if (what === "keep") { done.left = entries.length - i; return done; }
          await outbox.remove(entry.id);
          done[what] += 1;
        }
        return done;
      } finally {
        outbox.busy = false;
      }
    },
  };
  scope.MidbackOutbox = outbox;
})(typeof self !== "undefined" ? self : globalThis);
