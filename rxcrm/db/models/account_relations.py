"""Linked accounts: two accounts linked once (the lower id first), with what each is to the other."""

from __future__ import annotations

from sqlalchemy import UniqueConstraint
from sqlmodel import Field

from rxcrm.db.models.record_keeping import Created


class AccountRelation(Created, table=True):
    """Two linked accounts: `label` is what the second is to the first, `related_label` the reverse."""

    __table_args__ = (UniqueConstraint("account_id", "related_account_id", name="uq_account_relation"),)

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True, ondelete="CASCADE")
    related_account_id: int = Field(foreign_key="account.id", index=True, ondelete="CASCADE")
    label: str = Field(max_length=60)
    related_label: str = Field(max_length=60)
