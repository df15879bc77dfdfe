"""Password rules and hashing: argon2id, a minimum length and a shipped common-password list."""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError

from midback.services.errors import FieldProblem, InvalidInput

MIN_LENGTH = 10
MAX_LENGTH = 256  # long enough for any passphrase; bounds the work one request can cause


@cache
def common_passwords() -> frozenset[str]:
    """The shipped list of common passwords (lower-cased), read once."""
    text = files("midback.services").joinpath("data/common-passwords.txt").read_text("utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip())


def password_problems(password: str, *, email: str = "") -> list[str]:
    """Why `password` is not acceptable (empty if it is)."""
    if len(password) < MIN_LENGTH:
        return [f"use at least {MIN_LENGTH} characters"]
    if len(password) > MAX_LENGTH:
        return [f"use at most {MAX_LENGTH} characters"]
    folded = password.strip().lower()
    if folded in common_passwords():
        return ["this password is among the most common ones; choose another"]
    local_part = email.partition("@")[0].lower()
    if folded in {email.lower(), local_part}:
        return ["the password must not be your email address"]
    return []


def require_acceptable(password: str, *, email: str = "", field: str = "password") -> None:
    """Raise InvalidInput naming `field` if the password breaks a rule."""
    problems = password_problems(password, email=email)
    if problems:
        raise InvalidInput(problems[0], fields=(FieldProblem(field, problems[0]),))


class Passwords:
    """argon2id hashing with the configured cost; hashes with an older cost get replaced."""

    def __init__(self, *, time_cost: int, memory_kib: int, parallelism: int) -> None:
        self._hasher = PasswordHasher(
            time_cost=time_cost, memory_cost=memory_kib, parallelism=parallelism, type=Type.ID
        )
        self._dummy_hash = ""

    def hash(self, password: str) -> str:
        """A new salted argon2id hash of `password`."""
        return self._hasher.hash(password)

    def verify(self, password_hash: str, password: str) -> bool:
        """True if `password` matches the stored hash."""
        try:
            return self._hasher.verify(password_hash, password)
        except (VerificationError, InvalidHashError):
            return False

    def verify_nobody(self, password: str) -> None:
        """Spend the time a real check takes, so unknown emails cannot be told by timing."""
        if not self._dummy_hash:
            self._dummy_hash = self._hasher.hash("not a real password; equalises timing")
        self.verify(self._dummy_hash, password)

    def needs_rehash(self, password_hash: str) -> bool:
        """True if the hash was made with other parameters than the current ones."""
        try:
            return self._hasher.check_needs_rehash(password_hash)
        except InvalidHashError:
            return True
