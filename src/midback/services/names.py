"""Display names: how a person likes to be named on the desk, in handouts and messages.

Optional: without one, the email stands in on screen, and a printed handout leaves its name
line blank to write on (an email address is not a name).
"""

from __future__ import annotations

import unicodedata

from midback.services.errors import FieldProblem, InvalidInput
from midback.storage.uow import UnitOfWork

MAX_NAME = 80
"""Long enough for any name people write on a form; the column holds as much."""


def clean_name(raw: str, *, field: str = "display_name") -> str:
    """The name as kept: spaces tidied; InvalidInput if too long or holding control characters."""
    name = " ".join(raw.split())
    if len(name) > MAX_NAME:
        problem = FieldProblem(field, f"use at most {MAX_NAME} characters")
        raise InvalidInput("the name is too long", fields=(problem,))
    if any(unicodedata.category(c).startswith("C") for c in name):
        problem = FieldProblem(field, "use letters, spaces and punctuation only")
        raise InvalidInput("the name has characters that cannot be shown", fields=(problem,))
    return name


def set_display_name(uow: UnitOfWork, user_id: int, raw: str) -> str:
    """Store the person's display name ("" removes it) and return it as kept."""
    name = clean_name(raw)
    with uow:
        uow.users.set_display_name(user_id, name)
        uow.commit()
    return name
