"""The current plan: always recomputed by the planner from the latest assessment and what was
logged since the program started, then laid under the clinician's edits.

Computing a plan takes milliseconds, so each process caches it per person under the person's
plan-inputs version: a counter that every write the plan depends on moves on in the same
transaction. A read checks the counter (one indexed row) and recomputes only when it moved, so
a write in any worker process is seen by the next request in every other.

An entry can never be shown to someone else: ids are never reused, a person's first version is
random, and version 0 (nothing written, or the account deleted in any process) is never served
from the cache and drops what was kept under that id.
"""

from __future__ import annotations

import threading
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from midback.content.loader import Content
from midback.domain.feedback import FeedbackEntry
from midback.domain.plan import Plan, PlannedSession
from midback.domain.planner import make_plan
from midback.domain.profile import Measurement, Profile
from midback.domain.program_edits import apply_edits
from midback.domain.screening import Clearance
from midback.domain.training import AssessmentRecord, MeasurementRecord, ProgramRecord, SessionLog
from midback.storage.uow import UnitOfWork

CACHE_SIZE = 256
"""People whose plans one process keeps: an 8-week plan takes some 370 kB as objects, so at
most ~95 MB; the least recently asked-for go first."""

COMPUTE_STRIPES = 64
"""Locks that plan computations share (by person id): people on different stripes never wait."""


@dataclass(frozen=True)
class CurrentPlan:
    """A person's program record and the plan as it stands now."""

    program: ProgramRecord
    plan: Plan
    version: int
    sessions: list[PlannedSession] = field(default_factory=list)

    def session_on_or_after(self, day: date) -> PlannedSession | None:
        """The session on `day`, else the next one; None after the last."""
        index = bisect_left([s.date for s in self.sessions], day)
        return self.sessions[index] if index < len(self.sessions) else None

    @property
    def clinician_note(self) -> str:
        """The note a linked clinician left with their adjustments ("" when none)."""
        edits = self.program.edits
        return edits.note.strip() if edits is not None and edits.note else ""


class PlanCache:
    """Plans by person, each valid for one plan-inputs version; least recently used go first."""

    def __init__(self, size: int = CACHE_SIZE) -> None:
        self._size = size
        self._items: OrderedDict[int, tuple[int, CurrentPlan | None]] = OrderedDict()
        self._lock = threading.Lock()
        self._computing = [threading.Lock() for _ in range(COMPUTE_STRIPES)]

    def computing(self, user_id: int) -> threading.Lock:
        """Held while a person's plan is computed, so requests arriving together compute once."""
        return self._computing[user_id % COMPUTE_STRIPES]

    def get(self, user_id: int, version: int) -> tuple[bool, CurrentPlan | None]:
        """(True, plan or None) if cached for exactly this version, else (False, None).

        Version 0 means the person has no plan inputs (a new or deleted account): whatever was
        kept under the id is dropped.
        """
        with self._lock:
            if version == 0:
                self._items.pop(user_id, None)
                return False, None
            found = self._items.get(user_id)
            if found is None or found[0] != version:
                return False, None
            self._items.move_to_end(user_id)
            return True, found[1]

    def put(self, user_id: int, version: int, plan: CurrentPlan | None) -> None:
        """Keep a plan computed at `version` (never replacing a newer one; never at version 0)."""
        if version == 0:
            return
        with self._lock:
            found = self._items.get(user_id)
            if found is not None and found[0] > version:
                return
            self._items[user_id] = (version, plan)
            self._items.move_to_end(user_id)
            while len(self._items) > self._size:
                self._items.popitem(last=False)

    def forget(self, user_id: int) -> None:
        """Drop the person's plan (their account was deleted in this process)."""
        with self._lock:
            self._items.pop(user_id, None)


@dataclass(frozen=True)
class PlanInputs:
    """Everything the plan is computed from."""

    assessment: AssessmentRecord
    program: ProgramRecord
    logs: list[SessionLog]
    remeasured: list[MeasurementRecord]
    clearances: list[Clearance] = field(default_factory=list)


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
            plan = compute_plan(inputs, content)
            result = CurrentPlan(inputs.program, plan, version, plan.sessions())
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
    logs = uow.logs.of_user(user_id, since=program.start_date)
    remeasured = uow.measurements.of_user(user_id, after=assessment.taken_at)
    clearances = uow.clearances.of_user(user_id)
    return PlanInputs(assessment, program, logs, remeasured, clearances)


def usable_profile(profile: Profile, content: Content) -> Profile:
    """The profile without measurements whose protocol the content no longer has."""
    kept = [m for m in profile.measurements if m.protocol in content.protocols]
    if len(kept) == len(profile.measurements):
        return profile
    return profile.model_copy(update={"measurements": kept})


def compute_plan(inputs: PlanInputs, content: Content) -> Plan:
    """The planner's answer for these inputs, with the clinician's edits applied."""
    program = inputs.program
    template = content.programs.get(program.program)
    if template is None:  # the program left the content: keep showing what was generated
        return program.snapshot
    profile = usable_profile(inputs.assessment.profile, content).model_copy(
        update={"start_date": program.start_date}
    )
    feedback = feedback_of(inputs.logs, inputs.remeasured, content)
    plan = make_plan(
        profile,
        feedback,
        program=template,
        library=content.exercises,
        protocols=content.protocols,
        today=program.start_date,
        safety=content.safety(),
        clearances=inputs.clearances,
    )
    return apply_edits(plan, program.edits, content.exercises) if program.edits else plan


def feedback_of(
    logs: Sequence[SessionLog], remeasured: Sequence[MeasurementRecord], content: Content
) -> list[FeedbackEntry]:
    """One feedback entry per day: that day's logs merged, with that day's re-measurements.

    Several logs on one day (a planned session and a routine, say) count as one session: done if
    any was, with the highest pain and difficulty. A re-measurement on a day without a log comes
    as an entry that is not a completed session.
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
    return [_entry(day, by_day.get(day, []), measured.get(day, {})) for day in days]


def _entry(
    day: date, logs: list[SessionLog], measured: dict[tuple[str, str], Measurement]
) -> FeedbackEntry:
    def highest(values: list[int | None]) -> int | None:
        known = [v for v in values if v is not None]
        return max(known) if known else None

    painful = sorted({i.exercise for log in logs for i in log.items if i.painful})
    return FeedbackEntry(
        date=day,
        completed=any(log.completed for log in logs),
        pain_during=highest([log.pain_during for log in logs]),
        pain_next_day=highest([log.pain_next_day for log in logs]),
        difficulty=highest([log.difficulty for log in logs]),
        measurements=[measured[key] for key in sorted(measured)],
        painful_exercises=painful,
        new_symptoms=sorted({flag for log in logs for flag in log.new_symptoms}),
        seen_clinician=any(log.seen_clinician for log in logs),
    )
