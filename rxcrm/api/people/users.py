"""REST: /users — the team directory; admins add and change users."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from rxcrm.api.deps import DB, Actor, PageWindow
from rxcrm.api.serialize import page_body, public
from rxcrm.db.models import User
from rxcrm.db.schemas.shapes import Page
from rxcrm.db.schemas.users import OwnProfileUpdate, Role, UserCreate, UserPublic, UserUpdate
from rxcrm.domain.people.reads import hidden_user_fields
from rxcrm.services.people import users as service
from rxcrm.services.people.time_zones import set_time_zone

router = APIRouter(prefix="/users", tags=["users"])


def _out(viewer: User, user: User) -> dict[str, Any]:
    hidden = hidden_user_fields(viewer.role, viewer.partner_id)
    return {k: v for k, v in public(user).items() if k not in hidden}


@router.get("", response_model=Page[UserPublic])
def list_users(
    session: DB, actor: Actor, window: PageWindow, role: Role | None = None, active: bool | None = None
) -> dict[str, Any]:
    """The directory the user may see (a partner user: his/her partner's users), searchable."""
    page = service.list_users(session, actor, window.q, window.page, active=active, role=role)
    return page_body(page, [_out(actor, u) for u in page.items])


@router.get("/me", response_model=UserPublic)
def read_me(actor: Actor) -> dict[str, Any]:
    """The acting user (with `time_zone`: the IANA zone of his/her times and days; null = UTC)."""
    return public(actor)


@router.patch("/me", response_model=UserPublic)
def update_me(body: OwnProfileUpdate, session: DB, actor: Actor) -> dict[str, Any]:
    """The acting user sets his/her own time zone (an IANA name such as 'Europe/Berlin')."""
    set_time_zone(session, actor, body.time_zone)
    return public(actor)


@router.post("", status_code=201, response_model=UserPublic)
def create_user(body: UserCreate, session: DB, actor: Actor) -> dict[str, Any]:
    """Admin adds a user with a password."""
    return public(service.create_user(session, actor, body.model_dump(exclude_unset=True)))


@router.get("/{user_id}", response_model=UserPublic)
def read_user(user_id: int, session: DB, actor: Actor) -> dict[str, Any]:
    """One user the acting user may see."""
    return _out(actor, service.get_user(session, user_id, actor))


@router.patch("/{user_id}", response_model=UserPublic)
def update_user(user_id: int, body: UserUpdate, session: DB, actor: Actor) -> dict[str, Any]:
    """Admin changes a user's details, role, access level or password."""
    return public(service.update_user(session, actor, user_id, body.model_dump(exclude_unset=True)))
