"""Quotes to print and a file folder of their own, for the quote document and attachment tests."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from sqlmodel import Session

from rxcrm.db.models import Account, Attachment, Opportunity, Quote, QuoteItem
from rxcrm.services.records.files import upload_file
from rxcrm.settings import deployment
from tests.conftest import make_account, make_user


def use_files_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point RXCRM_FILES_DIR at a fresh folder for one test (the fixture's teardown forgets it again)."""
    folder = tmp_path / "files"
    monkeypatch.setenv("RXCRM_FILES_DIR", str(folder))
    deployment.cache_clear()
    return folder


def stored_files(folder: Path) -> list[Path]:
    """Every file under the folder."""
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def private_file(session: Session) -> tuple[Account, Attachment]:
    """A file on another user's private account (stored and committed): the caller must not see it."""
    other = make_user(session)
    private = make_account(session, owner_id=other.id, created_by_id=other.id, is_private=True)
    kept = upload_file(session, other, "account", private.id, "secret.txt", b"secret")
    session.commit()
    return private, kept


def make_quote(session: Session, deal: Opportunity, items: int = 3, **kw: object) -> Quote:
    """A quote with `items` lines of 2 × 50.00 less 10 % (90.00 each) and a rounding line of -0.50."""
    quote = Quote(
        **{
            "opportunity_id": deal.id,
            "name": "Roll-out offer",
            "currency": "EUR",
            "subtotal": Decimal(100 * items),
            "discount_total": Decimal(10 * items),
            "total": Decimal(90 * items) - Decimal("0.50"),
            **kw,
        }
    )
    session.add(quote)
    session.flush()
    for n in range(1, items + 1):
        session.add(
            QuoteItem(
                quote_id=quote.id,
                position=n,
                name=f"Product {n:03d}",
                description=f"Line {n} description",
                quantity=Decimal(2),
                unit="piece",
                unit_price=Decimal("50.00"),
                discount_percent=Decimal(10),
                total=Decimal("90.00"),
            )
        )
    session.add(
        QuoteItem(
            quote_id=quote.id, position=items + 1, name="Rounding", is_rounding=True, total=Decimal("-0.50")
        )
    )
    session.flush()
    return quote
