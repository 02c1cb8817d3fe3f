"""Mail server settings shapes: what an admin may change, and what is shown (never the password)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from rxcrm.db.schemas.shapes import Body


class SmtpSettingsUpdate(Body):
    """Changes to the mail server settings; a field left out keeps its value, `password` null clears it."""

    host: str | None = Field(default=None, max_length=1000)
    port: int | None = Field(default=None, ge=1, le=65535)
    starttls: bool | None = None
    user: str | None = Field(default=None, max_length=1000)
    password: str | None = Field(default=None, max_length=1000)
    sender: str | None = Field(default=None, max_length=1000)


class SmtpSettingsPublic(BaseModel):
    """The saved mail server settings, whether a password is set, and which source is in effect."""

    host: str | None = None
    port: int
    starttls: bool
    user: str | None = None
    sender: str | None = None
    password_set: bool
    source: Literal["environment", "settings", "outbox"]
    host_in_effect: str | None = None


class SmtpTestResult(BaseModel):
    """How the test e-mail to the admin's own address went: sent, or failed with the reason."""

    to: str
    status: Literal["sent", "failed"]
    error: str = ""
