"""Linked accounts (spec §5.1, the 'relations' tab): two accounts linked once, with a label for each side.

A link is shown on both accounts. Its label says what the other account is to the one whose page shows
it; the labels of the small list have a counterpart on the other side (A's *Supplier* B sees A as its
*Customer*), a label typed freely is shown the same on both sides.
"""

from __future__ import annotations

from typing import Any

from rxcrm.domain.records.validation import FieldErrors

MAX_LABEL = 60
COUNTERPARTS = {
    "Supplier": "Customer",
    "Customer": "Supplier",
    "Partner company": "Partner company",
    "Subsidiary": "Parent company",
    "Parent company": "Subsidiary",
}
RELATION_LABELS = tuple(COUNTERPARTS)


def counterpart(label: str) -> str:
    """What the other side calls the link: the list's counterpart, else the same words."""
    known = next((k for k in COUNTERPARTS if k.lower() == label.lower()), None)
    return COUNTERPARTS[known] if known else label


def check_relation(account_id: int, related_id: Any, label: Any) -> tuple[int, str]:
    """A link to another account (never the account itself) with a label of 1–60 characters."""
    errors = FieldErrors()
    if not isinstance(related_id, int) or isinstance(related_id, bool) or related_id < 1:
        errors.add("related_account_id", "is required")
    elif related_id == account_id:
        errors.add("related_account_id", "an account cannot be linked to itself")
    text = label.strip() if isinstance(label, str) else ""
    if not text or len(text) > MAX_LABEL:
        errors.add("label", f"is required (at most {MAX_LABEL} characters)")
    errors.raise_if_any()
    known = next((k for k in COUNTERPARTS if k.lower() == text.lower()), text)
    return int(related_id), known


def stored_pair(account_id: int, related_id: int, label: str) -> tuple[int, int, str, str]:
    """A link as stored, the lower id first (so a pair is stored once whichever page linked it):
    (first, second, what second is to first, what first is to second)."""
    if account_id < related_id:
        return account_id, related_id, label, counterpart(label)
    return related_id, account_id, counterpart(label), label


def seen_from(account_id: int, pair: tuple[int, int, str, str]) -> tuple[int, str]:
    """The other account of a stored link and its label, as `account_id`'s page shows them."""
    first, second, second_to_first, first_to_second = pair
    return (second, second_to_first) if account_id == first else (first, first_to_second)
