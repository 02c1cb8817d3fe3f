"""E-mail from records: the rules of a template and of a message, without the database."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from rxcrm.domain.records.validation import FieldErrors, clean_text, clean_texts

LIMITS = {"name": 200, "subject": 500, "body": 20000}
SENDING = "sending"
STATUSES = ("queued", SENDING, "sent", "outbox", "failed")
RETRYABLE = ("queued", "failed")
STALE_CLAIM = timedelta(minutes=15)
"""A claim ('sending') older than this belongs to a process that stopped while sending: far beyond the
mail server's timeouts, so a live send never looks stale."""
STOPPED = (
    "Sending stopped unexpectedly (the server was stopped or failed while sending); the e-mail may or "
    "may not have gone out: check with the recipient before you retry."
)
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
"""The most an e-mail's attachments may weigh together (what common mail servers accept)."""


def stale_claim_before(now: datetime) -> datetime:
    """Claims made before this moment are stale: their e-mail may be claimed again."""
    return now - STALE_CLAIM


def may_retry(status: str, claimed_at: datetime | None, now: datetime) -> bool:
    """A queued or failed e-mail may be sent again, and one whose sending stopped long ago."""
    stale = status == SENDING and claimed_at is not None and claimed_at < stale_claim_before(now)
    return status in RETRYABLE or stale


def shown_status(status: str, claimed_at: datetime | None, now: datetime) -> tuple[str, str | None]:
    """The status and note a user reads: a stale claim reads as failed, with what that means."""
    if status == SENDING and may_retry(status, claimed_at, now):
        return "failed", STOPPED
    return status, None


def clean_template(data: Mapping[str, Any], creating: bool) -> dict[str, Any]:
    """A template's name, subject and body: trimmed (the body keeps its lines), within their limits."""
    errors = FieldErrors()
    values = clean_texts(
        errors, {k: v for k, v in data.items() if k != "body"}, {"name": 200, "subject": 500}
    )
    if "body" in data:
        body = data["body"]
        values["body"] = body.strip("\n") if isinstance(body, str) and body.strip() else None
        if values["body"] is not None and len(values["body"]) > LIMITS["body"]:
            errors.add("body", f"must be at most {LIMITS['body']} characters")
    for field in LIMITS:
        if (creating or field in data) and values.get(field) is None:
            errors.add(field, "is required")
    errors.raise_if_any()
    return values


def clean_message(subject: Any, body: Any) -> tuple[str, str]:
    """The subject (one line) and body of a message to send, both required and within their limits."""
    errors = FieldErrors()
    one_line = " ".join(str(subject or "").split())
    text = str(body or "").strip("\n")
    if not one_line:
        errors.add("subject", "is required")
    elif len(one_line) > LIMITS["subject"]:
        errors.add("subject", f"must be at most {LIMITS['subject']} characters")
    if clean_text(text) is None:
        errors.add("body", "is required")
    elif len(text) > LIMITS["body"]:
        errors.add("body", f"must be at most {LIMITS['body']} characters")
    errors.raise_if_any()
    return one_line, text
