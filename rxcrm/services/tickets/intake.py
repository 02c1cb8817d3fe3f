"""The shared inbox's intake: a mail gateway posts each customer e-mail with an intake API key."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from rxcrm.db.models import Ticket
from rxcrm.services.leads.intake_batcher import RateLimited
from rxcrm.services.leads.intake_rate_limit import intake_budgets
from rxcrm.services.settings.api_keys import key_for_request
from rxcrm.services.settings.toggles import current_settings
from rxcrm.services.tickets.messages import receive_mail


def admit_key(session: Session, api_key: str | None) -> None:
    """The lead intake's checks: an active API key, within the per-key rate limit (Settings)."""
    key = key_for_request(session, api_key)
    wait = intake_budgets().take(key.key_hash, current_settings(session)["intake_rate_limit_per_minute"])
    if wait:
        raise RateLimited(wait)


def intake_mail(session: Session, api_key: str | None, data: dict[str, Any]) -> tuple[Ticket, bool]:
    """Store a customer's e-mail sent with an API key: a new ticket, or a message on ticket [#N]."""
    admit_key(session, api_key)
    return receive_mail(session, data)
