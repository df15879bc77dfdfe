// The calendar block of settings: guess the time zone, and copy the address.
(() => {
  const zone = document.getElementById("calendar-zone");
  if (zone && zone.dataset.guessZone === "yes" && !zone.value) {
    try { zone.value = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { /* keep UTC */ }
  }
  const copy = document.querySelector("[data-copy-target]");
  if (!copy || !navigator.clipboard) return;
  copy.hidden = false;
  copy.addEventListener("click", async () => {
    const field = document.getElementById(copy.dataset.copyTarget);
    const said = document.getElementById("calendar-copied");
    try {
      await navigator.clipboard.writeText(field.value);
      said.textContent = "Copied.";
    } catch (e) {
      field.select();
      said.textContent = "Press Ctrl+C (or ⌘C) to copy.";
    }
  });
})();
