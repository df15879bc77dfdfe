"""Logs of guided sessions saved in two steps: at once when the last set ends, rated later.

Both steps use the player's session key as the idempotency key, so every retry (a page sent
twice, an outbox replaying after a lost answer) lands on the one log: nothing is doubled.
"""

from __future__ import annotations

from midback.content.loader import Content
from midback.domain.finished import rates
from midback.domain.training import LogInput
from midback.services import logs
from midback.services.logs import IdempotencyConflict, Logged
from midback.storage.uow import UnitOfWork


def save_finished(
    uow: UnitOfWork, content: Content, user_id: int, body: LogInput, *, key: str
) -> Logged:
    """Store an unrated finished session under `key`; a log already there (saved before, or
    already rated because the rating arrived first) is kept as it is."""
    try:
        return logs.log_session(uow, content, user_id, body, key=key)
    except IdempotencyConflict:
        with uow:
            existing = uow.logs.by_key(user_id, key)
        assert existing is not None
        return Logged(existing, replayed=True)


def rate_session(
    uow: UnitOfWork, content: Content, user_id: int, body: LogInput, *, key: str
) -> Logged:
    """Store a rated session under `key`, or rate the unrated log saved under it when the
    session ended; any other log under the key is an IdempotencyConflict, as in the API."""
    try:
        return logs.log_session(uow, content, user_id, body, key=key)
    except IdempotencyConflict:
        digest = logs.request_hash(body)
        with uow:
            existing = uow.logs.by_key(user_id, key)
            if existing is None or not rates(existing, body):
                raise
            uow.logs.rate(existing.id, body, request_hash=digest)
            uow.plan_inputs.bump(user_id)
            uow.commit()
            rated = uow.logs.get(existing.id)
        assert rated is not None
        return Logged(rated, replayed=False)
