"""The product catalogue's defaults: the product categories (contract types) of a new installation."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CategoryTemplate:
    """A product category and the contract its sale creates."""

    name: str
    contract_kind: str
    term_months: int | None = None


DEFAULT_CATEGORIES = (
    CategoryTemplate("Software license", "term", 12),
    CategoryTemplate("Subscription", "term", 12),
    CategoryTemplate("Support", "term", 12),
    CategoryTemplate("Private cloud", "term", 12),
    CategoryTemplate("Warranty", "term", 24),
    CategoryTemplate("Hardware", "one_off"),
    CategoryTemplate("Implementation", "one_off"),
    CategoryTemplate("Modification", "one_off"),
)
