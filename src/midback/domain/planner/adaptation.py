"""Adapting to logged sessions with the pain-monitoring model (rule 7, clinical-facts §4, §5).

The program's calendar sets the *earliest* week for each step; a step up also needs evidence
(`tolerance.py`): sessions completed at the current step with pain during at most the usual
pain + 2 (never above 5), settled by the next morning, and a difficulty that is not high. A
pain trend rising over the last sessions, or next-morning pain that stays above the usual,
holds the step (a clear rise steps back once). After a break the person restarts one or more
steps lower than where they stopped. Sessions not yet logged are planned as if each were
tolerated, so the plan ahead follows the calendar and is recomputed with every log.

Pain above 5 during a session, or pain not settled by the next day, eases the following
sessions (a step down the ladder: easier variants, and less volume). Missed sessions only ever
break the run of evidence; they never earn progression. An exercise that hurt leaves the plan
with its harder variants.

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
from functools import lru_cache

from midback.domain.assessment import Change, compare, merge_measurements
from midback.domain.feedback import PAIN_TOO_MUCH, FeedbackEntry
from midback.domain.plan import Hold
from midback.domain.planner.tolerance import (
    PAIN_MARGIN,
    PERSISTENT_SESSIONS,
    break_steps,
    persistent_pain,
    tolerated,
)
from midback.domain.profile import Measurement, RedFlag
from midback.domain.progress import trend_of
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


TREND_SESSIONS = 6
"""Completed sessions whose pain during feeds the trend (two windows of progress.TREND_WINDOW)."""


@dataclass
class Adaptation:
    """The running state of a program as feedback arrives, in date order."""

    planned: Sequence[date]
    baseline_pain: int
    step_count: int
    measurements: list[Measurement]
    earned: int = 1
    """The step the person has shown they tolerate; sessions use it, capped by the calendar."""
    evidence: int = 0
    """Tolerated sessions since the last change of step."""
    required: int = 2
    usual_gap: int = 7
    harder: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """Each exercise's harder variants (its progressions, transitively)."""
    eased: bool = False
    last_logged: date | None = None
    last_done: date | None = None
    last_done_step: int = 1
    break_from: date | None = None
    pains: list[FeedbackEntry] = field(default_factory=list)
    worsening: bool = False
    stepped_back_for_trend: bool = False
    persistent: bool = False
    withheld: bool = False
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
    skipped: frozenset[date] = frozenset()
    """Sessions the person skipped on purpose: a break is counted from the last session done
    or skipped after it, so skipping is never a break (domain.session_moves)."""

    def step_for(self, week_step: int) -> int:
        """The step a session uses: one step up when the calendar allows it and the evidence
        is there, else the earned step; never above the week's step (the calendar sets the
        earliest week of each step) nor the step a hold began at."""
        if self._may_step_up(week_step):
            self.earned += 1
            self.evidence = 0
        step = max(1, min(week_step, self.earned, self.step_count))
        return min(step, self.held_step) if self.held else step

    def _may_step_up(self, week_step: int) -> bool:
        return (
            self.block is None
            and self.earned < min(week_step, self.step_count)
            and self.evidence >= self.required
            and not self.worsening
            and not self.persistent
        )

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
        self.evidence = 0
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
            self.evidence = 0
        self.last_logged = entry.date
        if entry.completed:
            self.returning(entry.date)
        self._screen_again(entry, step_now)
        if self.block is not None and entry.seen_clinician:
            self._lift(entry.date, "you have seen a clinician")
        if self.block is not None:
            self._while_held(entry, step_now)
        elif not entry.completed:
            self.evidence = 0
        elif entry.too_painful(self.baseline_pain):
            self._regress(entry, step_now)
        else:
            self._count(entry)
        if entry.completed:
            self._done(entry, step_now)
        self._leave_out(entry)
        return self._remeasure(entry, protocols)

    def assume_done(self, day: date, step_now: int) -> None:
        """A session not logged yet, planned as if it was tolerated (pain during as last time,
        within what is tolerated; settled by the next morning; moderate difficulty): how the
        plan ahead follows the calendar."""
        if self.block is not None:
            return
        usual = self.baseline_pain
        last = self.pains[-1].pain_during if self.pains else None
        during = min(usual if last is None else last, usual + PAIN_MARGIN, PAIN_TOO_MUCH)
        self.eased = False
        self.evidence += 1
        self._done(_assumed(during, usual), step_now, real=False, day=day)

    def missed(self) -> None:
        """A planned session that has passed without a log (known from the day the plan is
        made for): it breaks the run of evidence."""
        self.evidence = 0

    def returning(self, day: date) -> None:
        """A session on `day` after a break restarts one or more steps lower (once a break)."""
        if self.last_done is None or self.break_from == self.last_done:
            return
        last_done = self.last_done
        since = max((d for d in self.skipped if last_done < d < day), default=last_done)
        gap = (day - since).days
        steps = break_steps(gap - self.usual_gap)
        if not steps:
            return
        self.break_from = self.last_done
        restart = max(1, self.last_done_step - steps)
        self.earned = min(self.earned, restart)
        self.evidence = 0
        if self.last_done_step > 1:
            self.reasons.append(
                f"{day}: welcome back after {gap} days without a session. Range and tolerance "
                f"fade after a break, so you restart at step {restart} (you stopped at step "
                f"{self.last_done_step}) and build up again from there."
            )
        else:
            self.reasons.append(
                f"{day}: welcome back after {gap} days without a session. You restart at the "
                "easiest step and build up again from there."
            )

    def _done(
        self, entry: FeedbackEntry, step_now: int, *, real: bool = True, day: date | None = None
    ) -> None:
        """Remember a completed session (on `day`, else the entry's): its step, and its pain
        for the trend."""
        self.last_done = day or entry.date
        self.last_done_step = step_now
        self.pains = [*self.pains[-(TREND_SESSIONS - 1) :], entry]
        self._judge_pain(entry, step_now, real)

    def _judge_pain(self, entry: FeedbackEntry, step_now: int, real: bool) -> None:
        """Pain rising over the last sessions holds (a clear rise steps back once); next-morning
        pain that stays above the usual holds too."""
        values = [float(e.pain_during or 0) for e in self.pains]
        trend, recent, earlier = trend_of(values)
        was_worsening, was_persistent = self.worsening, self.persistent
        self.worsening = trend == "worsening"
        self.persistent = persistent_pain(self.pains, self.baseline_pain)
        if not self.worsening:
            self.stepped_back_for_trend = False
        elif recent is not None and earlier is not None:
            clear_rise = recent > self.baseline_pain + PAIN_MARGIN
            if clear_rise and not self.stepped_back_for_trend and self.block is None:
                self.stepped_back_for_trend = True
                if step_now > 1:
                    self.earned = min(self.earned, step_now - 1)
                    self.evidence = 0
                    if real:
                        self.reasons.append(
                            f"{entry.date}: pain has been rising over the last sessions "
                            f"(about {earlier:.0f}/10 before, {recent:.0f}/10 lately), so the "
                            "following sessions step back to easier variants."
                        )
            elif real and not was_worsening:
                self.reasons.append(
                    f"{entry.date}: pain has been rising over the last sessions (about "
                    f"{earlier:.0f}/10 before, {recent:.0f}/10 lately), so the program stays "
                    "at this step until it levels off."
                )
        if self.persistent and not was_persistent and real:
            self.reasons.append(
                f"{entry.date}: the next morning your pain has been above your usual level "
                f"after {PERSISTENT_SESSIONS} sessions in a row, so the program stays at this "
                "step until it settles."
            )

    def _leave_out(self, entry: FeedbackEntry) -> None:
        """Exercises that hurt leave the plan, and their harder variants with them."""
        for exercise_id in sorted(set(entry.painful_exercises) - self.excluded):
            harder = sorted(self.harder.get(exercise_id, frozenset()) - self.excluded)
            self.excluded.add(exercise_id)
            self.excluded.update(harder)
            also = f", and its harder variants too ({', '.join(harder)})" if harder else ""
            self.reasons.append(
                f"{entry.date}: {exercise_id} hurt, so later sessions leave it out{also}."
            )

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
        self.evidence = 0
        if entry.completed and entry.too_painful(self.baseline_pain):
            self.settled_run = 0
            if step_now > 1:
                self.earned = min(self.earned, step_now - 1)
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
        self.evidence = 0
        during = entry.pain_during or 0
        why = (
            f"pain {during}/10 during the session (above {PAIN_TOO_MUCH})"
            if during > PAIN_TOO_MUCH
            else f"pain still {entry.pain_next_day}/10 the next day"
        )
        if step_now > 1:
            self.earned = min(self.earned, step_now - 1)
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

    def _count(self, entry: FeedbackEntry) -> None:
        """A completed session that was not too painful: evidence if it was tolerated."""
        self.eased = False
        if tolerated(entry, self.baseline_pain):
            self.evidence += 1
            self.withheld = False
            return
        self.evidence = 0
        if self.withheld:
            return
        self.withheld = True
        self.reasons.append(f"{entry.date}: {self._why_not(entry)}")

    def _why_not(self, entry: FeedbackEntry) -> str:
        """Why a completed, not too painful session is not yet evidence for a step up."""
        during, usual = entry.pain_during or 0, self.baseline_pain
        if during > min(usual + PAIN_MARGIN, PAIN_TOO_MUCH):
            return (
                f"pain {during}/10 during the session is more than {PAIN_MARGIN} above your "
                f"usual {usual}/10, so the program does not step up until sessions are "
                "comfortable again."
            )
        return "the session felt hard, so the program stays at this step until it feels manageable."

    def _remeasure(self, entry: FeedbackEntry, protocols: Mapping[str, Protocol]) -> bool:
        if not entry.measurements:
            return False
        changes = compare(self.measurements, entry.measurements, protocols, entry.date)
        self.changes += changes
        self.reasons += [f"{entry.date}: {change.meaning}" for change in changes]
        self.measurements = merge_measurements(self.measurements, entry.measurements)
        return True


@lru_cache(maxsize=256)
def _assumed(during: int, usual: int) -> FeedbackEntry:
    """A session assumed tolerated (its date does not matter: `_done` takes the day)."""
    return FeedbackEntry(
        date=date(2000, 1, 1), completed=True, pain_during=during, pain_next_day=usual, difficulty=5
    )


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
