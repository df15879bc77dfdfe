"""A cache of what pages show, per person, valid for one plan-inputs version and one day.

Every write that a person's Today, progress or clinician summary depends on (a log, the next
day's pain, a measurement, an assessment, a program or its edits) moves the person's plan-inputs
version on in its own transaction (see services.plans). So a view computed at version v for day
d is exactly right until either changes: a read checks the version (one indexed row) and
recomputes only when it moved, in this process or any other.

Each view is kept with the person it is about, so deleting an account drops its views; version
0 (no plan inputs: a new account, or one deleted in another process) is never cached, and a read
at version 0 drops the person's views.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import date
from typing import TypeVar, cast

from midback.storage.uow import UnitOfWork

T = TypeVar("T")
Key = tuple[str, int]
"""What the view is ('today', 'progress', 'summary') and whose (a person's or a link's id)."""

CACHE_SIZE = 2048
"""Views one process keeps (each a few kB to some 100 kB); least recently used go first."""


class ViewCache:
    """Views by key, each with the version and day it was computed for."""

    def __init__(self, size: int = CACHE_SIZE) -> None:
        self._size = size
        self._items: OrderedDict[Key, tuple[int, date, object, int | None]] = OrderedDict()
        self._by_person: dict[int, set[Key]] = {}
        self._lock = threading.Lock()

    def get(self, key: Key, version: int, day: date) -> tuple[bool, object]:
        """(True, view) if cached for exactly this version and day, else (False, None)."""
        with self._lock:
            found = self._items.get(key)
            if found is None or found[:2] != (version, day) or version == 0:
                return False, None
            self._items.move_to_end(key)
            return True, found[2]

    def put(
        self, key: Key, version: int, day: date, view: object, *, person_id: int | None = None
    ) -> None:
        """Keep a view of `person_id` (never one older than kept, never at version 0)."""
        if version == 0:
            return
        with self._lock:
            found = self._items.get(key)
            if found is not None and found[0] > version:
                return
            if found is not None:
                self._unindex(key, found[3])
            self._items[key] = (version, day, view, person_id)
            self._items.move_to_end(key)
            if person_id is not None:
                self._by_person.setdefault(person_id, set()).add(key)
            while len(self._items) > self._size:
                old_key, old = self._items.popitem(last=False)
                self._unindex(old_key, old[3])

    def forget_person(self, person_id: int) -> None:
        """Drop every view of the person (their account was deleted, or has no inputs)."""
        with self._lock:
            for key in self._by_person.pop(person_id, set()):
                self._items.pop(key, None)

    def _unindex(self, key: Key, person_id: int | None) -> None:
        keys = self._by_person.get(person_id) if person_id is not None else None
        if person_id is not None and keys is not None:
            keys.discard(key)
            if not keys:
                del self._by_person[person_id]


def cached(
    views: ViewCache,
    uow: UnitOfWork,
    key: Key,
    person_id: int,
    day: date,
    compute: Callable[[], T],
) -> T:
    """The view under `key` for `day` at the person's current version, computed if need be.

    The version is read before `compute` reads anything, so a view is never older than the
    version it is stored under.
    """
    with uow:
        version = uow.plan_inputs.version(person_id)
    if version == 0:
        views.forget_person(person_id)
    hit, view = views.get(key, version, day)
    if hit:
        return cast(T, view)
    fresh = compute()
    views.put(key, version, day, fresh, person_id=person_id)
    return fresh
