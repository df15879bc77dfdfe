"""The FastAPI application factory."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.templating import Jinja2Templates
from starlette.middleware.trustedhost import TrustedHostMiddleware

from midback import __version__
from midback.clock import SYSTEM_CLOCK, Clock
from midback.config import Settings
from midback.content.loader import Content, load_content
from midback.services.plans import PlanCache
from midback.services.security import Security
from midback.services.views import ViewCache
from midback.storage.uow import Storage
from midback.web import (
    api_assessments,
    api_auth,
    api_calendar,
    api_clearances,
    api_clinician,
    api_exercises,
    api_export,
    api_exports,
    api_files,
    api_logs,
    api_me,
    api_messages,
    api_outcomes,
    api_ping,
    api_plan,
    api_programs,
    api_progress,
    api_routines,
    openapi,
    pages,
)
from midback.web.docs import install_docs
from midback.web.errors import install_error_handlers
from midback.web.headers import SecurityHeaders
from midback.web.hot_routes import install_exact_paths
from midback.web.jobs import install_jobs
from midback.web.lifespan import storage_lifespan
from midback.web.limits import BodySizeLimit
from midback.web.scope import OneConnectionPerRequest
from midback.web.static_files import CachedStaticFiles

WEB_DIR = Path(__file__).resolve().parent
API_ROUTERS = (
    api_exercises.router,
    api_auth.router,
    api_me.router,
    api_messages.router,
    api_plan.router,
    api_clinician.router,
    api_clearances.router,
    api_outcomes.router,
    api_assessments.router,
    api_programs.router,
    api_routines.router,
    api_logs.router,
    api_progress.router,
    api_export.router,
    api_files.router,
    api_exports.router,
    api_calendar.router,
    api_calendar.feed_router,
    api_ping.router,
)
"""The API's routers in the order they are included (the OpenAPI document lists them so)."""


def create_app(
    settings: Settings | None = None, *, content: Content | None = None, clock: Clock | None = None
) -> FastAPI:
    """Build the app for `settings`; content is loaded once here, not per request. Everything
    in it tells the time by `clock` (the system clock unless a test passes one it can move)."""
    settings = settings or Settings()
    content = content or load_content(settings.content_dirs)
    clock = clock or SYSTEM_CLOCK
    # The engine connects lazily; the lifespan (server start) migrates or checks the schema.
    storage = Storage.from_url(settings.resolved_database_url(), clock=clock)
    app = FastAPI(
        title="midback",
        version=__version__,
        openapi_url="/api/v1/openapi.json",
        docs_url=None,  # served by midback.web.docs from vendored files, not a CDN
        redoc_url=None,
        lifespan=storage_lifespan(settings.resolved_database_url(), storage),
    )
    app.state.settings = settings
    app.state.clock = clock
    openapi.install(app, settings)
    app.state.storage = storage
    app.state.security = Security.from_settings(settings)
    install_error_handlers(app)
    app.add_middleware(OneConnectionPerRequest, storage=storage)
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=settings.allowed_hosts)
    app.add_middleware(SecurityHeaders)
    app.state.content = content
    app.state.plan_cache = PlanCache()
    app.state.view_cache = ViewCache()
    app.state.templates = Jinja2Templates(directory=WEB_DIR / "templates")
    install_jobs(app)
    app.mount("/static", CachedStaticFiles(directory=WEB_DIR / "static"), name="static")
    pages.install(app)
    install_docs(app)
    for router in API_ROUTERS:
        app.include_router(router)
    app.include_router(pages.router)
    install_exact_paths(app, [*API_ROUTERS, *(area.router for area in pages.AREAS)])
    return app
