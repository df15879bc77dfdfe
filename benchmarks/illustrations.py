"""How long drawing every illustration takes (still and animated), against loading the content.

Run: .venv/bin/python benchmarks/illustrations.py
Target: every still and animated illustration of the library in under 2 s. The baseline, loading
and validating the built-in content (which already poses every keyframe once), is measured in the
same run, so the ratios hold on any machine.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from midback.content.loader import load_content
from midback.exports.illustration import render_illustration
from midback.exports.sheet import contact_sheet

ROUNDS = 3
TARGET_S = 2.0


def timed(action: Callable[[], object], rounds: int = ROUNDS) -> tuple[float, float]:
    """Best and median wall time of `action` over `rounds` runs, in seconds."""
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times), statistics.median(times)


def main() -> None:
    exercises = [e for e in load_content().exercises.values() if e.poses]
    rows = [
        ("baseline: load + validate content", timed(load_content)),
        ("draw every still", timed(lambda: [render_illustration(e) for e in exercises])),
        (
            "draw every animation",
            timed(lambda: [render_illustration(e, animated=True) for e in exercises]),
        ),
        ("draw the contact sheet", timed(lambda: contact_sheet(exercises))),
    ]
    base = rows[0][1][0]
    print(f"{len(exercises)} illustrated exercises, best of {ROUNDS} runs")
    for label, (best, median) in rows:
        ratio = best / base
        print(f"{label:36} {best * 1000:8.1f} ms (median {median * 1000:.1f} ms)  {ratio:5.2f}×")
    total = rows[1][1][0] + rows[2][1][0]
    verdict = "within" if total < TARGET_S else "OVER"
    print(
        f"{'stills + animations':36} {total * 1000:8.1f} ms  {verdict} the {TARGET_S:.0f} s target"
    )


if __name__ == "__main__":
    main()
