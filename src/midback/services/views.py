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

from collections.abc import Callable
from datetime import date
from typing import TypeVar, cast

from midback.services.versioned_cache import VersionedCache
from midback.storage.uow import UnitOfWork

T = TypeVar("T")
Key = tuple[str, int]
"""What the view is ('today', 'progress', 'summary') and whose (a person's or a link's id)."""

CACHE_SIZE = 2048
"""Views one process keeps (each a few kB to some 100 kB); least recently used go first."""


class ViewCache(VersionedCache[Key, object]):
    """Views by key, each with the version and day it was computed for."""

    def __init__(self, size: int = CACHE_SIZE) -> None:
        super().__init__(size)


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
    views.put(key, version, fresh, day=day, person_id=person_id)
    return fresh
