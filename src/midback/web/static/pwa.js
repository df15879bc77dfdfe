// midback on this device: registers the service worker (/sw.js), keeps the signed-in person's
// next week for offline use (on Today), sends the outbox when the connection returns (on
// `online`, page load and visibility change; Background Sync too where the browser has it),
// and clears what this device kept of the person when they log out.
(() => {
  "use strict";
  const outbox = window.MidbackOutbox;
  const html = document.documentElement;
  const csrf = () => {
    const field = document.querySelector('form[action="/logout"] input[name="csrf_token"]');
    return field ? field.value : "";
  };
  const signedIn = () => Boolean(document.querySelector('form[action="/logout"]'));

  function ask(message) {  // a message to the active worker, answered through a channel
    return navigator.serviceWorker.ready.then((registration) => new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = (event) => resolve(event.data);
      registration.active.postMessage(message, [channel.port2]);
    }));
  }

  // ---------- The outbox ----------
  async function flush() {
    if (!outbox || !navigator.onLine || !signedIn()) return;
    const done = await outbox.flush({ csrf: csrf() });
    if (done.sent || done.refused) document.dispatchEvent(new CustomEvent("midback:synced", { detail: done }));
    html.dataset.outbox = String(done.left);
  }
  /** Keep a form's request in the outbox, then send it if the connection allows. */
  async function queue(url, form, key) {
    const body = new URLSearchParams(new FormData(form));
    const now = new Date();  // the device's own day: a session synced tomorrow keeps today's date
    if (!body.get("played_on")) body.set("played_on", `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`);
    await outbox.add({ url, key, body: body.toString() });
    html.dataset.outbox = String(await outbox.count());
    if ("serviceWorker" in navigator) {
      try {
        const registration = await navigator.serviceWorker.ready;
        if (registration.sync) await registration.sync.register(outbox.SYNC_TAG);
      } catch { /* no Background Sync: `online`, load and visibility change send it */ }
    }
    await flush();
    return Number(html.dataset.outbox || 0) === 0;
  }
  window.MidbackSync = { queue, flush };

  if (outbox) {
    window.addEventListener("online", flush);
    document.addEventListener("visibilitychange", () => { if (document.visibilityState === "visible") flush(); });
    flush();
  }

  // ---------- Log out: nothing of the person stays on this device ----------
  const logout = document.querySelector('form[action="/logout"]');
  if (logout) {
    logout.addEventListener("submit", (event) => {
      if (logout.dataset.cleared === "1") return;
      event.preventDefault();
      const clear = async () => {
        try { await flush(); } catch { /* offline: asked below */ }
        const waiting = outbox ? await outbox.count() : 0;
        if (waiting && !window.confirm(`${waiting === 1 ? "A session log is" : `${waiting} session logs are`} still waiting to sync. Logging out now deletes ${waiting === 1 ? "it" : "them"} from this device. Log out anyway?`)) return false;
        if (outbox) await outbox.clear();
        if ("caches" in window) await Promise.all(["midback-pages", "midback-art"].map((name) => caches.delete(name)));
        return true;
      };
      clear().catch(() => true).then((go) => { if (go) { logout.dataset.cleared = "1"; logout.submit(); } });
    });
  }

  // ---------- The service worker ----------
  if (!("serviceWorker" in navigator)) return;
  navigator.serviceWorker.addEventListener("message", (event) => {
    if (event.data && event.data.type === "outbox") {
      html.dataset.outbox = String(event.data.left);
      if (event.data.sent || event.data.refused) document.dispatchEvent(new CustomEvent("midback:synced", { detail: event.data }));
    }
  });
  // After the page has loaded, so the worker's first downloads never compete with the page's own.
  const start = () => navigator.serviceWorker.register("/sw.js", { scope: "/" }).then(async () => {
    html.dataset.sw = "registered";
    if (signedIn() && navigator.onLine && location.pathname === "/today") {
      const kept = await ask({ type: "warm" });
      html.dataset.offlineReady = String(kept.pages);
    }
  }).catch(() => { html.dataset.sw = "failed"; });
  if (document.readyState === "complete") start(); else window.addEventListener("load", start, { once: true });
})();
