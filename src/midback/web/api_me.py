"""`/api/v1/me`: the person's account, their clinician links and their audit trail."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from midback.services import accounts, sharing
from midback.web.accounts_schemas import (
    AuditOut,
    InviteRedemption,
    LinkOut,
    PasswordConfirmation,
    UserOut,
    error_responses,
)
from midback.web.caches import forget_account
from midback.web.deps import CurrentUser, SecurityDep, StorageDep, client_address
from midback.web.forms import PathId

router = APIRouter(prefix="/api/v1/me", tags=["me"], responses=error_responses(401, 404, 409))


@router.get("", response_model=UserOut)
def me(user: CurrentUser) -> UserOut:
    """Who the token belongs to."""
    return UserOut.of(user)


@router.delete("", status_code=204, response_class=Response, responses=error_responses(401, 429))
def delete_me(
    body: PasswordConfirmation,
    request: Request,
    user: CurrentUser,
    storage: StorageDep,
    security: SecurityDep,
) -> Response:
    """Delete the account and erase everything stored about the person; tokens stop working.

    The body repeats the account's password (`{"password": "..."}`): a token alone is not
    enough. Wrong passwords get 422 and are limited like logins (429).
    """
    accounts.close_account(
        storage.unit_of_work(),
        security,
        user,
        password=body.password,
        address=client_address(request),
    )
    forget_account(request.app, user.id)
    return Response(status_code=204)


@router.get("/clinician-links", response_model=list[LinkOut])
def list_links(user: CurrentUser, storage: StorageDep) -> list[LinkOut]:
    """The person's clinician links, newest first, revoked ones included."""
    return [
        LinkOut.of(link) for link in sharing.links_of(storage.unit_of_work(read_only=True), user)
    ]


@router.post("/clinician-links", status_code=201, response_model=LinkOut)
def redeem(body: InviteRedemption, user: CurrentUser, storage: StorageDep) -> LinkOut:
    """Redeem a clinician's invite code: they can then see and edit your program and logs."""
    return LinkOut.of(sharing.redeem_invite(storage.unit_of_work(), user, body.code))


@router.delete("/clinician-links/{link_id}", status_code=204, response_class=Response)
def revoke(link_id: PathId, user: CurrentUser, storage: StorageDep) -> Response:
    """End a clinician link; it takes effect at once."""
    sharing.revoke_link(storage.unit_of_work(), user, link_id)
    return Response(status_code=204)


@router.get("/audit", response_model=list[AuditOut])
def audit(user: CurrentUser, storage: StorageDep) -> list[AuditOut]:
    """What was done to your account and data, and by whom (every clinician read), newest first."""
    return [AuditOut.of(e) for e in sharing.audit_trail(storage.unit_of_work(read_only=True), user)]
