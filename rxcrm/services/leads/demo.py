"""Demo leads: campaigns, splitter rules and a few hundred leads in every state of their lifecycle."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal

from sqlalchemy import update
from sqlmodel import Session

from rxcrm.db.models import Activity, Campaign, Lead, Partner, User
from rxcrm.db.types import utcnow
from rxcrm.services.leads.intake import add_leads
from rxcrm.services.leads.lifecycle import disqualify_lead, set_archived
from rxcrm.services.leads.splitter import save_rule
from rxcrm.services.records.activities import list_categories

FIRST = ("Anna", "Ben", "Clara", "David", "Eva", "Felix", "Greta", "Hugo", "Ines", "Jonas", "Kira", "Luca")
LAST = ("Berg", "Costa", "Dietrich", "Engel", "Fischer", "Garcia", "Hansen", "Ivanova", "Jensen", "Keller")
FIRMS = (
    "Apex Tools",
    "Brightwater",
    "Cobalt Labs",
    "Dune Logistics",
    "Ember Foods",
    "Fjord Energy",
    "Gale Media",
)
SOURCES = ("web", "web", "trade fair", "ads", "partner portal")
REASONS = ("No budget this year", "Went with a competitor", "Student project, no company", "Wrong contact")


def seed_demo_leads(
    session: Session, admin: User, reps: list[User], partner: Partner, leads: int = 240
) -> int:
    """Campaigns, two splitter rules and `leads` leads through the real intake path (duplicates included)."""
    rng = random.Random(2027)
    campaigns = [
        Campaign(name="Spring webinar 2026", budget=Decimal("5000.00"), cost=Decimal("4200.00")),
        Campaign(name="Trade fair Hannover", budget=Decimal("20000.00"), cost=Decimal("18500.00")),
        Campaign(name="LinkedIn ads Q3", budget=Decimal("8000.00"), cost=Decimal("3100.00")),
    ]
    session.add_all(campaigns)
    session.flush()
    north, south = reps[:2], reps[2:]
    web = [{"user_id": north[0].id, "percent": 60}, {"user_id": north[1].id, "percent": 40}]
    fair = [{"user_id": u.id, "percent": 40} for u in south] + [{"partner_id": partner.id, "percent": 20}]
    save_rule(session, admin, {"name": "Website leads", "field": "source", "value": "web", "assignees": web})
    save_rule(
        session,
        admin,
        {
            "name": "Fairs and ads",
            "field": "source",
            "operator": "in",
            "value": "trade fair, ads",
            "assignees": fair,
        },
    )
    payloads = []
    for i in range(leads):
        person = rng.randrange(i) if i > 20 and rng.random() < 0.04 else i
        first, last = FIRST[person % len(FIRST)], LAST[(person // len(FIRST)) % len(LAST)]
        firm = FIRMS[person % len(FIRMS)]
        payloads.append(
            {
                "name": f"{first} {last}",
                "company": f"{firm} {person // 7}",
                "email": f"{first.lower()}.{last.lower()}{person}@example.com",
                "phone": f"+49 89 {4_000_000 + person}",
                "source": SOURCES[i % len(SOURCES)],
                "campaign_id": campaigns[i % len(campaigns)].id,
                "country": rng.choice(("DE", "AT", "CH", "FR")),
            }
        )
    stored = add_leads(session, payloads, None, "intake: demo web form")
    _age(session, rng, [row["id"] for row in stored])
    _work_on(session, rng, admin, [row for row in stored if row["owner_id"]])
    return len(stored)


def _age(session: Session, rng: random.Random, ids: list[int]) -> None:
    """Spread the leads' arrival over the last 90 days, a dozen of them today."""
    now = utcnow()
    for position, lead_id in enumerate(ids):
        age = (
            timedelta(hours=rng.randint(0, 6))
            if position >= len(ids) - 12
            else timedelta(days=rng.randint(1, 90))
        )
        session.exec(
            update(Lead).where(Lead.id == lead_id).values(created_at=now - age, updated_at=now - age)
        )


def _work_on(session: Session, rng: random.Random, admin: User, owned: list[dict]) -> None:
    """Calls and e-mails on some leads, a few disqualified, a few archived."""
    categories = list_categories(session)
    for row in owned[::3]:
        session.add(
            Activity(
                entity="lead",
                entity_id=row["id"],
                category_id=rng.choice(categories).id,
                at=utcnow() - timedelta(days=rng.randint(0, 20)),
                note=rng.choice(("Left a voicemail", "Sent the brochure", "Short intro call")),
                author_id=row["owner_id"],
            )
        )
    for row in owned[1::11]:
        disqualify_lead(session, admin, row["id"], rng.choice(REASONS))
    for row in owned[5::17]:
        set_archived(session, admin, row["id"], True)
    session.flush()
