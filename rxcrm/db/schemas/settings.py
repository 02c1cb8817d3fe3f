"""Settings shapes: the admin's toggles and values (one field per catalogue key), the permission matrix."""

from __future__ import annotations

from pydantic import BaseModel, Field, create_model

from rxcrm.db.schemas.shapes import Answer, Body
from rxcrm.domain.settings.catalogue import CATALOGUE

SettingsPublic = create_model(
    "SettingsPublic",
    __base__=Answer,
    __doc__="Every setting with its value; a partner user gets only the display keys (board currency…).",
    **{spec.key: (spec.kind | None, Field(default=None, title=spec.label)) for spec in CATALOGUE},
)


class PermissionChange(Body):
    """One cell of the matrix: may `role` do `action` on `entity`."""

    role: str
    entity: str
    action: str
    allowed: bool


Allowed = dict[str, list[str]]


class PermissionMatrix(BaseModel):
    """For each editable role, each kind of record and the actions allowed (admins may always do all)."""

    director: Allowed = Field(description="entity -> allowed actions (view, add, edit, delete)")
    rep: Allowed
    partner: Allowed
