// midback session player. Reads the JSON island #player-data ({items: [...]}) and plays it:
// one exercise at a time, a rep counter to tap, hold / release / rest countdowns on a ring,
// optional beeps and spoken cues, keyboard control and screen-reader announcements.
// Without this script the page still lists every step and the feedback form works (and reports
// every item done as planned); with it, the form reports the sets and reps actually done.
(() => {
  "use strict";
  const root = document.getElementById("player");
  const island = document.getElementById("player-data");
  if (!root || !island) return;
  const data = JSON.parse(island.textContent);
  const items = data.items || [];
  if (!items.length) return;

  // `?speed=N` as the server read it; a page kept for offline use was rendered without it.
  const asked = Number(new URLSearchParams(window.location.search).get("speed")) || 0;
  const speed = Math.min(Math.max(1, asked || Number(root.dataset.speed) || 1), 100);
  const GET_READY = data.get_ready_s || 3;
  const TRANSITION = data.transition_s || 10;
  const RING = 2 * Math.PI * 52;
  const bind = (name) => root.querySelector(`[data-bind="${name}"]`);
  const el = {
    stage: document.getElementById("stage"),
    position: bind("position"), remaining: bind("remaining"), bar: bind("bar"),
    art: bind("art"), artStill: bind("art-still"), picture: bind("picture"),
    placeholder: bind("placeholder"), side: bind("side"), name: bind("name"), dose: bind("dose"),
    ring: bind("ring"), fill: bind("ring-fill"), value: bind("value"), label: bind("label"),
    phase: bind("phase"), cue: bind("cue"), steps: bind("steps"), avoid: bind("avoid"),
    summary: bind("summary"),
    back: document.getElementById("btn-back"), pause: document.getElementById("btn-pause"),
    skip: document.getElementById("btn-skip"), aux: document.getElementById("btn-aux"),
    beep: document.getElementById("opt-beep"), voice: document.getElementById("opt-voice"),
    announcer: document.getElementById("announcer"),
    endEarly: document.getElementById("end-early"),
    finishTitle: document.getElementById("finish-title"),
    enlarge: bind("enlarge"), zoom: document.getElementById("art-dialog"),
    zoomClose: document.getElementById("btn-enlarge-close"), zoomTitle: bind("zoom-title"),
    zoomStatus: bind("zoom-status"), zoomArt: bind("zoom-art"), zoomStill: bind("zoom-still"),
  };

  // ---------- The plan: each item as a list of phases ----------
  // The timing maths (player-timing.js, loaded first) is shared with the tests.
  const T = window.PlayerTiming;
  const plans = items.map(T.phasesOf);
  // Both sides of one exercise are one exercise to people: number exercises, not items.
  const exerciseNo = [];
  items.forEach((item, i) => {
    const same = i > 0 && items[i - 1].exercise_id === item.exercise_id;
    exerciseNo.push(i === 0 ? 1 : exerciseNo[i - 1] + (same ? 0 : 1));
  });
  const exerciseCount = exerciseNo[exerciseNo.length - 1];
  const itemSeconds = items.map((item, i) => T.itemSeconds(item, plans[i]));
  const totalSeconds = T.sessionSeconds(items, TRANSITION);

  // ---------- State ----------
  // mode: ready | transition | countin | phase | finished; `paused` applies to timed modes.
  const state = { index: 0, phase: 0, mode: "ready", paused: false, count: 0, timer: null };
  const started = { at: 0, done: new Set() };
  // What was done of each item: sets finished and the reps (or holds) of the last one.
  const results = items.map(() => ({ sets: 0, reps: 0, camera: [] }));

  // ---------- Settings, remembered on this device ----------
  const store = {
    get(key) { try { return localStorage.getItem(`midback.player.${key}`) === "1"; } catch { return false; } },
    set(key, on) { try { localStorage.setItem(`midback.player.${key}`, on ? "1" : "0"); } catch { /* private mode */ } },
  };
  el.beep.checked = store.get("beep");
  el.voice.checked = store.get("voice");
  el.beep.addEventListener("change", () => { store.set("beep", el.beep.checked); if (el.beep.checked) beep(660, 0.12); });
  el.voice.addEventListener("change", () => { store.set("voice", el.voice.checked); if (el.voice.checked) speak("Spoken cues on"); });

  let audio = null;
  function beep(freq = 880, seconds = 0.15) {
    if (!el.beep.checked) return;
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      const now = audio.currentTime;
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, now);
      gain.gain.exponentialRampToValueAtTime(0.25, now + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, now + seconds);
      osc.connect(gain).connect(audio.destination);
      osc.start(now);
      osc.stop(now + seconds + 0.02);
    } catch { /* no audio on this device */ }
  }
  function speak(text) {
    if (!el.voice.checked || !("speechSynthesis" in window)) return;
    window.speechSynthesis.cancel();
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.rate = 1;
    window.speechSynthesis.speak(utterance);
  }
  function announce(text, { say = false } = {}) {
    el.announcer.textContent = "";
    window.setTimeout(() => { el.announcer.textContent = text; }, 30);
    if (say) speak(text);
  }

  // ---------- Words ----------
  // A side is the direction of movement; the exercise's own words say it ("Turning to your left").
  const sideText = (item) => item.side_words || ({ left: "Left side", right: "Right side" })[item.side] || "";
  const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
  function doseText(item) {
    const work = item.hold_s > 0 ? `${plural(item.reps, "hold")} of ${item.hold_s}\u00a0s` : plural(item.reps, "rep");
    return `${plural(item.sets, "set")} × ${work}`.replace(/(\d) /g, "$1\u00a0");
  }
  function clock(seconds) {
    const s = Math.max(0, Math.round(seconds));
    return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
  }
  function spokenIntro(item) {
    const side = sideText(item);
    return `${item.name}${side ? `, ${side.toLowerCase()}` : ""}. ${doseText(item).replace("×", "of")}.`;
  }

  // ---------- A countdown that can pause; `speed` makes it run faster in tests ----------
  function startTimer(seconds, onDone) {
    stopTimer();
    const timer = { total: seconds, left: seconds, last: performance.now(), onDone, ticked: Math.ceil(seconds) };
    timer.id = window.setInterval(() => tick(timer), 100);
    state.timer = timer;
  }
  function stopTimer() {
    if (state.timer) window.clearInterval(state.timer.id);
    state.timer = null;
  }
  function tick(timer) {
    const now = performance.now();
    if (!state.paused) timer.left -= ((now - timer.last) / 1000) * speed;
    timer.last = now;
    const whole = Math.ceil(Math.max(timer.left, 0));
    if (whole < timer.ticked) {
      timer.ticked = whole;
      if (whole > 0 && whole <= 3 && state.mode !== "phase") beep(520, 0.08);
      if (whole === 10 && timer.total > 20) announce("10 seconds left");
    }
    if (timer.left <= 0) {
      stopTimer();
      timer.onDone();
      return;
    }
    render();
  }

  // ---------- Moving through the session ----------
  function load(index, mode) {
    stopTimer();
    state.index = index;
    state.phase = 0;
    state.count = 0;
    state.paused = false;
    state.mode = mode;
    showItem(items[index]);
    const intro = `Exercise ${exerciseNo[index]} of ${exerciseCount}: ${spokenIntro(items[index])}`;
    if (mode === "transition") {
      announce(`Up next. ${intro} Get into position.`, { say: true });
      startTimer(TRANSITION, begin);
    } else {
      announce(`${intro} Press start when you are in position.`);
    }
    render();
  }
  function begin() {
    if (!started.at) started.at = Date.now();
    keepAwake();
    const first = plans[state.index][0];
    if (first.kind === "reps") {
      enterPhase(0);
      return;
    }
    state.mode = "countin";
    state.paused = false;
    beep(660, 0.1);
    announce("Get ready", { say: true });
    startTimer(GET_READY, () => enterPhase(0));
    render();
  }
  function enterPhase(index) {
    const phase = plans[state.index][index];
    state.mode = "phase";
    state.phase = index;
    state.count = 0;
    state.paused = false;
    stopTimer();
    const item = items[state.index];
    if (phase.kind === "hold") {
      beep(880, 0.18);
      announce(`Hold ${phase.seconds} seconds. Rep ${phase.rep} of ${item.reps}, set ${phase.set} of ${item.sets}.`, { say: true });
      startTimer(phase.seconds, nextPhase);
    } else if (phase.kind === "release") {
      beep(440, 0.2);
      announce("Release", { say: true });
      startTimer(phase.seconds, nextPhase);
    } else if (phase.kind === "rest") {
      beep(440, 0.25);
      announce(`Set ${phase.set} done. Rest ${phase.seconds} seconds.`, { say: true });
      startTimer(phase.seconds, nextPhase);
    } else {
      beep(880, 0.15);
      announce(`Set ${phase.set} of ${item.sets}: ${plural(phase.target, "rep")}. Tap the counter after each rep.`, { say: true });
    }
    render();
  }
  function countSet() {
    const phase = plans[state.index][state.phase];
    const item = items[state.index];
    const result = results[state.index];
    if (phase.kind === "reps") {
      // Only the reps counted are logged: "Set done" ends the set, it does not invent reps.
      result.sets = Math.min(result.sets + 1, item.sets);
      result.reps = Math.max(result.reps, state.count);
    } else if (phase.kind === "hold" && phase.rep === item.reps) {
      result.sets = Math.min(result.sets + 1, item.sets);
      result.reps = item.reps;
    }
  }
  function report() {
    const field = document.getElementById("results");
    if (!field) return;
    field.value = JSON.stringify(items.map((item, i) => ({
      exercise: item.exercise_id, side: item.side, sets_done: results[i].sets,
      reps_done: results[i].reps, hold_s: item.hold_s, skipped: results[i].sets === 0,
      camera: results[i].camera,
    })));
  }
  function nextPhase() {
    if (state.mode === "phase") countSet();
    if (state.phase + 1 < plans[state.index].length) {
      enterPhase(state.phase + 1);
      return;
    }
    started.done.add(state.index);
    if (state.index + 1 < items.length) {
      beep(660, 0.3);
      load(state.index + 1, "transition");
    } else {
      finish();
    }
  }
  function countRep() {
    const phase = plans[state.index][state.phase];
    state.count = Math.min(state.count + 1, phase.target);
    beep(740, 0.06);
    if (state.count >= phase.target) {
      announce(`${phase.target} of ${phase.target}. Set done.`, { say: true });
      nextPhase();
    } else {
      announce(`${state.count} of ${phase.target}`);
      render();
    }
  }
  function primary() {
    if (state.mode === "ready" || state.mode === "transition") begin();
    else if (state.mode === "phase" && currentPhase().kind === "reps") countRep();
    else if (state.mode === "countin" || state.mode === "phase") togglePause();
  }
  function togglePause() {
    if (!state.timer) return;
    state.paused = !state.paused;
    announce(state.paused ? "Paused" : "Resumed", { say: true });
    render();
  }
  function aux() {
    if (state.mode === "transition") begin();
    else if (state.mode === "phase") nextPhase();
    // The aux button changes meaning ("Set done" becomes "Skip rest"): focus goes back to the
    // counter, so Space keeps doing one thing (count a rep, or start and pause a timer).
    el.ring.focus();
  }
  function skip() { if (state.mode !== "finished") { state.index + 1 < items.length ? load(state.index + 1, "ready") : finish(); } }
  function back() { if (state.mode !== "finished") load(Math.max(state.index - 1, 0), "ready"); }
  function finish() {
    stopTimer();
    closeZoom();
    state.mode = "finished";
    root.dispatchEvent(new CustomEvent("midback:finishing")); // the camera hands in its last set
    report();
    saveFinished();
    letSleep();
    const minutes = started.at ? clock((Date.now() - started.at) / 1000) : "0:00";
    const done = new Set(Array.from(started.done, (i) => items[i].exercise_id)).size;
    const did = done ? `You worked through ${done} of ${exerciseCount} ${exerciseCount === 1 ? "exercise" : "exercises"} in ${minutes}.` : "";
    el.summary.textContent = `${did} Two quick ratings help midback pitch your next session right.`.trim();
    root.classList.add("player--finished");
    root.dataset.state = "finished";
    beep(990, 0.35);
    announce("Session complete. How did it go?", { say: true });
    el.finishTitle.focus();
  }
  const currentPhase = () => plans[state.index][state.phase];

  // ---------- Drawing ----------
  function showItem(item) {
    el.name.textContent = item.name;
    el.dose.textContent = doseText(item) + (item.rest_s && item.sets > 1 ? ` · ${item.rest_s}\u00a0s\u00a0rest` : "");
    const side = sideText(item);
    el.side.textContent = side;
    el.side.hidden = !side;
    el.cue.textContent = item.cue;
    el.steps.replaceChildren(...item.steps.map((text) => Object.assign(document.createElement("li"), { textContent: text })));
    el.avoid.replaceChildren(...item.avoid.map((a) => {
      const row = document.createElement("div");
      row.append(Object.assign(document.createElement("dt"), { textContent: a.fault }),
        Object.assign(document.createElement("dd"), { textContent: a.why }));
      return row;
    }));
    const drawn = Boolean(item.illustration);
    el.enlarge.hidden = !drawn;
    el.placeholder.hidden = drawn;
    if (drawn) {
      el.artStill.srcset = item.illustration_still;
      el.art.src = item.illustration;
      el.art.alt = item.illustration_alt || item.name;
      el.enlarge.setAttribute("aria-label", `Enlarge the picture: ${item.name}${side ? `, ${side.toLowerCase()}` : ""}`);
      el.zoomTitle.textContent = item.name + (side ? ` · ${side}` : "");
      el.zoomStill.srcset = item.illustration_still;
      el.zoomArt.src = item.illustration;
      el.zoomArt.alt = el.art.alt;
    } else {
      closeZoom();
    }
  }

  // ---------- The picture, enlarged to (nearly) the whole screen; moving unless motion is unwelcome ----------
  // A native modal <dialog>: Escape closes it, focus stays inside while it is open. Timers keep
  // running; closing puts focus back on the counter, so Space goes on counting reps.
  function openZoom() {
    if (!el.zoom || el.zoom.open || el.enlarge.hidden) return;
    zoomStatus();
    el.zoom.showModal();
    root.dataset.zoom = "open";
  }
  function closeZoom() { if (el.zoom && el.zoom.open) el.zoom.close(); }
  function zoomStatus() {
    if (!el.zoom) return;
    const value = el.value.textContent;
    const label = el.label.textContent;
    el.zoomStatus.textContent = [el.phase.textContent, /^\d+$/.test(value) ? `${value} ${label}` : ""].filter(Boolean).join(" · ");
  }
  function remainingSeconds() {
    if (state.mode === "finished") return 0;
    const phases = plans[state.index];
    let left = 0;
    const from = state.mode === "phase" ? state.phase : 0;
    for (let i = from; i < phases.length; i += 1) left += phases[i].seconds;
    if (state.mode === "phase") {
      const phase = phases[state.phase];
      const spent = phase.kind === "reps"
        ? state.count * items[state.index].seconds_per_rep
        : phase.seconds - (state.timer ? state.timer.left : 0);
      left -= Math.min(spent, phase.seconds);
    }
    left = T.itemLeft(items[state.index], phases, left);
    if (state.timer && state.mode !== "phase") left += state.timer.left;
    for (let i = state.index + 1; i < items.length; i += 1) left += TRANSITION + itemSeconds[i];
    return left;
  }
  function ring(fraction, value, label, variant) {
    el.fill.style.strokeDashoffset = String(RING * (1 - Math.max(0, Math.min(1, fraction))));
    el.value.textContent = value;
    el.label.textContent = label;
    el.ring.className = `ring${variant ? ` ring--${variant}` : ""}${state.paused ? " ring--paused" : ""}`;
  }
  function render() {
    const item = items[state.index];
    const timer = state.timer;
    const secondsLeft = timer ? Math.ceil(Math.max(timer.left, 0)) : 0;
    const timedFraction = timer ? 1 - timer.left / timer.total : 0;
    let phaseText = "";
    let aria = "";
    let auxText = "";
    if (state.mode === "ready") {
      ring(0, "Start", "tap or press Space", "start");
      phaseText = "Get into position";
      aria = `Start ${item.name}`;
    } else if (state.mode === "transition") {
      ring(timedFraction, String(secondsLeft), "up next", "rest");
      phaseText = "Next exercise: get into position";
      aria = state.paused ? `Resume, ${secondsLeft} seconds until it starts` : `Start now, ${secondsLeft} seconds until it starts`;
      auxText = "Start now";
    } else if (state.mode === "countin") {
      ring(timedFraction, String(secondsLeft), "get ready", "start");
      phaseText = "Get ready…";
      aria = `${state.paused ? "Resume" : "Pause"}, ${secondsLeft} seconds to get ready`;
    } else {
      const phase = currentPhase();
      if (phase.kind === "reps") {
        ring(state.count / phase.target, String(state.count), `of ${phase.target} reps`, "reps");
        phaseText = `Set ${phase.set} of ${item.sets} · tap after each rep`;
        aria = `Count a rep, ${state.count} of ${phase.target} done`;
        auxText = "Set done";
      } else {
        const labels = { hold: "hold", release: "release", rest: "rest" };
        ring(timedFraction, String(secondsLeft), labels[phase.kind], phase.kind === "hold" ? "" : "rest");
        phaseText = phase.kind === "hold" ? `Hold · rep ${phase.rep} of ${item.reps} · set ${phase.set} of ${item.sets}`
          : phase.kind === "release" ? "Release and breathe" : `Rest · set ${phase.set + 1} of ${item.sets} next`;
        aria = `${state.paused ? "Resume" : "Pause"}, ${secondsLeft} seconds left`;
        if (phase.kind === "rest") auxText = "Skip rest";
      }
    }
    if (state.paused) phaseText = "Paused";
    el.phase.textContent = phaseText;
    el.ring.setAttribute("aria-label", aria);
    el.aux.hidden = !auxText;
    el.aux.textContent = auxText;
    const timed = Boolean(state.timer);
    el.pause.disabled = !timed;
    el.pause.textContent = state.paused ? "Resume" : "Pause";
    el.back.disabled = state.index === 0 && state.mode === "ready";
    el.position.textContent = `Exercise ${exerciseNo[state.index]} of ${exerciseCount}`;
    const left = remainingSeconds();
    el.remaining.textContent = `${clock(left)} left`;
    el.bar.style.width = `${Math.round((1 - left / totalSeconds) * 100)}%`;
    root.dataset.state = state.mode;
    root.dataset.phase = state.mode === "phase" ? currentPhase().kind : "";
    root.dataset.index = String(state.index);
    root.dataset.paused = String(state.paused);
    if (el.zoom && el.zoom.open) zoomStatus();
    const phase = state.mode === "phase" ? currentPhase() : null;
    root.dispatchEvent(new CustomEvent("midback:state", { detail: {
      index: state.index, mode: state.mode, phase: phase ? phase.kind : "", set: phase ? phase.set : 0,
      rep: phase ? phase.rep || 0 : 0, paused: state.paused,
    } }));
  }

  // ---------- Saving: at once when the session ends, rated by the form; offline-proof ----------
  // A signed-in person's session is saved the moment it ends (unrated), so leaving the page
  // before the form loses nothing; the form then rates that log (same session key). Without a
  // connection both go to the outbox (outbox.js) and sync when it returns.
  const form = document.querySelector("#finish form.feedback");
  const syncStatus = document.getElementById("sync-status");
  const sync = window.MidbackSync;
  let waiting = 0;
  function say(text, state) {
    if (!syncStatus) return;
    syncStatus.textContent = text;
    syncStatus.hidden = false;
    syncStatus.dataset.state = state;
  }
  async function send(url, key) {
    if (!sync || !form) return;
    waiting += 1;
    const sent = await sync.queue(url, form, key).catch(() => false);
    if (!sent) say("Saved on this device. It will sync when you are back online.", "pending");
  }
  document.addEventListener("midback:synced", () => {
    if (waiting && Number(document.documentElement.dataset.outbox || 0) === 0) say("Synced: your session is saved.", "synced");
  });
  function saveFinished() {
    if (root.dataset.member !== "1" || !form) return;
    // The device's own day goes with both the save and the form, so they name the same session.
    const now = new Date();
    const day = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
    let played = form.elements.played_on;
    if (!played) {
      played = Object.assign(document.createElement("input"), { type: "hidden", name: "played_on" });
      form.append(played);
    }
    played.value = day;
    send("/play/finished", `${form.elements.session_key.value}.finished`);
  }
  if (form && sync) {
    form.addEventListener("submit", (event) => {
      if (navigator.onLine || root.dataset.member !== "1") return; // the page answers as usual
      event.preventDefault();
      const rated = ["pain_during", "difficulty"].every((name) => new FormData(form).get(name));
      if (!rated) { say("Choose both ratings first; your session itself is already kept.", "missing"); return; }
      send("/play/done", form.elements.session_key.value).then(() => {
        form.querySelector('button[type="submit"]').disabled = true;
      });
    });
  }

  // ---------- Keep the phone's screen on during a session ----------
  let wakeLock = null;
  async function keepAwake() {
    try { if (!wakeLock && navigator.wakeLock) wakeLock = await navigator.wakeLock.request("screen"); } catch { wakeLock = null; }
  }
  function letSleep() { if (wakeLock) wakeLock.release().catch(() => {}); wakeLock = null; }

  // ---------- Wiring ----------
  el.ring.addEventListener("click", primary);
  el.pause.addEventListener("click", togglePause);
  el.skip.addEventListener("click", skip);
  el.back.addEventListener("click", back);
  el.aux.addEventListener("click", aux);
  el.endEarly.addEventListener("click", (event) => { event.preventDefault(); finish(); });
  el.enlarge.addEventListener("click", openZoom);
  if (el.zoom) {
    el.zoomClose.addEventListener("click", closeZoom);
    // A click on the backdrop (outside the dialog's box) closes it too.
    el.zoom.addEventListener("click", (event) => { if (event.target === el.zoom) closeZoom(); });
    el.zoom.addEventListener("close", () => {
      delete root.dataset.zoom;
      if (state.mode !== "finished") el.ring.focus();
    });
  }
  document.addEventListener("keydown", (event) => {
    if (state.mode === "finished" || event.altKey || event.ctrlKey || event.metaKey) return;
    if (el.zoom && el.zoom.open) return; // the enlarged picture: its own buttons and Escape
    const tag = event.target instanceof Element ? event.target.tagName : "";
    if (["INPUT", "TEXTAREA", "SELECT"].includes(tag)) return;
    if (event.key === " " || event.code === "Space") {
      if (["BUTTON", "A", "SUMMARY"].includes(tag)) return; // the focused control handles it
      event.preventDefault();
      primary();
    } else if (event.key === "ArrowRight") {
      event.preventDefault();
      skip();
    } else if (event.key === "ArrowLeft") {
      event.preventDefault();
      back();
    }
  });

  // ---------- The camera coach (camera.js) drives the same state as tapping ----------
  let cameraHeld = false;
  root.addEventListener("midback:camera-ready", () => {
    if (state.mode === "ready" || state.mode === "transition") begin();
  });
  root.addEventListener("midback:camera-rep", () => {
    if (state.mode === "phase" && currentPhase().kind === "reps" && !state.paused) countRep();
  });
  root.addEventListener("midback:camera-hold", (event) => {
    // A hold's countdown runs only while the camera sees the end position.
    const holding = Boolean(event.detail.holding);
    if (state.mode !== "phase" || currentPhase().kind !== "hold" || !state.timer) return;
    if (holding !== !state.paused) {
      state.paused = !holding;
      cameraHeld = !holding;
      announce(holding ? "Holding" : "Back into position to keep the timer going");
      render();
    }
  });
  root.addEventListener("midback:camera-off", () => {
    if (cameraHeld && state.paused) { state.paused = false; cameraHeld = false; render(); }
  });
  root.addEventListener("midback:camera-set", (event) => {
    const { index, reading } = event.detail;
    const kept = results[index].camera.filter((s) => s.set !== reading.set);
    results[index].camera = [...kept, reading].sort((a, b) => a.set - b.set).slice(0, 20);
  });

  el.stage.hidden = false;
  root.classList.add("player--live");
  load(0, "ready");
})();
