"""REST: /users — the team directory; admins add and change users."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict

from rxcrm.api.deps import DB, Actor, PageWindow
from rxcrm.api.serialize import page_body, public
from rxcrm.services import users as service

router = APIRouter(prefix="/users", tags=["users"])
Role = Literal["admin", "director", "rep", "partner"]


class UserIn(BaseModel):
    """Fields an admin may send for a user; all optional on PATCH. The password is never returned."""

    model_config = ConfigDict(extra="forbid")
    email: str | None = None
    name: str | None = None
    role: Role | None = None
    access_level: Literal["full", "limited_crm", "limited_opportunities"] | None = None
    partner_id: int | None = None
    team: str | None = None
    active: bool | None = None
    password: str | None = None


@router.get("")
def list_users(
    session: DB, _: Actor, window: PageWindow, role: Role | None = None, active: bool | None = None
) -> dict[str, Any]:
    """The team directory, searchable by name and e-mail."""
    return page_body(
        service.list_users(
            session, window.q, window.limit, window.offset, window.sort, active=active, role=role
        )
    )


@router.get("/me")
def read_me(actor: Actor) -> dict[str, Any]:
    """The acting user."""
    return public(actor)


@router.post("", status_code=201)
def create_user(body: UserIn, session: DB, actor: Actor) -> dict[str, Any]:
    """Admin adds a user with a password."""
    return public(service.create_user(session, actor, body.model_dump(exclude_unset=True)))


@router.get("/{user_id}")
def read_user(user_id: int, session: DB, _: Actor) -> dict[str, Any]:
    """One user."""
    return public(service.get_user(session, user_id))


@router.patch("/{user_id}")
def update_user(user_id: int, body: UserIn, session: DB, actor: Actor) -> dict[str, Any]:
    """Admin changes a user's details, role, access level or password."""
    return public(service.update_user(session, actor, user_id, body.model_dump(exclude_unset=True)))
