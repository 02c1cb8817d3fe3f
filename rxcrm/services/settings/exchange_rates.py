"""Exchange rates into the board currency, and amounts converted in SQL."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import case
from sqlmodel import Session, select

from rxcrm.db.models import ExchangeRate, Opportunity, User
from rxcrm.db.types import utcnow
from rxcrm.domain.errors import NotFound, ValidationFailed
from rxcrm.domain.pipeline.board import BOARD_TOPIC, WHOLE_BOARD
from rxcrm.domain.records.history import FieldChange
from rxcrm.services.people.users import require_admin
from rxcrm.services.records.events import ChangeEvent, publish, touch
from rxcrm.services.settings.toggles import SETTINGS_ENTITY, current_settings

MAX_RATE = Decimal("1000000")


def board_currency(session: Session) -> str:
    """The currency boards, forecasts and dashboards add up in."""
    return current_settings(session)["board_currency"]


def board_amount(currency: str) -> Any:
    """SQL: a deal's amount in the board currency (NULL when its currency has no rate).

    The statement must LEFT JOIN ExchangeRate on the deal's currency (see `with_rates`).
    """
    return case(
        (Opportunity.currency == currency, Opportunity.amount),
        else_=Opportunity.amount * ExchangeRate.rate,
    )


def with_rates(statement: Any) -> Any:
    """Join each deal's exchange rate, so `board_amount` can convert it."""
    return statement.outerjoin(ExchangeRate, ExchangeRate.currency == Opportunity.currency)


def list_rates(session: Session) -> list[ExchangeRate]:
    """Every exchange rate, by currency."""
    return list(session.exec(select(ExchangeRate).order_by(ExchangeRate.currency)).all())


def _currency(code: Any) -> str:
    if not isinstance(code, str) or len(code) != 3 or not code.isalpha():
        raise ValidationFailed.from_fields({"currency": "must be a three-letter ISO 4217 code like USD"})
    return code.upper()


def set_rate(session: Session, actor: User, currency: Any, rate: Any) -> ExchangeRate:
    """Admin sets what one unit of a currency is worth in the board currency."""
    require_admin(actor, "set exchange rates")
    code = _currency(currency)
    try:
        value = Decimal(str(rate).strip()).quantize(Decimal("0.000001"))
    except (InvalidOperation, ValueError) as exc:
        raise ValidationFailed.from_fields({"rate": "must be a decimal number like 1.085"}) from exc
    if not value.is_finite() or not Decimal(0) < value <= MAX_RATE:
        raise ValidationFailed.from_fields({"rate": "must be greater than 0"})
    existing = session.get(ExchangeRate, code)
    before = str(existing.rate) if existing is not None else None
    row = existing or ExchangeRate(currency=code, rate=value)
    row.rate, row.updated_at = value, utcnow()
    session.add(row)
    session.flush()
    _record(session, actor, code, before, str(value))
    return row


def delete_rate(session: Session, actor: User, currency: Any) -> None:
    """Admin removes a currency's rate (its deals then stay out of board totals)."""
    require_admin(actor, "set exchange rates")
    row = session.get(ExchangeRate, _currency(currency))
    if row is None:
        raise NotFound(f"no exchange rate for {currency}")
    _record(session, actor, row.currency, str(row.rate), None)
    session.delete(row)
    session.flush()


def _record(session: Session, actor: User, code: str, old: str | None, new: str | None) -> None:
    change = FieldChange(f"exchange_rate_{code}", old, new)
    publish(session, ChangeEvent(SETTINGS_ENTITY, 1, "update", (change,), actor.id))
    touch(session, BOARD_TOPIC, WHOLE_BOARD)  # every board total may change
