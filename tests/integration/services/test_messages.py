"""Messages between a patient and a linked clinician, on both databases: who may write to whom,
unread counts, marking read, ending the link, deleting an account, the export and the desk."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from midback.content.loader import Content
from midback.domain.accounts import Role, User
from midback.domain.messages import MAX_MESSAGE
from midback.services import accounts, data_export, desk, messages, names, sharing
from midback.services.errors import InvalidInput, NotFound
from midback.services.plans import PlanCache
from midback.services.security import Security
from midback.storage.uow import Storage

PASSWORD = "a long and rare passphrase"


def _make(storage: Storage, security: Security, email: str, role: Role = Role.MEMBER) -> User:
    return accounts.create_user(
        storage.unit_of_work(), security, email=email, password=PASSWORD, role=role
    )


def _link(storage: Storage, security: Security, clinician: User, patient: User) -> int:
    code, _ = sharing.create_invite(storage.unit_of_work(), security, clinician)
    return sharing.redeem_invite(storage.unit_of_work(), patient, code).id


@pytest.fixture
def people(storage: Storage, security: Security) -> tuple[User, User, User, User]:
    """A clinician linked to a patient, another clinician and another member, both unlinked."""
    doc = _make(storage, security, "doc@example.org", Role.CLINICIAN)
    pat = _make(storage, security, "pat@example.org")
    other_doc = _make(storage, security, "other-doc@example.org", Role.CLINICIAN)
    other = _make(storage, security, "other@example.org")
    _link(storage, security, doc, pat)
    return doc, pat, other_doc, other


def test_a_patient_and_their_clinician_write_and_read(
    storage: Storage, people: tuple[User, User, User, User]
) -> None:
    doc, pat, _, _ = people
    names.set_display_name(storage.unit_of_work(), doc.id, "Sam Rivera")
    names.set_display_name(storage.unit_of_work(), pat.id, "Ada Lovelace")
    sent = messages.send(storage.unit_of_work(), pat, doc.id, "  Is the ache normal?\r\n ")
    assert (sent.body, sent.sender_id, sent.recipient_id, sent.read_at) == (
        "Is the ache normal?",
        pat.id,
        doc.id,
        None,
    )
    messages.send(storage.unit_of_work(), pat, doc.id, "It eases after a day.")
    (thread,) = messages.threads(storage.unit_of_work(), doc)
    assert (thread.other_id, thread.other_name, thread.other_role, thread.unread) == (
        pat.id,
        "Ada Lovelace",
        "patient",
        2,
    )
    assert messages.unread_from_patients(storage.unit_of_work(), doc) == {pat.id: 2}
    # The patient's own messages are not unread for them.
    (mine,) = messages.threads(storage.unit_of_work(), pat)
    assert (mine.other_name, mine.other_role, mine.unread) == ("Sam Rivera", "clinician", 0)

    opened = messages.open_thread(storage.unit_of_work(), doc, pat.id)
    assert [m.body for m in opened.messages] == ["Is the ache normal?", "It eases after a day."]
    assert opened.thread.unread == 2 and all(m.read_at is None for m in opened.messages)
    assert messages.threads(storage.unit_of_work(), doc)[0].unread == 0
    again = messages.open_thread(storage.unit_of_work(), doc, pat.id)
    assert all(m.read_at is not None for m in again.messages) and again.thread.unread == 0

    messages.send(storage.unit_of_work(), doc, pat.id, "Yes: keep going, gently.")
    assert messages.inbox(storage.unit_of_work(), pat) == messages.Inbox(clinicians=1, unread=1)
    messages.open_thread(storage.unit_of_work(), pat, doc.id)
    assert messages.inbox(storage.unit_of_work(), pat).unread == 0
    # Only the clinician's look goes in the patient's trail.
    trail = sharing.audit_trail(storage.unit_of_work(), pat)
    assert [(e.action, e.detail) for e in trail if e.detail == "messages"] == [
        ("clinician.read", "messages"),
        ("clinician.read", "messages"),
    ]


def test_no_one_writes_or_reads_outside_a_link(
    storage: Storage, people: tuple[User, User, User, User]
) -> None:
    doc, pat, other_doc, other = people
    messages.send(storage.unit_of_work(), pat, doc.id, "Private")
    for user, other_id in [
        (other_doc, pat.id),  # a clinician not linked to the patient
        (other, doc.id),  # a member not linked to the clinician
        (doc, other.id),  # the clinician to someone not their patient
        (pat, other_doc.id),  # the patient to a clinician they are not linked to
        (pat, other.id),  # a patient to a member
        (other, pat.id),  # member to member
        (pat, pat.id),  # oneself
        (pat, 999_999),  # nobody
    ]:
        with pytest.raises(NotFound):
            messages.send(storage.unit_of_work(), user, other_id, "hello")
        with pytest.raises(NotFound):
            messages.open_thread(storage.unit_of_work(), user, other_id)
    assert messages.threads(storage.unit_of_work(), other_doc) == []
    assert messages.threads(storage.unit_of_work(), other) == []
    assert messages.unread_from_patients(storage.unit_of_work(), other_doc) == {}


def test_a_message_is_plain_text_of_bounded_length(
    storage: Storage, people: tuple[User, User, User, User]
) -> None:
    doc, pat, _, _ = people
    for bad in ["", "   \n ", "x" * (MAX_MESSAGE + 1), "bell\x07"]:
        with pytest.raises(InvalidInput) as refused:
            messages.send(storage.unit_of_work(), pat, doc.id, bad)
        assert refused.value.fields[0].field == "body"
    longest = messages.send(storage.unit_of_work(), pat, doc.id, "é" * MAX_MESSAGE)
    assert len(longest.body) == MAX_MESSAGE
    kept = messages.send(storage.unit_of_work(), pat, doc.id, "line one\n\tline two")
    assert kept.body == "line one\n\tline two"


def test_ending_the_link_closes_the_thread_for_both(
    storage: Storage, security: Security, people: tuple[User, User, User, User]
) -> None:
    doc, pat, _, _ = people
    messages.send(storage.unit_of_work(), pat, doc.id, "Before")
    (link,) = sharing.links_of(storage.unit_of_work(), pat)
    sharing.revoke_link(storage.unit_of_work(), pat, link.id)
    for user, other_id in [(pat, doc.id), (doc, pat.id)]:
        with pytest.raises(NotFound):
            messages.open_thread(storage.unit_of_work(), user, other_id)
        with pytest.raises(NotFound):
            messages.send(storage.unit_of_work(), user, other_id, "after")
    assert messages.threads(storage.unit_of_work(), pat) == []
    assert messages.threads(storage.unit_of_work(), doc) == []
    assert messages.inbox(storage.unit_of_work(), pat) == messages.Inbox(0, 0)
    # Linking the same two again opens the same conversation (no one else's).
    _link(storage, security, doc, pat)
    opened = messages.open_thread(storage.unit_of_work(), doc, pat.id)
    assert [m.body for m in opened.messages] == ["Before"]


def test_deleting_either_account_deletes_the_thread_and_ids_are_not_reused(
    storage: Storage, security: Security, people: tuple[User, User, User, User]
) -> None:
    doc, pat, other_doc, other = people
    first = messages.send(storage.unit_of_work(), pat, doc.id, "Mine")
    messages.send(storage.unit_of_work(), doc, pat.id, "Theirs")
    accounts.delete_account(storage.unit_of_work(), pat.id)
    with storage.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM messages")).scalar_one() == 0
    assert messages.threads(storage.unit_of_work(), doc) == []
    _link(storage, security, other_doc, other)
    later = messages.send(storage.unit_of_work(), other, other_doc.id, "New")
    assert later.id > first.id + 1
    accounts.delete_account(storage.unit_of_work(), other_doc.id)
    with storage.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM messages")).scalar_one() == 0


def test_the_export_holds_the_persons_messages_only(
    storage: Storage, security: Security, people: tuple[User, User, User, User]
) -> None:
    doc, pat, other_doc, other = people
    messages.send(storage.unit_of_work(), pat, doc.id, "Question")
    messages.send(storage.unit_of_work(), doc, pat.id, "Answer")
    _link(storage, security, other_doc, other)
    messages.send(storage.unit_of_work(), other, other_doc.id, "Someone else's")
    mine = data_export.export_person(storage.unit_of_work(read_only=True), pat).messages
    assert [m.body for m in mine] == ["Question", "Answer"]
    theirs = data_export.export_person(storage.unit_of_work(read_only=True), doc).messages
    assert [m.body for m in theirs] == ["Question", "Answer"]


def test_the_desk_shows_each_patients_unread_messages(
    storage: Storage,
    security: Security,
    builtin_content: Content,
    people: tuple[User, User, User, User],
) -> None:
    doc, pat, _, other = people
    _link(storage, security, doc, other)
    messages.send(storage.unit_of_work(), pat, doc.id, "One")
    messages.send(storage.unit_of_work(), pat, doc.id, "Two")
    messages.send(storage.unit_of_work(), doc, other.id, "From me: not unread for me")
    today = storage.clock.today()
    seen = desk.patient_desk(storage.unit_of_work(), builtin_content, PlanCache(), doc, today)
    assert {s.link.patient_id: s.unread for s in seen} == {pat.id: 2, other.id: 0}
    messages.open_thread(storage.unit_of_work(), doc, pat.id)
    seen = desk.patient_desk(storage.unit_of_work(), builtin_content, PlanCache(), doc, today)
    assert {s.link.patient_id: s.unread for s in seen} == {pat.id: 0, other.id: 0}
