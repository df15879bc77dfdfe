"""Clearances end to end: the person's "a clinician cleared me", a linked clinician's own
record, the audit trail, and the health-check verdict they change.

Recording a clearance moves the person's plan-inputs version on, so the plan (and Today) follow
at once. Who may clear what is the domain's rule (`screening.clears`): a person cannot clear an
emergency outcome themselves.
"""

from __future__ import annotations

from datetime import date

from midback.content.loader import Content
from midback.domain.accounts import Role, User
from midback.domain.clearance import ClearanceRecord, ClearanceRequest, date_problem
from midback.domain.plan import AssessmentReport
from midback.domain.planner import assess_profile
from midback.domain.planner.adaptation import PAIN_HOLD
from midback.domain.planner.safety import rescreened
from midback.domain.screening import Clearance, Tier, clears
from midback.services.errors import FieldProblem, InvalidInput, NotFound
from midback.services.onboarding import DEFAULT_PROGRAM
from midback.storage.uow import UnitOfWork


def screening_report(uow: UnitOfWork, content: Content, user_id: int) -> AssessmentReport | None:
    """The health-check verdict for the person's latest answers, with the new symptoms logged
    since (the screen asked again), and their clearances (None before any answers)."""
    with uow:
        assessment = uow.assessments.latest(user_id)
        clearances = uow.clearances.of_user(user_id)
        logs = []
        if assessment is not None:
            started = assessment.profile.start_date or assessment.taken_at.date()
            since = min(started, assessment.taken_at.date())
            logs = uow.logs.of_user(user_id, since=since, with_items=False)
    if assessment is None:
        return None
    symptoms = [
        flag
        for log in reversed(logs)
        if log.created_at >= assessment.taken_at  # answering again covers what came before
        for flag in log.new_symptoms
    ]
    program = content.programs.get(DEFAULT_PROGRAM) or next(iter(content.programs.values()))
    return assess_profile(
        rescreened(assessment.profile, symptoms),
        program,
        content.protocols,
        safety=content.safety(),
        clearances=clearances,
    )


def record_own(
    uow: UnitOfWork, content: Content, person: User, request: ClearanceRequest, today: date
) -> ClearanceRecord:
    """The person records that a clinician cleared an outcome (they must confirm it)."""
    if not request.confirm:
        problem = FieldProblem("confirm", "confirm that a clinician saw you and cleared this")
        raise InvalidInput("please confirm", fields=(problem,))
    return _record(uow, content, person.id, person, request, "self", today)


def record_for_patient(
    uow: UnitOfWork,
    content: Content,
    clinician: User,
    patient_id: int,
    request: ClearanceRequest,
    today: date,
) -> ClearanceRecord:
    """A clinician linked to the patient records a clearance; anyone else gets NotFound."""
    if clinician.role is not Role.CLINICIAN:
        raise NotFound("no such patient")
    with uow:
        if uow.links.active(clinician_id=clinician.id, patient_id=patient_id) is None:
            raise NotFound("no such patient")
    return _record(uow, content, patient_id, clinician, request, "clinician", today)


def clearances_of(uow: UnitOfWork, user_id: int) -> list[ClearanceRecord]:
    """Every clearance of the person, oldest first."""
    with uow:
        return uow.clearances.records_of(user_id)


def _record(
    uow: UnitOfWork,
    content: Content,
    subject_id: int,
    actor: User,
    request: ClearanceRequest,
    by: str,
    today: date,
) -> ClearanceRecord:
    problem = date_problem(request.cleared_on, today)
    if problem is not None:
        raise InvalidInput(problem, fields=(FieldProblem("cleared_on", problem),))
    clearance = Clearance.model_validate(
        {"rule": request.rule, "cleared_on": request.cleared_on, "by": by}
    )
    _check_rule(uow, content, subject_id, clearance)
    with uow:
        uow.plan_inputs.bump(subject_id)
        record = uow.clearances.add(
            user_id=subject_id,
            clearance=clearance,
            scope=request.scope,
            note=request.note,
            recorded_by=actor.id,
            now=uow.clock.now(),
        )
        who = "a clinician" if by == "clinician" else "the person"
        uow.audit.add(
            subject_id=subject_id,
            actor_id=actor.id,
            actor_role=actor.role,
            action="cleared",
            now=uow.clock.now(),
            detail=f"{request.rule} cleared on {request.cleared_on}, recorded by {who}",
        )
        uow.commit()
    return record


def _check_rule(uow: UnitOfWork, content: Content, subject_id: int, clearance: Clearance) -> None:
    """The rule must be one the person's screen shows, one a log can raise during the program
    (any screen rule, or a pain hold), and clearable by whoever records it."""
    tiers = {rule.id: rule.tier for rule in content.safety().screen.rules}
    tiers[PAIN_HOLD] = Tier.SEE_CLINICIAN
    report = screening_report(uow, content, subject_id)
    if report is not None:
        tiers.update({o.rule: o.tier for o in report.screening.outcomes})
    tier = tiers.get(clearance.rule)
    if tier is None:
        message = f"nothing called '{clearance.rule}' can be cleared"
        raise InvalidInput(message, fields=(FieldProblem("rule", message),))
    if not clears(clearance, tier):
        message = "an emergency can only be cleared by your clinician, or by answering again"
        raise InvalidInput(message, fields=(FieldProblem("rule", message),))
