"""Onboarding: one question topic per step, each posted and redirected, then "your program".

The answers so far travel in a signed cookie (no half-finished assessment is stored). A yes to
any screening question saves the answers and ends on a calm page: see a clinician first.
"""

from __future__ import annotations

import base64
import hmac
from datetime import timedelta

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError

from midback.content.loader import Content
from midback.domain.onboarding import STEPS, Draft, StepId, referred
from midback.services import clearances, home, onboarding
from midback.services.errors import InvalidInput
from midback.services.security import Security
from midback.web.deps import ContentDep, PlanCacheDep, SecurityDep, StorageDep
from midback.web.forms import FormData
from midback.web.pages import onboarding_context
from midback.web.pages.common import Visitor, VisitorDep, render, set_cookie
from midback.web.pages.guards import CheckedForm, PageRefused, SignedIn
from midback.web.pages.onboarding_forms import STEP_TITLES, draft_values, read_step
from midback.web.pages.referral import referral_context

router = APIRouter(include_in_schema=False)
DRAFT_COOKIE = "midback_onboarding"
DRAFT_LIFETIME = timedelta(days=2)


def _mac(security: Security, user_id: int, payload: str) -> str:
    return security.keyed(f"onboarding:{user_id}", payload)


def read_draft(request: Request, security: Security, user_id: int) -> Draft:
    """The answers so far from the cookie, if it is this person's and untouched."""
    payload, _, mac = request.cookies.get(DRAFT_COOKIE, "").rpartition(".")
    if not payload or not hmac.compare_digest(mac, _mac(security, user_id, payload)):
        return Draft()
    try:
        return Draft.model_validate_json(base64.urlsafe_b64decode(payload.encode()))
    except (ValueError, ValidationError):
        return Draft()


def write_draft(
    request: Request, response: Response, security: Security, user_id: int, draft: Draft
) -> None:
    """Keep the answers so far in the cookie, signed for this person."""
    payload = base64.urlsafe_b64encode(draft.model_dump_json(exclude_none=True).encode()).decode()
    value = f"{payload}.{_mac(security, user_id, payload)}"
    set_cookie(request, response, DRAFT_COOKIE, value, DRAFT_LIFETIME)


def _go(target: str) -> RedirectResponse:
    return RedirectResponse(target, status_code=303)


@router.get("/onboarding")
def start(
    request: Request, user: SignedIn, security: SecurityDep, restart: bool = False
) -> Response:
    """Resume where the person left off (or start again with `?restart=1`)."""
    if restart:
        response = _go(f"/onboarding/{STEPS[0].value}")
        response.delete_cookie(DRAFT_COOKIE, path="/")
        return response
    draft = read_draft(request, security, user.id)
    welcome = "?welcome=1" if request.query_params.get("welcome") == "1" else ""
    return _go(f"/onboarding/{draft.next_step().value}{welcome}")


def _step_page(
    request: Request,
    visitor: Visitor,
    step: StepId,
    draft: Draft,
    values: FormData,
    errors: dict[str, str],
    content: Content,
) -> Response:
    index = STEPS.index(step)
    context = {
        "step": step,
        "number": index + 1,
        "total": len(STEPS),
        "title": STEP_TITLES[step],
        "previous": STEPS[index - 1].value if index else None,
        "values": values,
        "errors": errors,
        "draft": draft,
        "welcome": request.query_params.get("welcome") == "1",
        **onboarding_context.choices(step, content, draft),
    }
    status = 422 if errors else 200
    return render(request, visitor, "onboarding/step.html", context, status_code=status)


@router.get("/onboarding/see-a-clinician")
def see_a_clinician(
    request: Request, user: SignedIn, visitor: VisitorDep, storage: StorageDep, content: ContentDep
) -> Response:
    """The health check's verdict by tier (emergency first and unmissable), why, and what next."""
    uow = storage.unit_of_work(read_only=True)
    report = clearances.screening_report(uow, content, user.id)
    context = referral_context(report, content)
    context["today"] = storage.clock.today()
    return render(request, visitor, "onboarding/refer.html", context)


@router.get("/onboarding/program")
def your_program(
    request: Request,
    user: SignedIn,
    visitor: VisitorDep,
    storage: StorageDep,
    content: ContentDep,
    plans: PlanCacheDep,
) -> Response:
    """The new program: two sentences on why it looks this way, and its first session."""
    uow = storage.unit_of_work(read_only=True)
    summary = home.program_summary(uow, content, plans, user.id, storage.clock.today())
    if summary.current is None:
        return _go("/today")
    if summary.current.plan.status != "ok" and not summary.current.sessions:
        return _go("/onboarding/see-a-clinician")
    context = {"summary": summary, "library": content.exercises, "day": storage.clock.today()}
    return render(request, visitor, "onboarding/program.html", context)


@router.get("/onboarding/{step}")
def show_step(
    step: str,
    request: Request,
    user: SignedIn,
    visitor: VisitorDep,
    security: SecurityDep,
    content: ContentDep,
) -> Response:
    """One step, with the answers given so far."""
    if step not in {s.value for s in StepId}:
        raise PageRefused(404)
    draft = read_draft(request, security, user.id)
    if not draft.may_show(StepId(step)):
        return _go(f"/onboarding/{draft.next_step().value}")
    values = draft_values(draft)
    return _step_page(request, visitor, StepId(step), draft, values, {}, content)


@router.post("/onboarding/{step}")
def answer_step(
    step: str,
    request: Request,
    user: SignedIn,
    form: CheckedForm,
    visitor: VisitorDep,
    security: SecurityDep,
    storage: StorageDep,
    content: ContentDep,
) -> Response:
    """Keep one step's answers and go on (or finish: refer, or save and build the program)."""
    if step not in {s.value for s in StepId}:
        raise PageRefused(404)
    user_id, current = user.id, StepId(step)
    screen = content.safety().screen
    questions = [q.id for q in screen.asked()]
    draft_now = read_draft(request, security, user_id)
    answer = read_step(current, form, draft_now, content.protocols, questions)
    if answer.errors:
        return _step_page(request, visitor, current, answer.draft, form, answer.errors, content)
    draft = answer.draft
    finished = current is StepId.CONFIRM or (current is StepId.HEALTH and referred(draft, screen))
    if not finished:
        response = _go(f"/onboarding/{STEPS[STEPS.index(current) + 1].value}")
        write_draft(request, response, security, user_id, draft)
        return response
    try:
        started = onboarding.finish(
            storage.unit_of_work, content, user_id, draft, storage.clock.today()
        )
    except InvalidInput as error:
        message = f"Your answers could not be saved: {error.message}. Please check them."
        raise PageRefused(422, message) from None
    target = "/onboarding/program" if started.program else "/onboarding/see-a-clinician"
    response = _go(target)
    if started.program:
        response.delete_cookie(DRAFT_COOKIE, path="/")
    else:
        write_draft(request, response, security, user_id, draft)
    return response
