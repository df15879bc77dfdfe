"""Favourites: mark an exercise from its page (htmx swaps the button; without JavaScript the
form posts and comes back to the page)."""

from __future__ import annotations

from contextlib import suppress

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from midback.services import routines
from midback.services.errors import NotFound
from midback.web import forms
from midback.web.deps import ContentDep, StorageDep
from midback.web.pages.common import VisitorDep, render
from midback.web.pages.guards import CheckedForm, SignedIn

router = APIRouter(include_in_schema=False)


@router.post("/exercises/{exercise_id}/favourite")
def toggle_favourite(
    exercise_id: str,
    request: Request,
    user: SignedIn,
    form: CheckedForm,
    visitor: VisitorDep,
    storage: StorageDep,
    content: ContentDep,
) -> Response:
    """Mark (`on=1`) or unmark (`on=0`) an exercise as a favourite."""
    on = forms.text(form, "on") == "1"
    if on:
        routines.add_favourite(storage.unit_of_work(), content, user.id, exercise_id)
    else:
        with suppress(NotFound):  # already not a favourite: nothing to undo
            routines.remove_favourite(storage.unit_of_work(), user.id, exercise_id)
    if request.headers.get("hx-request") == "true":
        context = {"exercise": content.exercises[exercise_id], "favourite": on, "announce": True}
        return render(request, visitor, "library/_favourite.html", context)
    return RedirectResponse(f"/exercises/{exercise_id}", status_code=303)
