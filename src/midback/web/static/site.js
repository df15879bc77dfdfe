// Small enhancements shared by pages that load htmx: tidy GET URLs, announce swapped results.
(() => {
  "use strict";
  if (!window.htmx) return;
  document.documentElement.classList.add("js-enhanced");

  // Leave empty filters out of the URL that htmx requests and pushes to the history.
  document.body.addEventListener("htmx:configRequest", (event) => {
    if (event.detail.verb !== "get") return;
    const params = event.detail.parameters;
    const keys = params instanceof FormData ? Array.from(params.keys()) : Object.keys(params);
    for (const key of keys) {
      const value = params instanceof FormData ? params.get(key) : params[key];
      if (value === "" || value === null) {
        if (params instanceof FormData) params.delete(key); else delete params[key];
      }
    }
  });

  // The results are replaced whole; a live region outside them says what changed.
  document.body.addEventListener("htmx:afterSwap", () => {
    const status = document.getElementById("results-status");
    const title = document.getElementById("results-title");
    if (status && title) status.textContent = title.textContent.trim();
  });
})();
