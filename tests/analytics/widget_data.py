"""The small fixed data set the dashboard widget tests check hand-computed figures against.

Board currency EUR; USD at 0.5; CHF and GBP have no rate. Stages are the defaults (Prospecting 0,
Qualification 1, Needs analysis 2, Proposal 3, Negotiation 4, Won, Lost).

| deal | owner | stage | amount | prob | close date | created | closed | campaign | partner |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
| d1 | ann | Prospecting | 1000 EUR | 10 | 2026-03-10 | 2026-01-05 |  |  |  |
| d2 | ann | Proposal | 2000 EUR | 60 | 2026-04-20 | 2026-01-20 |  |  |  |
| d3 | bob | Proposal | 400 USD | 50 | 2026-03-31 | 2026-02-03 |  | c1 | p1 |
| d4 | bob | Negotiation | 999 CHF | 80 | 2026-03-15 | 2026-02-10 |  |  |  |
| d5 | ann | Won | 3000 EUR |  |  | 2026-01-02 | 2026-01-15 10:00 | c1 |  |
| d6 | bob | Won | 1000 USD |  |  | 2026-01-10 | 2026-02-20 12:00 |  | p1 |
| d7 | lina | Won | 700 EUR |  |  | 2026-02-01 | 2026-03-31 23:30 |  | p1 |
| d8 | ann | Lost | 5000 EUR |  |  | 2026-01-12 | 2026-02-05 09:00 |  |  |
| d9 | lina | Qualification | 300 EUR | 20 | 2026-05-02 | 2026-03-01 |  |  |  |
| d10 | bob | Won | 3000 EUR |  |  | 2026-03-05 | 2026-04-02 08:00 |  |  |
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlmodel import Session, select

from rxcrm.db.models import Activity, ActivityCategory, Campaign, ExchangeRate, Opportunity, Partner, User
from rxcrm.db.models.dashboards import UserTarget
from rxcrm.domain.dashboards.widgets import WidgetParams
from rxcrm.services.pipeline.stages import list_stages
from tests.conftest import make_account, make_lead, make_opportunity, make_user

Q1 = WidgetParams(date(2026, 1, 1), date(2026, 3, 31))


def at(text: str) -> datetime:
    """A UTC moment from 'YYYY-MM-DD HH:MM'."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@dataclass
class Crm:
    """The fixed data set's people and records, by their names in the table above."""

    director: User
    ann: User
    bob: User
    lina: User
    c1: Campaign
    c2: Campaign
    p1: Partner
    deals: dict[str, Opportunity]
    stages: dict[str, int]


def _deal(
    session: Session, owner: User, stage: str, amount: str, currency: str = "EUR", **kw: Any
) -> Opportunity:
    found = next(s for s in list_stages(session) if s.name == stage)
    values = {
        "status": found.kind,
        "stage_id": found.id,
        "currency": currency,
        "amount": Decimal(amount),
        **kw,
    }
    return make_opportunity(session, owner, **values)


def _campaigns(session: Session) -> tuple[Campaign, Campaign]:
    c1 = Campaign(name="Spring fair", cost=Decimal("1000.00"), currency="EUR")
    c2 = Campaign(name="US mailing", cost=Decimal("300.00"), currency="USD")
    c3 = Campaign(name="UK ads", cost=Decimal("50.00"), currency="GBP")
    session.add_all([c1, c2, c3, ExchangeRate(currency="USD", rate=Decimal("0.5"))])
    session.flush()
    return c1, c2


# The table above: deal, owner, stage, amount, currency, probability, close date, created, closed,
# whether campaign c1 and partner p1 brought it.
DEALS = (
    ("d1", "ann", "Prospecting", "1000", "EUR", 10, "2026-03-10", "2026-01-05 09:00", None, False, False),
    ("d2", "ann", "Proposal", "2000", "EUR", 60, "2026-04-20", "2026-01-20 09:00", None, False, False),
    ("d3", "bob", "Proposal", "400", "USD", 50, "2026-03-31", "2026-02-03 09:00", None, True, True),
    ("d4", "bob", "Negotiation", "999", "CHF", 80, "2026-03-15", "2026-02-10 09:00", None, False, False),
    ("d5", "ann", "Won", "3000", "EUR", None, None, "2026-01-02 09:00", "2026-01-15 10:00", True, False),
    ("d6", "bob", "Won", "1000", "USD", None, None, "2026-01-10 09:00", "2026-02-20 12:00", False, True),
    ("d7", "lina", "Won", "700", "EUR", None, None, "2026-02-01 09:00", "2026-03-31 23:30", False, True),
    ("d8", "ann", "Lost", "5000", "EUR", None, None, "2026-01-12 09:00", "2026-02-05 09:00", False, False),
    ("d9", "lina", "Qualification", "300", "EUR", 20, "2026-05-02", "2026-03-01 09:00", None, False, False),
    ("d10", "bob", "Won", "3000", "EUR", None, None, "2026-03-05 09:00", "2026-04-02 08:00", False, False),
)
# campaign (1 or 2, or none), status, owner, created
LEADS = (
    (1, "qualified", "ann", "2026-01-10 09:00"),
    (1, "open", "bob", "2026-02-03 09:00"),
    (2, "disqualified", "bob", "2026-03-20 09:00"),
    (None, "qualified", "ann", "2026-02-14 09:00"),
    (1, "qualified", "ann", "2026-04-02 09:00"),
)


def _deals(session: Session, users: dict[str, User], c1: Campaign, p1: Partner) -> dict[str, Opportunity]:
    deals = {}
    for name, owner, stage, amount, currency, probability, close, created, closed, by_c1, by_p1 in DEALS:
        kw: dict[str, Any] = {"created_at": at(created)}
        if probability is not None:
            kw |= {"probability": probability, "close_date": date.fromisoformat(close)}
        if closed:
            kw["closed_at"] = at(closed)
        if by_c1:
            kw["campaign_id"] = c1.id
        if by_p1:
            kw["partner_id"] = p1.id
        deals[name] = _deal(session, users[owner], stage, amount, currency, **kw)
    return deals


def _leads(session: Session, users: dict[str, User], campaigns: tuple[Campaign, Campaign]) -> None:
    for campaign, status, owner, created in LEADS:
        kw: dict[str, Any] = {"campaign_id": campaigns[campaign - 1].id} if campaign else {}
        make_lead(session, **kw, status=status, owner_id=users[owner].id, created_at=at(created))


def _activities(session: Session, crm: Crm) -> None:
    category = {c.name: c.id for c in session.exec(select(ActivityCategory)).all()}
    secret = make_account(session, is_private=True, created_by_id=crm.bob.id, owner_id=crm.bob.id)
    d = crm.deals
    rows = [
        ("Call", crm.ann, "opportunity", d["d1"].id, "2026-01-10 10:00"),
        ("Call", crm.ann, "opportunity", d["d2"].id, "2026-02-10 10:00"),
        ("Call", crm.bob, "opportunity", d["d3"].id, "2026-03-05 10:00"),
        ("Meeting", crm.ann, "opportunity", d["d5"].id, "2026-03-31 23:00"),
        ("Meeting", crm.bob, "account", secret.id, "2026-02-01 10:00"),
        ("E-mail", crm.lina, "opportunity", d["d7"].id, "2026-02-15 10:00"),
        ("Call", crm.ann, "opportunity", d["d1"].id, "2026-04-01 00:00"),
        ("Call", None, "opportunity", d["d1"].id, "2026-02-11 10:00"),
    ]
    for name, author, entity, entity_id, moment in rows:
        session.add(
            Activity(
                entity=entity,
                entity_id=entity_id,
                category_id=category[name],
                at=at(moment),
                author_id=author.id if author else None,
            )
        )


def _targets(session: Session, crm: Crm) -> None:
    for user, period, amount in (
        (crm.ann, "2026-01", "2500"),
        (crm.ann, "2026-02", "2500"),
        (crm.bob, "2026-02", "1000"),
        (crm.lina, "2026-03", "800"),
        (crm.ann, "2026-04", "9999"),
    ):
        session.add(UserTarget(user_id=user.id, period=period, amount=Decimal(amount)))


def fixed_crm(session: Session) -> Crm:
    """Store the data set of the module docstring, plus leads, activities and targets."""
    director = make_user(session, name="Dora Director", role="director", team="East")
    ann = make_user(session, name="Ann", team="East")
    bob = make_user(session, name="Bob", team="West")
    lina = make_user(session, name="Lina", team="West", access_level="limited_opportunities")
    c1, c2 = _campaigns(session)
    p1 = Partner(name="Reseller One")
    session.add(p1)
    session.flush()
    users = {"ann": ann, "bob": bob, "lina": lina}
    deals = _deals(session, users, c1, p1)
    crm = Crm(director, ann, bob, lina, c1, c2, p1, deals, {s.name: s.id for s in list_stages(session)})
    _leads(session, users, (c1, c2))
    _activities(session, crm)
    _targets(session, crm)
    session.flush()
    return crm
