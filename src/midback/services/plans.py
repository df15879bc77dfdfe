"""The current plan: always recomputed by the planner from the latest assessment and what was
logged since the program started, then laid under the clinician's edits.

Computing a plan takes milliseconds, so each process caches it per person under the person's
plan-inputs version: a counter that every write the plan depends on moves on in the same
transaction. A read checks the counter (one indexed row) and recomputes only when it moved, so
a write in any worker process is seen by the next request in every other.

An entry can never be shown to someone else: ids are never reused, a person's first version is
random, and version 0 (nothing written, or the account deleted in any process) is never served
from the cache and drops what was kept under that id (services.versioned_cache, shared with the
page views).
"""

from __future__ import annotations

import threading
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time

from midback.content.loader import Content
from midback.domain.day_entry import day_entry
from midback.domain.feedback import FeedbackEntry
from midback.domain.pauses import Pause, paused_plan, to_program_time
from midback.domain.plan import Plan, PlannedSession
from midback.domain.plan_changes import plan_over_changes
from midback.domain.planner import make_plan
from midback.domain.planner.tolerance import BREAK_DAYS_STEPS
from midback.domain.profile import Measurement, Profile
from midback.domain.program_edits import apply_edits
from midback.domain.screening import Clearance
from midback.domain.session_moves import SessionMove, apply_moves
from midback.domain.training import AssessmentRecord, MeasurementRecord, ProgramRecord, SessionLog
from midback.services.interning import Interner
from midback.services.versioned_cache import VersionedCache
from midback.storage.uow import UnitOfWork

CACHE_SIZE = 256
"""People whose plans one process keeps: an 8-week plan (and its program's snapshot) took
some 830 kB as objects; with equal parts shared (services.interning) about 135 kB per person
(measured over 60 people of benchmarks/scale_data); the least recently asked-for go first."""

SHORTEST_BREAK_DAYS = min(days for days, _ in BREAK_DAYS_STEPS) + 1
"""Days after the last completed session from which a session may restart lower (the shortest
break plus the shortest usual gap, one day): such a day's session is planned for that day."""

COMPUTE_STRIPES = 64
"""Locks that plan computations share (by person id): people on different stripes never wait."""


@dataclass(frozen=True)
class CurrentPlan:
    """A person's program record and the plan as it stands now."""

    program: ProgramRecord
    plan: Plan
    version: int
    sessions: list[PlannedSession] = field(default_factory=list)
    last_done: date | None = None
    """The last completed session logged: a day long after it is a return after a break."""
    skipped: tuple[date, ...] = ()
    """The days whose session the person skipped on purpose (not in `plan` any more)."""

    def away_on(self, day: date) -> bool:
        """Whether `day` comes after a break long enough to restart lower (planner rule 7),
        so that day's session must be planned for it rather than read from this plan. A session
        skipped on purpose is not a break: the days are counted from it."""
        if self.last_done is None or not self.sessions or day > self.sessions[-1].date:
            return False
        last = max((d for d in self.skipped if self.last_done < d < day), default=self.last_done)
        return (day - last).days >= SHORTEST_BREAK_DAYS

    def session_on_or_after(self, day: date) -> PlannedSession | None:
        """The session on `day`, else the next one; after the last, the maintenance phase's
        (so a finished program never leaves Today empty); None without one."""
        index = bisect_left([s.date for s in self.sessions], day)
        if index < len(self.sessions):
            return self.sessions[index]
        maintenance = self.plan.maintenance if self.plan.status == "ok" else None
        return maintenance.session_on_or_after(day) if maintenance else None

    @property
    def clinician_note(self) -> str:
        """The note a linked clinician left with their adjustments ("" when none)."""
        edits = self.program.edits
        return edits.note.strip() if edits is not None and edits.note else ""


class PlanCache(VersionedCache[int, "CurrentPlan | None"]):
    """Plans by person id, each valid for one plan-inputs version (see services.versioned_cache)."""

    def __init__(self, size: int = CACHE_SIZE) -> None:
        super().__init__(size, person_of=_own)
        self.interner = Interner()
        self._computing = [threading.Lock() for _ in range(COMPUTE_STRIPES)]

    def computing(self, user_id: int) -> threading.Lock:
        """Held while a person's plan is computed, so requests arriving together compute once."""
        return self._computing[user_id % COMPUTE_STRIPES]


def _own(user_id: int) -> int:
    """A plan is about the person whose id it is kept under."""
    return user_id


@dataclass(frozen=True)
class PlanInputs:
    """Everything the plan is computed from."""

    assessment: AssessmentRecord
    program: ProgramRecord
    logs: list[SessionLog]
    remeasured: list[MeasurementRecord]
    clearances: list[Clearance] = field(default_factory=list)
    pauses: list[Pause] = field(default_factory=list)
    earlier: list[AssessmentRecord] = field(default_factory=list)
    """The program's answers before `assessment` (settings changed since), oldest first: each
    plans the sessions dated before the next one's day (domain.plan_changes)."""
    moves: list[SessionMove] = field(default_factory=list)
    """The sessions the person skipped or moved (domain.session_moves)."""

    def segments(self) -> list[tuple[date | None, AssessmentRecord]]:
        """The answers in force over the program: (the day each takes effect, None for the
        first), oldest first, keeping only those in force on some day from the start on."""
        start = self.program.start_date
        found: list[tuple[date | None, AssessmentRecord]] = []
        for record in [*self.earlier, self.assessment]:
            day = record.taken_at.date() if found else None
            if day is not None and day <= start:
                found = []  # in force from the start: the earlier answers never were
                day = None
            elif found and found[-1][0] == day:
                found.pop()  # changed again the same day: the last answers count
            found.append((day, record))
        return found


def current_plan(
    uow: UnitOfWork, content: Content, cache: PlanCache, user_id: int
) -> CurrentPlan | None:
    """The person's plan as it stands (None without a program); cached per inputs version."""
    hit, cached = cached_plan(uow, cache, user_id)
    if hit:
        return cached
    with cache.computing(user_id):  # fifty requests after one log: one computation
        with uow:
            # The version is read before the inputs: a plan is never older than its version.
            version = uow.plan_inputs.version(user_id)
            hit, cached = cache.get(user_id, version)
            if hit:
                return cached
            inputs = load_inputs(uow, user_id)
        result = None
        if inputs is not None:
            # Kept for many people at once: equal parts of their plans are shared.
            plan = cache.interner.intern(compute_plan(inputs, content))
            done = [log.session_date for log in inputs.logs if log.completed]
            last_done = max(done, default=None)
            skipped = tuple(skipped_of(inputs))
            program = inputs.program
            program = replace(program, snapshot=cache.interner.intern(program.snapshot))
            result = CurrentPlan(program, plan, version, plan.sessions(), last_done, skipped)
        cache.put(user_id, version, result)
    return result


def cached_plan(uow: UnitOfWork, cache: PlanCache, user_id: int) -> tuple[bool, CurrentPlan | None]:
    """(True, plan) if the cache holds the person's plan at its current version; never computes.

    One indexed read: cheap enough to run where waiting is not allowed.
    """
    with uow:
        return cache.get(user_id, uow.plan_inputs.version(user_id))


def load_inputs(uow: UnitOfWork, user_id: int) -> PlanInputs | None:
    """Read the plan's inputs in the caller's transaction; None without a program."""
    program = uow.programs.current(user_id)
    assessment = uow.assessments.latest(user_id)
    if program is None or assessment is None:
        return None
    earlier = earlier_answers(uow.assessments.of_user(user_id), program, assessment)
    logs = uow.logs.of_user(user_id, since=program.start_date)
    first = earlier[0] if earlier else assessment
    remeasured = uow.measurements.of_user(user_id, after=first.taken_at)
    clearances = uow.clearances.of_user(user_id)
    pauses = uow.pauses.of_program(program.id)
    moves = uow.session_moves.of_program(program.id)
    return PlanInputs(assessment, program, logs, remeasured, clearances, pauses, earlier, moves)


def earlier_answers(
    every: Sequence[AssessmentRecord], program: ProgramRecord, latest: AssessmentRecord
) -> list[AssessmentRecord]:
    """The program's answers before `latest`, oldest first: the ones it was made from (by id,
    else the last taken when it was made) and those taken since."""
    ordered = [a for a in every if a.id != latest.id]
    base = next((i for i, a in enumerate(ordered) if a.id == program.assessment_id), None)
    if base is None:
        made = [i for i, a in enumerate(ordered) if a.taken_at <= program.created_at]
        base = made[-1] if made else len(ordered)
    return ordered[base:]


def usable_profile(profile: Profile, content: Content) -> Profile:
    """The profile without measurements whose protocol the content no longer has."""
    kept = [m for m in profile.measurements if m.protocol in content.protocols]
    if len(kept) == len(profile.measurements):
        return profile
    return profile.model_copy(update={"measurements": kept})


def session_for(
    uow: UnitOfWork, content: Content, current: CurrentPlan, user_id: int, day: date
) -> PlannedSession | None:
    """`current.session_on_or_after(day)`, planned for that day when the person has been away
    (a return after a break restarts lower, planner rule 7); not cached, and rare."""
    if not current.away_on(day):
        return current.session_on_or_after(day)
    again = plan_on(uow, content, user_id, day)
    if again is None:
        return current.session_on_or_after(day)
    return replace(current, plan=again, sessions=again.sessions()).session_on_or_after(day)


def plan_on(uow: UnitOfWork, content: Content, user_id: int, day: date) -> Plan | None:
    """The plan made for `day` (not cached): unlogged sessions before it missed, the first
    from it on a return after that gap. Used only when the person has been away."""
    with uow:
        inputs = load_inputs(uow, user_id)
    return None if inputs is None else compute_plan(inputs, content, as_of=day)


def compute_plan(inputs: PlanInputs, content: Content, as_of: date | None = None) -> Plan:
    """The planner's answer for these inputs, with the clinician's edits applied: each set of
    answers plans the sessions up to the next one's day, so a change of settings never redraws
    the sessions before it; the person's skips and moves go on top."""
    program = inputs.program
    if program.program not in content.programs:
        return program.snapshot  # the program left the content: keep showing what was generated
    plans = [(day, _plan_from(inputs, record, content, as_of)) for day, record in inputs.segments()]
    return apply_moves(plan_over_changes(plans), inputs.moves)


def skipped_of(inputs: PlanInputs) -> list[date]:
    """The days whose session the person skipped on purpose."""
    return sorted(m.planned for m in inputs.moves if m.skipped)


def _plan_from(
    inputs: PlanInputs, record: AssessmentRecord, content: Content, as_of: date | None
) -> Plan:
    """The plan from one set of answers (with the re-tests taken after them)."""
    program = inputs.program
    template = content.programs[program.program]
    profile = usable_profile(record.profile, content).model_copy(
        update={"start_date": program.start_date}
    )
    after = [m for m in inputs.remeasured if m.taken_at > record.taken_at]
    logs, remeasured = in_program_time(replace(inputs, remeasured=after))
    feedback = feedback_of(logs, remeasured, content)
    skipped = [to_program_time(day, inputs.pauses) for day in skipped_of(inputs)]
    plan = make_plan(
        profile,
        feedback,
        program=template,
        library=content.exercises,
        protocols=content.protocols,
        today=program.start_date,
        safety=content.safety(),
        clearances=inputs.clearances,
        # In program time too: a pause is not a break (planner rule 7 restarts lower after one).
        as_of=None if as_of is None else to_program_time(as_of, inputs.pauses),
        skipped=skipped,
    )
    edited = apply_edits(plan, program.edits, content.exercises) if program.edits else plan
    return paused_plan(edited, inputs.pauses)


def in_program_time(inputs: PlanInputs) -> tuple[list[SessionLog], list[MeasurementRecord]]:
    """The logs and re-tests dated in program time, where the pauses never happened."""
    if not inputs.pauses:
        return inputs.logs, inputs.remeasured

    def moved(at: datetime) -> datetime:
        day = to_program_time(at.date(), inputs.pauses)
        return datetime.combine(day, time(at.hour, at.minute, at.second), at.tzinfo)

    logs = [
        replace(log, session_date=to_program_time(log.session_date, inputs.pauses))
        for log in inputs.logs
    ]
    remeasured = [replace(record, taken_at=moved(record.taken_at)) for record in inputs.remeasured]
    return logs, remeasured


def feedback_of(
    logs: Sequence[SessionLog], remeasured: Sequence[MeasurementRecord], content: Content
) -> list[FeedbackEntry]:
    """One feedback entry per day: that day's logs merged, with that day's re-measurements.

    Several logs on one day count as one session (domain.day_entry: done if any was, with the
    highest pain and difficulty). A re-measurement on a day without a log comes as an entry
    that is not a completed session.
    """
    by_day: dict[date, list[SessionLog]] = {}
    for log in logs:
        by_day.setdefault(log.session_date, []).append(log)
    measured: dict[date, dict[tuple[str, str], Measurement]] = {}
    for record in sorted(remeasured, key=lambda r: (r.taken_at, r.id)):
        if record.protocol in content.protocols:
            key = (record.protocol, record.side.value)
            measurement = Measurement(
                protocol=record.protocol, side=record.side, degrees=record.degrees
            )
            measured.setdefault(record.taken_at.date(), {})[key] = measurement
    days = sorted(set(by_day) | set(measured))
    entries = []
    for day in days:
        taken = measured.get(day, {})
        entries.append(day_entry(day, by_day.get(day, []), [taken[key] for key in sorted(taken)]))
    return entries
