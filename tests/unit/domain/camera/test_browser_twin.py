"""The browser's counter (static/camera-count.js) and the Python one agree on the same streams.

Node runs the JavaScript module on the synthetic streams the Python tests use (clean and with
the documented noise, every camera spec and its faults); reps, holds and faults must be equal.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from midback.content.loader import load_content
from midback.domain.camera.counter import read_set
from midback.domain.camera.landmarks import Frame
from midback.domain.camera.synthetic import Noise, Performer, Script, generate

SCRIPT = Path(__file__).resolve().parents[4] / "src/midback/web/static/camera-count.js"
NODE = shutil.which("node")
CONTENT = load_content()

RUNNER = """
import { SetTracker } from %s;
let input = "";
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const out = JSON.parse(input).map(({ spec, working, frames }) => {
    const tracker = new SetTracker(spec, working);
    for (const frame of frames) tracker.feed(frame);
    return tracker.finish();
  });
  process.stdout.write(JSON.stringify(out));
});
"""


def frame_json(frame: Frame) -> dict[str, Any]:
    """A frame as the browser gets it from the pose model."""
    points = (
        None
        if frame.points is None
        else [{"x": p.x, "y": p.y, "visibility": p.visibility} for p in frame.points]
    )
    return {"t": frame.t, "points": points, "width": frame.width, "height": frame.height}


def _cases() -> list[tuple[str, str, Script, Noise, int]]:
    cases = []
    for exercise_id, spec in sorted(CONTENT.cameras.items()):
        for seed, noise in enumerate((Noise(), Noise.realistic(), Noise.realistic())):
            cases.append((exercise_id, "left", Script(reps=4, hold_s=seed * 2.0), noise, seed))
        for fault in spec.faults:
            sign = -1.0 if fault.toward == "other" else 1.0
            script = Script(reps=3, fault=fault.measure, fault_reps=(2,), fault_sign=sign)
            cases.append((exercise_id, "left", script, Noise.realistic(), 7))
    return cases


@pytest.mark.skipif(NODE is None, reason="node is not installed (apt-get install nodejs)")
def test_javascript_and_python_counters_agree(tmp_path: Path) -> None:
    runner = tmp_path / "run.mjs"
    runner.write_text(RUNNER % json.dumps(SCRIPT.as_uri()), encoding="utf-8")
    batch, expected = [], []
    for exercise_id, working, script, noise, seed in _cases():
        spec = CONTENT.cameras[exercise_id]
        poses = CONTENT.exercises.get(exercise_id).poses
        assert poses is not None
        stream = generate(Performer(poses, spec.view), script, noise, random.Random(seed))
        expected.append(read_set(spec, stream.frames, working))
        frames = [frame_json(f) for f in stream.frames]
        batch.append({"spec": spec.model_dump(mode="json"), "working": working, "frames": frames})
    assert NODE is not None
    done = subprocess.run(
        [NODE, str(runner)], input=json.dumps(batch), capture_output=True, text=True, check=True
    )
    got = json.loads(done.stdout)
    assert len(got) == len(expected) > 20
    for python, browser in zip(expected, got, strict=True):
        assert browser["reps"] == python.reps
        assert browser["holds"] == pytest.approx(list(python.holds), abs=0.011)
        assert [f for _, f in browser["faults"]] == [f for _, f in python.faults]
        assert browser["peaks"] == pytest.approx(list(python.peaks), abs=0.11)
        assert browser["out_of_frame_s"] == pytest.approx(python.out_of_frame_s, abs=0.011)
