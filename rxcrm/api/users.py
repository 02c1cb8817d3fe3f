"""REST: /users — the team directory; admins add and change users."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict

from rxcrm.api.deps import DB, Actor, PageWindow, RecordId
from rxcrm.api.serialize import page_body, public
from rxcrm.db.models import User
from rxcrm.domain.reads import hidden_user_fields
from rxcrm.services import users as service
from rxcrm.services.time_zones import set_time_zone

router = APIRouter(prefix="/users", tags=["users"])
Role = Literal["admin", "director", "rep", "partner"]


class UserIn(BaseModel):
    """Fields an admin may send for a user; all optional on PATCH. The password is never returned."""

    model_config = ConfigDict(extra="forbid")
    email: str | None = None
    name: str | None = None
    role: Role | None = None
    access_level: Literal["full", "limited_crm", "limited_opportunities"] | None = None
    partner_id: RecordId | None = None
    team: str | None = None
    active: bool | None = None
    password: str | None = None


class OwnProfileIn(BaseModel):
    """What every user may change on his/her own profile: the zone times and days are shown in."""

    model_config = ConfigDict(extra="forbid")
    time_zone: str


def _out(viewer: User, user: User) -> dict[str, Any]:
    hidden = hidden_user_fields(viewer.role, viewer.partner_id)
    return {k: v for k, v in public(user).items() if k not in hidden}


@router.get("")
def list_users(
    session: DB, actor: Actor, window: PageWindow, role: Role | None = None, active: bool | None = None
) -> dict[str, Any]:
    """The directory the user may see (a partner user: his/her partner's users), searchable."""
    page = service.list_users(
        session, actor, window.q, window.limit, window.offset, window.sort, active=active, role=role
    )
    return page_body(page, [_out(actor, u) for u in page.items])


@router.get("/me")
def read_me(actor: Actor) -> dict[str, Any]:
    """The acting user (with `time_zone`: the IANA zone of his/her times and days; null = UTC)."""
    return public(actor)


@router.patch("/me")
def update_me(body: OwnProfileIn, session: DB, actor: Actor) -> dict[str, Any]:
    """The acting user sets his/her own time zone (an IANA name such as 'Europe/Berlin')."""
    set_time_zone(session, actor, body.time_zone)
    return public(actor)


@router.post("", status_code=201)
def create_user(body: UserIn, session: DB, actor: Actor) -> dict[str, Any]:
    """Admin adds a user with a password."""
    return public(service.create_user(session, actor, body.model_dump(exclude_unset=True)))


@router.get("/{user_id}")
def read_user(user_id: int, session: DB, actor: Actor) -> dict[str, Any]:
    """One user the acting user may see."""
    return _out(actor, service.get_user(session, user_id, actor))


@router.patch("/{user_id}")
def update_user(user_id: int, body: UserIn, session: DB, actor: Actor) -> dict[str, Any]:
    """Admin changes a user's details, role, access level or password."""
    return public(service.update_user(session, actor, user_id, body.model_dump(exclude_unset=True)))
