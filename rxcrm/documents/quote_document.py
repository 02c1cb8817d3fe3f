"""What a quote document shows: a view model of display strings, and the tokens a template may use.

Everything here is already formatted for print (money with two places, dates as "5 Dec 2026",
discounts with their unit), so templates only place values and never compute.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal

from rxcrm.domain.commerce.money import cents, decimal_text


@dataclass(frozen=True)
class AccountBlock:
    """The customer the quote is addressed to."""

    name: str = ""
    street: str = ""
    zip: str = ""
    city: str = ""
    zip_city: str = ""
    country: str = ""
    vat_no: str = ""


@dataclass(frozen=True)
class ContactBlock:
    """The person at the customer the quote is for."""

    name: str = ""
    email: str = ""
    phone: str = ""


@dataclass(frozen=True)
class OpportunityBlock:
    """The deal the quote belongs to."""

    name: str = ""
    close_date: str = ""


@dataclass(frozen=True)
class OwnerBlock:
    """The sales person responsible for the deal."""

    name: str = ""
    email: str = ""


@dataclass(frozen=True)
class QuoteBlock:
    """The quote's own fields."""

    name: str = ""
    number: str = ""
    currency: str = ""
    brand: str = ""
    valid_from: str = ""
    valid_until: str = ""
    created: str = ""


@dataclass(frozen=True)
class ItemLine:
    """One row of the item table; the rounding item has no position, quantity or unit price."""

    position: str = ""
    name: str = ""
    description: str = ""
    quantity: str = ""
    unit: str = ""
    unit_price: str = ""
    discount: str = ""
    total: str = ""


@dataclass(frozen=True)
class DealParties:
    """The blocks every deal document prints: the customer, its contact, the deal and its owner."""

    account: AccountBlock
    contact: ContactBlock
    opportunity: OpportunityBlock
    owner: OwnerBlock


@dataclass(frozen=True)
class QuoteDocument(DealParties):
    """Everything a quote template can print."""

    quote: QuoteBlock
    items: tuple[ItemLine, ...]
    subtotal: str
    discount_total: str
    total: str
    today: str


BLOCKS: dict[str, type] = {
    "account": AccountBlock,
    "contact": ContactBlock,
    "opportunity": OpportunityBlock,
    "owner": OwnerBlock,
    "quote": QuoteBlock,
}
SCALARS = ("subtotal", "discount_total", "total", "today")
LOOP_FIELDS = ("index", "index0", "first", "last", "length", "revindex")

TOKENS: list[tuple[str, str]] = [
    ("{{ account.name }}", "the customer's name"),
    ("{{ account.street }}", "the customer's street and house number"),
    ("{{ account.zip }}", "the customer's postal code"),
    ("{{ account.city }}", "the customer's city"),
    ("{{ account.zip_city }}", "postal code and city on one line, e.g. 10115 Berlin"),
    ("{{ account.country }}", "the customer's country"),
    ("{{ account.vat_no }}", "the customer's VAT number"),
    ("{{ contact.name }}", "the contact person of the deal"),
    ("{{ contact.email }}", "the contact's e-mail address"),
    ("{{ contact.phone }}", "the contact's phone number"),
    ("{{ opportunity.name }}", "the opportunity (deal) name"),
    ("{{ opportunity.close_date }}", "the deal's expected close date"),
    ("{{ owner.name }}", "the deal owner (the sales person)"),
    ("{{ owner.email }}", "the deal owner's e-mail address"),
    ("{{ quote.name }}", "the quote's name"),
    ("{{ quote.number }}", "the quote's number, e.g. Q-00042"),
    ("{{ quote.currency }}", "the quote's currency code, e.g. EUR"),
    ("{{ quote.brand }}", "the brand the quote is made out for"),
    ("{{ quote.valid_from }}", "the first day the offer is valid"),
    ("{{ quote.valid_until }}", "the last day the offer is valid"),
    ("{{ quote.created }}", "the day the quote was created"),
    ("{%tr for item in items %} … {%tr endfor %}", "repeat a table row for each item (rows in order)"),
    ("{{ item.position }}", "in the item loop: the line number (empty for the rounding line)"),
    ("{{ item.name }}", "in the item loop: the product or item name ('Rounding' for the rounding line)"),
    ("{{ item.description }}", "in the item loop: the item's description"),
    ("{{ item.quantity }}", "in the item loop: the quantity"),
    ("{{ item.unit }}", "in the item loop: the unit, e.g. user/month"),
    ("{{ item.unit_price }}", "in the item loop: the unit price"),
    ("{{ item.discount }}", "in the item loop: the discount, e.g. '10 %' or '50.00'"),
    ("{{ item.total }}", "in the item loop: the line total"),
    ("{{ subtotal }}", "sum of quantity × unit price of all items"),
    ("{{ discount_total }}", "sum of all discounts"),
    ("{{ total }}", "the amount to pay (subtotal − discounts + rounding)"),
    ("{{ today }}", "the day the document is generated"),
]


def field_names(block: type) -> tuple[str, ...]:
    """The fields of a view-model block, i.e. what `block.<field>` may name."""
    return tuple(f.name for f in fields(block))


ITEM_FIELDS = field_names(ItemLine)


@dataclass(frozen=True)
class Vocabulary:
    """What a kind of template may name: blocks with fields, plain values, lists to loop over."""

    blocks: dict[str, type]
    scalars: tuple[str, ...]
    loops: dict[str, tuple[str, ...]]
    tokens: list[tuple[str, str]]


QUOTE_VOCABULARY = Vocabulary(BLOCKS, SCALARS, {"items": ITEM_FIELDS}, TOKENS)


def day_text(day: date | None) -> str:
    """A date as printed on a quote: '5 Dec 2026' (empty when unknown)."""
    if day is None:
        return ""
    return f"{day.day} {day.strftime('%b %Y')}"


def amount_text(value: Decimal | None) -> str:
    """Money for print: thousands separated, two places ('12,345.50')."""
    if value is None:
        return ""
    return f"{cents(value):,.2f}"


def quantity_text(value: Decimal | None) -> str:
    """A quantity for print without trailing zeros ('1.5', '10')."""
    return decimal_text(value) or ""


def discount_text(percent: Decimal | None, amount: Decimal | None) -> str:
    """A line's discount as given: '10 %' or an amount; empty when there is none."""
    if percent is not None and percent != 0:
        return f"{decimal_text(percent)} %"
    if amount is not None and amount != 0:
        return amount_text(amount)
    return ""
