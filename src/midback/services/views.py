"""A cache of what pages show, per person, valid for one plan-inputs version and one day.

Every write that a person's Today, progress or clinician summary depends on (a log, the next
day's pain, a measurement, an assessment, a program or its edits) moves the person's plan-inputs
version on in its own transaction (see services.plans). So a view computed at version v for day
d is exactly right until either changes: a read checks the version (one indexed row) and
recomputes only when it moved, in this process or any other.
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
        self._items: OrderedDict[Key, tuple[int, date, object]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Key, version: int, day: date) -> tuple[bool, object]:
        """(True, view) if cached for exactly this version and day, else (False, None)."""
        with self._lock:
            found = self._items.get(key)
            if found is None or found[:2] != (version, day):
                return False, None
            self._items.move_to_end(key)
            return True, found[2]

    def put(self, key: Key, version: int, day: date, view: object) -> None:
        """Keep a view (never replacing one computed at a newer version)."""
        with self._lock:
            found = self._items.get(key)
            if found is not None and found[0] > version:
                return
            self._items[key] = (version, day, view)
            self._items.move_to_end(key)
            while len(self._items) > self._size:
                self._items.popitem(last=False)


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
    hit, view = views.get(key, version, day)
    if hit:
        return cast(T, view)
    fresh = compute()
    views.put(key, version, day, fresh)
    return fresh
