"""Server-rendered pages, one router per area; `install` readies templates and HTML errors."""

from __future__ import annotations

from fastapi import APIRouter, FastAPI

from midback.web.pages import (
    accounts,
    calendar,
    clinic,
    exports,
    favourites,
    feedback,
    finished,
    handouts,
    history,
    learn,
    library,
    measure,
    messages,
    names,
    offline,
    onboarding,
    outcomes,
    password_reset,
    plan_manage,
    player,
    progress,
    referral,
    reminders,
    reports,
    routine_builder,
    routines,
    sessions,
    settings,
    today,
    welcome,
)
from midback.web.pages.errors import install_page_errors
from midback.web.pages.templating import configure

router = APIRouter(include_in_schema=False)
AREAS = (
    *(welcome, accounts, library, player, learn, calendar, handouts, offline, finished),
    # The web app's second part; the builder's fixed paths (/routines/new) come before
    # /routines/{routine_id}.
    *(favourites, feedback, onboarding, referral, today, sessions, progress, measure),
    outcomes,
    *(routine_builder, routines, clinic, reports, settings, exports, reminders, password_reset),
    *(history, plan_manage, names, messages),
)
"""The areas' routers, in the order the pages router tries them."""
for area in AREAS:
    router.include_router(area.router)


def install(app: FastAPI) -> None:
    """Configure the page templates and answer browsers' errors with pages (call after the
    API's error handlers are installed)."""
    configure(app.state.templates)
    install_page_errors(app)
