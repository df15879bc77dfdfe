"""One per-process cache for everything computed from a person's plan inputs: plans and views.

Every write that a plan or a page depends on moves the person's plan-inputs version on in its
own transaction (see services.plans), so an entry computed at version v (and, for a view, for
day d) is exactly right until either changes. A read checks the version (one indexed row) and
recomputes only when it moved, in this process or any other.

An entry can never be shown to someone else: ids are never reused, a person's first version is
random, version 0 (nothing written, or the account deleted in any process) is never cached and
a read at version 0 drops what was kept under the key. Each entry is filed under the person it
is about, so deleting an account drops everything about them. The least recently used go first.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


@dataclass(frozen=True, slots=True)
class _Entry(Generic[V]):
    version: int
    day: date | None
    value: V
    person_id: int | None


def _nobody(key: object) -> int | None:
    return None


class VersionedCache(Generic[K, V]):
    """Values by key, each valid for one plan-inputs version (and day, if given one)."""

    def __init__(self, size: int, *, person_of: Callable[[K], int | None] = _nobody) -> None:
        """Keep at most `size` entries; `person_of(key)` is whom an entry is about when `put`
        is not told."""
        self._size = size
        self._person_of = person_of
        self._items: OrderedDict[K, _Entry[V]] = OrderedDict()
        self._by_person: dict[int, set[K]] = {}
        self._lock = threading.Lock()

    def get(self, key: K, version: int, day: date | None = None) -> tuple[bool, V | None]:
        """(True, value) if cached for exactly this version and day, else (False, None).

        Version 0 means the person has no plan inputs (a new or deleted account): whatever was
        kept under the key is dropped.
        """
        with self._lock:
            found = self._items.get(key)
            if found is None:
                return False, None
            if version == 0:
                self._drop(key)
                return False, None
            if (found.version, found.day) != (version, day):
                return False, None
            self._items.move_to_end(key)
            return True, found.value

    def put(
        self,
        key: K,
        version: int,
        value: V,
        *,
        day: date | None = None,
        person_id: int | None = None,
    ) -> None:
        """Keep a value computed at `version` (never replacing a newer one; never at 0)."""
        if version == 0:
            return
        person = person_id if person_id is not None else self._person_of(key)
        with self._lock:
            found = self._items.get(key)
            if found is not None and found.version > version:
                return
            if found is not None:
                self._drop(key)
            self._items[key] = _Entry(version, day, value, person)
            if person is not None:
                self._by_person.setdefault(person, set()).add(key)
            while len(self._items) > self._size:
                self._drop(next(iter(self._items)))

    def forget_person(self, person_id: int) -> None:
        """Drop every entry about the person (their account was deleted, or has no inputs)."""
        with self._lock:
            for key in self._by_person.pop(person_id, set()):
                self._items.pop(key, None)

    def _drop(self, key: K) -> None:
        """Remove the entry and its place in the person index (the lock is held)."""
        entry = self._items.pop(key)
        if entry.person_id is None:
            return
        keys = self._by_person.get(entry.person_id)
        if keys is not None:
            keys.discard(key)
            if not keys:
                del self._by_person[entry.person_id]
