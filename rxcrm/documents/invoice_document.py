"""What an invoice document shows: a view model of display strings, and the tokens its template may use.

The account, contact, opportunity and owner blocks are the quote document's (same tokens); the
invoice block adds the invoice's own fields, already formatted for print.
"""

from __future__ import annotations

from dataclasses import dataclass

from rxcrm.documents.quote_document import (
    BLOCKS,
    TOKENS,
    DealParties,
    Vocabulary,
)

SHARED_BLOCKS = ("account.", "contact.", "opportunity.", "owner.")


@dataclass(frozen=True)
class InvoiceBlock:
    """The invoice's own fields."""

    number: str = ""
    issue_date: str = ""
    due_date: str = ""
    amount: str = ""
    currency: str = ""
    status: str = ""
    billed: str = ""


@dataclass(frozen=True)
class InvoiceDocument(DealParties):
    """Everything an invoice template can print."""

    invoice: InvoiceBlock
    today: str


INVOICE_TOKENS: list[tuple[str, str]] = [
    *(
        (token, meaning)
        for token, meaning in TOKENS
        if token.startswith(tuple("{{ " + b for b in SHARED_BLOCKS))
    ),
    ("{{ invoice.number }}", "the invoice number, e.g. 2026-0001"),
    ("{{ invoice.issue_date }}", "the day the invoice was issued"),
    ("{{ invoice.due_date }}", "the day the invoice is due"),
    ("{{ invoice.amount }}", "the amount to pay, e.g. 12,345.50"),
    ("{{ invoice.currency }}", "the invoice's currency code, e.g. EUR"),
    ("{{ invoice.status }}", "the invoice's status: Draft, Sent, Paid or Overdue"),
    ("{{ invoice.billed }}", "what is billed: the contract's or the deal's name"),
    ("{{ today }}", "the day the document is generated"),
]

INVOICE_VOCABULARY = Vocabulary(
    {
        **{name: BLOCKS[name] for name in ("account", "contact", "opportunity", "owner")},
        "invoice": InvoiceBlock,
    },
    ("today",),
    {},
    INVOICE_TOKENS,
)
