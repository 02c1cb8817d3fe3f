"""REST: /contacts/{id}/channels — a contact's channels (Skype, LinkedIn…) beside its e-mail and phone."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from rxcrm.api.deps import DB, Actor
from rxcrm.db.schemas.contact_channels import ChannelList, ChannelsIn
from rxcrm.services.accounts import contact_channels as service

router = APIRouter(prefix="/contacts/{contact_id}/channels", tags=["contacts"])


@router.get("", response_model=ChannelList)
def list_channels(contact_id: int, session: DB, actor: Actor) -> dict[str, Any]:
    """The contact's channels in order, each with its type, kind and link (`href`: mailto:, tel:, https:)."""
    return {"contact_id": contact_id, "items": service.list_channels(session, actor, contact_id)}


@router.put("", response_model=ChannelList)
def set_channels(contact_id: int, body: ChannelsIn, session: DB, actor: Actor) -> dict[str, Any]:
    """Replace the contact's channels; each value checked by its type's kind (422 names the wrong ones)."""
    channels = [c.model_dump() for c in body.channels]
    return {"contact_id": contact_id, "items": service.set_channels(session, actor, contact_id, channels)}
