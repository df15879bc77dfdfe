"""The display name in settings: how the person likes to be named (optional)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from midback.services import names
from midback.services.errors import InvalidInput
from midback.web import forms
from midback.web.deps import StorageDep
from midback.web.pages.common import VisitorDep
from midback.web.pages.guards import CheckedForm, SignedIn
from midback.web.pages.settings import settings_page

router = APIRouter(include_in_schema=False)


@router.post("/settings/name")
def set_name(
    request: Request, user: SignedIn, form: CheckedForm, visitor: VisitorDep, storage: StorageDep
) -> Response:
    """Keep the name (empty removes it) and show the settings again."""
    try:
        names.set_display_name(storage.unit_of_work(), user.id, forms.text(form, "display_name"))
    except InvalidInput as error:
        errors = {p.field: p.message[:1].upper() + p.message[1:] + "." for p in error.fields}
        return settings_page(request, visitor, storage, errors=errors, status_code=422)
    return RedirectResponse("/settings?named=1#account", status_code=303)
