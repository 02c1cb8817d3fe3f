"""Selling: products, price books with their units and bundles, quotes, documents and contracts."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Column, Index, Numeric, UniqueConstraint
from sqlmodel import Field, SQLModel

from rxcrm.db.models.record_keeping import Created, Stamped
from rxcrm.db.types import MONEY, UTCDateTime, utcnow

QUANTITY = Numeric(18, 4, asdecimal=True)
WEIGHT = Numeric(18, 6, asdecimal=True)
PERCENT = Numeric(9, 4, asdecimal=True)


class ProductCategory(SQLModel, table=True):
    """A kind of product, and so the kind of contract its sale creates (one-off or term-based)."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=100, unique=True)
    contract_kind: str = Field(default="one_off", max_length=10)
    term_months: int | None = None
    position: int = 0


class Product(Stamped, table=True):
    """Something the company sells; its prices live in price books."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, index=True)
    code: str = Field(max_length=50, unique=True)
    description: str | None = Field(default=None, max_length=2000)
    category_id: int | None = Field(default=None, foreign_key="productcategory.id", index=True)
    active: bool = True


class PriceBook(Stamped, table=True):
    """A list of prices per product and unit, offered in some projects; may update an older book."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, index=True)
    description: str | None = Field(default=None, max_length=2000)
    brand: str | None = Field(default=None, max_length=100)
    product_version: str | None = Field(default=None, max_length=50)
    active: bool = True
    replaces_id: int | None = Field(default=None, foreign_key="pricebook.id")


class PriceBookProject(SQLModel, table=True):
    """A project a price book is offered in."""

    price_book_id: int = Field(foreign_key="pricebook.id", primary_key=True, ondelete="CASCADE")
    project_id: int = Field(foreign_key="project.id", primary_key=True, ondelete="CASCADE")


class PriceBookEntry(SQLModel, table=True):
    """A product's price per unit (user/month, piece, day…) in one price book."""

    __table_args__ = (UniqueConstraint("price_book_id", "product_id", "unit", name="uq_entry_unit"),)

    id: int | None = Field(default=None, primary_key=True)
    price_book_id: int = Field(foreign_key="pricebook.id", index=True, ondelete="CASCADE")
    product_id: int = Field(foreign_key="product.id", index=True, ondelete="CASCADE")
    unit: str = Field(max_length=30)
    price: Decimal = Field(sa_column=Column(MONEY, nullable=False))
    currency: str = Field(default="EUR", max_length=3)


class Bundle(SQLModel, table=True):
    """Items of one price book sold together for one price, shared among them by weights."""

    id: int | None = Field(default=None, primary_key=True)
    price_book_id: int = Field(foreign_key="pricebook.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=200)
    code: str | None = Field(default=None, max_length=50)
    description: str | None = Field(default=None, max_length=2000)
    active: bool = True
    price: Decimal = Field(sa_column=Column(MONEY, nullable=False))
    currency: str = Field(default="EUR", max_length=3)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime))


class BundleItem(SQLModel, table=True):
    """One price-book entry in a bundle with the weight that sets its share of the bundle price."""

    id: int | None = Field(default=None, primary_key=True)
    bundle_id: int = Field(foreign_key="bundle.id", index=True, ondelete="CASCADE")
    entry_id: int = Field(foreign_key="pricebookentry.id", index=True, ondelete="CASCADE")
    weight: Decimal = Field(sa_column=Column(WEIGHT, nullable=False))
    position: int = 0


class Quote(Stamped, table=True):
    """An offer on an opportunity; the one active quote's total is the deal amount."""

    __table_args__ = (Index("ix_quote_opportunity_active", "opportunity_id", "active"),)

    id: int | None = Field(default=None, primary_key=True)
    opportunity_id: int = Field(foreign_key="opportunity.id", ondelete="CASCADE")
    name: str = Field(max_length=200)
    currency: str = Field(default="EUR", max_length=3)
    brand: str | None = Field(default=None, max_length=100)
    price_book_id: int | None = Field(default=None, foreign_key="pricebook.id", ondelete="SET NULL")
    product_version: str | None = Field(default=None, max_length=50)
    valid_from: date | None = None
    valid_until: date | None = None
    active: bool = False
    subtotal: Decimal = Field(default=Decimal("0.00"), sa_column=Column(MONEY, nullable=False))
    discount_total: Decimal = Field(default=Decimal("0.00"), sa_column=Column(MONEY, nullable=False))
    total: Decimal = Field(default=Decimal("0.00"), sa_column=Column(MONEY, nullable=False))


class QuoteItem(SQLModel, table=True):
    """A line of a quote: from a price-book entry, a bundle, free text, or the rounding item."""

    __table_args__ = (Index("ix_quoteitem_quote_position", "quote_id", "position"),)

    id: int | None = Field(default=None, primary_key=True)
    quote_id: int = Field(foreign_key="quote.id", ondelete="CASCADE")
    position: int = 0
    entry_id: int | None = Field(default=None, foreign_key="pricebookentry.id", ondelete="SET NULL")
    product_id: int | None = Field(default=None, foreign_key="product.id", ondelete="SET NULL")
    bundle_id: int | None = Field(default=None, foreign_key="bundle.id", ondelete="SET NULL")
    name: str = Field(max_length=200)
    description: str | None = Field(default=None, max_length=2000)
    quantity: Decimal = Field(default=Decimal("1"), sa_column=Column(QUANTITY, nullable=False))
    unit: str | None = Field(default=None, max_length=30)
    unit_price: Decimal = Field(default=Decimal("0.00"), sa_column=Column(MONEY, nullable=False))
    discount_percent: Decimal | None = Field(default=None, sa_column=Column(PERCENT))
    discount_amount: Decimal | None = Field(default=None, sa_column=Column(MONEY))
    total: Decimal = Field(default=Decimal("0.00"), sa_column=Column(MONEY, nullable=False))
    is_rounding: bool = False
    target_total: Decimal | None = Field(default=None, sa_column=Column(MONEY))


class QuoteTemplate(Created, table=True):
    """A Word (.docx) template for quote documents (for every price book or one) or invoice documents."""

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(default="quote", max_length=20, sa_column_kwargs={"server_default": "quote"})
    name: str = Field(max_length=200)
    price_book_id: int | None = Field(
        default=None, foreign_key="pricebook.id", index=True, ondelete="CASCADE"
    )
    filename: str = Field(max_length=255)
    storage_key: str = Field(max_length=255)
    size: int = 0


class Attachment(Created, table=True):
    """A file attached to a record (e.g. a generated quote document); the bytes live on disk."""

    __table_args__ = (Index("ix_attachment_entity", "entity", "entity_id"),)

    id: int | None = Field(default=None, primary_key=True)
    entity: str = Field(max_length=20)
    entity_id: int
    filename: str = Field(max_length=255)
    content_type: str = Field(max_length=100)
    size: int = 0
    storage_key: str = Field(max_length=255)
    quote_id: int | None = Field(default=None, foreign_key="quote.id", ondelete="SET NULL")


class Contract(SQLModel, table=True):
    """What a customer bought on a sold deal: one-off, or a term with a start and an end."""

    __table_args__ = (
        Index("ix_contract_status_kind", "status", "kind", "end"),
        Index("ix_contract_opportunity", "opportunity_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200)
    opportunity_id: int | None = Field(default=None, foreign_key="opportunity.id", ondelete="SET NULL")
    account_id: int | None = Field(default=None, foreign_key="account.id", index=True)
    owner_id: int | None = Field(default=None, foreign_key="user.id", index=True)
    product_id: int | None = Field(default=None, foreign_key="product.id", index=True, ondelete="SET NULL")
    quote_item_id: int | None = Field(default=None, foreign_key="quoteitem.id", ondelete="SET NULL")
    kind: str = Field(default="one_off", max_length=10)
    type: str = Field(default="", max_length=100)
    start: date
    end: date | None = None
    quantity: Decimal = Field(default=Decimal("1"), sa_column=Column(QUANTITY, nullable=False))
    unit: str | None = Field(default=None, max_length=30)
    amount: Decimal = Field(sa_column=Column(MONEY, nullable=False))
    currency: str = Field(default="EUR", max_length=3)
    status: str = Field(default="active", max_length=10)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime))
