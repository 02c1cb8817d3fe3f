"""Catalogue shapes: product categories, products, price books and their entries, bundles."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from rxcrm.db.schemas.shapes import Body, DecimalIn, RecordId, changes_to


class CategoryCreate(Body):
    """A new product category."""

    name: str
    contract_kind: Literal["one_off", "term"] = "one_off"
    term_months: int | None = None


CategoryUpdate = changes_to(CategoryCreate, "Changes to a product category.")


class CategoryPublic(BaseModel):
    """A product category: the kind of contract its sale creates."""

    id: int
    name: str
    contract_kind: str
    term_months: int | None


class ProductCreate(Body):
    """A new product."""

    name: str
    code: str
    description: str | None = None
    category_id: RecordId | None = None
    active: bool = True


ProductUpdate = changes_to(ProductCreate, "Changes to a product.")


class ProductPublic(BaseModel):
    """A product of the catalogue."""

    id: int
    name: str
    code: str
    description: str | None
    category_id: int | None
    category_name: str | None = None
    active: bool


class PriceBookCreate(Body):
    """A new price book."""

    name: str
    description: str | None = None
    brand: str | None = None
    product_version: str | None = None
    active: bool = True
    project_ids: list[RecordId] = Field(default_factory=list)
    replaces_id: RecordId | None = None


PriceBookUpdate = changes_to(PriceBookCreate, "Changes to a price book.")


class PriceBookPublic(BaseModel):
    """A price book with the projects it is offered in."""

    id: int
    name: str
    description: str | None
    brand: str | None
    product_version: str | None
    active: bool
    project_ids: list[int]
    replaces_id: int | None
    entries_count: int = 0


class EntryCreate(Body):
    """A product's price per unit in a price book."""

    product_id: RecordId
    unit: str
    price: DecimalIn
    currency: str = "EUR"


EntryUpdate = changes_to(EntryCreate, "Changes to a price-book entry.")


class EntryPublic(BaseModel):
    """A price-book entry with its product's name and code."""

    id: int
    price_book_id: int
    product_id: int
    product_name: str
    product_code: str
    unit: str
    price: str
    currency: str


class BundleItemIn(Body):
    """A price-book entry in a bundle and its weight."""

    entry_id: RecordId
    weight: DecimalIn


class BundleCreate(Body):
    """A new bundle of entries of one price book."""

    price_book_id: RecordId
    name: str
    code: str | None = None
    description: str | None = None
    active: bool = True
    price: DecimalIn
    currency: str = "EUR"
    items: list[BundleItemIn]


BundleUpdate = changes_to(
    BundleCreate,
    "Changes to a bundle (moving it to another book is its own action).",
    leave_out=("price_book_id",),
)


class BundleMove(Body):
    """The price book a bundle moves to."""

    price_book_id: RecordId


class BundleItemPublic(BaseModel):
    """A bundle item: its entry, weight and share of the bundle price."""

    entry_id: int
    weight: str
    share: str
    product_id: int
    product_name: str
    unit: str


class BundlePublic(BaseModel):
    """A bundle with its items; the items' shares add up to the price exactly."""

    id: int
    price_book_id: int
    name: str
    code: str | None
    description: str | None
    active: bool
    price: str
    currency: str
    items: list[BundleItemPublic]
