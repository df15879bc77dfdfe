"""The per-process caches of plans and page views, reached from the app."""

from __future__ import annotations

from fastapi import FastAPI

from midback.services.plans import PlanCache
from midback.services.views import ViewCache


def forget_account(app: FastAPI, user_id: int) -> None:
    """Drop what this process cached about a deleted account.

    Other processes drop theirs on their next read: a deleted account has no plan-inputs row,
    and the caches never serve, and drop, what is kept under an id at version 0.
    """
    plans = getattr(app.state, "plan_cache", None)
    if isinstance(plans, PlanCache):
        plans.forget(user_id)
    views = getattr(app.state, "view_cache", None)
    if isinstance(views, ViewCache):
        views.forget_person(user_id)
