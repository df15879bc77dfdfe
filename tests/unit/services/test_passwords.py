"""Password rules and hashing, without a database."""

from __future__ import annotations

import pytest

from midback.services.errors import InvalidInput
from midback.services.passwords import (
    MIN_LENGTH,
    Passwords,
    common_passwords,
    password_problems,
    require_acceptable,
)

FAST = {"time_cost": 1, "memory_kib": 8, "parallelism": 1}


def test_the_shipped_list_holds_thousands_of_common_passwords() -> None:
    common = common_passwords()
    assert len(common) > 10_000
    assert {"password", "123456", "qwertyuiop", "password123", "1q2w3e4r5t"} <= common


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("short", "at least 10"),
        ("x" * 257, "at most"),
        ("qwertyuiop", "most common"),
        ("Password123", "most common"),
        ("  BASKETBALL ", "most common"),
        ("ada.lovelace", "email"),
    ],
)
def test_weak_passwords_are_refused_with_a_reason(password: str, reason: str) -> None:
    (problem,) = password_problems(password, email="ada.lovelace@example.org")
    assert reason in problem


def test_a_decent_passphrase_passes() -> None:
    assert password_problems("correct horse battery staple") == []
    assert len("correct horse battery staple") >= MIN_LENGTH


def test_refusals_name_the_field() -> None:
    with pytest.raises(InvalidInput) as caught:
        require_acceptable("short", field="new_password")
    assert caught.value.fields[0].field == "new_password"


def test_hashes_are_argon2id_salted_and_verifiable() -> None:
    passwords = Passwords(**FAST)
    first, second = passwords.hash("a long passphrase"), passwords.hash("a long passphrase")
    assert first.startswith("$argon2id$")
    assert first != second
    assert passwords.verify(first, "a long passphrase")
    assert not passwords.verify(first, "another passphrase")
    assert not passwords.verify("not a hash", "a long passphrase")


def test_hashes_made_with_other_parameters_need_rehashing() -> None:
    old = Passwords(**FAST).hash("a long passphrase")
    stronger = Passwords(time_cost=2, memory_kib=16, parallelism=1)
    assert stronger.needs_rehash(old)
    assert stronger.verify(old, "a long passphrase")
    assert not stronger.needs_rehash(stronger.hash("a long passphrase"))
