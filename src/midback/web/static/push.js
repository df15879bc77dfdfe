// Notifications on this device: subscribe this browser to Web Push with the server's VAPID key
// and send the subscription to midback, or unsubscribe it. The service worker (registered by the
// app's own script) shows the notifications; this module only manages the subscription.
const box = document.getElementById("push-device");
const state = document.getElementById("push-state");
const onButton = document.getElementById("push-on");
const offButton = document.getElementById("push-off");

function say(text) {
  state.textContent = text;
}

function keyBytes(base64url) {
  const padded = base64url.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (base64url.length % 4)) % 4);
  return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
}

async function post(path, subscription) {
  const response = await fetch(path, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-CSRF-Token": box.dataset.csrf },
    body: JSON.stringify(subscription),
  });
  if (!response.ok) throw new Error(`the server answered ${response.status}`);
}

async function registration() {
  const waited = new Promise((resolve) => setTimeout(() => resolve(null), 5000));
  return Promise.race([navigator.serviceWorker.ready, waited]);
}

function show(subscribed) {
  onButton.hidden = subscribed;
  offButton.hidden = !subscribed;
  say(subscribed ? "Notifications are on for this device." : "Notifications are off for this device.");
}

async function turnOn(worker) {
  const permission = await Notification.requestPermission();
  if (permission !== "granted") {
    say("Your browser blocked notifications for midback. Allow them in the browser's site settings, then try again.");
    return;
  }
  const subscription = await worker.pushManager.subscribe({
    userVisibleOnly: true,
    applicationServerKey: keyBytes(box.dataset.vapidKey),
  });
  await post("/settings/reminders/push", subscription.toJSON());
  show(true);
}

async function turnOff(worker) {
  const subscription = await worker.pushManager.getSubscription();
  if (subscription) {
    await post("/settings/reminders/push/remove", subscription.toJSON());
    await subscription.unsubscribe();
  }
  show(false);
}

async function start() {
  if (!box) return;
  if (!("serviceWorker" in navigator) || !("PushManager" in window) || !("Notification" in window)) {
    say("This browser cannot show notifications from websites. Email reminders or the calendar feed still work.");
    return;
  }
  const worker = await registration();
  if (!worker) {
    say("Notifications need the installed app. Open midback over HTTPS (or on this computer) and reload this page.");
    return;
  }
  const existing = await worker.pushManager.getSubscription();
  show(Boolean(existing));
  const guard = (action) => async () => {
    onButton.disabled = offButton.disabled = true;
    try {
      await action(worker);
    } catch (error) {
      say(`That did not work (${error.message}). Please try again.`);
    } finally {
      onButton.disabled = offButton.disabled = false;
    }
  };
  onButton.addEventListener("click", guard(turnOn));
  offButton.addEventListener("click", guard(turnOff));
}

start();
