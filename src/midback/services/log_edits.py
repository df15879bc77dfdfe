"""A history a person can fix: their past sessions a page at a time, a corrected pain rating, a
mistaken log deleted.

Every change moves the plan-inputs version in the same transaction (the plan and the desk's
views are recomputed from the corrected history) and writes an entry in the person's audit
trail, which the person and their linked clinicians read.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum

from midback.domain.accounts import AuditEntry, User
from midback.domain.training import SessionLog
from midback.services.errors import NotFound
from midback.services.security import utcnow
from midback.storage.uow import UnitOfWork

PAGE_SIZE = 20
"""Sessions on one page of the history: about a month of an everyday program."""

CORRECTED = "session_log.corrected"
DELETED = "session_log.deleted"
CHANGES = (CORRECTED, DELETED)
"""The audit actions of a person changing their own history."""


@dataclass(frozen=True)
class HistoryPage:
    """One page of a person's past sessions, newest first."""

    logs: list[SessionLog]
    page: int
    has_next: bool


def history(uow: UnitOfWork, user_id: int, page: int = 1) -> HistoryPage:
    """Page `page` (from 1) of the person's sessions, newest first."""
    page = max(page, 1)
    with uow:
        found = uow.logs.of_user(
            user_id, limit=PAGE_SIZE + 1, offset=(page - 1) * PAGE_SIZE, with_items=True
        )
    return HistoryPage(found[:PAGE_SIZE], page, len(found) > PAGE_SIZE)


def _own(uow: UnitOfWork, user_id: int, log_id: int) -> SessionLog:
    log = uow.logs.get(log_id)
    if log is None or log.user_id != user_id:
        raise NotFound("no such log")
    return log


def _rating(value: int | None) -> str:
    return "none" if value is None else str(value)


def correct_pain(
    uow: UnitOfWork, user: User, log_id: int, *, during: int | None, next_day: int | None
) -> SessionLog:
    """Correct a log's pain ratings (0–10 or None); NotFound for anyone else's log."""
    with uow:
        log = _own(uow, user.id, log_id)
        uow.plan_inputs.bump(user.id)
        uow.logs.set_pain(log_id, during=during, next_day=next_day)
        _audit(uow, user, CORRECTED, _correction(log, during, next_day))
        uow.commit()
    return replace(log, pain_during=during, pain_next_day=next_day)


class Keep(Enum):
    """A rating left as it is (the request did not mention it)."""

    KEEP = "keep"


KEEP = Keep.KEEP
Rating = int | None | Keep


def amend_pain(
    uow: UnitOfWork, user: User, log_id: int, *, during: Rating = KEEP, next_day: Rating = KEEP
) -> SessionLog:
    """Set the ratings given (None clears one) and keep the others; NotFound for anyone else's
    log. A change of a stored rating is a correction and goes into the audit trail; the first
    next-morning rating of a session is the ordinary follow-up (as on Today) and does not."""
    with uow:
        log = _own(uow, user.id, log_id)
        new_during = log.pain_during if isinstance(during, Keep) else during
        new_next = log.pain_next_day if isinstance(next_day, Keep) else next_day
        if (new_during, new_next) == (log.pain_during, log.pain_next_day):
            return log
        uow.plan_inputs.bump(user.id)
        uow.logs.set_pain(log_id, during=new_during, next_day=new_next)
        if new_during != log.pain_during or log.pain_next_day is not None:
            _audit(uow, user, CORRECTED, _correction(log, new_during, new_next))
        uow.commit()
    return replace(log, pain_during=new_during, pain_next_day=new_next)


def _correction(log: SessionLog, during: int | None, next_day: int | None) -> str:
    return (
        f"session of {log.session_date.isoformat()}: pain during "
        f"{_rating(log.pain_during)} to {_rating(during)}, next morning "
        f"{_rating(log.pain_next_day)} to {_rating(next_day)}"
    )


def delete_log(uow: UnitOfWork, user: User, log_id: int) -> SessionLog:
    """Delete one of the person's logs (a mistake); NotFound for anyone else's log."""
    with uow:
        log = _own(uow, user.id, log_id)
        uow.plan_inputs.bump(user.id)
        uow.logs.delete(log_id)
        _audit(uow, user, DELETED, f"session of {log.session_date.isoformat()}")
        uow.commit()
    return log


def changes_of(uow: UnitOfWork, user_id: int, *, limit: int = 50) -> list[AuditEntry]:
    """The person's own corrections and deletions, newest first (callers check who may read)."""
    with uow:
        return uow.audit.of_subject(user_id, limit=limit, actions=CHANGES)


def _audit(uow: UnitOfWork, user: User, action: str, detail: str) -> None:
    uow.audit.add(
        subject_id=user.id,
        actor_id=user.id,
        actor_role=user.role,
        action=action,
        now=utcnow(),
        detail=detail,
    )
