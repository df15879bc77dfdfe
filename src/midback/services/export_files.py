"""A person's program as files: the calendar (.ics) and printable handouts (PDF).

The functions in `exports/` turn domain objects into bytes; these use cases fetch the objects
(the current plan, a routine), check who may have them, and turn the exports' own refusals into
service errors the API and pages answer with a clear message.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import ValidationError

from midback.content.loader import Content
from midback.domain import records
from midback.domain.accounts import User
from midback.domain.exercise import DEFAULT_SECONDS_PER_REP, Dose
from midback.domain.library import UnknownExerciseError
from midback.domain.profile import Side
from midback.domain.program import Program
from midback.domain.training import Routine
from midback.exports.calendar import Breaks, CalendarOptions, plan_calendar
from midback.exports.handout import (
    EmptyProgramError,
    NoSuchWeekError,
    plan_handout,
    require_sessions,
)
from midback.exports.handout import routine_handout as make_routine_handout
from midback.exports.handout_pdf import render_handout
from midback.services import sharing
from midback.services.errors import Conflict, FieldProblem, InvalidInput, NotFound
from midback.services.plans import CurrentPlan, PlanCache
from midback.services.programs import require_plan
from midback.services.routines import get_routine
from midback.storage.uow import UnitOfWork

Paper = Literal["a4", "letter"]


@dataclass(frozen=True)
class Exportable:
    """A plan with sessions, and the program template it was filled from."""

    current: CurrentPlan
    program: Program


@dataclass(frozen=True)
class When:
    """Where sessions go in a calendar: time of day, IANA time zone, movement breaks or not."""

    at: time
    time_zone: str
    breaks: bool


def person_key(user_id: int) -> str:
    """Who a person is in calendar UIDs and FHIR identifiers: stable for the account's life."""
    return f"midback-user-{user_id}"


def identifier_system(uow: UnitOfWork) -> str:
    """The URI that, with `person_key`, names a person in FHIR exports of this installation.

    `urn:uuid:<installation id>`: the id is random per installation (made by migration 0013),
    so two people with the same account number on two servers never share an identifier.
    """
    with uow:
        found = uow.installation.uuid()
        uow.commit()
    return f"urn:uuid:{found}"


def zone(name: str) -> ZoneInfo:
    """The IANA time zone `name`; InvalidInput naming the field if there is no such zone."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        problem = FieldProblem("time_zone", f"unknown time zone '{name}'; e.g. Europe/London")
        raise InvalidInput("unknown time zone", fields=(problem,)) from None


def exportable(uow: UnitOfWork, content: Content, cache: PlanCache, user_id: int) -> Exportable:
    """The current plan, if it has sessions: NotFound without a program, Conflict for a
    referral or an empty program (the message says which)."""
    current = require_plan(uow, content, cache, user_id)
    program = content.programs.get(current.program.program)
    if program is None:
        raise Conflict(f"the program '{current.program.program}' is no longer on this server")
    try:
        require_sessions(current.plan)
    except EmptyProgramError as error:
        raise Conflict(f"nothing to export: {error}") from None
    return Exportable(current, program)


def calendar_bytes(
    found: Exportable,
    content: Content,
    user_id: int,
    when: When,
    base_url: str,
    *,
    feed: bool = False,
) -> bytes:
    """The plan as iCalendar; its SEQUENCE is the plan-inputs version, which only grows. A
    download cancels unused break slots (it may be imported over an older one); a `feed` not."""
    options = CalendarOptions(
        person_key=person_key(user_id),
        tz=zone(when.time_zone),
        at=when.at,
        base_url=base_url,
        breaks=Breaks() if when.breaks else None,
        cancel_unused_breaks=not feed,
        sequence=found.current.version,
    )
    return plan_calendar(found.current.plan, found.program, content.exercises, options)


def program_calendar(
    uow: UnitOfWork,
    content: Content,
    cache: PlanCache,
    user_id: int,
    *,
    when: When,
    base_url: str,
) -> bytes:
    """The person's current plan as a calendar file to download."""
    found = exportable(uow, content, cache, user_id)
    return calendar_bytes(found, content, user_id, when, base_url)


@dataclass(frozen=True)
class Print:
    """How a handout is printed: paper, the day it is issued, names on it, and where QR codes go."""

    paper: Paper
    today: date
    base_url: str
    person: str | None = None
    clinician: str | None = None
    large_print: bool = False


def program_handout(
    uow: UnitOfWork,
    content: Content,
    cache: PlanCache,
    user_id: int,
    *,
    week: int | None,
    how: Print,
) -> bytes:
    """One week of the person's plan as a PDF (`week` None: the week of `how.today`)."""
    found = exportable(uow, content, cache, user_id)
    try:
        handout = plan_handout(
            found.current.plan,
            found.program,
            content.exercises,
            week=week,
            today=how.today,
            person=how.person,
            clinician=how.clinician,
            base_url=how.base_url,
        )
    except EmptyProgramError as error:
        raise Conflict(f"nothing to print: {error}") from None
    except NoSuchWeekError as error:
        raise InvalidInput(str(error), fields=(FieldProblem("query.week", str(error)),)) from None
    return render_handout(handout, paper=how.paper, large_print=how.large_print)


def patient_handout(
    uow: UnitOfWork,
    content: Content,
    cache: PlanCache,
    clinician: User,
    patient_id: int,
    *,
    week: int | None,
    how: Print,
) -> bytes:
    """A linked clinician prints a week of the patient's plan (audited; NotFound if unlinked)."""
    link = sharing.open_patient(
        uow, clinician, patient_id, action="clinician.read", detail="program handout"
    )
    # The patient's display name; without one the line is left to write by hand (an email
    # address is not a name). The clinician is named likewise.
    person = link.patient_name or None
    named = Print(how.paper, how.today, how.base_url, person, clinician.shown_name, how.large_print)
    try:
        return program_handout(uow, content, cache, patient_id, week=week, how=named)
    except NotFound:
        raise NotFound("the patient has not started a program yet") from None


def routine_handout(
    uow: UnitOfWork, content: Content, user: User, routine_id: int, *, how: Print
) -> bytes:
    """A routine the person owns or was assigned, as a PDF; the assigning clinician is named."""
    routine = get_routine(uow, content, user.id, routine_id).routine
    clinician = how.clinician
    if routine.owner_id != user.id:
        with uow:
            owner = uow.users.get(routine.owner_id)
        clinician = owner.email if owner else None
    elif routine.shared_with is not None:
        clinician = user.email
    try:
        handout = make_routine_handout(
            _printable(routine, content),
            content.exercises,
            today=how.today,
            person=how.person,
            clinician=clinician,
            base_url=how.base_url,
        )
    except UnknownExerciseError as error:
        raise Conflict(f"this routine can no longer be printed: {error}") from None
    return render_handout(handout, paper=how.paper, large_print=how.large_print)


def _printable(routine: Routine, content: Content) -> records.HandoutRoutine:
    """A stored routine as the handout's routine: each item's dose at the exercise's tempo."""
    items = []
    for item in routine.items:
        exercise = content.exercises.get(item.exercise)
        tempo = exercise.dose.seconds_per_rep if exercise else DEFAULT_SECONDS_PER_REP
        dose = Dose(
            sets=item.sets,
            reps=item.reps,
            hold_s=item.hold_s,
            rest_s=item.rest_s,
            seconds_per_rep=tempo,
        )
        note = f"{item.side.value} side only" if item.side != Side.BOTH else None
        items.append(records.HandoutItem(exercise=item.exercise, dose=dose, note=note))
    try:
        return records.HandoutRoutine(name=routine.name, items=items)
    except ValidationError:
        count = len(items)
        raise Conflict(f"this routine has {count} exercises; a handout holds at most 30") from None
