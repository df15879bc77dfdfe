"""The FastAPI application factory."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from midback import __version__
from midback.config import Settings
from midback.content.loader import Content, load_content
from midback.web import api_exercises, pages

WEB_DIR = Path(__file__).resolve().parent


def create_app(settings: Settings | None = None, *, content: Content | None = None) -> FastAPI:
    """Build the app for `settings`; content is loaded once here, not per request."""
    settings = settings or Settings()
    content = content or load_content(settings.content_dirs)
    app = FastAPI(
        title="midback",
        version=__version__,
        openapi_url="/api/v1/openapi.json",
        docs_url="/api/docs",
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.content = content
    app.state.templates = Jinja2Templates(directory=WEB_DIR / "templates")
    app.mount("/static", StaticFiles(directory=WEB_DIR / "static"), name="static")
    app.include_router(api_exercises.router)
    app.include_router(pages.router)
    return app
