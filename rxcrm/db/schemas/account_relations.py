"""Linked-account shapes: a new link (sent) and a link as the account's page sees it (answered)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from rxcrm.db.schemas.shapes import Body, RecordId


class RelationCreate(Body):
    """Link another account: what it is to this one ('Supplier', 'Customer', 'Partner company', 'Subsidiary',
    'Parent company' — the other side then reads the counterpart — or free words, read the same)."""

    related_account_id: RecordId
    label: str = Field(max_length=200)


class RelationPublic(BaseModel):
    """A link seen from `account_id`: the other account and what it is to this one."""

    id: int
    account_id: int
    related_account_id: int
    related_account_name: str
    label: str


class RelationList(BaseModel):
    """The account's links to accounts the caller may see: the list shape of every resource, one page."""

    items: list[RelationPublic]
    total: int
    limit: int
    offset: int
