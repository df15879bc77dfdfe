"""Message rules: what text is kept, who a message is for, and unread counts."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from midback.domain.messages import MAX_MESSAGE, Message, message_text, unread_count

SENT = datetime(2026, 12, 8, 9, 30, tzinfo=UTC)
PATIENT, CLINICIAN = 2, 1


def msg(sender: int, read: bool = False, id_: int = 1) -> Message:
    return Message(id_, PATIENT, CLINICIAN, sender, "hi", SENT, SENT if read else None)


def test_text_is_trimmed_and_line_endings_made_plain() -> None:
    assert message_text("  Hello,\r\nsee you\rsoon \n") == "Hello,\nsee you\nsoon"
    assert message_text("a\tb") == "a\tb"
    assert message_text("family \U0001f468\u200d\U0001f469") == "family \U0001f468\u200d\U0001f469"


@pytest.mark.parametrize(
    ("raw", "why"),
    [
        ("", "write a message first"),
        (" \n\t ", "write a message first"),
        ("x" * (MAX_MESSAGE + 1), "at most 2,000"),
        ("ding\x07", "letters, numbers"),
        ("nul\x00", "letters, numbers"),
        ("half a pair \ud800", "letters, numbers"),
    ],
)
def test_unsendable_text_is_refused_with_a_reason(raw: str, why: str) -> None:
    with pytest.raises(ValueError, match=why):
        message_text(raw)


@given(st.text(max_size=MAX_MESSAGE + 50))
def test_kept_text_is_bounded_non_empty_and_stable(raw: str) -> None:
    try:
        kept = message_text(raw)
    except ValueError:
        return
    assert 0 < len(kept) <= MAX_MESSAGE
    assert kept == kept.strip() and "\r" not in kept
    assert message_text(kept) == kept


def test_a_message_is_for_the_other_person_and_unread_until_opened() -> None:
    from_patient, from_clinician = msg(PATIENT), msg(CLINICIAN)
    assert (from_patient.recipient_id, from_clinician.recipient_id) == (CLINICIAN, PATIENT)
    assert from_patient.unread_by(CLINICIAN) and not from_patient.unread_by(PATIENT)
    assert not msg(PATIENT, read=True).unread_by(CLINICIAN)


@given(st.lists(st.tuples(st.sampled_from([PATIENT, CLINICIAN]), st.booleans()), max_size=30))
def test_unread_counts_split_by_recipient(spec: list[tuple[int, bool]]) -> None:
    messages = [msg(sender, read, i) for i, (sender, read) in enumerate(spec)]
    unread = sum(1 for _, read in spec if not read)
    assert unread_count(messages, PATIENT) + unread_count(messages, CLINICIAN) == unread
    assert unread_count(messages, PATIENT) == sum(
        1 for sender, read in spec if sender == CLINICIAN and not read
    )
    assert unread_count(messages, 99) == 0
