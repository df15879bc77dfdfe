"""The animated illustration's timeline: a CSS flip-book that plays there and back, holding at
each keyframe, and stands still for people who prefer reduced motion."""

from __future__ import annotations

from midback.exports.svg import num

MOVE_SECONDS = 1.8
HOLD_SECONDS = 0.9
MOTION_ONLY = "@media (prefers-reduced-motion:no-preference){{.still{{visibility:hidden}}{}}}"
"""The still picture shows unless motion is welcome: for reduced motion, and in renderers that
know neither media queries nor animation."""


def timeline_css(frame_count: int, keyframes: int) -> str:
    """One CSS animation per frame: visible during its slots of a there-and-back timeline."""
    per_move = (frame_count - 1) // max(keyframes - 1, 1)
    forward = list(range(frame_count))
    order = forward + forward[-2:0:-1]
    slot = MOVE_SECONDS / max(per_move, 1)
    durations = [slot + (HOLD_SECONDS if i % per_move == 0 else 0.0) for i in order]
    total = sum(durations)
    windows: dict[int, list[tuple[float, float]]] = {}
    start = 0.0
    for frame, duration in zip(order, durations, strict=True):
        windows.setdefault(frame, []).append(
            (start / total * 100, (start + duration) / total * 100)
        )
        start += duration
    playing = f".fr{{animation-duration:{num(total)}s;animation-timing-function:step-end;"
    playing += "animation-iteration-count:infinite}"
    rules = [".fr{visibility:hidden}", MOTION_ONLY.format(playing)]
    for frame, spans in windows.items():
        steps = "".join(
            f"{a:.2f}%{{visibility:visible}}{b:.2f}%{{visibility:hidden}}" for a, b in spans
        )
        rule = f"@keyframes k{frame}{{0%{{visibility:hidden}}{steps}}}"
        rules.append(f".f{frame}{{animation-name:k{frame}}}{rule}")
    return "".join(rules)
