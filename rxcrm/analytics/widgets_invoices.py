"""Pending payments widgets: open invoices by due week, overdue invoices by account, paid invoices per month.

Open means sent and not paid, overdue ones included: a draft is not owed yet (the customer has not
received it). Overdue means sent and due before the viewer's today (`today_for`, his/her calendar).
Every query goes through the invoices' own access filter (`invoice_clause`: the role may view invoices
and the user sees the invoice's deal, else its account), sums money in SQL in the board currency
(invoices in a currency without an exchange rate are left out, and `left_out_note` tells the page
how many) and groups by day or account; Python only folds the grouped days into weeks, months or quarters.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from rxcrm.analytics.widget_queries import (
    ZERO,
    as_day,
    days_between,
    deal_scope,
    every_period,
    money,
    period_of,
    period_start,
)
from rxcrm.analytics.widgets_products import in_board_currency
from rxcrm.db.models import Account, ExchangeRate, Invoice, Opportunity, User
from rxcrm.domain.commerce.invoices import DRAFT, OVERDUE, PAID, SENT
from rxcrm.domain.dashboards.widgets import WidgetParams
from rxcrm.services.commerce.invoices import invoice_clause, status_clause
from rxcrm.services.people.access import visible
from rxcrm.services.people.field_visibility import hidden_fields, require_visible
from rxcrm.services.people.permissions import can, require
from rxcrm.services.people.time_zones import today_for

Rows = list[dict[str, Any]]
# The deal filters an invoice is narrowed by (through its deal: the deal's owner, team, campaign, …).
DEAL_FILTERS = ("owner_id", "team", "campaign_id", "partner_id", "project_id", "pipeline_id")
TOP_ACCOUNTS = 12
NO_ACCOUNT = "No account"
HIDDEN_ACCOUNT = "An account you cannot see"
# How several accounts summed in one row are named: (one of them, several).
HIDDEN_ACCOUNTS = (HIDDEN_ACCOUNT, "{n} accounts you cannot see")
OTHER_ACCOUNTS = ("1 other account", "{n} other accounts")


def invoice_amount(session: Session) -> Any:
    """SQL: an invoice's amount in the board currency (NULL without a rate; see `invoices_for`)."""
    return in_board_currency(session, Invoice.currency, Invoice.amount)


def invoices_for(session: Session, actor: User, params: WidgetParams, what: str, *columns: Any) -> Any:
    """SELECT over the invoices the user may see that have a board-currency amount, narrowed by the
    widget's deal filters (an invoice without a deal then drops out); refused without invoice rights."""
    require(session, actor, "invoices", "view")
    require_visible(session, actor, "opportunity", ("amount",), what)
    amount = invoice_amount(session)
    statement = (
        select(*columns)
        .select_from(Invoice)
        .outerjoin(ExchangeRate, ExchangeRate.currency == Invoice.currency)
        .where(invoice_clause(actor), amount.is_not(None))
    )
    if any(getattr(params, name, None) is not None for name in DEAL_FILTERS):
        deals = deal_scope(session, select(Opportunity.id), actor, params, stage=False)
        statement = statement.where(Invoice.opportunity_id.in_(deals))
    return statement


def _by_day(session: Session, statement: Any, day: Any) -> list[tuple[date, int, Decimal]]:
    """Invoices grouped by one of their dates: (day, count, board-currency sum), in day order."""
    grouped = session.exec(statement.group_by(day).order_by(day)).all()
    return [(as_day(d), int(count), Decimal(str(total or 0))) for d, count, total in grouped]


def _fold(days: Iterable[tuple[date, int, Decimal]], period: str) -> dict[str, tuple[int, Decimal]]:
    """Grouped days added up per period: count and sum."""
    folded: dict[str, tuple[int, Decimal]] = {}
    for day, count, total in days:
        seen, amount = folded.get(period_of(day, period), (0, ZERO))
        folded[period_of(day, period)] = (seen + count, amount + total)
    return folded


def open_invoices_by_due_week(session: Session, actor: User, params: WidgetParams) -> Rows:
    """Sent, unpaid invoices per week of their due date (due in the range): count, amount and the part
    of it overdue today; every week from the first to the last shown, empty ones at zero."""
    today = today_for(actor)
    columns = (Invoice.due_date, func.count(Invoice.id), func.sum(invoice_amount(session)))
    statement = invoices_for(session, actor, params, "Open invoices", *columns).where(Invoice.status == SENT)
    days = _by_day(session, days_between(statement, Invoice.due_date, params), Invoice.due_date)
    weeks = _fold(days, "week")
    overdue = _fold(((d, n, total) for d, n, total in days if d < today), "week")
    return [
        {
            "week": period_start(key),
            "count": weeks.get(key, (0, ZERO))[0],
            "amount": money(weeks.get(key, (0, ZERO))[1]),
            "overdue_amount": money(overdue.get(key, (0, ZERO))[1]),
        }
        for key in every_period(weeks, replace(params, period="week"))
    ]


def overdue_by_account(session: Session, actor: User, params: WidgetParams) -> Rows:
    """Per account, invoices overdue today (due in the range): count, amount and how many days the
    oldest is overdue; biggest amount first, the accounts after the twelfth summed in one last row.
    Accounts the user cannot see (their invoices he/she may) are summed in one row, without their ids."""
    today = today_for(actor)
    columns = (
        Invoice.account_id,
        func.count(Invoice.id),
        func.sum(invoice_amount(session)),
        func.min(Invoice.due_date),
    )
    statement = invoices_for(session, actor, params, "Overdue invoices", *columns)
    statement = days_between(statement.where(status_clause(OVERDUE, today)), Invoice.due_date, params)
    grouped = session.exec(statement.group_by(Invoice.account_id)).all()
    ids = {account_id for account_id, *_ in grouped if account_id is not None}
    seen = visible(select(Account.id, Account.name).where(Account.id.in_(ids)), Account, actor)
    names = dict(session.exec(seen).all()) if ids else {}
    rows = [
        {
            "account_id": account_id,
            "account": names.get(account_id, HIDDEN_ACCOUNT) if account_id else NO_ACCOUNT,
            "count": int(count),
            "amount": money(total),
            "days_overdue": (today - as_day(oldest)).days,
        }
        for account_id, count, total, oldest in grouped
    ]
    hidden = [r for r in rows if r["account_id"] is not None and r["account_id"] not in names]
    shown = [r for r in rows if r["account_id"] is None or r["account_id"] in names]
    rows = _named_apart(shown) + _summed(hidden, HIDDEN_ACCOUNTS)
    rows.sort(key=lambda r: (-r["amount"], r["account"], r["account_id"] or 0))
    return rows[:TOP_ACCOUNTS] + _summed(rows[TOP_ACCOUNTS:], OTHER_ACCOUNTS)


def _named_apart(rows: Rows) -> Rows:
    """Accounts that share a name get their number after it: one bar each, never two on one spot."""
    names = Counter(r["account"] for r in rows)
    return [
        {**r, "account": f"{r['account']} (#{r['account_id']})"} if names[r["account"]] > 1 else r
        for r in rows
    ]


def _summed(rest: Rows, label: tuple[str, str]) -> Rows:
    """Accounts as one row without an account id, so the bars still add up: those beyond the top ones,
    or those the user cannot see (one bar: it would tell them apart, and their ids are not given away)."""
    if not rest:
        return []
    one, several = label
    return [
        {
            "account_id": None,
            "account": one if len(rest) == 1 else several.format(n=len(rest)),
            "count": sum(r["count"] for r in rest),
            "amount": money(sum((r["amount"] for r in rest), ZERO)),
            "days_overdue": max(r["days_overdue"] for r in rest),
        }
    ]


def paid_per_month(session: Session, actor: User, params: WidgetParams) -> Rows:
    """Paid invoices per month of payment (or the widget's week / quarter), paid in the range:
    count and amount; every period up to the viewer's today, empty ones at zero."""
    columns = (Invoice.paid_on, func.count(Invoice.id), func.sum(invoice_amount(session)))
    statement = invoices_for(session, actor, params, "Paid invoices", *columns)
    statement = statement.where(status_clause(PAID, today_for(actor)), Invoice.paid_on.is_not(None))
    periods = _fold(
        _by_day(session, days_between(statement, Invoice.paid_on, params), Invoice.paid_on), params.period
    )
    return [
        {
            "period": key,
            "count": periods.get(key, (0, ZERO))[0],
            "amount": money(periods.get(key, (0, ZERO))[1]),
        }
        for key in every_period(periods, params, last=today_for(actor))
    ]


def unconverted_invoices(session: Session, actor: User) -> dict[str, int]:
    """Per currency without an exchange rate: how many sent or paid invoices the user may see the
    widgets leave out (none when the user may not see the widgets' figures at all)."""
    amount_hidden = "amount" in hidden_fields(session, actor, "opportunity")
    if amount_hidden or not can(session, actor, "invoices", "view"):
        return {}
    statement = (
        select(Invoice.currency, func.count(Invoice.id))
        .select_from(Invoice)
        .outerjoin(ExchangeRate, ExchangeRate.currency == Invoice.currency)
        .where(invoice_clause(actor), Invoice.status != DRAFT, invoice_amount(session).is_(None))
        .group_by(Invoice.currency)
        .order_by(Invoice.currency)
    )
    return {currency: int(count) for currency, count in session.exec(statement).all()}


def left_out_note(session: Session, actor: User) -> str:
    """What the Pending payments page says of the invoices its figures leave out ('' when none are)."""
    counts = unconverted_invoices(session, actor)
    if not counts:
        return ""
    parts = [f"{n} in {currency}" for currency, n in counts.items()]
    total = sum(counts.values())
    return (
        f"{total} sent or paid invoice{'s' if total != 1 else ''} ({', '.join(parts)}) "
        f"{'are' if total != 1 else 'is'} not in these figures: no exchange rate into the board "
        "currency is set (Settings › Exchange rates)."
    )
