"""REST: /settings — one flat object of the admin's toggles and values (spec §7)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body

from rxcrm.api.deps import DB, Actor
from rxcrm.api.openapi_bodies import SETTINGS_OPENAPI
from rxcrm.db.schemas.settings import SettingsPublic
from rxcrm.services.settings import toggles as service

router = APIRouter(prefix="/settings", tags=["settings"])


@router.get("", response_model=SettingsPublic)
def read_settings(session: DB, actor: Actor) -> dict[str, Any]:
    """Every setting with its current value; a partner user gets only the display keys (board currency…)."""
    return service.settings_for(session, actor)


@router.patch("", response_model=SettingsPublic, openapi_extra=SETTINGS_OPENAPI)
def update_settings(changes: Annotated[dict[str, Any], Body()], session: DB, actor: Actor) -> dict[str, Any]:
    """Admin changes some settings; children of a toggle switched Off go Off with it."""
    return service.update_settings(session, actor, changes)
