"""The calendar subscription: `/calendar/{secret}.ics` (the secret is the credential) and
`/api/v1/me/calendar` to see, make a new, or revoke your feed's secret URL."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from midback.services import calendar_feed
from midback.web.accounts_schemas import error_responses
from midback.web.deps import ContentDep, CurrentUser, PlanCacheDep, StorageDep
from midback.web.files import ICS, file_doc, file_response, public_base
from midback.web.files_schemas import CalendarIn, CalendarOut

feed_router = APIRouter(tags=["calendar"])
router = APIRouter(prefix="/api/v1/me", tags=["calendar"], responses=error_responses(401))
FEED_DOC = (
    "Your program as an iCalendar feed for calendar apps to subscribe to: no login, the secret "
    "in the address is the credential. It follows your plan as it adapts; events keep their "
    "UIDs, so calendars update in place."
)


@feed_router.get(
    calendar_feed.FEED_PATH,
    response_class=Response,
    responses={**file_doc(ICS, FEED_DOC), **error_responses(404, 409)},
)
def feed(
    secret: str, request: Request, storage: StorageDep, content: ContentDep, cache: PlanCacheDep
) -> Response:
    """The calendar behind a secret URL; 404 for an unknown or revoked secret, 409 without
    sessions (a referral, or an empty program)."""
    uow = storage.unit_of_work(read_only=True)
    body = calendar_feed.feed_calendar(uow, secret, content, cache, base_url=public_base(request))
    response = file_response(body, ICS)
    response.headers["Cache-Control"] = "private, max-age=300"
    return response


@router.get("/calendar", response_model=CalendarOut)
def status(user: CurrentUser, storage: StorageDep) -> CalendarOut:
    """Whether your calendar feed answers, and its preferences (the URL is not kept)."""
    return CalendarOut.of(calendar_feed.feed_status(storage.unit_of_work(read_only=True), user.id))


@router.post(
    "/calendar", status_code=201, response_model=CalendarOut, responses=error_responses(422)
)
def regenerate(
    user: CurrentUser, storage: StorageDep, request: Request, body: CalendarIn | None = None
) -> CalendarOut:
    """Make a new secret feed URL (shown only in this answer) and set preferences; the old URL
    stops working."""
    given = body or CalendarIn()
    url, found = calendar_feed.regenerate_feed(
        storage.unit_of_work(),
        user.id,
        base_url=public_base(request),
        session_time=given.session_time(),
        time_zone=given.time_zone,
        breaks=given.breaks,
    )
    return CalendarOut.of(found, url)


@router.delete("/calendar", status_code=204, response_class=Response)
def revoke(user: CurrentUser, storage: StorageDep) -> Response:
    """Stop your feed URL working, at once (204 also when there was none)."""
    calendar_feed.revoke_feed(storage.unit_of_work(), user.id)
    return Response(status_code=204)
