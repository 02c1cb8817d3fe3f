"""Contact types (admin-edited) and the channels a contact is reached by beyond its e-mail and phone."""

from __future__ import annotations

from sqlmodel import Field, SQLModel


class ContactType(SQLModel, table=True):
    """A way to reach someone: E-mail, Phone, Skype…; its kind says how a value is checked and shown."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=60, unique=True)
    kind: str = Field(default="text", max_length=10)
    position: int = 0


class ContactChannel(SQLModel, table=True):
    """One address of a contact of one type (e.g. Skype: ann.k)."""

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(foreign_key="contact.id", index=True, ondelete="CASCADE")
    type_id: int = Field(foreign_key="contacttype.id", index=True)
    value: str = Field(max_length=200)
    position: int = 0
