"""Data of the dashboard benchmark: 20 reps, a director, deals, activities, leads, campaigns, partners.

Bulk inserts (Core `insert` with many rows, the activities straight through the driver), `random.Random(42)`.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import insert, select

from rxcrm.db.models import (
    Account,
    ActivityCategory,
    Campaign,
    Contact,
    ExchangeRate,
    Follower,
    Lead,
    Opportunity,
    Partner,
    User,
)
from rxcrm.db.models.dashboards import UserTarget
from rxcrm.services.pipeline.stages import list_stages
from rxcrm.services.settings.defaults import install_defaults

REPS = 20
ACCOUNTS = 2_000
CONTACTS = 5_000
CAMPAIGNS = 30
PARTNERS = 15
YEARS = 3
SEED = 42
LIMITED_REP = 3  # this rep works with access level limited_crm
ACTIVITY_ENTITIES = (("opportunity", 60), ("account", 15), ("contact", 10), ("lead", 15))


def _moment(rng: random.Random, start: datetime, days: int) -> datetime:
    return start + timedelta(days=rng.randrange(days), seconds=rng.randrange(86_400))


def _people(session: Any) -> tuple[User, User, list[User]]:
    install_defaults(session)
    admin = User(email="admin@bench.test", name="Admin", role="admin", password_hash="x")
    director = User(email="director@bench.test", name="Dana Director", role="director", password_hash="x")
    reps = [
        User(
            email=f"rep{i:02d}@bench.test",
            name=f"Rep {i:02d}",
            role="rep",
            team="North" if i % 2 else "South",
            access_level="limited_crm" if i == LIMITED_REP else "full",
            password_hash="x",
        )
        for i in range(REPS)
    ]
    session.add_all([admin, director, *reps])
    session.add_all(
        [
            ExchangeRate(currency="USD", rate=Decimal("0.92")),
            ExchangeRate(currency="GBP", rate=Decimal("1.17")),
        ]
    )
    session.flush()
    return admin, director, reps


def _records(session: Any, rng: random.Random, reps: list[User], now: datetime) -> None:
    ids = [r.id for r in reps]
    session.execute(
        insert(Partner),
        [{"name": f"Partner {i}", "active": True, "created_at": now} for i in range(PARTNERS)],
    )
    campaign_rows = [
        {
            "name": f"Campaign {i}",
            "status": "active",
            "budget": Decimal(rng.randrange(5_000, 50_000)),
            "cost": Decimal(rng.randrange(1_000, 40_000)),
            "currency": "USD" if i % 5 == 0 else "EUR",
            "created_at": now,
        }
        for i in range(CAMPAIGNS)
    ]
    session.execute(insert(Campaign), campaign_rows)
    account_rows = [
        {
            "type": "company",
            "name": f"Account {i}",
            "owner_id": rng.choice(ids),
            "custom": {},
            "created_at": now,
            "updated_at": now,
        }
        for i in range(ACCOUNTS)
    ]
    session.execute(insert(Account), account_rows)
    accounts = session.execute(select(Account.id, Account.owner_id)).all()
    contact_rows = []
    for i in range(CONTACTS):
        account_id, owner_id = rng.choice(accounts)
        contact_rows.append(
            {
                "last_name": f"Contact {i}",
                "account_id": account_id,
                "owner_id": owner_id,
                "kind": "employee",
                "custom": {},
                "created_at": now,
                "updated_at": now,
            }
        )
    session.execute(insert(Contact), contact_rows)


def _deals(session: Any, rng: random.Random, reps: list[User], deals: int, now: datetime) -> None:
    stages = list_stages(session)
    by_kind = {kind: [s for s in stages if s.kind == kind] for kind in ("open", "won", "lost")}
    contacts = session.execute(select(Contact.id, Contact.account_id)).all()
    campaigns = session.execute(select(Campaign.id)).scalars().all()
    partners = session.execute(select(Partner.id)).scalars().all()
    start, span = now - timedelta(days=365 * YEARS), 365 * YEARS
    rows = []
    for i in range(deals):
        status = rng.choices(("open", "won", "lost"), weights=(45, 35, 20))[0]
        stage = rng.choice(by_kind[status])
        contact_id, account_id = rng.choice(contacts)
        created = _moment(rng, start, span)
        closed = min(created + timedelta(days=rng.randrange(5, 180)), now) if status != "open" else None
        close_day = closed.date() if closed else date.today() + timedelta(days=rng.randrange(-60, 365))
        rows.append(
            {
                "name": f"Deal {i}",
                "account_id": account_id,
                "contact_id": contact_id,
                "owner_id": rng.choice(reps).id,
                "stage_id": stage.id,
                "status": status,
                "probability": stage.probability,
                "amount": Decimal(rng.randrange(1_000, 250_000, 50)),
                "currency": rng.choices(("EUR", "USD", "GBP", "CHF"), weights=(84, 10, 5, 1))[0],
                "close_date": close_day,
                "campaign_id": rng.choice(campaigns) if rng.random() < 0.4 else None,
                "partner_id": rng.choice(partners) if rng.random() < 0.2 else None,
                "tags": [],
                "custom": {},
                "locked": False,
                "closed_at": closed,
                "created_at": created,
                "updated_at": closed or created,
            }
        )
    for first in range(0, deals, 20_000):
        session.execute(insert(Opportunity), rows[first : first + 20_000])
    owned = session.execute(select(Opportunity.id, Opportunity.owner_id)).all()
    followers = [{"entity": "opportunity", "entity_id": i, "user_id": o, "created_at": now} for i, o in owned]
    session.execute(insert(Follower), followers)


def _leads(session: Any, rng: random.Random, reps: list[User], leads: int, now: datetime) -> None:
    campaigns = session.execute(select(Campaign.id)).scalars().all()
    start, span = now - timedelta(days=365 * YEARS), 365 * YEARS
    rows = []
    for i in range(leads):
        created = _moment(rng, start, span)
        rows.append(
            {
                "name": f"Lead {i}",
                "source": rng.choice(("web", "fair", "phone", "partner")),
                "campaign_id": rng.choice(campaigns) if rng.random() < 0.6 else None,
                "status": rng.choices(("open", "qualified", "disqualified"), weights=(50, 25, 25))[0],
                "owner_id": rng.choice(reps).id,
                "routing": "manual",
                "custom": {},
                "created_at": created,
                "updated_at": created,
            }
        )
    for first in range(0, leads, 20_000):
        session.execute(insert(Lead), rows[first : first + 20_000])


def _activities(session: Any, rng: random.Random, reps: list[User], count: int, now: datetime) -> None:
    categories = session.execute(select(ActivityCategory.id)).scalars().all()
    last = {
        "opportunity": session.execute(select(Opportunity.id)).scalars().all(),
        "account": session.execute(select(Account.id)).scalars().all(),
        "contact": session.execute(select(Contact.id)).scalars().all(),
        "lead": session.execute(select(Lead.id)).scalars().all(),
    }
    entities, weights = zip(*ACTIVITY_ENTITIES, strict=True)
    start, span = now - timedelta(days=365 * YEARS), 365 * YEARS
    author_ids = [r.id for r in reps]
    sql = "INSERT INTO activity (entity, entity_id, category_id, at, author_id) VALUES (?, ?, ?, ?, ?)"
    connection = session.connection()
    for first in range(0, count, 100_000):
        batch = []
        for _ in range(min(100_000, count - first)):
            entity = rng.choices(entities, weights=weights)[0]
            at = _moment(rng, start, span).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")
            batch.append(
                (entity, rng.choice(last[entity]), rng.choice(categories), at, rng.choice(author_ids))
            )
        connection.exec_driver_sql(sql, batch)


def _targets(session: Any, reps: list[User], rng: random.Random) -> None:
    today = date.today()
    months = [(today.year - y, m) for y in range(YEARS) for m in range(1, 13)]
    rows = [
        {"user_id": r.id, "period": f"{y}-{m:02d}", "amount": Decimal(rng.randrange(200_000, 600_000, 1000))}
        for r in reps
        for y, m in months
    ]
    session.execute(insert(UserTarget), rows)


def build(session: Any, deals: int, activities: int, leads: int) -> dict[str, int]:
    """Fill an empty, migrated database; the ids of the director and the limited rep."""
    rng = random.Random(SEED)
    now = datetime.now(UTC)
    _, director, reps = _people(session)
    _records(session, rng, reps, now)
    _deals(session, rng, reps, deals, now)
    _leads(session, rng, reps, leads, now)
    _activities(session, rng, reps, activities, now)
    _targets(session, reps, rng)
    return {"director": director.id, "limited": reps[LIMITED_REP].id}


def users_of() -> dict[str, int]:
    """The ids of the director and the limited rep in a database built earlier."""
    from rxcrm.db.session import unit_of_work

    with unit_of_work() as session:
        director = session.execute(select(User.id).where(User.role == "director")).scalar_one()
        limited = session.execute(select(User.id).where(User.access_level == "limited_crm")).scalar_one()
    return {"director": director, "limited": limited}
