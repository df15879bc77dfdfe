"""Build a MediaPipe pose-landmarker `.task` bundle from the `@mediapipe/pose` npm files.

Usage: python pose_task.py PACKAGE_DIR VARIANT OUT.task   (VARIANT: lite, full or heavy)

The npm package ships the landmark models (`pose_landmark_<variant>.tflite`) and, packed in
`pose_solution_packed_assets.data`, the person detector; its loader script lists the byte range.
The Tasks API refuses models without input-normalisation metadata, so it is added here with
MediaPipe's own metadata writer: the detector takes pixels scaled to -1…1 (mean = std = 127.5),
the landmark model 0…1 (mean 0, std 255). Run by scripts/vendor-pose inside a throwaway venv.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
import types
import zipfile
from functools import cache
from pathlib import Path


@cache
def _import_writer() -> types.ModuleType:
    # mediapipe/__init__ imports every solution (and OpenCV); the metadata writer needs none of
    # them, so the package is entered without running its __init__.
    found = importlib.util.find_spec("mediapipe")
    assert found is not None and found.submodule_search_locations is not None
    package = types.ModuleType("mediapipe")
    package.__path__ = list(found.submodule_search_locations)
    sys.modules["mediapipe"] = package
    from mediapipe.tasks.python.metadata.metadata_writers import metadata_writer

    return metadata_writer


def detector_bytes(package: Path) -> bytes:
    """The pose detector cut out of the packed assets, at the range the loader script lists."""
    loader = (package / "pose_solution_packed_assets_loader.js").read_text(encoding="utf-8")
    entry = re.search(r'\{"filename":\s*"[^"]*pose_detection\.tflite"[^}]*\}', loader)
    if entry is None:
        raise SystemExit("pose_detection.tflite not listed in the packed assets loader")
    span = json.loads(entry.group(0))
    data = (package / "pose_solution_packed_assets.data").read_bytes()
    return data[span["start"] : span["end"]]


def with_metadata(model: bytes, name: str, mean: float, std: float) -> bytes:
    """`model` with general info and image-input normalisation metadata attached."""
    writer_module = _import_writer()
    writer = writer_module.MetadataWriter.create(bytearray(model))
    writer.add_general_info(name, "Pose model from the @mediapipe/pose npm package.")
    writer.add_image_input(norm_mean=[mean], norm_std=[std])
    tflite, _ = writer.populate()
    return bytes(tflite)


def main(argv: list[str]) -> None:
    """Write the `.task` bundle for one variant."""
    package, variant, out = Path(argv[1]), argv[2], Path(argv[3])
    landmarks = (package / f"pose_landmark_{variant}.tflite").read_bytes()
    detector = with_metadata(detector_bytes(package), "pose_detector", 127.5, 127.5)
    landmarker = with_metadata(landmarks, f"pose_landmarks_detector_{variant}", 0.0, 255.0)
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as bundle:
        for name, blob in (
            ("pose_detector.tflite", detector),
            ("pose_landmarks_detector.tflite", landmarker),
        ):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            bundle.writestr(info, blob)
    print(f"{out}: {out.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main(sys.argv)
