"""Domain errors carrying a machine-readable code that the UI and API translate."""

from __future__ import annotations

VALIDATION_ERROR = "validation_error"
NOT_FOUND = "not_found"
FORBIDDEN = "forbidden"
CONFLICT = "conflict"
UNAUTHORIZED = "unauthorized"
RATE_LIMITED = "rate_limited"


class DomainError(Exception):
    """A business rule refused an action; `code` says how callers should answer."""

    code = VALIDATION_ERROR

    def __init__(self, message: str, fields: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.fields = fields or {}


class ValidationFailed(DomainError):
    """Input breaks a rule: a required field is missing, a value has the wrong form."""

    code = VALIDATION_ERROR

    @classmethod
    def from_fields(cls, fields: dict[str, str]) -> ValidationFailed:
        """Build one error naming every field that is wrong."""
        first = next(iter(fields.items()))
        summary = f"{first[0]}: {first[1]}"
        if len(fields) > 1:
            summary += f" (and {len(fields) - 1} more)"
        return cls(f"Please correct the form — {summary}", fields)


class NotFound(DomainError):
    """The record does not exist or the user may not see it."""

    code = NOT_FOUND


class Forbidden(DomainError):
    """The user sees the record but may not perform the action."""

    code = FORBIDDEN


class Conflict(DomainError):
    """The action clashes with existing data (a duplicate, a record in use)."""

    code = CONFLICT


class Unauthorized(DomainError):
    """Credentials are missing, wrong or expired."""

    code = UNAUTHORIZED


class TooManyAttempts(DomainError):
    """Too many failed attempts: locked for `retry_after` seconds (429 with Retry-After)."""

    code = RATE_LIMITED

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class NotLoggedIn(Unauthorized):
    """No session at all (a first visit): the login page is the answer, not an error."""
