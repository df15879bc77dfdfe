"""Clearances on SQLite and PostgreSQL: a person's own (confirmed) and a linked clinician's, the
audit trail, the plan following at once, and who may clear what."""

from __future__ import annotations

from datetime import timedelta

import pytest
from tests.support.training import profile, today

from midback.content.loader import Content
from midback.domain.accounts import Role, User
from midback.domain.clearance import ClearanceRequest
from midback.domain.training import ProgramRequest
from midback.services import accounts, assessments, clearances, programs, sharing
from midback.services.errors import InvalidInput, NotFound
from midback.services.plans import PlanCache, current_plan
from midback.services.security import Security
from midback.storage.uow import Storage

PASSWORD = "a long and rare passphrase"


def _user(storage: Storage, security: Security, email: str, role: Role = Role.MEMBER) -> User:
    return accounts.create_user(
        storage.unit_of_work(), security, email=email, password=PASSWORD, role=role
    )


def _held(storage: Storage, security: Security, content: Content, **answers: object) -> User:
    """A member whose health check holds (over 50 with new pain), with a program started."""
    user = _user(storage, security, "pat@example.org")
    data = profile(**{"age": 62, "red_flags": ["new_pain"], **answers})
    assessments.save_assessment(storage.unit_of_work(), content, user.id, data, recorded_by=user.id)
    programs.create_program(
        storage.unit_of_work(), content, user.id, ProgramRequest(), today=today()
    )
    return user


def test_a_confirmed_own_clearance_starts_the_held_program_and_is_audited(
    storage: Storage, security: Security, builtin_content: Content
) -> None:
    user = _held(storage, security, builtin_content)
    cache = PlanCache()
    before = current_plan(storage.unit_of_work(), builtin_content, cache, user.id)
    assert before is not None and before.plan.status == "hold" and not before.sessions
    request = ClearanceRequest(rule="new_pain_over_50", cleared_on=today())
    with pytest.raises(InvalidInput, match="confirm"):
        clearances.record_own(storage.unit_of_work(), builtin_content, user, request, today())
    confirmed = request.model_copy(update={"confirm": True})
    clearances.record_own(storage.unit_of_work(), builtin_content, user, confirmed, today())
    after = current_plan(storage.unit_of_work(), builtin_content, cache, user.id)
    assert after is not None and after.plan.status == "ok" and after.sessions
    (entry, *_) = sharing.audit_trail(storage.unit_of_work(), user)
    assert entry.action == "cleared" and "new_pain_over_50" in entry.detail
    (record,) = clearances.clearances_of(storage.unit_of_work(), user.id)
    assert record.clearance.by == "self" and record.recorded_by == user.id


def test_only_a_linked_clinician_records_for_a_patient_and_emergencies_need_one(
    storage: Storage, security: Security, builtin_content: Content
) -> None:
    user = _held(storage, security, builtin_content, red_flags=["chest_pain"])
    doc = _user(storage, security, "doc@example.org", Role.CLINICIAN)
    request = ClearanceRequest(rule="chest_pain", cleared_on=today(), note="ECG normal")
    with pytest.raises(NotFound):
        clearances.record_for_patient(
            storage.unit_of_work(), builtin_content, doc, user.id, request, today()
        )
    own = request.model_copy(update={"confirm": True})
    with pytest.raises(InvalidInput, match="emergency"):
        clearances.record_own(storage.unit_of_work(), builtin_content, user, own, today())
    code, _ = sharing.create_invite(storage.unit_of_work(), security, doc)
    sharing.redeem_invite(storage.unit_of_work(), user, code)
    record = clearances.record_for_patient(
        storage.unit_of_work(), builtin_content, doc, user.id, request, today()
    )
    assert record.clearance.by == "clinician" and record.note == "ECG normal"
    report = clearances.screening_report(storage.unit_of_work(), builtin_content, user.id)
    assert report is not None
    chest = next(o for o in report.screening.outcomes if o.rule == "chest_pain")
    assert chest.cleared_on == today()
    trail = sharing.audit_trail(storage.unit_of_work(), user)
    assert any(e.action == "cleared" and e.actor_id == doc.id for e in trail)


def test_unknown_rules_and_future_dates_are_refused(
    storage: Storage, security: Security, builtin_content: Content
) -> None:
    user = _held(storage, security, builtin_content)
    future = ClearanceRequest(
        rule="new_pain_over_50", cleared_on=today() + timedelta(days=1), confirm=True
    )
    with pytest.raises(InvalidInput, match="future"):
        clearances.record_own(storage.unit_of_work(), builtin_content, user, future, today())
    bogus = ClearanceRequest(rule="no_such_rule", cleared_on=today(), confirm=True)
    with pytest.raises(InvalidInput, match="can be cleared"):
        clearances.record_own(storage.unit_of_work(), builtin_content, user, bogus, today())
