"""Adapting to logged sessions with the pain-monitoring model (rule 7, clinical-facts §5).

Pain above 5 during a session, or pain not settled by the next day, eases the following
sessions (a step down the ladder: easier variants, and less volume). Two easy sessions in a row
move a step up sooner. Missed sessions only ever break a streak; they never earn progression.

A painful session while still eased from the last one is a `see_clinician` outcome: the program
holds (no step up, eased volume) until the person logs that they have seen a clinician, a
clearance is recorded, or the pain settles for the screen's `settle_sessions` in a row. A log
can carry new health-check answers: they are screened again, and an emergency or urgent
outcome stops the program from that day, a routine one holds it (clinical-facts §5, §6).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from midback.domain.assessment import Change, compare, merge_measurements
from midback.domain.feedback import PAIN_TOO_MUCH, FeedbackEntry
from midback.domain.plan import Hold
from midback.domain.profile import Measurement, RedFlag
from midback.domain.protocol import Protocol
from midback.domain.screening import Clearance, ScreenOutcome, Tier, clears

PAIN_HOLD = "pain_hold"
"""The rule id of a hold for pain that did not settle; a clearance with this id lifts it."""

SETTLE_LIFTS = frozenset({PAIN_HOLD})
"""Holds that calm sessions alone may lift (a new symptom needs a clinician's look)."""

Rescreen = Callable[[Sequence[RedFlag]], list[ScreenOutcome]]
"""New answers → the open outcomes they give (most urgent first)."""


@dataclass
class Block:
    """A hold (no progression) or a stop (no sessions) and the outcome behind it."""

    since: date
    outcome: ScreenOutcome

    @property
    def stops(self) -> bool:
        """Emergency and urgent outcomes stop the program; routine ones hold it."""
        return self.outcome.tier in (Tier.EMERGENCY, Tier.URGENT)


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
    settle_sessions: int = 3
    rescreen: Rescreen | None = None
    clearances: Sequence[Clearance] = ()
    block: Block | None = None
    held_step: int = 0
    settled_run: int = 0
    stopped_on: date | None = None

    def step_for(self, week_step: int) -> int:
        """The step a session uses: the week's step moved by adaptation, kept on the ladder;
        never above the step a hold began at."""
        step = max(1, min(week_step + self.offset, self.step_count))
        return min(step, self.held_step) if self.held else step

    @property
    def held(self) -> bool:
        """Progression is held (or the program stopped) until a clinician has seen the person."""
        return self.block is not None

    def hold_notice(self) -> Hold | None:
        """The hold in force after the last log, in plain words, if any."""
        if self.block is None:
            return None
        outcome = self.block.outcome
        until = (
            "Until you log that you have seen a clinician, or a clinician's clearance is recorded"
        )
        if outcome.rule in SETTLE_LIFTS:
            until += f", or {self.settle_sessions} sessions in a row go by with pain of 3 or less"
        return Hold(
            since=self.block.since, rule=outcome.rule, reason=outcome.reason, until=until + "."
        )

    def lift_if_cleared(self, day: date) -> None:
        """Lift the block if a clearance for its rule was recorded between its start and `day`."""
        if self.block is None:
            return
        block = self.block
        for clearance in self.clearances:
            fits = clearance.rule == block.outcome.rule and clears(clearance, block.outcome.tier)
            if fits and block.since <= clearance.cleared_on <= day:
                self._lift(clearance.cleared_on, "a clinician's clearance was recorded")
                return

    def _lift(self, day: date, why: str) -> None:
        self.block = None
        self.stopped_on = None
        self.settled_run = 0
        self.eased = False
        self.reasons.append(f"{day}: {why}, so the program goes on from where it was held.")

    def _start_block(self, day: date, outcome: ScreenOutcome, step_now: int) -> None:
        self.block = Block(day, outcome)
        self.held_step = step_now
        self.settled_run = 0
        self.streak = 0
        self.eased = True
        if self.block.stops:
            self.stopped_on = day
            self.reasons.append(f"{day}: {outcome.reason} {outcome.next_step}")
        else:
            self.reasons.append(
                f"{day}: {outcome.reason} The program holds: no step up, lighter sessions, "
                f"until you have seen a clinician. {outcome.next_step}"
            )

    def record(
        self, entry: FeedbackEntry, step_now: int, protocols: Mapping[str, Protocol]
    ) -> bool:
        """Take one feedback entry into account; True if the measurements changed."""
        if self._missed_before(entry.date):
            self.streak = 0
        self.last_logged = entry.date
        self._screen_again(entry, step_now)
        if self.block is not None and entry.seen_clinician:
            self._lift(entry.date, "you have seen a clinician")
        if self.block is not None:
            self._while_held(entry, step_now)
        elif not entry.completed:
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

    def _screen_again(self, entry: FeedbackEntry, step_now: int) -> None:
        """New health-check answers in a log: screen again; the most urgent outcome decides."""
        if not entry.new_symptoms or self.rescreen is None:
            return
        outcomes = [o for o in self.rescreen(entry.new_symptoms) if o.tier in _BLOCKING]
        if not outcomes:
            return
        worst = outcomes[0]
        if self.block is None or _more_urgent(worst, self.block.outcome):
            self._start_block(entry.date, worst, step_now)

    def _while_held(self, entry: FeedbackEntry, step_now: int) -> None:
        """A log during a hold: a painful one steps back further; calm ones may lift a pain hold."""
        self.streak = 0
        if entry.completed and entry.too_painful(self.baseline_pain):
            self.settled_run = 0
            if step_now > 1:
                self.offset -= 1
                self.held_step = min(self.held_step, step_now - 1)
            return
        if not entry.settled():
            self.settled_run = 0
            return
        self.settled_run += 1
        assert self.block is not None
        if self.block.outcome.rule in SETTLE_LIFTS and self.settled_run >= self.settle_sessions:
            self._lift(entry.date, f"{self.settle_sessions} calm sessions in a row")

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
        if self.eased:
            self._start_block(entry.date, _pain_outcome(why), max(1, step_now - 1))
            return
        if step_now > 1:
            self.reasons.append(
                f"{entry.date}: {why}, so the following sessions step back to easier variants "
                "and less volume."
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


_BLOCKING = frozenset({Tier.EMERGENCY, Tier.URGENT, Tier.SEE_CLINICIAN})
_ORDER = tuple(Tier)


def _more_urgent(new: ScreenOutcome, old: ScreenOutcome) -> bool:
    return _ORDER.index(new.tier) < _ORDER.index(old.tier)


def _pain_outcome(why: str) -> ScreenOutcome:
    """The see-a-clinician outcome for pain that came back before it had settled (§5)."""
    return ScreenOutcome(
        rule=PAIN_HOLD,
        tier=Tier.SEE_CLINICIAN,
        reason=f"Sessions have been too painful twice running ({why}).",
        next_step="Please see a physiotherapist or doctor before the program moves on.",
    )
