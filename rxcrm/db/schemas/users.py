"""User shapes: UserCreate/Update (admins send), OwnProfileUpdate, UserPublic (never a password)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from rxcrm.db.models import User
from rxcrm.db.schemas.shapes import Body, RecordId, changes_to, public_shape

Role = Literal["admin", "director", "rep", "partner"]


class UserCreate(Body):
    """A new user (e-mail, name and password are required)."""

    email: str | None = None
    name: str | None = None
    role: Role | None = None
    access_level: Literal["full", "limited_crm", "limited_opportunities"] | None = None
    partner_id: RecordId | None = None
    team: str | None = None
    active: bool | None = None
    password: str | None = None


UserUpdate = changes_to(UserCreate, "Changes to a user: only the fields sent are changed.")


class OwnProfileUpdate(Body):
    """What every user may change on his/her own profile: the zone times and days are shown in."""

    time_zone: str


UserPublic = public_shape(User, "A user of the directory (fields the viewer may not see left out).")


class Credentials(Body):
    """A user's e-mail and password."""

    email: str = Field(max_length=254)
    password: str = Field(max_length=256)


class TokenIssued(BaseModel):
    """A bearer token for every further call, when it expires, and who it belongs to."""

    access_token: str
    token_type: str
    expires_at: str | None
    user: UserPublic  # type: ignore[valid-type]
