"""How long loading and validating the built-in content takes, against parsing its YAML alone.

Run: .venv/bin/python benchmarks/content.py
The baseline (reading and YAML-parsing every file) is measured in the same run, so the ratio is
the cost of validation, link checks and model building on this machine.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from midback.content.loader import BUILTIN_DIR, exercise_files, load_content
from midback.content.yaml_source import parse_yaml

ROUNDS = 30


def best_of(action: Callable[[], object], rounds: int = ROUNDS) -> tuple[float, float]:
    """Best and median wall time of `action` over `rounds` runs, in seconds."""
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times), statistics.median(times)


def parse_only() -> None:
    for path in exercise_files(BUILTIN_DIR):
        parse_yaml(path.read_text(encoding="utf-8"))


def main() -> None:
    count = len(exercise_files(BUILTIN_DIR))
    base_best, base_median = best_of(parse_only)
    load_best, load_median = best_of(lambda: load_content())
    print(f"{count} exercise files, best of {ROUNDS} runs")
    for label, best, median in [
        ("baseline: read + parse YAML", base_best, base_median),
        ("load + validate content", load_best, load_median),
    ]:
        print(f"{label:30} {best * 1000:7.1f} ms (median {median * 1000:.1f} ms)")
    print(f"{'ratio to baseline':30} {load_best / base_best:7.2f}×")


if __name__ == "__main__":
    main()
