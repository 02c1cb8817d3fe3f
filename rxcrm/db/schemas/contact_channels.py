"""Contact type and channel shapes: the admin's types, and a contact's channels (sent and answered)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from rxcrm.db.models import ContactType
from rxcrm.db.schemas.shapes import Body, Position, RecordId, public_shape

ChannelKind = Literal["email", "phone", "url", "text"]


class ContactTypeCreate(Body):
    """A new contact type: its name and kind (how a value is checked and linked; `text` unless told)."""

    name: str = Field(max_length=200)
    kind: ChannelKind = "text"


class ContactTypeUpdate(Body):
    """Changes to a contact type: a new name, position, or kind (refused while channels use it)."""

    name: str | None = Field(default=None, max_length=200)
    kind: ChannelKind | None = None
    position: Position | None = None


ContactTypePublic = public_shape(ContactType, "A contact type: its name, kind and position.")


class ChannelIn(Body):
    """One channel of a contact: a contact type and the address of that type."""

    type_id: RecordId
    value: str = Field(max_length=1000)


class ChannelsIn(Body):
    """The whole list of a contact's channels, in order (an empty list removes them all)."""

    channels: list[ChannelIn] = Field(max_length=200)


class ChannelPublic(BaseModel):
    """A contact's channel: its type (id, name, kind), value and the link it opens ('' for text)."""

    id: int
    type_id: int
    type: str
    kind: str
    value: str
    href: str


class ChannelList(BaseModel):
    """A contact's channels in order."""

    contact_id: int
    items: list[ChannelPublic]
