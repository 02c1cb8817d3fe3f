"""Demo catalogue: products across the default categories, two price books and a bundle."""

from __future__ import annotations

from decimal import Decimal

from sqlmodel import Session, select

from rxcrm.db.models import PriceBook, PriceBookEntry, ProductCategory, Project, User
from rxcrm.domain.commerce.money import cents
from rxcrm.services.commerce.bundles import create_bundle
from rxcrm.services.commerce.price_book_entries import add_entry
from rxcrm.services.commerce.price_books import create_price_book
from rxcrm.services.commerce.products import create_product

# (code, name, category, unit, 2026 price); a second unit for some products follows below.
DEMO_PRODUCTS = (
    ("CRM-SEAT", "CRM seat", "Subscription", "user/month", "29.00"),
    ("CRM-PRO", "CRM Professional seat", "Subscription", "user/month", "49.00"),
    ("ANALYTICS", "Analytics add-on", "Software license", "user/month", "12.00"),
    ("ONPREM-LIC", "On-premise licence", "Software license", "piece", "4900.00"),
    ("SUPPORT-STD", "Standard support", "Support", "user/month", "6.50"),
    ("SUPPORT-PREM", "Premium support 24/7", "Support", "user/month", "14.00"),
    ("CLOUD-NODE", "Private cloud node", "Private cloud", "piece", "780.00"),
    ("WARRANTY-EXT", "Extended warranty", "Warranty", "piece", "240.00"),
    ("GATEWAY", "Edge gateway appliance", "Hardware", "piece", "1290.00"),
    ("SCANNER", "Barcode scanner", "Hardware", "piece", "189.00"),
    ("ONBOARD", "Onboarding workshop", "Implementation", "day", "950.00"),
    ("CUSTOM-DEV", "Custom development", "Modification", "day", "1100.00"),
)
EXTRA_UNITS = (("ONBOARD", "hour", "140.00"), ("CRM-SEAT", "user/year", "313.20"))
OLD_DISCOUNT = Decimal("0.92")  # 2025 prices were about 8 % lower


def seed_demo_catalogue(session: Session, admin: User) -> int:
    """Fill the catalogue the demo quotes draw on; returns how many price-book entries it made."""
    categories = {c.name: c.id for c in session.exec(select(ProductCategory)).all()}
    products = {
        code: create_product(
            session, admin, {"name": name, "code": code, "category_id": categories.get(category)}
        )
        for code, name, category, _, _ in DEMO_PRODUCTS
    }
    old, new = _demo_books(session, admin)
    made: dict[str, PriceBookEntry] = {}
    for code, _, _, unit, price in DEMO_PRODUCTS:
        product_id = products[code].id
        made[code] = _price(session, admin, new.id, product_id, unit, Decimal(price))
        _price(session, admin, old.id, product_id, unit, cents(Decimal(price) * OLD_DISCOUNT))
    for code, unit, price in EXTRA_UNITS:
        _price(session, admin, new.id, products[code].id, unit, Decimal(price))
    _starter_bundle(session, admin, new.id, made)
    return 2 * len(DEMO_PRODUCTS) + len(EXTRA_UNITS)


def _demo_books(session: Session, admin: User) -> tuple[PriceBook, PriceBook]:
    """Last year's (inactive) price book and this year's, which updates it."""
    projects = [p.id for p in session.exec(select(Project).order_by(Project.position)).all()][:1]
    old = create_price_book(
        session,
        admin,
        {
            "name": "Standard 2025",
            "brand": "rxcrm",
            "product_version": "2025",
            "active": False,
            "project_ids": projects,
        },
    )
    new = create_price_book(
        session,
        admin,
        {
            "name": "Standard 2026",
            "brand": "rxcrm",
            "product_version": "2026",
            "description": "List prices for 2026.",
            "project_ids": projects,
            "replaces_id": old.id,
        },
    )
    return old, new


def _starter_bundle(session: Session, admin: User, book_id: int, made: dict[str, PriceBookEntry]) -> None:
    """A bundle of seats, support and onboarding in this year's book."""
    starter = [("CRM-SEAT", "3"), ("SUPPORT-STD", "1"), ("ONBOARD", "2")]
    create_bundle(
        session,
        admin,
        {
            "price_book_id": book_id,
            "name": "Starter package",
            "code": "STARTER",
            "price": "2990.00",
            "currency": "EUR",
            "description": "Seats, support and a two-day onboarding for small teams.",
            "items": [{"entry_id": made[code].id, "weight": weight} for code, weight in starter],
        },
    )


def _price(
    session: Session, admin: User, book_id: int, product_id: int, unit: str, price: Decimal
) -> PriceBookEntry:
    data = {"product_id": product_id, "unit": unit, "price": str(price), "currency": "EUR"}
    return add_entry(session, admin, book_id, data)
