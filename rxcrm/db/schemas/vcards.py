"""Answer shapes of the vCard import: the preview of each card and the records made."""

from __future__ import annotations

from pydantic import BaseModel


class VcardRow(BaseModel):
    """What one card becomes (`becomes`: person account, company account, contact) and what is wrong."""

    card: int
    becomes: str
    name: str
    organisation: str
    email: str
    phone: str
    city: str
    account: str
    note: str
    problems: dict[str, str]


class VcardPreview(BaseModel):
    """The preview of a vCard file: nothing is written."""

    kind: str
    cards: int
    invalid: int
    rows: list[VcardRow]


class VcardImported(BaseModel):
    """The records made from a vCard file, in the file's order."""

    kind: str
    created: int
    ids: list[int]
