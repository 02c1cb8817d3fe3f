"""The demo catalogue: products in several categories, a current book updating an older one, a bundle."""

from __future__ import annotations

from decimal import Decimal

from sqlmodel import Session, func, select

from rxcrm.db.models import Bundle, PriceBook, Product
from rxcrm.services.commerce.catalogue_views import bundle_views
from rxcrm.services.commerce.demo_catalogue import seed_demo_catalogue


def test_the_demo_catalogue_has_a_current_book_with_units_and_a_bundle(session: Session, admin) -> None:  # noqa: ANN001
    entries = seed_demo_catalogue(session, admin)
    assert entries >= 24
    assert session.exec(select(func.count()).select_from(Product)).one() == 12
    assert len({p.category_id for p in session.exec(select(Product)).all()}) >= 6
    current = session.exec(select(PriceBook).where(PriceBook.name == "Standard 2026")).one()
    older = session.get(PriceBook, current.replaces_id)
    assert current.active and older is not None and not older.active
    bundle = session.exec(select(Bundle)).one()
    view = bundle_views(session, [bundle])[0]
    assert bundle.price_book_id == current.id
    assert sum((Decimal(i["share"]) for i in view["items"]), Decimal(0)) == bundle.price
