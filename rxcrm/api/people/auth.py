"""REST: /auth — log in for a bearer token, log out to revoke it."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response

from rxcrm.api.deps import DB, Actor, bearer_token
from rxcrm.api.serialize import public
from rxcrm.db.schemas.users import Credentials, TokenIssued
from rxcrm.services.people import auth as service

router = APIRouter(prefix="/auth", tags=["auth"])


@router.post("/token", response_model=TokenIssued)
def issue_token(body: Credentials, session: DB, request: Request) -> dict[str, Any]:
    """Log in: a bearer token for every further call; 429 with Retry-After after too many failures."""
    ip = request.client.host if request.client else None
    token, user = service.log_in(session, body.email, body.password, ip)
    expires_at = service.token_expires_at(session, token)
    return {
        "access_token": token,
        "token_type": "bearer",
        "expires_at": expires_at.isoformat() if expires_at else None,
        "user": public(user),
    }


@router.post("/logout", status_code=204)
def log_out(_: Actor, session: DB, token: Annotated[str | None, Depends(bearer_token)]) -> Response:
    """Log out: the bearer token stops working at once."""
    service.log_out(session, token)
    return Response(status_code=204)
