"""`/api/v1/auth`: register, log in and out, change or reset a password."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from midback.services import accounts
from midback.web.accounts_schemas import (
    Credentials,
    PasswordChange,
    PasswordReset,
    TokenOut,
    UserOut,
    error_responses,
)
from midback.web.deps import AuthDep, SecurityDep, StorageDep, client_address

router = APIRouter(prefix="/api/v1/auth", tags=["auth"], responses=error_responses(401, 409, 429))


@router.post("/register", status_code=201, response_model=UserOut)
def register(
    body: Credentials, request: Request, storage: StorageDep, security: SecurityDep
) -> UserOut:
    """Create a member account (password: 10+ characters, not a common one).

    An email that already has an account gets 409: midback sends no email, so it cannot answer
    "check your inbox" instead. Sign-ups are limited per client address (429), which keeps
    anyone from testing many emails this way.
    """
    user = accounts.register(
        storage.unit_of_work(),
        security,
        email=body.email,
        password=body.password,
        address=client_address(request),
    )
    return UserOut.of(user)


@router.post("/login", response_model=TokenOut)
def login(
    body: Credentials, request: Request, storage: StorageDep, security: SecurityDep
) -> TokenOut:
    """Exchange email and password for a bearer token (5 failures in 15 minutes → 429)."""
    issued = accounts.log_in(
        storage.unit_of_work(),
        security,
        email=body.email,
        password=body.password,
        address=client_address(request),
    )
    return TokenOut(
        access_token=issued.token, expires_at=issued.expires_at, user=UserOut.of(issued.user)
    )


@router.post("/logout", status_code=204, response_class=Response)
def logout(auth: AuthDep, storage: StorageDep) -> Response:
    """Revoke the token this request was made with."""
    accounts.log_out(storage.unit_of_work(), auth.token_id)
    return Response(status_code=204)


@router.post("/password", status_code=204, response_class=Response)
def change_password(
    body: PasswordChange,
    request: Request,
    auth: AuthDep,
    storage: StorageDep,
    security: SecurityDep,
) -> Response:
    """Change the password; every other token and web session of the account ends.

    Wrong current passwords are limited like logins (429)."""
    accounts.change_password(
        storage.unit_of_work(),
        security,
        auth.user,
        current=body.current_password,
        new=body.new_password,
        keep_token_id=auth.token_id,
        address=client_address(request),
    )
    return Response(status_code=204)


@router.post("/password/reset", status_code=204, response_class=Response)
def reset_password(body: PasswordReset, storage: StorageDep, security: SecurityDep) -> Response:
    """Set a new password with a one-time token from an admin; all sessions end."""
    accounts.reset_password(
        storage.unit_of_work(), security, token=body.token, new_password=body.new_password
    )
    return Response(status_code=204)
