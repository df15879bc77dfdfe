"""Speed of the camera coach's pose step in headless Debian chromium, lite and full models.

Run: .venv/bin/python benchmarks/camera.py   (needs chromium, ffmpeg and opencv-doc's photo:
scripts/ensure-chromium and scripts/ensure-camera-clip-tools; the full model is built on demand
with scripts/vendor-pose into the vendor cache, never into the repository)

A fake camera plays a 30 fps clip of a real photograph (messi5.jpg). For each variant the page
processes every new video frame for a fixed time: the baseline only draws the frame into a
canvas (what any camera page does), the others also run MediaPipe's pose landmarker with the
CPU delegate, as the player does. Printed: frames per second, milliseconds of the pose call per
frame, and main-thread CPU milliseconds per frame (Chromium's TaskDuration), with ratios to the
baseline measured in the same run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import uvicorn
from playwright.sync_api import Page, sync_playwright

from midback.config import Settings
from midback.web.app import create_app
from midback.web.pages.templating import static_url

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("MIDBACK_CHROMIUM", "/usr/bin/chromium")
PHOTO = "/usr/share/doc/opencv-doc/examples/data/messi5.jpg"
SECONDS = 12.0
CACHE = Path(os.environ.get("MIDBACK_VENDOR_CACHE", Path.home() / ".cache/midback-vendor"))

LOOP = """async ({ files, model, seconds }) => {
  const video = document.createElement("video");
  video.muted = true;
  const size = { width: 640, height: 480 };
  video.srcObject = await navigator.mediaDevices.getUserMedia({ video: size });
  await video.play();
  let landmarker = null;
  if (model) {
    const vision = await import(files.bundle);
    landmarker = await vision.PoseLandmarker.createFromOptions(
      { wasmLoaderPath: files.loader, wasmBinaryPath: files.wasm },
      { baseOptions: { modelAssetPath: model, delegate: "CPU" }, runningMode: "VIDEO" });
  }
  const canvas = document.createElement("canvas");
  canvas.width = 640; canvas.height = 480;
  const g = canvas.getContext("2d", { willReadFrequently: true });
  let frames = 0, poseMs = 0, found = 0, last = -1;
  const start = performance.now();
  await new Promise((done) => {
    const step = () => {
      const now = performance.now();
      if (now - start > seconds * 1000) { done(); return; }
      if (video.currentTime !== last) {
        last = video.currentTime;
        g.drawImage(video, 0, 0);
        g.getImageData(0, 0, 1, 1);
        if (landmarker) {
          const t0 = performance.now();
          const result = landmarker.detectForVideo(video, t0);
          poseMs += performance.now() - t0;
          if (result.landmarks.length) found += 1;
        }
        frames += 1;
      }
      requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  });
  video.srcObject.getTracks().forEach((t) => t.stop());
  return { frames, wall: performance.now() - start, poseMs, found };
}"""


def make_clip(folder: Path) -> Path:
    """A 30 fps clip of the photo turning by 40° every two seconds."""
    clip = folder / "clip.y4m"
    turn = "if(lt(mod(t\\,4)\\,2)\\,0\\,40*PI/180)"
    filters = f"scale=640:-2,pad=640:480:(ow-iw)/2:(oh-ih)/2,rotate='{turn}':c=black,format=yuv420p"
    subprocess.run(
        [
            "ffmpeg",
            "-loglevel",
            "error",
            "-loop",
            "1",
            "-i",
            PHOTO,
            "-vf",
            filters,
            "-t",
            "8",
            "-r",
            "30",
            "-y",
            str(clip),
        ],
        check=True,
        stdin=subprocess.DEVNULL,
    )
    return clip


def full_model() -> Path:
    """The full pose model, built once into the vendor cache (9.4 MB; not committed)."""
    out = CACHE / "models"
    model = out / "pose_landmarker_full.task"
    if not model.exists():
        subprocess.run([str(ROOT / "scripts/vendor-pose"), "full", str(out)], check=True)
    return model


def serve(folder: Path) -> tuple[uvicorn.Server, str]:
    """The app on a free port, in a thread."""
    settings = Settings(data_dir=folder, argon2_time_cost=1, argon2_memory_kib=8)
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=0, log_level="warning")
    server = uvicorn.Server(config)
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    return server, f"http://127.0.0.1:{port}"


def measure(page: Page, base: str, model: str | None) -> dict[str, float]:
    """Run the loop once; frames per second and milliseconds per frame."""
    page.goto(base + "/play/wall-angel")
    cdp = page.context.new_cdp_session(page)
    cdp.send("Performance.enable")
    files = {
        "bundle": static_url("vendor/mediapipe/vision_bundle.mjs"),
        "loader": static_url("vendor/mediapipe/vision_wasm_internal.js"),
        "wasm": static_url("vendor/mediapipe/vision_wasm_internal.wasm"),
    }
    before = _task_seconds(cdp)
    got: dict[str, Any] = page.evaluate(LOOP, {"files": files, "model": model, "seconds": SECONDS})
    cpu_ms = (_task_seconds(cdp) - before) * 1000
    frames = max(int(got["frames"]), 1)
    return {
        "fps": frames / (got["wall"] / 1000),
        "pose_ms": got["poseMs"] / frames,
        "cpu_ms": cpu_ms / frames,
        "found": got["found"] / frames,
    }


def _task_seconds(cdp: Any) -> float:
    metrics = cdp.send("Performance.getMetrics")["metrics"]
    return float(next(m["value"] for m in metrics if m["name"] == "TaskDuration"))


def main() -> None:
    if not Path(CHROMIUM).exists() or shutil.which("ffmpeg") is None or not Path(PHOTO).exists():
        raise SystemExit(
            "needs chromium, ffmpeg and opencv-doc: scripts/ensure-chromium, "
            "scripts/ensure-camera-clip-tools"
        )
    full = full_model()
    with tempfile.TemporaryDirectory() as folder:
        clip = make_clip(Path(folder))
        server, base = serve(Path(folder))
        args = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-video-capture={clip}",
        ]
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=args)
            page = browser.new_page()
            page.route("**/bench/pose_landmarker_full.task", lambda r: r.fulfill(path=full))
            runs = [
                ("baseline: draw each frame", None),
                ("lite model", static_url("vendor/mediapipe/pose_landmarker_lite.task")),
                ("full model", "/bench/pose_landmarker_full.task"),
            ]
            results = [(name, measure(page, base, model)) for name, model in runs]
            browser.close()
        server.should_exit = True
    base_cpu = results[0][1]["cpu_ms"] or 1e-9
    head = f"{'variant':28} {'fps':>6} {'pose ms':>8} {'CPU ms':>7} {'× base CPU':>10}"
    print(f"{head} {'pose found':>10}")
    for name, r in results:
        print(
            f"{name:28} {r['fps']:6.1f} {r['pose_ms']:8.1f} {r['cpu_ms']:7.1f} "
            f"{r['cpu_ms'] / base_cpu:10.1f} {r['found']:10.0%}"
        )


if __name__ == "__main__":
    main()
