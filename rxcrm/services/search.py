"""Global search from the top bar over accounts, contacts, leads and opportunities."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from rxcrm.db.models import Account, Contact, Lead, Opportunity, User
from rxcrm.domain.contacts import contact_display_name
from rxcrm.services.access import visible
from rxcrm.services.field_visibility import searchable
from rxcrm.services.listing import search_clause

MIN_QUERY = 2


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
        *(SearchHit("account", a.id, a.name, a.city or a.type) for a in accounts),
        *(
            SearchHit("contact", c.id, contact_display_name(c.first_name, c.last_name), c.email or "")
            for c in contacts
        ),
        *(SearchHit("lead", x.id, x.name or x.email or f"Lead {x.id}", x.company or x.status) for x in leads),
        *(SearchHit("opportunity", o.id, o.name, f"{o.amount:.2f} {o.currency}") for o in deals),
    ]
