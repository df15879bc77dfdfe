"""What counts as evidence for a step up, and how far back a break sends a person (rule 7).

There are no evidence-based progression criteria for thoracic mobility (clinical-facts §4): these
are explicit, documented defaults a clinician can change. They rest on the pain-monitoring model
(Silbernagel 2007, clinical-facts §5: 0–2 safe, 3–5 acceptable, over 5 too much, and the
response by the next morning decides), used here for spinal mobility as a reasonable default
(clinical-facts §9, "pain history").
"""

from __future__ import annotations

from collections.abc import Sequence

from midback.domain.feedback import PAIN_TOO_MUCH, FeedbackEntry

EVIDENCE_SESSIONS = 2
"""Tolerated, completed sessions at the current step before the next step (fewer when the
person trains fewer days a week: one a week is evidence for a one-a-week schedule)."""

PAIN_MARGIN = 2
"""Pain during a session may rise this much above the person's usual pain and still count as
tolerated, never above PAIN_TOO_MUCH (clinical-facts §5: 3–5 acceptable if it settles)."""

HIGH_DIFFICULTY = 8
"""Difficulty (1–10) at or above this is high: the step is not yet owned."""

PERSISTENT_SESSIONS = 3
"""Completed sessions in a row whose next-morning pain stayed above the usual pain: the load
is not settling (clinical-facts §5), so progression holds."""

PERSISTENT_MARGIN = 2
"""How far above the usual pain counts as 'above': about the NPRS change people call much
worse or much better (~2 points, clinical-facts §8); one point is within day-to-day noise."""

BREAK_DAYS_STEPS: tuple[tuple[int, int], ...] = ((21, 3), (14, 2), (7, 1))
"""Days off beyond the usual gap between sessions → steps lower on return. Gains fade without
practice (clinical-facts §4: one session a week lost them); 7/14/21 days are defaults."""


def required_evidence(days_per_week: int) -> int:
    """Sessions at a step needed before the next: EVIDENCE_SESSIONS, at most a week's worth."""
    return max(1, min(EVIDENCE_SESSIONS, days_per_week))


def tolerated(entry: FeedbackEntry, baseline_pain: int) -> bool:
    """A completed session that is evidence for a step up: pain during at most the usual pain
    + PAIN_MARGIN and at most PAIN_TOO_MUCH, settled by the next morning (when known, judged as
    `FeedbackEntry.too_painful` does), and difficulty below HIGH_DIFFICULTY."""
    if not entry.completed or entry.pain_during is None or entry.difficulty is None:
        return False
    if entry.pain_during > min(baseline_pain + PAIN_MARGIN, PAIN_TOO_MUCH):
        return False
    return not entry.too_painful(baseline_pain) and entry.difficulty < HIGH_DIFFICULTY


def persistent_pain(entries: Sequence[FeedbackEntry], baseline_pain: int) -> bool:
    """The last PERSISTENT_SESSIONS completed sessions with a known next-morning pain all left
    it at least PERSISTENT_MARGIN above the usual pain."""
    known = [e.pain_next_day for e in entries if e.completed and e.pain_next_day is not None]
    recent = known[-PERSISTENT_SESSIONS:]
    above = baseline_pain + PERSISTENT_MARGIN
    return len(recent) == PERSISTENT_SESSIONS and all(p >= above for p in recent)


def break_steps(days_off: int) -> int:
    """How many steps lower a person restarts after `days_off` days beyond their usual gap."""
    return next((steps for days, steps in BREAK_DAYS_STEPS if days_off >= days), 0)


def usual_gap(offsets: Sequence[int]) -> int:
    """The longest gap in days between planned sessions in a week (wrapping into the next)."""
    if not offsets:
        return 7
    gaps = [b - a for a, b in zip(offsets, offsets[1:], strict=False)]
    gaps.append(7 - offsets[-1] + offsets[0])
    return max(gaps)
