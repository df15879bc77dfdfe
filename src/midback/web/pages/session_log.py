"""Where a finished guided session meets the session-log service.

The player's feedback form posts to `/play/done`, which validates a `SessionFeedback` and calls
`record_guided_session`: a signed-in person's session is logged through the same idempotent
service as the API, on `feedback.session_key` (made when the player page was rendered, so a form
sent twice logs one session). The player saves the session unrated the moment its last set ends
(`/play/finished`, pages/finished.py); the form then rates that same log. Anonymous sessions are
never stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from midback.content.loader import Content
from midback.domain.accounts import User
from midback.domain.guided import SessionFeedback, log_input
from midback.domain.training import SessionLog
from midback.services import finished_logs
from midback.services.errors import InvalidInput
from midback.services.logs import IdempotencyConflict
from midback.storage.uow import Storage


@dataclass(frozen=True)
class Recorded:
    """What became of a session: its log (None if it could not be stored, with why)."""

    log: SessionLog | None
    replayed: bool = False
    problem: str = ""


def record_guided_session(
    storage: Storage, content: Content, user: User | None, feedback: SessionFeedback, day: date
) -> Recorded | None:
    """Store a signed-in person's finished session, done on `day`, in their log; None when
    nobody is signed in."""
    if user is None:
        return None
    body = log_input(feedback, day)
    try:
        logged = finished_logs.rate_session(
            storage.unit_of_work(), content, user.id, body, key=feedback.session_key
        )
    except IdempotencyConflict:
        return Recorded(None, True, "This session was already saved; your first answers count.")
    except InvalidInput as error:
        return Recorded(None, False, f"It could not be saved: {error.message}.")
    return Recorded(logged.log, logged.replayed)
