// midback service worker, after /sw.js set self.MIDBACK_SW and loaded Workbox and the outbox.
// - Static files: precached by their content-hashed URLs; other /static/ files cache-first.
// - Pages: network first; without a connection, the copy kept on this device, else /offline.
// - Illustrations: kept after first use (and warmed for the week ahead).
// - "warm" messages from a page keep the signed-in person's next week on this device;
//   "clear" (at sign-out) removes every personal copy. Health data stays per device.
// - Background Sync sends the outbox when the connection returns.
// - Push: a {title, body, url} message shows a notification; tapping it opens the url.
/* global workbox */
(() => {
  "use strict";
  const config = self.MIDBACK_SW;
  const PAGES = "midback-pages";
  const ART = "midback-art";
  const STATIC = "midback-static";
  const PERSONAL = [PAGES, ART];

  workbox.setConfig({ modulePathCb: (name) => config.modules[name], debug: false });
  // Load every module now: a service worker may import scripts only while it starts.
  const { core, precaching, routing, strategies, expiration, cacheableResponse } = workbox;

  core.setCacheNameDetails({ prefix: "midback" });
  core.clientsClaim();
  self.addEventListener("message", (event) => {
    if (event.data && event.data.type === "skip-waiting") self.skipWaiting();
  });
  precaching.precacheAndRoute(config.precache, { ignoreURLParametersMatching: [/^utm_/] });
  precaching.cleanupOutdatedCaches();
  self.addEventListener("install", () => self.skipWaiting());

  // `?speed=` only makes the player's timers faster (tests, demonstrations): same page.
  const pageKey = (url) => {
    const u = new URL(url);
    u.searchParams.delete("speed");
    return u.href;
  };
  const samePage = { cacheKeyWillBeUsed: async ({ request }) => pageKey(request.url) };
  const ok = new cacheableResponse.CacheableResponsePlugin({ statuses: [200] });
  // Only pages are kept: a download (an export, a handout) passes through and is not stored.
  // A redirected page (/sessions/today) is kept as a plain copy: browsers refuse to show a
  // redirected answer from a cache to a navigation.
  const plain = async (response) => (response.redirected
    ? new Response(await response.blob(), { status: response.status, statusText: response.statusText, headers: response.headers })
    : response);
  const htmlOnly = {
    cacheWillUpdate: async ({ response }) => ((response.headers.get("Content-Type") || "").startsWith("text/html")
      && !response.headers.has("Content-Disposition") ? plain(response) : null),
  };

  const pages = new strategies.NetworkFirst({ cacheName: PAGES, plugins: [samePage, ok, htmlOnly] });
  routing.registerRoute(({ request, url }) => request.mode === "navigate" && url.origin === self.location.origin
    && !url.pathname.startsWith("/api/"), pages);
  routing.registerRoute(({ url }) => url.origin === self.location.origin && /^\/exercises\/[^/]+\/illustration\.svg$/.test(url.pathname),
    new strategies.StaleWhileRevalidate({ cacheName: ART, plugins: [ok, new expiration.ExpirationPlugin({ maxEntries: 400 })] }));
  routing.registerRoute(({ url }) => url.origin === self.location.origin && url.pathname.startsWith("/static/")
    && !url.pathname.startsWith("/static/vendor/mediapipe/"),
    new strategies.CacheFirst({ cacheName: STATIC, plugins: [ok, new expiration.ExpirationPlugin({ maxEntries: 200 })] }));
  routing.setCatchHandler(async ({ request }) => {
    if (request.mode === "navigate") {
      const offline = await precaching.matchPrecache(config.offline);
      if (offline) return offline;
    }
    return Response.error();
  });

  // ---------- The week ahead, kept on this device ----------
  async function warm() {
    const response = await fetch("/offline/urls", { credentials: "same-origin", headers: { Accept: "application/json" } });
    if (!response.ok) return { pages: 0, assets: 0 };
    const wanted = await response.json();
    const pagesCache = await caches.open(PAGES);
    const artCache = await caches.open(ART);
    let kept = 0;
    let art = 0;
    for (const url of wanted.pages) {
      try {
        const page = await fetch(url, { credentials: "same-origin" });
        if (page.status === 200) { await pagesCache.put(pageKey(new URL(url, self.location.origin).href), await plain(page)); kept += 1; }
      } catch { /* offline again: the next visit finishes the job */ }
    }
    for (const url of wanted.assets) {
      try {
        const picture = await fetch(url, { credentials: "same-origin" });
        if (picture.status === 200) { await artCache.put(url, picture); art += 1; }
      } catch { /* as above */ }
    }
    return { pages: kept, assets: art };
  }
  async function clearPersonal() {
    await Promise.all(PERSONAL.map((name) => caches.delete(name)));
    await self.MidbackOutbox.clear();
  }
  async function tellClients(message) {
    for (const client of await self.clients.matchAll({ type: "window" })) client.postMessage(message);
  }
  self.addEventListener("message", (event) => {
    const type = event.data && event.data.type;
    const reply = (value) => { if (event.ports[0]) event.ports[0].postMessage(value); };
    if (type === "warm") event.waitUntil(warm().then(reply, () => reply({ pages: 0, assets: 0 })));
    else if (type === "clear") event.waitUntil(clearPersonal().then(() => reply({ cleared: true })));
  });

  // ---------- The outbox, when the browser says the connection is back ----------
  self.addEventListener("sync", (event) => {
    if (event.tag !== self.MidbackOutbox.SYNC_TAG) return;
    event.waitUntil(self.MidbackOutbox.flush().then((done) => {
      tellClients({ type: "outbox", ...done });
      if (done.left) throw new Error("outbox: not everything went; the browser retries");
    }));
  });

  // ---------- Push: the reminders plug in here ----------
  self.addEventListener("push", (event) => {
    let data = {};
    try { data = event.data ? event.data.json() : {}; } catch { data = { body: event.data ? event.data.text() : "" }; }
    const title = data.title || "midback";
    const options = {
      body: data.body || "",
      icon: config.icon || undefined,
      data: { url: typeof data.url === "string" && /^\/(?!\/)/.test(data.url) ? data.url : "/today" },
    };
    event.waitUntil(self.registration.showNotification(title, options));
  });
  self.addEventListener("notificationclick", (event) => {
    event.notification.close();
    const url = new URL((event.notification.data && event.notification.data.url) || "/today", self.location.origin).href;
    event.waitUntil((async () => {
      for (const client of await self.clients.matchAll({ type: "window", includeUncontrolled: true })) {
        if (client.url === url && "focus" in client) return client.focus();
      }
      return self.clients.openWindow(url);
    })());
  });
})();
