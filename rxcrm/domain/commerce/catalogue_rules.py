"""What a product category, product, price book, price-book entry and bundle must look like.

Each check takes the record's complete values (the stored ones with the user's changes on top),
returns them cleaned and typed, and names every wrong field at once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from rxcrm.domain.commerce.money import ZERO, currency_in, money_in, money_text, weight_in
from rxcrm.domain.commerce.pricing import bundle_shares
from rxcrm.domain.records.validation import FieldErrors, clean_text, record_id

CONTRACT_KINDS = ("one_off", "term")
CONTRACT_KIND_LABELS = {"one_off": "One-off", "term": "Term-based"}
MAX_TERM_MONTHS = 120
DEFAULT_TERM_MONTHS = 12  # a category made term-based runs a year until another length is given
NAME_LIMIT = 200
CATEGORY_NAME_LIMIT = 100
CODE_LIMIT = 50
DESCRIPTION_LIMIT = 2000
BRAND_LIMIT = 100
VERSION_LIMIT = 50
UNIT_LIMIT = 30
MAX_BUNDLE_ITEMS = 100
COPY_PREFIX = "Copy of "
COPY_SUFFIX = "-COPY"


@dataclass(frozen=True)
class BundleItemInput:
    """One price-book entry picked for a bundle, with its weight."""

    entry_id: int
    weight: Decimal


def _text(errors: FieldErrors, data: Mapping[str, Any], field: str, limit: int, required: bool) -> str | None:
    value = clean_text(data.get(field))
    if value is None and required:
        errors.add(field, "is required")
    elif value is not None and len(value) > limit:
        errors.add(field, f"must be at most {limit} characters")
    return value


def _flag(errors: FieldErrors, data: Mapping[str, Any], field: str) -> bool:
    value = data.get(field, True)
    if not isinstance(value, bool):
        errors.add(field, "must be true or false")
        return True
    return value


def _link(errors: FieldErrors, data: Mapping[str, Any], field: str, required: bool = False) -> int | None:
    value = data.get(field)
    if value is None or value == "":
        if required:
            errors.add(field, "is required")
        return None
    number = record_id(value)
    if number is None:
        errors.add(field, "is not a valid id")
    return number


def _read(errors: FieldErrors, data: Mapping[str, Any], field: str, reader: Callable[[Any], Any]) -> Any:
    if data.get(field) is None or data.get(field) == "":
        errors.add(field, "is required")
        return None
    try:
        return reader(data[field])
    except ValueError as exc:
        errors.add(field, str(exc))
        return None


def kind_change(kind: str, months: Any) -> dict[str, Any]:
    """A category made `kind`: term-based keeps its length (none given: a year); one-off has none."""
    if kind != "term":
        return {"contract_kind": kind, "term_months": None}
    return {"contract_kind": kind, "term_months": months or DEFAULT_TERM_MONTHS}


def check_category(data: Mapping[str, Any]) -> dict[str, Any]:
    """A product category: a name, and one-off, or term-based with a length of 1 to 120 months."""
    errors = FieldErrors()
    name = _text(errors, data, "name", CATEGORY_NAME_LIMIT, required=True)
    kind = data.get("contract_kind") or "one_off"
    months = data.get("term_months")
    if kind not in CONTRACT_KINDS:
        errors.add("contract_kind", "must be one_off (one-off) or term (term-based)")
    elif kind == "term":
        number = months if isinstance(months, int) and not isinstance(months, bool) else None
        if number is None and isinstance(months, str) and months.strip().isdecimal():
            number = int(months.strip())
        if number is None or not 1 <= number <= MAX_TERM_MONTHS:
            errors.add(
                "term_months", f"a term-based category needs a length of 1 to {MAX_TERM_MONTHS} months"
            )
        months = number
    elif months not in (None, ""):
        errors.add("term_months", "a one-off category has no length in months")
    errors.raise_if_any()
    return {"name": name, "contract_kind": kind, "term_months": months if kind == "term" else None}


def check_product(data: Mapping[str, Any]) -> dict[str, Any]:
    """A product: name and code required (the code's uniqueness is the catalogue's to check)."""
    errors = FieldErrors()
    values = {
        "name": _text(errors, data, "name", NAME_LIMIT, required=True),
        "code": _text(errors, data, "code", CODE_LIMIT, required=True),
        "description": _text(errors, data, "description", DESCRIPTION_LIMIT, required=False),
        "category_id": _link(errors, data, "category_id"),
        "active": _flag(errors, data, "active"),
    }
    errors.raise_if_any()
    return values


def _ids(errors: FieldErrors, value: Any, field: str) -> list[int]:
    if value is None:
        return []
    if not isinstance(value, list | tuple):
        errors.add(field, "must be a list of ids")
        return []
    ids = [record_id(v) for v in value]
    if any(i is None for i in ids):
        errors.add(field, "must be a list of ids")
        return []
    return list(dict.fromkeys(i for i in ids if i is not None))


def check_price_book(data: Mapping[str, Any]) -> dict[str, Any]:
    """A price book: a name, optional brand and product version, the projects it is offered in."""
    errors = FieldErrors()
    values = {
        "name": _text(errors, data, "name", NAME_LIMIT, required=True),
        "description": _text(errors, data, "description", DESCRIPTION_LIMIT, required=False),
        "brand": _text(errors, data, "brand", BRAND_LIMIT, required=False),
        "product_version": _text(errors, data, "product_version", VERSION_LIMIT, required=False),
        "active": _flag(errors, data, "active"),
        "replaces_id": _link(errors, data, "replaces_id"),
        "project_ids": _ids(errors, data.get("project_ids"), "project_ids"),
    }
    errors.raise_if_any()
    return values


def check_replaces(book_id: int | None, replaces_id: int | None) -> None:
    """A price book cannot be an update of itself."""
    if book_id is not None and replaces_id == book_id:
        errors = FieldErrors()
        errors.add("replaces_id", "a price book cannot be an update of itself")
        errors.raise_if_any()


def check_entry(data: Mapping[str, Any]) -> dict[str, Any]:
    """A price-book entry: a product, its unit, a price of zero or more and a currency."""
    errors = FieldErrors()
    values = {
        "product_id": _link(errors, data, "product_id", required=True),
        "unit": _text(errors, data, "unit", UNIT_LIMIT, required=True),
        "price": _read(errors, data, "price", money_in),
        "currency": _read(errors, data, "currency", currency_in),
    }
    errors.raise_if_any()
    return values


def _items(errors: FieldErrors, value: Any) -> list[BundleItemInput]:
    if not isinstance(value, list | tuple) or not value:
        errors.add("items", "a bundle needs at least one item")
        return []
    if len(value) > MAX_BUNDLE_ITEMS:
        errors.add("items", f"a bundle holds at most {MAX_BUNDLE_ITEMS} items")
        return []
    items = []
    for i, raw in enumerate(value):
        if not isinstance(raw, Mapping):
            errors.add(f"items.{i}", "needs an entry_id and a weight")
            continue
        mine = FieldErrors()
        entry_id = _link(mine, raw, "entry_id", required=True)
        weight = _read(mine, raw, "weight", weight_in)
        for field, message in mine.fields.items():
            errors.add(f"items.{i}.{field}", message)
        if entry_id is not None and weight is not None and not mine.fields:
            items.append(BundleItemInput(entry_id, weight))
    if len({item.entry_id for item in items}) < len(items):
        errors.add("items", "each price-book entry may appear only once in a bundle")
    return items


def check_bundle(data: Mapping[str, Any]) -> dict[str, Any]:
    """A bundle: a name, a price and currency, and items of its book with weights above zero."""
    errors = FieldErrors()
    values = {
        "price_book_id": _link(errors, data, "price_book_id", required=True),
        "name": _text(errors, data, "name", NAME_LIMIT, required=True),
        "code": _text(errors, data, "code", CODE_LIMIT, required=False),
        "description": _text(errors, data, "description", DESCRIPTION_LIMIT, required=False),
        "active": _flag(errors, data, "active"),
        "price": _read(errors, data, "price", money_in),
        "currency": _read(errors, data, "currency", currency_in),
        "items": _items(errors, data.get("items")),
    }
    errors.raise_if_any()
    return values


def check_items_in_book(
    book_id: int, entry_books: Mapping[int, int], items: Sequence[BundleItemInput]
) -> None:
    """Every bundle item must be an entry of the bundle's own price book."""
    errors = FieldErrors()
    for i, item in enumerate(items):
        owner = entry_books.get(item.entry_id)
        if owner is None:
            errors.add(f"items.{i}.entry_id", f"no price-book entry {item.entry_id}")
        elif owner != book_id:
            errors.add(f"items.{i}.entry_id", "must be an entry of the bundle's price book")
    errors.raise_if_any()


def item_shares(price: Decimal, weights: Sequence[Decimal]) -> list[Decimal]:
    """Each bundle item's share of the bundle price (they add up to the price exactly)."""
    return bundle_shares(price, list(weights)) if weights else []


def share_preview(price: Any, weights: Sequence[Any]) -> tuple[list[str], str]:
    """A bundle editor's typed price and weights as share texts and their total ("—" while wrong)."""
    try:
        amount = money_in(price)
        shares = item_shares(amount, [weight_in(w) for w in weights])
    except ValueError:
        return ["—" for _ in weights], "—"
    return [money_text(s) or "" for s in shares], (money_text(amount) if shares else money_text(ZERO)) or ""


def copy_name(name: str, limit: int = NAME_LIMIT) -> str:
    """The name of a copy: "Copy of …", cut to fit."""
    return (COPY_PREFIX + name)[:limit]


def copy_code(code: str, taken: Callable[[str], bool], limit: int = CODE_LIMIT) -> str:
    """A fresh code for a copy: CODE-COPY, then CODE-COPY2, CODE-COPY3… until one is free."""
    number = 1
    while True:
        suffix = COPY_SUFFIX + (str(number) if number > 1 else "")
        candidate = code[: limit - len(suffix)] + suffix
        if not taken(candidate):
            return candidate
        number += 1
