"""Catalogue rows the quote tests price from: a product, a price book entry, a bundle, a rate."""

from __future__ import annotations

from decimal import Decimal
from itertools import count

from sqlmodel import Session

from rxcrm.db.models import Bundle, BundleItem, ExchangeRate, PriceBook, PriceBookEntry, Product

_serial = count(1)


def make_book(session: Session, **kw: object) -> PriceBook:
    """An active price book."""
    book = PriceBook(**{"name": f"Book {next(_serial)}", **kw})
    session.add(book)
    session.flush()
    return book


def make_entry(
    session: Session, book: PriceBook, price: str, unit: str = "piece", currency: str = "EUR", **kw: object
) -> PriceBookEntry:
    """A product (name and code made up unless given) priced in a book."""
    n = next(_serial)
    product = Product(name=str(kw.pop("name", f"Product {n}")), code=str(kw.pop("code", f"P-{n}")), **kw)
    session.add(product)
    session.flush()
    entry = PriceBookEntry(
        price_book_id=book.id, product_id=product.id, unit=unit, price=Decimal(price), currency=currency
    )
    session.add(entry)
    session.flush()
    return entry


def make_bundle(
    session: Session, book: PriceBook, price: str, weights: list[str], currency: str = "EUR"
) -> Bundle:
    """A bundle of new entries of a book with the given weights."""
    bundle = Bundle(
        price_book_id=book.id, name=f"Bundle {next(_serial)}", price=Decimal(price), currency=currency
    )
    session.add(bundle)
    session.flush()
    for position, weight in enumerate(weights):
        entry = make_entry(session, book, "1.00")
        session.add(
            BundleItem(bundle_id=bundle.id, entry_id=entry.id, weight=Decimal(weight), position=position)
        )
    session.flush()
    return bundle


def set_rate(session: Session, currency: str, rate: str) -> None:
    """What one unit of a currency is worth in the board currency."""
    session.add(ExchangeRate(currency=currency, rate=Decimal(rate)))
    session.flush()
