"""Request dependencies shared by pages and API routers."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.templating import Jinja2Templates

from midback.domain.library import ExerciseLibrary


def get_library(request: Request) -> ExerciseLibrary:
    """The exercise library loaded at start-up."""
    library: ExerciseLibrary = request.app.state.content.exercises
    return library


def get_templates(request: Request) -> Jinja2Templates:
    """The Jinja2 templates of this app."""
    templates: Jinja2Templates = request.app.state.templates
    return templates


LibraryDep = Annotated[ExerciseLibrary, Depends(get_library)]
TemplatesDep = Annotated[Jinja2Templates, Depends(get_templates)]
