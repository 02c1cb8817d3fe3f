"""Personal contact shapes: ContactCreate/Update (sent) and ContactPublic (answered)."""

from __future__ import annotations

from typing import Any, Literal

from rxcrm.db.models import Contact
from rxcrm.db.schemas.shapes import Body, RecordId, changes_to, public_shape, text_fields


class ContactCreate(Body):
    """A new personal contact (a last name is required)."""

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
TEXT_FIELDS = text_fields(ContactCreate)


ContactUpdate = changes_to(ContactCreate, "Changes to a contact: only the fields sent are changed.")


ContactPublic = public_shape(Contact, "A personal contact as the viewer may see it.")
