"""Demo data: a small, realistic sales company to explore rxcrm with."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal

from sqlalchemy import func, update
from sqlmodel import Session, select

from rxcrm.db.models import Account, AccountGroup, Activity, Contact, Notification, Opportunity, Partner, User
from rxcrm.db.types import utcnow
from rxcrm.domain.pipeline.stages import probability_for_stage, status_for_kind
from rxcrm.services.accounts.demo_partners import seed_demo_partners
from rxcrm.services.commerce.demo_catalogue import seed_demo_catalogue
from rxcrm.services.commerce.demo_sales import seed_demo_sales
from rxcrm.services.dashboards.targets import set_target
from rxcrm.services.leads.demo import seed_demo_leads
from rxcrm.services.people.auth import hash_password
from rxcrm.services.pipeline.demo_projects import seed_demo_projects
from rxcrm.services.pipeline.stages import list_stages
from rxcrm.services.records.activities import list_categories
from rxcrm.services.records.changes import insert_record
from rxcrm.services.tasks.demo_tasks import seed_demo_tasks
from rxcrm.services.tickets.demo_tickets import seed_demo_tickets

DEMO_PASSWORD = "demo1234"
DEMO_USERS = (
    ("admin@rxcrm.demo", "Alex Admin", "admin", None),
    ("director@rxcrm.demo", "Dana Director", "director", "North"),
    ("rita@rxcrm.demo", "Rita Rossi", "rep", "North"),
    ("sam@rxcrm.demo", "Sam Becker", "rep", "North"),
    ("lena@rxcrm.demo", "Lena Kowalski", "rep", "South"),
    ("omar@rxcrm.demo", "Omar Haddad", "rep", "South"),
)
PARTNER_USER = ("partner@rxcrm.demo", "Paula Partner")
COMPANY_WORDS = (
    "Nord",
    "Alpen",
    "Blue",
    "Cedar",
    "Delta",
    "Falcon",
    "Granite",
    "Harbor",
    "Iris",
    "Juniper",
    "Kestrel",
    "Lumen",
    "Maple",
    "Nova",
    "Orbit",
    "Pioneer",
    "Quartz",
    "River",
    "Summit",
    "Terra",
)
COMPANY_KINDS = (
    "Systems",
    "Logistics",
    "Foods",
    "Medical",
    "Software",
    "Energy",
    "Retail",
    "Labs",
    "Consulting",
    "Manufacturing",
)
SUFFIXES = ("GmbH", "Ltd", "S.r.l.", "Inc.", "AG", "SAS")
CITIES = (
    ("Berlin", "DE"),
    ("Milan", "IT"),
    ("Seoul", "KR"),
    ("London", "GB"),
    ("Lyon", "FR"),
    ("Vienna", "AT"),
    ("Zurich", "CH"),
    ("Munich", "DE"),
    ("Turin", "IT"),
    ("Busan", "KR"),
)
INDUSTRIES = ("Manufacturing", "Healthcare", "Retail", "Software", "Logistics", "Energy", "Finance")
FIRST = (
    "Anna",
    "Ben",
    "Chiara",
    "David",
    "Eun-ji",
    "Felix",
    "Giulia",
    "Hannah",
    "Ivan",
    "Jisoo",
    "Karl",
    "Laura",
    "Marco",
    "Nina",
    "Oliver",
    "Paola",
    "Quentin",
    "Sofia",
    "Tom",
    "Yuna",
)
LAST = (
    "Müller",
    "Rossi",
    "Kim",
    "Smith",
    "Dubois",
    "Schmidt",
    "Bianchi",
    "Park",
    "Jones",
    "Martin",
    "Weber",
    "Romano",
    "Lee",
    "Brown",
    "Bernard",
    "Wagner",
    "Colombo",
    "Choi",
    "Taylor",
    "Petit",
)
POSITIONS = ("CEO", "CFO", "Head of IT", "Purchasing manager", "Operations lead", "CTO")
DEALS = (
    "CRM rollout",
    "Support renewal",
    "Hardware refresh",
    "Cloud migration",
    "Training package",
    "License expansion",
    "Implementation",
    "Private cloud",
    "Integration project",
)
TAGS = ("hot", "upsell", "tender", "partner", "q-end")


def demo_present(session: Session) -> bool:
    """Whether the database already holds business records (then seeding is skipped)."""
    return session.exec(select(func.count()).select_from(Account)).one() > 0


def seed_demo(session: Session, accounts: int = 200, contacts: int = 400, deals: int = 300) -> dict[str, int]:
    """Fill an empty database with a demo team, accounts, contacts, deals and activities."""
    rng = random.Random(2026)
    users = _demo_users(session)
    reps = [u for u in users if u.role == "rep"]
    groups = [AccountGroup(name=n) for n in ("Key customers", "Resellers", "Trade fair 2026")]
    session.add_all(groups)
    made_accounts = [_demo_account(session, rng, reps, users[0], i) for i in range(accounts)]
    made_contacts = [_demo_contact(session, rng, made_accounts, users[0]) for _ in range(contacts)]
    stages = [s for s in list_stages(session)]
    made_deals = [_demo_deal(session, rng, made_contacts, stages, users[0]) for _ in range(deals)]
    categories = list_categories(session)
    activities = 0
    for deal in made_deals:
        for _ in range(rng.randint(0, 4)):
            session.add(
                Activity(
                    entity="opportunity",
                    entity_id=deal.id,
                    category_id=rng.choice(categories).id,
                    at=utcnow() - timedelta(days=rng.randint(0, 120), hours=rng.randint(0, 23)),
                    note=rng.choice(("Intro call", "Sent proposal", "Demo held", "Follow-up")),
                    author_id=deal.owner_id,
                )
            )
            activities += 1
    session.flush()
    partner = session.exec(select(Partner).order_by(Partner.id)).first()
    leads = seed_demo_leads(session, users[0], reps, partner)
    partner_accounts = seed_demo_partners(session, users[0], partner, made_accounts, made_deals)
    price_entries = seed_demo_catalogue(session, users[0])
    contracts = seed_demo_sales(session)
    tasks = seed_demo_tasks(session, users[1], reps, made_accounts, made_deals)
    tickets = seed_demo_tickets(session, users[1], reps)
    projects = seed_demo_projects(session, users[0], users[1], reps, made_deals)
    _demo_targets(session, rng, users[0], reps)
    session.exec(update(Notification).values(read=True))
    return {
        "users": len(users) + 1,
        "accounts": accounts,
        "contacts": contacts,
        "opportunities": deals,
        "activities": activities,
        "leads": leads,
        "partner_accounts": partner_accounts,
        "price_book_entries": price_entries,
        "contracts": contracts,
        "tasks": tasks,
        "tickets": tickets,
        "sub_projects": projects,
    }


def _demo_users(session: Session) -> list[User]:
    password = hash_password(DEMO_PASSWORD)
    users = []
    for email, name, role, team in DEMO_USERS:
        existing = session.exec(select(User).where(User.email == email)).first()
        user = existing or User(email=email, name=name, role=role, team=team, password_hash=password)
        session.add(user)
        users.append(user)
    partner = Partner(name="Brightside Resellers", email="sales@brightside.example")
    session.add(partner)
    session.flush()
    if session.exec(select(User).where(User.email == PARTNER_USER[0])).first() is None:
        session.add(
            User(
                email=PARTNER_USER[0],
                name=PARTNER_USER[1],
                role="partner",
                partner_id=partner.id,
                password_hash=password,
            )
        )
    session.flush()
    return users


def _demo_account(session: Session, rng: random.Random, reps: list[User], admin: User, i: int) -> Account:
    city, country = rng.choice(CITIES)
    name = f"{rng.choice(COMPANY_WORDS)} {rng.choice(COMPANY_KINDS)} {rng.choice(SUFFIXES)}"
    slug = name.split()[0].lower()
    account = Account(
        type="company",
        name=f"{name}" if i < 100 else f"{name} {i}",
        city=city,
        country=country,
        email=f"info@{slug}{i}.example",
        phone=f"+49 30 {rng.randint(1000000, 9999999)}",
        industry=rng.choice(INDUSTRIES),
        key_account=rng.random() < 0.1,
        street=f"{rng.choice(LAST)}straße {rng.randint(1, 120)}",
        zip=str(rng.randint(10000, 99999)),
        owner_id=rng.choice(reps).id,
        created_by_id=admin.id,
    )
    return insert_record(session, "account", account, admin)


def _demo_contact(session: Session, rng: random.Random, accounts: list[Account], admin: User) -> Contact:
    account = rng.choice(accounts)
    first, last = rng.choice(FIRST), rng.choice(LAST)
    contact = Contact(
        first_name=first,
        last_name=last,
        account_id=account.id,
        owner_id=account.owner_id,
        email=f"{first.lower()}.{last.lower()}{rng.randint(1, 999)}@example.com",
        phone=f"+39 02 {rng.randint(1000000, 9999999)}",
        position=rng.choice(POSITIONS),
        created_by_id=admin.id,
    )
    return insert_record(session, "contact", contact, admin)


def _demo_deal(session: Session, rng: random.Random, contacts: list[Contact], stages: list, admin: User):
    contact = rng.choice(contacts)
    stage = rng.choices(stages, weights=[6, 5, 4, 4, 3, 3, 2])[0]
    closed = utcnow() - timedelta(days=rng.randint(1, 330), hours=rng.randint(0, 23))
    deal = Opportunity(
        name=f"{rng.choice(DEALS)} {rng.randint(100, 999)}",
        account_id=contact.account_id,
        contact_id=contact.id,
        owner_id=contact.owner_id,
        stage_id=stage.id,
        status=status_for_kind(stage.kind),
        probability=probability_for_stage(stage.kind, stage.probability),
        amount=Decimal(rng.randrange(1000, 250000, 50)),
        currency="EUR",
        close_date=(utcnow() + timedelta(days=rng.randint(-60, 180))).date(),
        tags=rng.sample(TAGS, rng.randint(0, 2)),
        closed_at=closed if stage.kind != "open" else None,
        lost_reason="Chose a competitor" if stage.kind == "lost" else None,
        created_by_id=admin.id,
    )
    return insert_record(session, "opportunity", deal, admin)


def _demo_targets(session: Session, rng: random.Random, admin: User, reps: list[User]) -> None:
    """Monthly quotas for every rep over the last year and the next quarter."""
    today = utcnow().date()
    for back in range(-3, 12):
        month = (today.year * 12 + today.month - 1) - back
        period = f"{month // 12}-{month % 12 + 1:02d}"
        for rep in reps:
            set_target(session, admin, rep.id, period, str(rng.randrange(150_000, 400_000, 10_000)))
