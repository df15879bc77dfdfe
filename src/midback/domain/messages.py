"""Messages between a patient and a linked clinician: what one is, and what makes one sendable.

A thread belongs to a pair (patient, clinician) and exists only while the two are linked; the
rules on who may see it live in `services/messages.py`. Plain values and pure checks, no I/O.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime

MAX_MESSAGE = 2000
"""Characters in one message: a few paragraphs, enough for a question and its context."""

_KEPT_CONTROLS = frozenset("\n\t")


@dataclass(frozen=True, slots=True)
class Message:
    """One message in the thread of `patient_id` and `clinician_id`, written by `sender_id`."""

    id: int
    patient_id: int
    clinician_id: int
    sender_id: int
    body: str
    sent_at: datetime
    read_at: datetime | None = None
    """When the recipient first opened the thread after it arrived (None: unread)."""

    @property
    def recipient_id(self) -> int:
        """The other person in the thread."""
        return self.clinician_id if self.sender_id == self.patient_id else self.patient_id

    def unread_by(self, user_id: int) -> bool:
        """True if `user_id` received this message and has not opened the thread since."""
        return self.read_at is None and self.recipient_id == user_id


def message_text(raw: str) -> str:
    """The text as kept: line endings made `\\n`, outer blank space trimmed.

    ValueError if nothing is left, it is longer than `MAX_MESSAGE`, or it holds control
    characters other than line breaks and tabs.
    """
    text = raw.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        raise ValueError("write a message first")
    if len(text) > MAX_MESSAGE:
        raise ValueError(f"use at most {MAX_MESSAGE:,} characters")
    if any(_unwritable(c) for c in text):
        raise ValueError("use letters, numbers and punctuation only")
    return text


def _unwritable(c: str) -> bool:
    """A control character (but a line break or tab), or half of a broken surrogate pair."""
    category = unicodedata.category(c)
    return (category == "Cc" and c not in _KEPT_CONTROLS) or category == "Cs"


def unread_count(messages: list[Message], user_id: int) -> int:
    """How many of `messages` `user_id` received and has not read."""
    return sum(1 for m in messages if m.unread_by(user_id))
