"""Adapting to logged sessions with the pain-monitoring model (rule 7, clinical-facts §5).

Pain above 5 during a session, or pain not settled by the next day, eases the following
sessions (a step down the ladder: easier variants, and less volume). Two easy sessions in a row
move a step up sooner. Missed sessions only ever break a streak; they never earn progression.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from midback.domain.assessment import Change, compare, merge_measurements
from midback.domain.feedback import PAIN_TOO_MUCH, FeedbackEntry
from midback.domain.profile import Measurement
from midback.domain.protocol import Protocol

MAX_STEPS_AHEAD = 2
"""How far ahead of the program's own week step easy sessions may move a person."""

EASY_STREAK = 2
"""Consecutive easy sessions that earn a step up."""


@dataclass
class Adaptation:
    """The running state of a program as feedback arrives, in date order."""

    planned: Sequence[date]
    baseline_pain: int
    step_count: int
    measurements: list[Measurement]
    offset: int = 0
    streak: int = 0
    eased: bool = False
    last_logged: date | None = None
    excluded: set[str] = field(default_factory=set)
    changes: list[Change] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)

    def step_for(self, week_step: int) -> int:
        """The step a session uses: the week's step moved by adaptation, kept on the ladder."""
        return max(1, min(week_step + self.offset, self.step_count))

    def record(
        self, entry: FeedbackEntry, step_now: int, protocols: Mapping[str, Protocol]
    ) -> bool:
        """Take one feedback entry into account; True if the measurements changed."""
        if self._missed_before(entry.date):
            self.streak = 0
        self.last_logged = entry.date
        if not entry.completed:
            self.streak = 0
        elif entry.too_painful(self.baseline_pain):
            self._regress(entry, step_now)
        elif entry.easy():
            self._count_easy(entry, step_now)
        else:
            self.streak = 0
            self.eased = False
        for exercise_id in sorted(set(entry.painful_exercises) - self.excluded):
            self.excluded.add(exercise_id)
            self.reasons.append(
                f"{entry.date}: {exercise_id} hurt, so later sessions leave it out."
            )
        return self._remeasure(entry, protocols)

    def _missed_before(self, day: date) -> bool:
        """Whether a planned session between the last log and `day` went unlogged."""
        first = 0 if self.last_logged is None else bisect_right(self.planned, self.last_logged)
        return first < len(self.planned) and self.planned[first] < day

    def _regress(self, entry: FeedbackEntry, step_now: int) -> None:
        self.streak = 0
        during = entry.pain_during or 0
        why = (
            f"pain {during}/10 during the session (above {PAIN_TOO_MUCH})"
            if during > PAIN_TOO_MUCH
            else f"pain still {entry.pain_next_day}/10 the next day"
        )
        if step_now > 1:
            self.offset -= 1
            self.reasons.append(
                f"{entry.date}: {why}, so the following sessions step back to easier variants "
                "and less volume."
            )
        elif self.eased:
            self.reasons.append(
                f"{entry.date}: {why} again at the easiest step: please see a physiotherapist "
                "or doctor before going on."
            )
        else:
            self.reasons.append(
                f"{entry.date}: {why}; already at the easiest step, so the following sessions "
                "hold less volume."
            )
        self.eased = True

    def _count_easy(self, entry: FeedbackEntry, step_now: int) -> None:
        self.eased = False
        self.streak += 1
        if self.streak < EASY_STREAK:
            return
        self.streak = 0
        if step_now < self.step_count and self.offset < MAX_STEPS_AHEAD:
            self.offset += 1
            self.reasons.append(
                f"{entry.date}: {EASY_STREAK} easy sessions in a row (pain 3 or less, "
                "difficulty 4 or less), so the program moves up a step sooner."
            )

    def _remeasure(self, entry: FeedbackEntry, protocols: Mapping[str, Protocol]) -> bool:
        if not entry.measurements:
            return False
        changes = compare(self.measurements, entry.measurements, protocols, entry.date)
        self.changes += changes
        self.reasons += [f"{entry.date}: {change.meaning}" for change in changes]
        self.measurements = merge_measurements(self.measurements, entry.measurements)
        return True
