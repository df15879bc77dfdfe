"""Session logs, with idempotency: a retried upload never logs a session twice.

The client sends an idempotency key with each new log. The first request with a key stores the
log and its items in one transaction; a retry with the same key and the same body gets the
stored log back (nothing new is written); the same key with another body is a Conflict. The
database's unique (person, key) constraint makes two concurrent requests unable to both store.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from pydantic import BaseModel

from midback.content.loader import Content
from midback.domain.feedback import EARLIEST_SESSION, latest_session_day
from midback.domain.training import LogInput, SessionLog
from midback.services.errors import Conflict, FieldProblem, InvalidInput, NotFound
from midback.storage.repositories.logs import MissingReference
from midback.storage.uow import UnitOfWork

KEY_PATTERN = re.compile(r"^[\x21-\x7e]{1,200}$")
"""1–200 visible ASCII characters (a UUID is typical)."""

LOG_LIST_LIMIT = 500


class IdempotencyConflict(Conflict):
    """The idempotency key was already used for a different request body."""

    code = "idempotency_key_reused"


@dataclass(frozen=True)
class Logged:
    """A stored log, and whether this request only replayed an earlier one."""

    log: SessionLog
    replayed: bool


ADDED_FIELDS = ("new_symptoms", "seen_clinician")
"""Log fields added after logs were first stored: left out of the digest while they hold their
default, so a body written before they existed hashes as it always did (a replay is no 409)."""

ADDED_ITEM_FIELDS = ("camera",)
"""Item fields added later, left out of the digest in the same way."""


def request_hash(body: LogInput) -> str:
    """A digest of the body as validated (defaults filled in), so equal requests hash equal;
    fields added later count only when they are set (see ADDED_FIELDS)."""
    exclude: dict[str, Any] = {name: True for name in _defaults(body, ADDED_FIELDS)}
    items = {
        index: dict.fromkeys(unset, True)
        for index, item in enumerate(body.items)
        if (unset := _defaults(item, ADDED_ITEM_FIELDS))
    }
    if items:
        exclude["items"] = items
    return hashlib.sha256(body.model_dump_json(exclude=exclude).encode("utf-8")).hexdigest()


def _defaults(model: BaseModel, names: Sequence[str]) -> list[str]:
    """Which of `names` hold their field's default in `model`."""
    fields = type(model).model_fields
    return [
        name
        for name in names
        if getattr(model, name) == fields[name].get_default(call_default_factory=True)
    ]


def log_session(
    uow: UnitOfWork, content: Content, user_id: int, body: LogInput, *, key: str
) -> Logged:
    """Store a session log and its items, or replay the one stored under `key`."""
    _check(content, body, key, today=uow.clock.today())
    digest = request_hash(body)
    with uow:
        return _store(uow, user_id, body, key, digest)


def _store(uow: UnitOfWork, user_id: int, body: LogInput, key: str, digest: str) -> Logged:
    """The write path, in as few statements as the rules allow: the log's INSERT finds the
    current program itself and lets the unique (person, key) index report a replay; its items
    and the plan-inputs counter go with it (one statement on PostgreSQL, whose row lock on the
    counter is then held only until the commit right after)."""
    if body.routine_id is not None:
        routine = uow.routines.get(body.routine_id)
        if routine is None or user_id not in (routine.owner_id, routine.shared_with):
            problem = FieldProblem("routine_id", "no such routine")
            raise InvalidInput("no such routine", fields=(problem,))
    try:
        log = uow.logs.add(
            user_id=user_id,
            body=body,
            current_program=body.routine_id is None,
            key=key,
            request_hash=digest,
            now=uow.clock.now(),
        )
    except MissingReference:  # the routine (or the account) was deleted meanwhile
        raise Conflict(
            "what this log refers to was deleted meanwhile; check and send again"
        ) from None
    if log is None:  # the key was used before (or by a concurrent request that committed)
        existing = uow.logs.by_key(user_id, key)
        assert existing is not None
        return _replay(existing, digest)
    if body.planned_session is not None and log.program_ref is None:
        problem = FieldProblem("planned_session", "you have not started a program")
        raise InvalidInput("no program to log a planned session of", fields=(problem,))
    uow.commit()
    return Logged(log, replayed=False)


def _replay(existing: SessionLog, digest: str) -> Logged:
    if existing.request_hash != digest:
        raise IdempotencyConflict(
            "this Idempotency-Key was used for a different log; use a new key for a new log",
            fields=(FieldProblem("header.Idempotency-Key", "already used for another body"),),
        )
    return Logged(existing, replayed=True)


def _check(content: Content, body: LogInput, key: str, *, today: date) -> None:
    problems = []
    if not KEY_PATTERN.match(key):
        problems.append(FieldProblem("header.Idempotency-Key", "1–200 visible ASCII characters"))
    latest = latest_session_day(today)  # the same rule as the export and import
    if not EARLIEST_SESSION <= body.session_date <= latest:
        problems.append(FieldProblem("session_date", f"must be from 2000-01-01 to {latest}"))
    for index, item in enumerate(body.items):
        if item.exercise not in content.exercises:
            problems.append(
                FieldProblem(f"items.{index}.exercise", f"unknown exercise id '{item.exercise}'")
            )
    if problems:
        raise InvalidInput("the log is not valid", fields=tuple(problems))


def set_pain_next_day(uow: UnitOfWork, user_id: int, log_id: int, pain: int | None) -> SessionLog:
    """Record the pain felt the morning after a session; NotFound for anyone else's log."""
    with uow:
        uow.plan_inputs.bump(user_id)
        log = uow.logs.get(log_id)
        if log is None or log.user_id != user_id:
            raise NotFound("no such log")
        uow.logs.set_pain_next_day(log_id, pain)
        uow.commit()
    return replace(log, pain_next_day=pain)


def get_log(uow: UnitOfWork, user_id: int, log_id: int) -> SessionLog:
    """One of the person's logs; NotFound for anyone else's."""
    with uow:
        log = uow.logs.get(log_id)
    if log is None or log.user_id != user_id:
        raise NotFound("no such log")
    return log


def logs_of(uow: UnitOfWork, user_id: int, *, limit: int = LOG_LIST_LIMIT) -> list[SessionLog]:
    """The person's logs, newest session first."""
    with uow:
        return uow.logs.of_user(user_id, limit=limit)
