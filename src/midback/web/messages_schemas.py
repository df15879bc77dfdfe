"""Request and response bodies of the message endpoints (and the export's messages)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from midback.domain.messages import MAX_MESSAGE, Message
from midback.services.messages import Conversation, Thread


class MessageIn(BaseModel):
    """A message to send: plain text, at most 2,000 characters once outer blank space is trimmed."""

    model_config = ConfigDict(extra="forbid")

    body: str = Field(min_length=1, max_length=2 * MAX_MESSAGE, examples=["Is the ache normal?"])


class MessageOut(BaseModel):
    """One message; `read_at` is when the recipient opened the thread (null while unread)."""

    id: int
    patient_id: int
    clinician_id: int
    sender_id: int
    body: str
    sent_at: datetime
    read_at: datetime | None

    @classmethod
    def of(cls, m: Message) -> MessageOut:
        """The message as sent out."""
        return cls(
            id=m.id,
            patient_id=m.patient_id,
            clinician_id=m.clinician_id,
            sender_id=m.sender_id,
            body=m.body,
            sent_at=m.sent_at,
            read_at=m.read_at,
        )


class ThreadOut(BaseModel):
    """A conversation with one linked person, from your side."""

    other_user_id: int
    other_name: str = Field(description="Their display name, else their email.")
    other_role: Literal["clinician", "patient"] = Field(
        description='"clinician": you are their patient; "patient": you are their clinician.'
    )
    unread: int = Field(description="Messages from them you have not opened yet.")
    last_sent_at: datetime | None

    @classmethod
    def of(cls, t: Thread) -> ThreadOut:
        """The thread as listed."""
        return cls(
            other_user_id=t.other_id,
            other_name=t.other_name,
            other_role=t.other_role,
            unread=t.unread,
            last_sent_at=t.last_sent_at,
        )


class ConversationOut(BaseModel):
    """A thread and its latest messages, oldest first; `thread.unread` is what this read opened
    (those messages now have `read_at` set in storage, null here)."""

    thread: ThreadOut
    messages: list[MessageOut]

    @classmethod
    def of(cls, c: Conversation) -> ConversationOut:
        """The conversation as sent out."""
        return cls(thread=ThreadOut.of(c.thread), messages=[MessageOut.of(m) for m in c.messages])
