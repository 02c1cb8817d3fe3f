"""Account shapes: what a client sends (AccountCreate/Update) and what it gets back (AccountPublic)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from rxcrm.db.models import Account, AccountGroup
from rxcrm.db.schemas.shapes import Body, RecordId, changes_to, public_shape, text_fields


class AccountCreate(Body):
    """A new account (a company needs a name, a person a last name)."""

    type: Literal["company", "person", "other"] | None = None
    name: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    company: str | None = None
    email: str | None = None
    phone: str | None = None
    website: str | None = None
    street: str | None = None
    city: str | None = None
    zip: str | None = None
    country: str | None = None
    registration_no: str | None = None
    vat_no: str | None = None
    industry: str | None = None
    key_account: bool | None = None
    owner_id: RecordId | None = None
    second_owner_id: RecordId | None = None
    parent_id: RecordId | None = None
    partner_id: RecordId | None = None
    is_private: bool | None = None
    is_global: bool | None = None
    custom: dict[str, Any] | None = None
    group_ids: list[RecordId] | None = Field(default=None, max_length=100)


AccountUpdate = changes_to(AccountCreate, "Changes to an account: only the fields sent are changed.")


AccountPublic = public_shape(
    Account, "An account as the viewer may see it, with its group ids.", group_ids=list[int]
)
# The text inputs of the account form, in the shape's order.
TEXT_FIELDS = text_fields(AccountCreate)


class AccountGroupCreate(Body):
    """A new account group (its name is unique)."""

    name: str


AccountGroupPublic = public_shape(AccountGroup, "A group accounts can belong to.")
