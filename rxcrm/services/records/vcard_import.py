"""vCard import of accounts and contacts: a preview of what each card becomes, then all cards or none.

A contact's organisation is matched to an account the user sees by its name (case ignored); with no
such account the contact is kept without one, and the preview says so.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from rxcrm.db.models import Account, User
from rxcrm.domain.accounts.accounts import validate_account
from rxcrm.domain.accounts.contacts import validate_contact
from rxcrm.domain.errors import ValidationFailed
from rxcrm.domain.records.vcard_import import (
    Card,
    account_values,
    contact_values,
    decode_vcards,
    parse_vcards,
)
from rxcrm.services.accounts.accounts import create_account
from rxcrm.services.accounts.contacts import create_contact
from rxcrm.services.people.access import visible
from rxcrm.services.people.permissions import require

KINDS = ("accounts", "contacts")


def _values(session: Session, actor: User, kind: str, card: Card) -> tuple[dict[str, Any], str]:
    """What the card becomes and, for a contact, the account it is put under ('' when none)."""
    if kind == "accounts":
        return account_values(card), ""
    values = contact_values(card)
    found = _account_named(session, actor, card.org) if card.org and card.is_person else None
    values["account_id"] = found.id if found else None
    return values, found.name if found else ""


def _account_named(session: Session, actor: User, name: str) -> Account | None:
    statement = select(Account).where(func.lower(Account.name) == name.strip().lower()).order_by(Account.id)
    return session.exec(visible(statement, Account, actor)).first()


def _problems(kind: str, values: dict[str, Any], card: Card) -> dict[str, str]:
    found = {"card": card.problems[0]} if card.problems else {}
    check = validate_account if kind == "accounts" else validate_contact
    try:
        check({k: v for k, v in values.items() if k != "account_id"})
    except ValidationFailed as exc:
        found |= exc.fields
    return found


def _row(session: Session, actor: User, kind: str, number: int, card: Card) -> dict[str, Any]:
    values, account = _values(session, actor, kind, card)
    becomes = "contact" if kind == "contacts" else f"{values['type']} account"
    name = " ".join(p for p in (values.get("first_name"), values.get("last_name")) if p) or values.get("name")
    note = (
        f"no account named '{card.org}': kept without one"
        if kind == "contacts" and card.org and not account
        else ""
    )
    return {
        "card": number,
        "becomes": becomes,
        "name": name or "",
        "organisation": card.org,
        "email": card.email,
        "phone": card.phone or card.mobile,
        "city": card.city,
        "account": account,
        "note": note,
        "problems": _problems(kind, values, card),
    }


def _cards(session: Session, actor: User, kind: str, data: bytes) -> list[Card]:
    if kind not in KINDS:
        raise ValidationFailed.from_fields({"kind": "import accounts or contacts"})
    require(session, actor, kind, "add")
    return parse_vcards(decode_vcards(data))


def preview_vcards(session: Session, actor: User, kind: str, data: bytes) -> dict[str, Any]:
    """What each card of the file becomes and what is wrong with it; nothing is written."""
    rows = [_row(session, actor, kind, n, c) for n, c in enumerate(_cards(session, actor, kind, data), 1)]
    return {"kind": kind, "cards": len(rows), "invalid": sum(1 for r in rows if r["problems"]), "rows": rows}


def import_vcards(session: Session, actor: User, kind: str, data: bytes) -> list[int]:
    """Create a record per card, all or none (422 naming `cards.<n>.<field>`); the new ids in order."""
    cards = _cards(session, actor, kind, data)
    problems = {
        f"cards.{n}.{field}": message
        for n, card in enumerate(cards, 1)
        for field, message in _problems(kind, _values(session, actor, kind, card)[0], card).items()
    }
    if problems:
        raise ValidationFailed.from_fields(problems)
    if not cards:
        raise ValidationFailed.from_fields({"file": "holds no complete vCard"})
    create = create_account if kind == "accounts" else create_contact
    return [create(session, actor, _values(session, actor, kind, card)[0]).id for card in cards]
