"""The routine builder: pick exercises, set each dose, reorder, see the total, save.

One form holds the whole draft. Every button posts it with `op` (add, up:i, down:i, remove:i,
save), so it all works without JavaScript; routines.js moves rows in place (drag and drop, or the
same up/down buttons) and htmx refreshes the total as doses change.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from midback.content.loader import Content
from midback.domain import routine_draft as drafts
from midback.domain.accounts import PatientLink, User
from midback.domain.browse import KIND_ORDER, group_by_kind
from midback.domain.routine_draft import RoutineDraft
from midback.services import routines
from midback.services.errors import InvalidInput
from midback.storage.uow import Storage
from midback.web import forms
from midback.web.deps import ContentDep, StorageDep
from midback.web.forms import FormData
from midback.web.pages.common import Visitor, VisitorDep, render
from midback.web.pages.guards import CheckedForm, SignedIn

router = APIRouter(include_in_schema=False)


def builder_page(
    request: Request,
    visitor: Visitor,
    content: Content,
    draft: RoutineDraft,
    *,
    routine_id: int | None,
    errors: dict[str, str] | None = None,
    focus: str = "",
    patients: Sequence[PatientLink] = (),
) -> Response:
    """The builder showing `draft` (for a saved routine when `routine_id` is set)."""
    library = content.exercises
    context: dict[str, Any] = {
        "draft": draft,
        "routine_id": routine_id,
        "action": f"/routines/{routine_id}" if routine_id else "/routines/new",
        "library": library,
        "groups": group_by_kind(sorted(library.values(), key=lambda e: e.name)),
        "kinds": KIND_ORDER,
        "minutes": drafts.estimate(draft, library),
        "errors": errors or {},
        "focus": focus,
        "max_rows": drafts.MAX_ROWS,
        "patients": patients,
        "notice": {k: request.query_params.get(k, "") for k in ("saved", "shared", "added")},
        # A builder answering a post shows a draft: changes not saved yet, so "Start" saves first.
        "unsaved": request.method == "POST",
    }
    status = 422 if errors else 200
    return render(request, visitor, "routines/builder.html", context, status_code=status)


@router.get("/routines/new")
def new_routine(
    request: Request, _: SignedIn, visitor: VisitorDep, content: ContentDep, add: str = ""
) -> Response:
    """An empty builder, or one started with `?add=a,b` (from the library or favourites)."""
    chosen = [content.exercises[i] for i in add.split(",") if i in content.exercises]
    draft = drafts.add(RoutineDraft(), chosen)
    return builder_page(request, visitor, content, draft, routine_id=None)


@router.post("/routines/estimate")
def estimate(
    request: Request, _: SignedIn, form: CheckedForm, visitor: VisitorDep, content: ContentDep
) -> Response:
    """The total minutes of a draft (htmx swaps it in as doses change)."""
    minutes = drafts.estimate(drafts.from_form(form), content.exercises)
    return render(request, visitor, "routines/_total.html", {"minutes": minutes})


def edit(
    request: Request,
    visitor: Visitor,
    user: User,
    storage: Storage,
    content: Content,
    form: FormData,
    routine_id: int | None,
) -> Response:
    """Apply the button pressed to the posted draft: show it again, or save it."""
    draft, op = drafts.from_form(form), forms.text(form, "op")
    if op == "add":
        chosen = content.exercises.get(forms.text(form, "add_exercise"))
        draft = drafts.add(draft, [chosen] if chosen else [])
        focus = f"row-{len(draft.rows) - 1}" if chosen else "add_exercise"
        return builder_page(request, visitor, content, draft, routine_id=routine_id, focus=focus)
    if op not in ("save", "start"):
        moved = drafts.moved_to(op, len(draft.rows))
        draft = drafts.apply(draft, op)
        focus = f"{op.partition(':')[0]}-{moved}" if moved is not None else "add_exercise"
        return builder_page(request, visitor, content, draft, routine_id=routine_id, focus=focus)
    body, errors = drafts.to_input(draft, content.exercises)
    if body is None:
        return builder_page(request, visitor, content, draft, routine_id=routine_id, errors=errors)
    uow, user_id = storage.unit_of_work(), user.id
    try:
        if routine_id is None:
            saved = routines.create_routine(uow, content, user_id, body)
        else:
            saved = routines.update_routine(uow, content, user_id, routine_id, body)
    except InvalidInput as error:
        found = {p.field: p.message.capitalize() + "." for p in error.fields}
        return builder_page(request, visitor, content, draft, routine_id=routine_id, errors=found)
    if op == "start":  # "Save and start": the player plays what the person sees
        return RedirectResponse(f"/routines/{saved.routine.id}/play", status_code=303)
    return RedirectResponse(f"/routines/{saved.routine.id}?saved=1", status_code=303)


@router.post("/routines/new")
def create(
    request: Request,
    user: SignedIn,
    form: CheckedForm,
    visitor: VisitorDep,
    storage: StorageDep,
    content: ContentDep,
) -> Response:
    """Edit the new routine's draft, or save it."""
    return edit(request, visitor, user, storage, content, form, None)
