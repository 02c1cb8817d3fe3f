"""REST: /settings/smtp — the mail server e-mail goes through (admins; the password is write-only)."""

from __future__ import annotations

from typing import Annotated, Any

from anyio import to_thread
from fastapi import APIRouter, Depends

from rxcrm.api.deps import DB, Actor, UnitOpener, bearer_token, open_unit
from rxcrm.db.schemas.smtp import SmtpSettingsPublic, SmtpSettingsUpdate, SmtpTestResult
from rxcrm.services.commerce import smtp_settings as service

router = APIRouter(prefix="/settings/smtp", tags=["settings"])
Token = Annotated[str | None, Depends(bearer_token)]
Opener = Annotated[UnitOpener, Depends(open_unit)]


@router.get("", response_model=SmtpSettingsPublic)
def read_smtp(session: DB, actor: Actor) -> dict[str, Any]:
    """The saved settings with `password_set` instead of the password, and the source in effect."""
    return service.smtp_settings(session, actor)


@router.patch("", response_model=SmtpSettingsPublic)
def update_smtp(body: SmtpSettingsUpdate, session: DB, actor: Actor) -> dict[str, Any]:
    """Change some of the settings; RXCRM_SMTP_HOST in the environment still wins while it is set."""
    return service.update_smtp_settings(session, actor, body.model_dump(exclude_unset=True))


@router.post("/test", response_model=SmtpTestResult)
async def send_test(token: Token, opener: Opener) -> dict[str, str]:
    """Send a test e-mail to the admin's own address; the answer says whether it went, or why not."""
    return await to_thread.run_sync(service.send_test_email, token, opener)
