"""The health check's verdict as a page (by tier, emergency first) and the form where a person
records that a clinician has cleared them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError

from midback.content.loader import Content
from midback.domain.clearance import ClearanceRequest
from midback.domain.plan import AssessmentReport
from midback.domain.screening import ScreenOutcome, Tier
from midback.services import clearances
from midback.services.errors import ServiceError
from midback.web import forms
from midback.web.deps import ContentDep, StorageDep
from midback.web.pages.common import VisitorDep, render
from midback.web.pages.guards import CheckedForm, SignedIn

router = APIRouter()

SHOWN_TIERS = (Tier.EMERGENCY, Tier.URGENT, Tier.SEE_CLINICIAN)


def referral_context(report: AssessmentReport | None, content: Content) -> dict[str, Any]:
    """Open outcomes grouped by tier, most urgent first, each tier with its title and action."""
    if report is None:
        return outcomes_context([], Tier.OK, content)
    return outcomes_context(report.screening.outcomes, report.screening.tier, content)


def outcomes_context(
    outcomes: Sequence[ScreenOutcome], tier: Tier, content: Content
) -> dict[str, Any]:
    """The referral page's context for these outcomes, whose most urgent open tier is `tier`."""
    screen = content.safety().screen
    groups = []
    for shown in SHOWN_TIERS:
        items = [o for o in outcomes if o.tier is shown and o.cleared_on is None]
        if items:
            groups.append({"tier": shown.value, "words": screen.words(shown), "outcomes": items})
    clearable = [o for o in outcomes if _self_clearable(o)]
    cleared = [o for o in outcomes if o.cleared_on is not None]
    return {
        "groups": groups,
        "clearable": clearable,
        "cleared": cleared,
        "emergency": tier is Tier.EMERGENCY,
        "tier": tier.value,
        "errors": {},
    }


def _self_clearable(outcome: ScreenOutcome) -> bool:
    return outcome.cleared_on is None and outcome.tier in SHOWN_TIERS[1:]


@router.post("/health-check/cleared")
def record_cleared(
    request: Request,
    user: SignedIn,
    form: CheckedForm,
    visitor: VisitorDep,
    storage: StorageDep,
    content: ContentDep,
) -> Response:
    """The person records "a clinician cleared me on DATE" (with a confirmation)."""
    errors: dict[str, str] = {}
    try:
        body = ClearanceRequest(
            rule=forms.text(form, "rule"),
            cleared_on=date.fromisoformat(forms.text(form, "cleared_on")),
            note=forms.text(form, "note")[:1000],
            scope="recorded by the person",
            confirm=forms.text(form, "confirm") == "yes",
        )
        clearances.record_own(storage.unit_of_work(), content, user, body, storage.clock.today())
    except (ValueError, ValidationError):
        errors["cleared_on"] = "Choose the outcome and enter the date as YYYY-MM-DD."
    except ServiceError as error:
        errors[error.fields[0].field if error.fields else "rule"] = error.message
    if not errors:
        return RedirectResponse("/today", status_code=303)
    uow = storage.unit_of_work(read_only=True)
    report = clearances.screening_report(uow, content, user.id)
    context = referral_context(report, content)
    context.update({"errors": errors, "today": storage.clock.today()})
    return render(request, visitor, "onboarding/refer.html", context, status_code=422)
