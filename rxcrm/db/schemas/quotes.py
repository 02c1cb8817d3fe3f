"""Quote shapes: quotes and their items, the currency change, quote documents, templates and attachments."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel

from rxcrm.db.schemas.shapes import Body, DecimalIn


class QuoteUpdate(Body):
    """Changes to a quote (its currency changes through POST /quotes/{id}/currency)."""

    name: str | None = None
    brand: str | None = None
    price_book_id: int | None = None
    product_version: str | None = None
    valid_from: date | None = None
    valid_until: date | None = None


class QuoteCreate(QuoteUpdate):
    """A new quote on a deal; the currency defaults to the deal's."""

    opportunity_id: int
    name: str
    currency: str | None = None


class QuoteItemUpdate(Body):
    """Changes to a line; a discount sent as null (or "") is taken off."""

    name: str | None = None
    description: str | None = None
    unit: str | None = None
    quantity: DecimalIn | None = None
    unit_price: DecimalIn | None = None
    discount_percent: DecimalIn | None = None
    discount_amount: DecimalIn | None = None
    target_total: DecimalIn | None = None


class QuoteItemCreate(QuoteItemUpdate):
    """One of: an entry (`entry_id`), a bundle (`bundle_id`), a free item (`name`, `unit_price`) or
    the rounding item (`is_rounding`, `target_total`). Numbers as decimal strings (or numbers)."""

    entry_id: int | None = None
    bundle_id: int | None = None
    is_rounding: bool = False


class QuoteCurrency(Body):
    """The currency to convert a quote into."""

    currency: str


class QuoteItemPublic(BaseModel):
    """A quote line; money and quantities as decimal strings."""

    id: int
    entry_id: int | None
    product_id: int | None
    bundle_id: int | None
    name: str
    description: str | None
    quantity: str
    unit: str | None
    unit_price: str
    discount_percent: str | None
    discount_amount: str | None
    total: str
    is_rounding: bool
    target_total: str | None


class QuotePublic(BaseModel):
    """A quote with its items and totals."""

    id: int
    opportunity_id: int
    name: str
    currency: str
    brand: str | None
    price_book_id: int | None
    product_version: str | None
    valid_from: date | None
    valid_until: date | None
    active: bool
    items: list[QuoteItemPublic]
    subtotal: str
    discount_total: str
    total: str


class InvoiceTemplatePublic(BaseModel):
    """A Word template for invoice documents (`is_default`: the one shipped with rxcrm)."""

    id: int
    name: str
    filename: str
    size: int
    is_default: bool
    created_at: datetime


class QuoteTemplatePublic(InvoiceTemplatePublic):
    """A Word template for quote documents, for every price book (`price_book_id` null) or one."""

    price_book_id: int | None


class TokenPublic(BaseModel):
    """A token a template may use and what it prints."""

    token: str
    meaning: str


class DocumentCreate(Body):
    """Which template to fill, of the document's kind (default: the newest that applies, else the shipped)."""

    template_id: int | None = None


class DocumentPublic(BaseModel):
    """A generated document: download it from `url` with the bearer token."""

    id: int
    filename: str
    url: str
    created_at: datetime


class AttachmentPublic(DocumentPublic):
    """A file on a record (`entity`: account, contact, opportunity, lead or price_book)."""

    entity: str
    entity_id: int
    opportunity_id: int | None
    quote_id: int | None
    content_type: str
    size: int
    created_by_id: int | None
    created_by: str | None
