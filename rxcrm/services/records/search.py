"""Global search from the top bar over accounts, contacts, leads and opportunities."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import Session, select

from rxcrm.db.models import Account, Contact, Lead, Opportunity, User
from rxcrm.domain.accounts.contacts import contact_display_name
from rxcrm.domain.errors import ValidationFailed
from rxcrm.services.people.access import visible
from rxcrm.services.people.field_visibility import hidden_fields, searchable
from rxcrm.services.records.listing import search_clause

MIN_QUERY = 2
MAX_QUERY = 200


@dataclass(frozen=True)
class SearchHit:
    """One record found: what it is, its id, a title and a hint line."""

    entity: str
    id: int
    title: str
    hint: str


def global_search(session: Session, actor: User, q: str, per_kind: int = 5) -> list[SearchHit]:
    """Up to `per_kind` visible accounts, contacts, leads and opportunities matching the query."""
    if len((q or "").strip()) < MIN_QUERY:
        return []
    if len(q) > MAX_QUERY:
        raise ValidationFailed.from_fields({"q": f"must be at most {MAX_QUERY} characters"})
    accounts = session.exec(
        visible(select(Account), Account, actor)
        .where(
            search_clause(
                q, *searchable(session, actor, "account", Account.name, Account.email, Account.city)
            )
        )
        .order_by(Account.name)
        .limit(per_kind)
    ).all()
    contacts = session.exec(
        visible(select(Contact), Contact, actor)
        .where(
            search_clause(
                q,
                *searchable(session, actor, "contact", Contact.first_name, Contact.last_name, Contact.email),
            )
        )
        .order_by(Contact.last_name)
        .limit(per_kind)
    ).all()
    leads = session.exec(
        visible(select(Lead), Lead, actor)
        .where(search_clause(q, *searchable(session, actor, "lead", Lead.name, Lead.company, Lead.email)))
        .order_by(Lead.created_at.desc())
        .limit(per_kind)
    ).all()
    deals = session.exec(
        visible(select(Opportunity), Opportunity, actor)
        .where(search_clause(q, Opportunity.name))
        .order_by(Opportunity.name)
        .limit(per_kind)
    ).all()
    return [
        *_account_hits(session, actor, accounts),
        *_contact_hits(session, actor, contacts),
        *(SearchHit("lead", x.id, x.name or x.email or f"Lead {x.id}", x.company or x.status) for x in leads),
        *_deal_hits(session, actor, deals),
    ]


def _account_hits(session: Session, actor: User, accounts: Sequence[Account]) -> list[SearchHit]:
    """Accounts with their city as hint, or their type when the city is hidden from the user."""
    city_shown = "city" not in hidden_fields(session, actor, "account")
    return [SearchHit("account", a.id, a.name, (a.city if city_shown else None) or a.type) for a in accounts]


def _contact_hits(session: Session, actor: User, contacts: Sequence[Contact]) -> list[SearchHit]:
    """Contacts with their e-mail as hint, none when the e-mail is hidden from the user."""
    email_shown = "email" not in hidden_fields(session, actor, "contact")
    return [
        SearchHit(
            "contact", c.id, contact_display_name(c.first_name, c.last_name), (email_shown and c.email) or ""
        )
        for c in contacts
    ]


def _deal_hits(session: Session, actor: User, deals: Sequence[Opportunity]) -> list[SearchHit]:
    """Deals with their amount as hint, or their status when the amount is hidden from the user."""
    amount_shown = "amount" not in hidden_fields(session, actor, "opportunity")
    return [
        SearchHit("opportunity", o.id, o.name, f"{o.amount:.2f} {o.currency}" if amount_shown else o.status)
        for o in deals
    ]
