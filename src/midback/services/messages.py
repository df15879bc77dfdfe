"""Messages between a patient and each linked clinician, with unread counts.

A thread is a pair (patient, clinician), open to the two of them only while the patient's link
to that clinician is active: a clinician writes only to linked patients, a patient only to
linked clinicians, and when the patient ends the link neither side can read or write it (it
comes back if the two link again; no one else ever sees it). Deleting either account deletes
the thread (storage cascades it). Message text is health data: it never goes to logs, and URLs
carry only the other person's id. A clinician opening a thread is noted in the patient's trail,
as every clinician read of patient data is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from midback.domain.accounts import Role, User
from midback.domain.messages import Message, message_text
from midback.services.errors import FieldProblem, InvalidInput, NotFound
from midback.storage.uow import UnitOfWork

THREAD_LIMIT = 500
"""Messages a thread shows (the latest); far more than a course of care writes."""

NO_THREAD = "no such conversation"

Side = Literal["patient", "clinician"]


@dataclass(frozen=True, slots=True)
class Thread:
    """One conversation as a list shows it, from the viewer's side."""

    other_id: int
    other_name: str
    """The other person's display name, else their email."""
    other_role: Side
    """What the other person is in this thread: "clinician" (you are the patient) or "patient"."""
    unread: int
    last_sent_at: datetime | None


@dataclass(frozen=True, slots=True)
class Conversation:
    """A thread and its messages, oldest first, with `read_at` as it was before this opening."""

    thread: Thread
    messages: list[Message]


@dataclass(frozen=True, slots=True)
class Inbox:
    """What Today shows a patient: how many clinicians they can write to, and unread messages."""

    clinicians: int
    unread: int


def _shown(name: str, email: str) -> str:
    return name or email


def _pair(uow: UnitOfWork, user: User, other_id: int) -> tuple[int, int, Side, str]:
    """(patient id, clinician id, the other's role, the other's shown name) of an open thread.

    NotFound unless the two are linked now, whoever asks and whatever the other id is.
    """
    if user.role is Role.CLINICIAN:
        link = uow.links.active(clinician_id=user.id, patient_id=other_id)
        if link is not None:
            return other_id, user.id, "patient", link.patient_shown
    link = uow.links.active(clinician_id=other_id, patient_id=user.id)
    if link is None:
        raise NotFound(NO_THREAD)
    name, email = uow.messages.names([other_id]).get(other_id, ("", link.clinician_email))
    return user.id, other_id, "clinician", _shown(name, email)


def threads(uow: UnitOfWork, user: User) -> list[Thread]:
    """The person's open threads: each linked clinician, then (for a clinician) each linked
    patient, with the messages from them still unread and the time of the latest message."""
    with uow:
        as_patient = {
            link.clinician_id: link for link in uow.links.of_patient(user.id) if link.active
        }
        as_clinician = uow.links.of_clinician(user.id) if user.role is Role.CLINICIAN else []
        mine = uow.messages.counts("patient", user.id) if as_patient else {}
        theirs = uow.messages.counts("clinician", user.id) if as_clinician else {}
        names = uow.messages.names(list(as_patient))
    found: list[Thread] = []
    for clinician_id, link in as_patient.items():
        name, email = names.get(clinician_id, ("", link.clinician_email))
        counts = mine.get(clinician_id)
        found.append(
            Thread(
                clinician_id,
                _shown(name, email),
                "clinician",
                counts.unread if counts else 0,
                counts.last_sent_at if counts else None,
            )
        )
    for link in as_clinician:
        counts = theirs.get(link.patient_id)
        found.append(
            Thread(
                link.patient_id,
                link.patient_shown,
                "patient",
                counts.unread if counts else 0,
                counts.last_sent_at if counts else None,
            )
        )
    return found


def inbox(uow: UnitOfWork, user: User) -> Inbox:
    """The patient's linked clinicians and the messages from them still unread (two queries)."""
    with uow:
        linked = {link.clinician_id for link in uow.links.of_patient(user.id) if link.active}
        counts = uow.messages.counts("patient", user.id) if linked else {}
    return Inbox(len(linked), sum(c.unread for i, c in counts.items() if i in linked))


def unread_from_patients(uow: UnitOfWork, clinician: User) -> dict[int, int]:
    """Per patient id, the messages from them the clinician has not read (one query; the
    caller keeps only patients linked now)."""
    with uow:
        counts = uow.messages.counts("clinician", clinician.id)
    return {patient_id: c.unread for patient_id, c in counts.items() if c.unread}


def open_thread(uow: UnitOfWork, user: User, other_id: int) -> Conversation:
    """The thread with `other_id`, marked read for `user` (NotFound unless the two are linked).

    A clinician's opening goes into the patient's audit trail.
    """
    now = uow.clock.now()
    with uow:
        patient_id, clinician_id, role, name = _pair(uow, user, other_id)
        messages = uow.messages.thread(
            patient_id=patient_id, clinician_id=clinician_id, limit=THREAD_LIMIT
        )
        unread = sum(1 for m in messages if m.unread_by(user.id))
        if unread:
            uow.messages.mark_read(
                patient_id=patient_id, clinician_id=clinician_id, reader_id=user.id, now=now
            )
        if role == "patient":
            uow.audit.add(
                subject_id=patient_id,
                actor_id=user.id,
                actor_role=user.role,
                action="clinician.read",
                now=now,
                detail="messages",
            )
        uow.commit()
    last = messages[-1].sent_at if messages else None
    return Conversation(Thread(other_id, name, role, unread, last), messages)


def send(uow: UnitOfWork, user: User, other_id: int, text: str) -> Message:
    """Write to `other_id` (InvalidInput for an empty or too long text; NotFound unless linked)."""
    try:
        body = message_text(text)
    except ValueError as error:
        raise InvalidInput(
            "the message cannot be sent", fields=(FieldProblem("body", str(error)),)
        ) from None
    with uow:
        patient_id, clinician_id, _, _ = _pair(uow, user, other_id)
        message = uow.messages.add(
            patient_id=patient_id,
            clinician_id=clinician_id,
            sender_id=user.id,
            body=body,
            now=uow.clock.now(),
        )
        uow.commit()
    return message
