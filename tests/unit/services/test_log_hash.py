"""A log's request digest: fields added after logs were first stored count only when set, so a
client retrying an old-style body with its key gets a replay, not a conflict."""

from __future__ import annotations

from typing import Any

from midback.domain.training import LogInput
from midback.services.logs import request_hash

OLD_STYLE: dict[str, Any] = {
    "session_date": "2026-12-01",
    "completed": True,
    "pain_during": 2,
    "difficulty": 3,
    "note": "stiff é",
    "items": [{"exercise": "open-book", "side": "left", "sets_done": 2, "reps_done": 8}],
}
DIGEST_BEFORE_ADDED_FIELDS = "a948b8076509eb17cc8042f62a3183534d9b1993a87d01bf591863836142a6ba"
"""What the service computed for OLD_STYLE before items had `camera` and logs had
`new_symptoms` and `seen_clinician` (commit 9d70fa4^), as stored with such logs."""


def test_an_old_style_body_hashes_as_it_did_before_the_fields_were_added() -> None:
    assert request_hash(LogInput.model_validate(OLD_STYLE)) == DIGEST_BEFORE_ADDED_FIELDS


def test_defaults_given_explicitly_hash_as_when_left_out() -> None:
    explicit = {
        **OLD_STYLE,
        "new_symptoms": [],
        "seen_clinician": False,
        "items": [{**OLD_STYLE["items"][0], "camera": []}],
    }
    assert request_hash(LogInput.model_validate(explicit)) == DIGEST_BEFORE_ADDED_FIELDS


def test_set_fields_change_the_digest() -> None:
    digests = {
        request_hash(LogInput.model_validate({**OLD_STYLE, **extra}))
        for extra in (
            {},
            {"new_symptoms": ["chest_pain"]},
            {"new_symptoms": ["fever_or_unwell"]},
            {"seen_clinician": True},
        )
    }
    assert len(digests) == 4
