"""The per-process caches of plans and page views, reached from the app."""

from __future__ import annotations

from fastapi import FastAPI

from midback.services.versioned_cache import VersionedCache


def forget_account(app: FastAPI, user_id: int) -> None:
    """Drop what this process cached about a deleted account.

    Other processes drop theirs on their next read: a deleted account has no plan-inputs row,
    and the caches never serve, and drop, what is kept under an id at version 0.
    """
    for name in ("plan_cache", "view_cache"):
        cache = getattr(app.state, name, None)
        if isinstance(cache, VersionedCache):
            cache.forget_person(user_id)
