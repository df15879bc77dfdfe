"""SEAM for the next pass: where a finished guided session meets the session-log service.

The player's feedback form posts to `/play/done`, which validates a `SessionFeedback` and calls
`record_guided_session`. Wire it to the session-log service once that exists (idempotent on
`feedback.session_key`, which the player page made when it was rendered, so a form sent twice
logs one session). Nothing is stored until then, and the thanks page says so honestly.
"""

from __future__ import annotations

from midback.domain.accounts import User
from midback.domain.guided import SessionFeedback
from midback.storage.uow import Storage


def record_guided_session(storage: Storage, user: User | None, feedback: SessionFeedback) -> bool:
    """Store a signed-in person's finished session in their log; True once it was stored.

    NEXT PASS: for a `user`, call the session-log service with `storage.unit_of_work()` and
    `feedback` (pain during, difficulty, note, exercises, idempotency key), then return True.
    Anonymous sessions are never stored.
    """
    del storage, user, feedback  # not stored yet: the session-log service is being built
    return False
