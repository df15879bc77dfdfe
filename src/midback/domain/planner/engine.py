"""The planner: a program for a person, as a pure function of profile, feedback and content.

Rules (issue 3; docs/planner.md explains each with its clinical-facts section): the tiered
health screen refers or holds and condition pathways shape the program (1, issue 10); only
doable exercises (2); sessions fit the time (3); days spread across 7-day weeks (4); emphasis
follows findings (5); structured, progressing weeks with reassessment (6); adaptation to
feedback, with a hold that stops progression until a clinician has seen the person (7);
deterministic (8): no clock, no randomness, every order fixed.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import deque
from collections.abc import Mapping, Sequence
from datetime import date, timedelta

from midback.domain.assessment import Assessment, Asymmetry, assess
from midback.domain.feedback import FeedbackEntry
from midback.domain.library import ExerciseLibrary
from midback.domain.pathways import Safety
from midback.domain.plan import (
    AssessmentReport,
    Maintenance,
    Plan,
    PlanItem,
    PlannedSession,
    PlanWeek,
)
from midback.domain.planner.adaptation import Adaptation
from midback.domain.planner.eligibility import Pool, eligible_exercises, modify_notes
from midback.domain.planner.entry import Entry
from midback.domain.planner.notes import (
    missing_part_note,
    no_program_note,
    profile_notes,
    short_sessions_note,
)
from midback.domain.planner.safety import (
    SafetyCheck,
    blocking_reasons,
    check_safety,
    rescreened,
    screening_of,
)
from midback.domain.planner.schedule import DAYS_IN_WEEK, session_dates, week_offsets
from midback.domain.planner.session import Ledger, SessionSpec, build_session
from midback.domain.planner.tolerance import required_evidence, usual_gap
from midback.domain.profile import Measurement, PainRegion, Profile, RedFlag
from midback.domain.program import FocusRule, Phase, Program, ProgramWeek, SessionPart
from midback.domain.protocol import Protocol
from midback.domain.screening import Clearance, ScreenOutcome
from midback.domain.vocabulary import Target

NORMAL_FILL = 0.9
LIGHTER_FILL = 0.75
EASED_FILL = 0.7
MIN_FILL = 0.6
"""Share of the time budget a session aims at; never less than MIN_FILL (rule 3)."""

MAX_MINUTES = 60
"""The longest session a profile may ask for; programs without session_minutes allow it."""

EASED_START_PAIN = 5
"""Pain now above this eases the first sessions (clinical-facts §5)."""


def program_days(program: Program, profile: Profile, today: date) -> tuple[date, date]:
    """The first and last day of the program for this profile."""
    start = profile.start_date or today
    return start, start + timedelta(days=DAYS_IN_WEEK * len(program.weeks()) - 1)


def assess_profile(
    profile: Profile,
    program: Program,
    protocols: Mapping[str, Protocol],
    *,
    safety: Safety,
    clearances: Sequence[Clearance] = (),
) -> AssessmentReport:
    """The assessment alone (findings, asymmetry, emphasis), with the screening verdict."""
    assessment = _assess(profile.measurements, program, protocols, profile.age)[0]
    check = check_safety(profile, safety, clearances)
    screening = screening_of(check, safety, profile.start_date)
    reasons = blocking_reasons(check, safety) if check.status != "ok" else []
    return AssessmentReport(
        status=check.status, reasons=reasons, assessment=assessment, screening=screening
    )


def _assess(
    measurements: Sequence[Measurement],
    program: Program,
    protocols: Mapping[str, Protocol],
    age: int | None = None,
) -> tuple[Assessment, dict[Target, float]]:
    main = program.main_part()
    targets = main.targets if main else []
    return assess(measurements, protocols, targets, program.primary_targets, age)


def make_plan(
    profile: Profile,
    feedback: Sequence[FeedbackEntry],
    *,
    program: Program,
    library: ExerciseLibrary,
    protocols: Mapping[str, Protocol],
    today: date,
    safety: Safety,
    clearances: Sequence[Clearance] = (),
    as_of: date | None = None,
    skipped: Sequence[date] = (),
) -> Plan:
    """The plan for `profile` after `feedback`; `today` is the start when the profile has none.

    `skipped` are the days whose session the person skipped on purpose: never a break.

    `as_of` (optional) is the day the plan is made for: planned sessions before it that went
    unlogged count as missed, and the first one from it on is a return after that gap (rule 7).
    Without it, every session after the last log is planned as if the ones before it were done.

    The health screen and the condition pathways come first (rule 1): an emergency or urgent
    outcome refers and a routine one (or an operation in its early window) holds, with no
    sessions until cleared; what remains shapes the program.
    """
    assessment, _ = _assess(profile.measurements, program, protocols, profile.age)
    check = check_safety(profile, safety, clearances)
    start = program_days(program, profile, today)[0]
    screening = screening_of(check, safety, start)
    if check.status != "ok":
        return Plan(
            status=check.status,
            program=program.id,
            reasons=blocking_reasons(check, safety),
            assessment=assessment,
            weeks=[],
            screening=screening,
        )
    plan = _program(
        check, feedback, program, library, protocols, today, safety, clearances, as_of, skipped
    )
    return plan.model_copy(update={"screening": screening})


def _program(
    check: SafetyCheck,
    feedback: Sequence[FeedbackEntry],
    program: Program,
    library: ExerciseLibrary,
    protocols: Mapping[str, Protocol],
    today: date,
    safety: Safety,
    clearances: Sequence[Clearance],
    as_of: date | None = None,
    skipped: Sequence[date] = (),
) -> Plan:
    """The program itself, for a profile the screen lets start."""
    profile, pathways = check.profile, check.pathways
    assessment, _ = _assess(profile.measurements, program, protocols, profile.age)
    reasons = profile_notes(profile, pathways)
    eligible, exclusions = eligible_exercises(library.values(), profile, program, pathways)
    notes = {e.id: modify_notes(e, profile.precautions) for e in eligible}
    noted = frozenset(i for i, texts in notes.items() if texts)
    focus = [r for r in program.focus_rules if r.applies(profile.goals, _regions(profile))]
    preferred = frozenset(i for r in focus for i in r.prefer)
    pool = Pool(eligible, program.parts, noted, pathways.max_hold_s(), preferred)
    parts = [part for part in program.parts if pool.serves(part)]
    main = program.main_part()
    if not parts or (main is not None and main not in parts):
        reasons.append(no_program_note(main or program.parts[0], exclusions))
        return Plan(
            status="ok", program=program.id, reasons=reasons, assessment=assessment, weeks=[]
        )
    reasons += [missing_part_note(p, exclusions) for p in program.parts if p not in parts]

    def rescreen(symptoms: Sequence[RedFlag]) -> list[ScreenOutcome]:
        again = check_safety(rescreened(profile, symptoms), safety, clearances)
        return again.blocking()

    run = _Run(profile, feedback, program, parts, pool, protocols, today, notes)
    run.adaptation.harder = library.harder_variants()
    run.plan_from(as_of)
    run.adaptation.settle_sessions = safety.screen.settle_sessions
    run.adaptation.rescreen = rescreen
    run.adaptation.clearances = clearances
    run.adaptation.skipped = frozenset(skipped)
    run.emphasis = pathways.emphasis()
    run.focus = _focus_weights(focus)
    run.train_asymmetry = all(r.train_asymmetry for r in focus)
    reasons += [r.reason for r in focus]
    run.variety = pathways.variety()
    weeks = run.weeks()
    reasons += run.adaptation.reasons
    short = [s for w in weeks for s in w.sessions if s.estimated_minutes < MIN_FILL * run.minutes]
    if short:
        reasons.append(short_sessions_note(len(short), run.minutes))
    final = run.assessment.model_copy(update={"changes": run.adaptation.changes})
    hold = run.adaptation.hold_notice()
    status = "ok" if hold is None else ("refer" if run.adaptation.stopped_on else "hold")
    return Plan(
        status=status,
        program=program.id,
        reasons=reasons,
        assessment=final,
        weeks=weeks,
        hold=hold,
        maintenance=run.maintenance() if run.adaptation.stopped_on is None else None,
    )


def _regions(profile: Profile) -> list[PainRegion]:
    return list(profile.pain.regions) if profile.pain else []


def _focus_weights(rules: Sequence[FocusRule]) -> dict[Target, float]:
    """Each target's multiplier from the focus rules that apply (their product)."""
    weights: dict[Target, float] = {}
    for rule in rules:
        for target, factor in rule.emphasis.items():
            weights[target] = weights.get(target, 1.0) * factor
    return weights


class _Run:
    """One pass through the program's weeks, adapting as feedback dates are passed."""

    def __init__(
        self,
        profile: Profile,
        feedback: Sequence[FeedbackEntry],
        program: Program,
        parts: list[SessionPart],
        pool: Pool,
        protocols: Mapping[str, Protocol],
        today: date,
        notes: Mapping[str, list[str]],
    ) -> None:
        self.profile, self.program, self.parts, self.pool = profile, program, parts, pool
        self.protocols, self.notes = protocols, notes
        start, _ = program_days(program, profile, today)
        self.dates = session_dates(start, len(program.weeks()), profile.days_per_week)
        self.adaptation = Adaptation(
            planned=[day for week in self.dates for day in week],
            baseline_pain=profile.current_pain(),
            step_count=len(program.steps),
            measurements=list(profile.measurements),
            eased=profile.current_pain() > EASED_START_PAIN,
            earned=program.weeks()[0][0].step,
            required=required_evidence(profile.days_per_week),
            usual_gap=usual_gap(week_offsets(profile.days_per_week)),
        )
        self.feedback = deque(sorted(feedback, key=lambda e: e.date))
        self.last_log = self.feedback[-1].date if self.feedback else None
        self.assumed_from: date | None = None
        """Sessions from this day on are planned as if each earlier one was done."""
        self.ledger = Ledger()
        self.minutes = min(profile.minutes_per_day, program.session_minutes or MAX_MINUTES)
        self.step_now = program.weeks()[0][0].step
        self.assessment, self.weights = _assess(
            profile.measurements, program, protocols, profile.age
        )
        self.emphasis: Mapping[Target, float] = {}
        self.focus: Mapping[Target, float] = {}
        self.train_asymmetry = True
        self.variety = False
        self.as_of: date | None = None
        self._returned = False

    def plan_from(self, as_of: date | None) -> None:
        """Sessions after the last log (and from `as_of`, when given) are the plan ahead."""
        after_log = None if self.last_log is None else self.last_log + timedelta(days=1)
        known = [d for d in (after_log, as_of) if d is not None]
        self.assumed_from = max(known) if known else None
        self.as_of = as_of

    def weeks(self) -> list[PlanWeek]:
        """Every week, session by session, with feedback applied as its dates pass."""
        result = []
        for (week, phase), days in zip(self.program.weeks(), self.dates, strict=True):
            sessions = []
            for day in days:
                session = self.session(week, day, reassess=week.reassess and day == days[-1])
                if session is not None:
                    sessions.append(session)
            result.append(self._week(week, phase, sessions))
        self.catch_up(None)
        return result

    def _week(self, week: ProgramWeek, phase: Phase, sessions: list[PlannedSession]) -> PlanWeek:
        return PlanWeek(
            week=week.week,
            phase=phase.name,
            focus=phase.focus,
            lighter=week.lighter,
            sessions=sessions,
        )

    def catch_up(self, day: date | None) -> None:
        """Apply feedback logged before `day` (all of it when None)."""
        while self.feedback and (day is None or self.feedback[0].date < day):
            entry = self.feedback.popleft()
            if self.adaptation.record(entry, self.step_now, self.protocols):
                measurements = self.adaptation.measurements
                self.assessment, self.weights = _assess(
                    measurements, self.program, self.protocols, self.profile.age
                )

    def session(self, week: ProgramWeek, day: date, *, reassess: bool) -> PlannedSession | None:
        """One session on `day`, shaped by the week and the adaptation so far; None once an
        emergency or urgent outcome has stopped the program."""
        self.catch_up(day)
        self.adaptation.lift_if_cleared(day)
        if self.adaptation.stopped_on is not None:
            return None
        ahead = self.assumed_from is None or day >= self.assumed_from
        self._before(day, ahead)
        step = self.adaptation.step_for(week.step)
        self.step_now = step
        fill = NORMAL_FILL
        if self.adaptation.eased or week.lighter:
            fill = EASED_FILL if self.adaptation.eased else LIGHTER_FILL
        entries = self._entries(step, self.minutes, fill)
        if ahead and day not in self.adaptation.skipped:  # a skipped session is not done
            self.adaptation.assume_done(day, step)
        measure = self._measure_list() if reassess else []
        return self._planned(day, step, entries, measure, reassess=reassess)

    def _entries(self, step: int, minutes: int, fill: float) -> list[Entry]:
        """A session's exercises at `step`, within `minutes`, aiming at `fill` of them."""
        spec = SessionSpec(
            parts=self.parts,
            pool=self.pool,
            weights=self._part_weights(),
            step=self.program.step(step),
            budget_s=minutes * 60,
            fill_s=fill * minutes * 60,
            asymmetry=self._asymmetry(),
            excluded=frozenset(self.adaptation.excluded),
            age=self.profile.age,
            variety=self.variety,
        )
        return build_session(spec, self.ledger)

    def _planned(
        self, day: date, step: int, entries: list[Entry], measure: list[str], reassess: bool
    ) -> PlannedSession:
        return PlannedSession(
            date=day,
            step=step,
            estimated_minutes=round(sum(e.seconds for e in entries) / 60, 1),
            reassess=reassess,
            measure=measure,
            measure_minutes=sum(self.protocols[p].minutes for p in measure),
            items=[item for e in entries for item in self._items(e)],
        )

    def _before(self, day: date, ahead: bool) -> None:
        """A return after a break, or a missed session, known before the session on `day`."""
        if ahead:
            if self.as_of is not None and day >= self.as_of and not self._returned:
                self._returned = True
                self.adaptation.returning(day)
            return
        upcoming = self.feedback[0] if self.feedback else None
        if upcoming is not None and upcoming.completed and self._accounts_for(upcoming.date, day):
            self.adaptation.returning(upcoming.date)
        elif self.as_of is not None and self.last_log is not None and day > self.last_log:
            if day not in self.adaptation.skipped:  # skipped on purpose is not missed
                self.adaptation.missed()

    def _accounts_for(self, logged: date, day: date) -> bool:
        """Whether a session logged on `logged` is the one planned on `day` (done that day or
        before the next planned one)."""
        planned = self.adaptation.planned
        index = bisect_right(planned, day)
        return day <= logged and (index == len(planned) or logged < planned[index])

    def maintenance(self) -> Maintenance | None:
        """The program's maintenance phase after its last week: the person's latest step,
        shorter sessions, at least two a week (clinical-facts §4)."""
        phase = self.program.maintenance
        if phase is None:
            return None
        days = max(2, min(self.profile.days_per_week, phase.days_per_week))
        starts = self.dates[0][0] + timedelta(days=DAYS_IN_WEEK * len(self.dates))
        minutes, step = min(self.minutes, phase.minutes), self.step_now
        sessions = [
            self._planned(day, step, self._entries(step, minutes, NORMAL_FILL), [], False)
            for day in session_dates(starts, 1, days)[0]
        ]
        return Maintenance(
            name=phase.name,
            focus=phase.focus,
            starts=starts,
            days_per_week=days,
            minutes=minutes,
            next_programs=list(phase.then),
            sessions=sessions,
        )

    def _part_weights(self) -> dict[str, Mapping[Target, float]]:
        focus = self.focus
        weights = {
            t: w * self.emphasis.get(t, 1.0) * focus.get(t, 1.0) for t, w in self.weights.items()
        }
        return {
            part.id: weights
            if part.follows_findings
            else {t: focus.get(t, 1.0) for t in part.targets}
            for part in self.parts
        }

    def _asymmetry(self) -> Asymmetry | None:
        """The side difference to train, unless a focus rule expects it (e.g. golf)."""
        return self.assessment.asymmetry if self.train_asymmetry else None

    def _measure_list(self) -> list[str]:
        listed = [p for p in self.program.reassess_protocols if p in self.protocols]
        measured = sorted({m.protocol for m in self.adaptation.measurements} - set(listed))
        return listed + measured

    def _items(self, entry: Entry) -> list[PlanItem]:
        return [
            PlanItem(
                exercise=entry.exercise.id,
                part=entry.part.id,
                target=entry.target,
                side=side,
                sets=dose.sets,
                reps=dose.reps,
                hold_s=dose.hold_s,
                rest_s=dose.rest_s,
                notes=list(self.notes.get(entry.exercise.id, [])),
                side_words=directions.words(side) if directions else "",
            )
            for directions in [entry.exercise.directions]
            for side, dose in entry.side_doses()
        ]
