"""Favourites: mark an exercise from its page (htmx swaps the button; without JavaScript the
form posts and comes back to the page)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from midback.services import routines
from midback.services.errors import NotFound
from midback.web.deps import StorageDep
from midback.web.pages.common import VisitorDep, render
from midback.web.pages.errors import error_page
from midback.web.pages.member import ContentDep, FormDep, first, refused, to_login

router = APIRouter(include_in_schema=False)


@router.post("/exercises/{exercise_id}/favourite")
def toggle_favourite(
    exercise_id: str,
    request: Request,
    visitor: VisitorDep,
    storage: StorageDep,
    content: ContentDep,
    form: FormDep,
) -> Response:
    """Mark (`on=1`) or unmark (`on=0`) an exercise as a favourite."""
    problem = refused(request, visitor, form)
    if problem is not None or visitor.user is None:
        return problem or to_login(request)
    on = first(form, "on") == "1"
    try:
        if on:
            routines.add_favourite(storage.unit_of_work(), content, visitor.user.id, exercise_id)
        else:
            routines.remove_favourite(storage.unit_of_work(), visitor.user.id, exercise_id)
    except NotFound:
        if on:
            return error_page(request, 404)
    if request.headers.get("hx-request") == "true":
        context = {"exercise": content.exercises[exercise_id], "favourite": on, "announce": True}
        return render(request, visitor, "library/_favourite.html", context)
    return RedirectResponse(f"/exercises/{exercise_id}", status_code=303)
