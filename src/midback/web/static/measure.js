/* The guided measuring page: opens the phone's sensors on a tap, counts down, zeroes when the
   phone is still, waits for the movement and a steady end position, takes the reading, repeats
   the trials per side, and fills the form with the trials (the server stores their mean).
   Without sensors (or permission) it explains why and leaves the typed form. */
(function () {
  "use strict";
  const M = window.MeasureMath;
  const page = document.getElementById("measure");
  if (!page || !M) return;

  const params = new URLSearchParams(location.search);
  const speed = Math.max(1, Math.min(20, Number(params.get("speed")) || 1));
  const TICK_MS = 50;
  const HOLD_S = 1.5 / speed;
  const TOLERANCE = 1.0;
  const MIN_MOVE = 5;
  const COUNT_FROM = 3;
  const FIRST_READING_MS = 4000;

  const cfg = {
    sensor: page.dataset.sensor,
    reading: page.dataset.reading,
    axis: page.dataset.axis,
    trials: Number(page.dataset.trials),
    sides: page.dataset.sides.split(","),
    error: Number(page.dataset.error),
    max: Number(page.dataset.max),
    last: JSON.parse(page.dataset.last || "{}"),
  };
  const $ = (id) => document.getElementById(id);
  const live = $("measure-live"), status = $("measure-status"), angleOut = $("measure-angle");
  const sideOut = $("measure-side"), trialList = $("measure-trials");
  const startButton = $("measure-start"), speak = $("measure-speak");
  const problem = $("measure-problem"), fallback = $("measure-fallback");

  $("measure-controls").hidden = false;

  function say(text, spoken) {
    status.textContent = text;
    if (spoken !== false && speak.checked && "speechSynthesis" in window) {
      try {
        window.speechSynthesis.cancel();
        window.speechSynthesis.speak(new SpeechSynthesisUtterance(text));
      } catch (e) { /* speech is a help, never a requirement */ }
    }
  }

  function setState(state) { page.dataset.state = state; }

  function showProblem(text) {
    problem.textContent = text;
    problem.hidden = false;
    setState("fallback");
    live.hidden = true;
    fallback.classList.add("measure__fallback--open");
    const box = fallback.querySelector("input[type=text]");
    if (box) box.focus();
  }

  /* ---- sensors: the Generic Sensor API where the browser has it, else orientation events */
  function genericSensor(Kind, options) {
    return new Promise((resolve, reject) => {
      let sensor;
      try { sensor = new Kind(options); } catch (e) { reject(e); return; }
      const timer = setTimeout(() => reject(new Error("NoReading")), FIRST_READING_MS);
      sensor.addEventListener("error", (event) => { clearTimeout(timer); reject(event.error); });
      sensor.addEventListener("reading", () => { clearTimeout(timer); resolve(sensor); }, { once: true });
      sensor.start();
    });
  }

  async function eventReader(kind) {
    const Event = kind === "orientation" ? window.DeviceOrientationEvent : window.DeviceMotionEvent;
    if (!Event) throw new Error("NoSensor");
    if (typeof Event.requestPermission === "function") {
      const answer = await Event.requestPermission();  // iOS: must follow a tap
      if (answer !== "granted") throw Object.assign(new Error("denied"), { name: "NotAllowedError" });
    }
    let latest = null;
    const name = kind === "orientation" ? "deviceorientation" : "devicemotion";
    window.addEventListener(name, (e) => {
      if (kind === "orientation" && e.alpha !== null) {
        latest = { q: M.fromDeviceOrientation(e.alpha, e.beta, e.gamma) };
      } else if (kind === "gravity" && e.accelerationIncludingGravity) {
        const g = e.accelerationIncludingGravity;
        if (g.x !== null) latest = { g: [g.x, g.y, g.z] };
      }
    });
    const started = performance.now();
    while (!latest) {
      if (performance.now() - started > FIRST_READING_MS) throw new Error("NoReading");
      await new Promise((r) => setTimeout(r, 50));
    }
    return { api: "event", read: () => latest };
  }

  async function openSensor() {
    if (!window.isSecureContext) throw new Error("Insecure");
    if (cfg.sensor === "orientation" && "RelativeOrientationSensor" in window) {
      const s = await genericSensor(window.RelativeOrientationSensor, { frequency: 30, referenceFrame: "device" });
      return { api: "sensor", read: () => ({ q: M.fromArray(s.quaternion) }) };
    }
    if (cfg.sensor === "gravity" && "GravitySensor" in window) {
      const s = await genericSensor(window.GravitySensor, { frequency: 30 });
      return { api: "sensor", read: () => ({ g: [s.x, s.y, s.z] }) };
    }
    return eventReader(cfg.sensor);
  }

  const REASONS = {
    NotAllowedError: "Your browser did not allow this page to use the motion sensors. You can allow them in the site settings and try again, or type the angle below.",
    Insecure: "Phones give their motion sensors only to secure pages. Open midback over https (start it with “midback serve --https”) or type the angle below.",
    NoSensor: "This device has no motion sensors this page can use. Type the angle below, measured with an inclinometer or a level app.",
    NoReading: "The motion sensors sent no reading. On a computer this is normal: measure on your phone, or type the angle below.",
  };

  function reasonFor(error) {
    const key = error && (error.name in REASONS ? error.name : error.message);
    return REASONS[key] || REASONS.NoSensor;
  }

  /* ---- one number to watch: the angle from a reference, as this protocol reads it */
  function angleFrom(ref, now) {
    if (cfg.sensor === "orientation") return M.twistAboutVertical(ref.q, now.q);
    return M.tiltAbout(ref.g, now.g, cfg.axis);
  }

  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  let reader = null;

  /* Sample the angle from `ref` until `done(samples, value)` says stop; returns what it gave. */
  async function watch(ref, done) {
    const samples = [];
    let previous = 0;
    for (;;) {
      const now = reader.read();
      let value;
      try {
        value = M.unwrap(previous, angleFrom(ref, now));
      } catch (e) {
        if (!(e instanceof M.TiltUnreadable)) throw e;
        say("Hold the phone as shown: it cannot read the movement this way up.", false);
        samples.length = 0;
        await sleep(TICK_MS);
        continue;
      }
      previous = value;
      angleOut.textContent = Math.round(Math.abs(value));
      samples.push({ t: performance.now() / 1000, degrees: value, reading: now });
      while (samples.length && samples[0].t < samples[samples.length - 1].t - HOLD_S * 3) samples.shift();
      const answer = done(samples, value);
      if (answer !== undefined) return answer;
      await sleep(TICK_MS);
    }
  }

  /* Wait until the phone has been still for HOLD_S; returns the steady reading and angle. */
  function steady(ref, moving) {
    let warned = false;
    return watch(ref, (samples) => {
      const found = M.steadiness(samples, HOLD_S, TOLERANCE);
      if (found.still) return { value: found.value, reading: averageReading(samples) };
      const span = samples[samples.length - 1].t - samples[0].t;
      if (span >= HOLD_S && found.spread > TOLERANCE && !warned) {
        warned = true;
        setState(moving ? "unsteady" : "zero-unsteady");
        say("Hold still.");
      }
      return undefined;
    });
  }

  /* The steady window's reading: gravity averaged over it, or the latest orientation. */
  function averageReading(samples) {
    const newest = samples[samples.length - 1];
    if (!newest.reading.g) return newest.reading;
    const window = samples.filter((s) => s.t >= newest.t - HOLD_S);
    return { g: [0, 1, 2].map((i) => M.mean(window.map((s) => s.reading.g[i]))) };
  }

  async function countdown(text) {
    say(text);
    for (let n = COUNT_FROM; n > 0; n -= 1) {
      setState("countdown");
      angleOut.textContent = String(n);
      await sleep(1000 / speed);
    }
  }

  async function zero(text) {
    await countdown(text);
    setState("zeroing");
    say("Hold still in the start position.", false);
    const ref = reader.read();
    const found = await steady(ref, false);
    say("Zero set.", false);
    return found.reading;
  }

  async function oneTurn(zeroRef, sideText) {
    setState("move");
    say(`Now move: ${sideText}as far as you can, and hold.`);
    await watch(zeroRef, (samples, value) => (Math.abs(value) >= MIN_MOVE ? true : undefined));
    setState("holding");
    say("Hold it there.", false);
    const found = await steady(zeroRef, true);
    return Math.abs(found.value);
  }

  async function backToStart(zeroRef) {
    setState("return");
    say("Got it. Come back to the start.");
    await watch(zeroRef, (samples, value) => (Math.abs(value) < MIN_MOVE ? true : undefined));
  }

  /* Where the phone should be and which position, for a two-point reading (shown, and read
     by the browser tests that play the person). */
  function spot(number, phase) {
    page.dataset.spot = String(number);
    page.dataset.phase = phase;
  }

  async function twoPointTrial() {
    spot(1, "start");
    const upperStart = await zero("Phone on spot 1, the top of the back. Start position.");
    spot(2, "start");
    const lowerStart = await zero("Now the phone on spot 2, lower down.");
    spot(1, "end");
    await countdown("Bend back as far as is comfortable and hold. Phone back on spot 1.");
    setState("holding");
    const upperEnd = (await steady(upperStart, true)).reading;
    spot(2, "end");
    await countdown("Keep holding. Phone on spot 2.");
    setState("holding");
    const lowerEnd = (await steady(upperEnd, true)).reading;
    spot(1, "start");
    const value = Math.abs(M.twoPoint([upperStart.g, upperEnd.g], [lowerStart.g, lowerEnd.g], cfg.axis));
    say("Got it. Come back to standing.");
    return value;
  }

  const sideWords = { left: "Left side", right: "Right side", both: "" };
  const turnWords = { left: "to the left ", right: "to the right ", both: "" };
  const results = {};

  function addTrial(side, value) {
    const item = document.createElement("li");
    item.textContent = `${sideWords[side] ? sideWords[side] + ", " : ""}try ${results[side].length}: ${value.toFixed(1)}°`;
    trialList.appendChild(item);
  }

  async function measureSide(side) {
    results[side] = [];
    sideOut.textContent = sideWords[side];
    page.dataset.side = side;
    while (results[side].length < cfg.trials) {
      const attempt = results[side].length + 1;
      page.dataset.trial = String(attempt);
      let value;
      if (cfg.reading === "two_point") {
        value = await twoPointTrial();
      } else {
        const zeroRef = await zero(`${sideWords[side] ? sideWords[side] + ". " : ""}Try ${attempt} of ${cfg.trials}. Get into the start position.`);
        value = await oneTurn(zeroRef, turnWords[side]);
        if (value > cfg.max) {
          say("That reading is beyond what this test can give. Let's take that try again.");
          await backToStart(zeroRef);
          continue;
        }
        results[side].push(value);
        addTrial(side, value);
        if (results[side].length < cfg.trials) await backToStart(zeroRef);
        continue;
      }
      results[side].push(value);
      addTrial(side, value);
    }
  }

  function showResult(api) {
    const list = $("measure-values");
    list.textContent = "";
    const spoken = [];
    for (const side of cfg.sides) {
      const summary = M.combineTrials(results[side]);
      const shown = `${Math.round(summary.mean)}° ± ${cfg.error}°`;
      const item = document.createElement("li");
      const label = sideWords[side] ? `${sideWords[side]}: ` : "";
      const strong = document.createElement("strong");
      strong.textContent = shown;
      item.append(label, strong);
      if (side in cfg.last) item.append(` (last time ${cfg.last[side]}°)`);
      list.appendChild(item);
      spoken.push(`${label}${Math.round(summary.mean)} degrees`);
      $(`trials-${side}`).value = results[side].map((v) => v.toFixed(1)).join(",");
    }
    $("measure-api").value = api;
    $("measure-result").hidden = false;
    setState("done");
    say(`Done. ${spoken.join(". ")}.`);
    $("measure-result").focus();
  }

  async function run() {
    startButton.disabled = true;
    problem.hidden = true;
    try {
      reader = await openSensor();
    } catch (error) {
      startButton.disabled = false;
      showProblem(reasonFor(error));
      return;
    }
    live.hidden = false;
    startButton.hidden = true;
    for (const side of cfg.sides) await measureSide(side);
    showResult(reader.api);
  }

  startButton.addEventListener("click", () => { run(); });
})();
