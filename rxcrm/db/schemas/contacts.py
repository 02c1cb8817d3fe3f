"""Personal contact shapes: ContactBase/Create/Update (sent) and ContactPublic (answered)."""

from __future__ import annotations

from typing import Any, Literal

from rxcrm.db.models import Contact
from rxcrm.db.schemas.shapes import Body, RecordId, public_shape, text_fields


class ContactBase(Body):
    """The fields a client may send for a personal contact."""

    salutation: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    email: str | None = None
    phone: str | None = None
    mobile: str | None = None
    position: str | None = None
    account_id: RecordId | None = None
    partner_id: RecordId | None = None
    kind: Literal["employee", "consultant"] | None = None
    owner_id: RecordId | None = None
    second_owner_id: RecordId | None = None
    custom: dict[str, Any] | None = None


# The text inputs of the contact form, in the shape's order.
TEXT_FIELDS = text_fields(ContactBase)


class ContactCreate(ContactBase):
    """A new personal contact (a last name is required)."""


class ContactUpdate(ContactBase):
    """Changes to a contact: only the fields sent are changed."""


ContactPublic = public_shape(Contact, "A personal contact as the viewer may see it.")
