"""Display rows for the UI: every value as text, names resolved (owner, account, stage)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlmodel import Session, select

from rxcrm.db.models import (
    Account,
    Activity,
    ActivityCategory,
    BusinessRole,
    Campaign,
    Contact,
    CustomField,
    Opportunity,
    Partner,
    Pipeline,
    Project,
    Stage,
    User,
)
from rxcrm.domain.contacts import contact_display_name
from rxcrm.domain.history import as_history_text, history_field_label, readable_history_value
from rxcrm.domain.validation import record_id
from rxcrm.services.access import visible
from rxcrm.services.field_visibility import VIEWER, hidden_for_viewer
from rxcrm.services.opportunity_tags import tags_by_deal
from rxcrm.services.time_zones import shown_time


def text(value: Any) -> str:
    """A value as the UI shows it; empty for nothing."""
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    if isinstance(value, datetime):
        return shown_time(value)
    return as_history_text(value) or ""


def names_of(session: Session, model: type, ids: set[int], column: Any) -> dict[int, str]:
    """Display names for a set of ids in one query."""
    ids = {i for i in ids if i is not None}
    if not ids:
        return {}
    return dict(session.exec(select(model.id, column).where(model.id.in_(ids))).all())


def account_names(session: Session, ids: set[int | None]) -> dict[int, str]:
    """Names of linked accounts, only those the viewing user may see (no names leak through links)."""
    ids = {i for i in ids if i is not None}
    viewer = session.info.get(VIEWER)
    if not ids or viewer is None:
        return {}
    statement = visible(select(Account.id, Account.name).where(Account.id.in_(ids)), Account, viewer)
    return dict(session.exec(statement).all())


def _blanked(rows: list[dict[str, str]], hidden: set[str]) -> list[dict[str, str]]:
    return [{k: ("" if k in hidden else v) for k, v in row.items()} for row in rows] if hidden else rows


def account_rows(session: Session, accounts: list[Account]) -> list[dict[str, str]]:
    """Accounts as list rows with owner names."""
    owners = names_of(session, User, {a.owner_id for a in accounts}, User.name)
    hidden = hidden_for_viewer(session, "account")
    return _blanked(
        [
            {
                "id": str(a.id),
                "name": a.name,
                "type": a.type,
                "city": text(a.city),
                "country": text(a.country),
                "email": text(a.email),
                "phone": text(a.phone),
                "industry": text(a.industry),
                "owner": owners.get(a.owner_id, ""),
                "key_account": "yes" if a.key_account else "",
            }
            for a in accounts
        ],
        hidden,
    )


def contact_rows(session: Session, contacts: list[Contact]) -> list[dict[str, str]]:
    """Contacts as list rows with account and owner names."""
    owners = names_of(session, User, {c.owner_id for c in contacts}, User.name)
    accounts = account_names(session, {c.account_id for c in contacts})
    hidden = hidden_for_viewer(session, "contact")
    return _blanked(
        [
            {
                "id": str(c.id),
                "name": contact_display_name(c.first_name, c.last_name),
                "first_name": text(c.first_name),
                "last_name": c.last_name,
                "email": text(c.email),
                "phone": text(c.phone),
                "position": text(c.position),
                "kind": c.kind,
                "account": accounts.get(c.account_id, ""),
                "account_id": text(c.account_id),
                "owner": owners.get(c.owner_id, ""),
            }
            for c in contacts
        ],
        hidden,
    )


def opportunity_rows(session: Session, deals: list[Opportunity]) -> list[dict[str, str]]:
    """Opportunities as list rows with stage, account and owner names."""
    owners = names_of(session, User, {d.owner_id for d in deals}, User.name)
    accounts = account_names(session, {d.account_id for d in deals})
    stages = names_of(session, Stage, {d.stage_id for d in deals}, Stage.name)
    hidden = hidden_for_viewer(session, "opportunity")
    return _blanked(
        [
            {
                "id": str(d.id),
                "name": d.name,
                "account": accounts.get(d.account_id, ""),
                "stage": stages.get(d.stage_id, ""),
                "status": d.status,
                "owner": owners.get(d.owner_id, ""),
                "amount": f"{text(d.amount)} {d.currency}",
                "probability": f"{d.probability} %",
                "close_date": text(d.close_date),
                "tags": text(d.tags),
            }
            for d in deals
        ],
        hidden,
    )


def activity_rows(session: Session, activities: list[Activity]) -> list[dict[str, str]]:
    """Timeline entries with category and author names."""
    categories = names_of(
        session, ActivityCategory, {a.category_id for a in activities}, ActivityCategory.name
    )
    authors = names_of(session, User, {a.author_id for a in activities}, User.name)
    return [
        {
            "id": str(a.id),
            "category": categories.get(a.category_id, ""),
            "at": text(a.at),
            "author": authors.get(a.author_id, ""),
            "note": text(a.note),
        }
        for a in activities
    ]


USER_LINKS = ("owner_id", "second_owner_id", "author_id", "created_by_id")
ACCOUNT_LINKS = ("account_id", "parent_id")
NAMED_LINKS = (
    ("stage_id", Stage, Stage.name),
    ("pipeline_id", Pipeline, Pipeline.name),
    ("partner_id", Partner, Partner.name),
    ("campaign_id", Campaign, Campaign.name),
    ("project_id", Project, Project.name),
)


def history_link_names(session: Session, history: list[dict[str, Any]]) -> dict[str, dict[int, str]]:
    """For each link field in these history entries, the names of the linked records the viewer may see."""
    ids: dict[str, set[int]] = {}
    for h in history:
        for value in (h["old"], h["new"]):
            if (linked := record_id(value)) is not None:
                ids.setdefault(h["field"], set()).add(linked)

    def linked_to(*fields: str) -> set[int]:
        return set().union(*(ids.get(f, set()) for f in fields))

    users = names_of(session, User, linked_to(*USER_LINKS), User.name)
    accounts = account_names(session, linked_to(*ACCOUNT_LINKS))
    names = {f: users for f in USER_LINKS} | {f: accounts for f in ACCOUNT_LINKS}
    names["contact_id"] = contact_names(session, linked_to("contact_id"))
    for field, model, column in NAMED_LINKS:
        names[field] = names_of(session, model, linked_to(field), column)
    return names


def history_rows(
    session: Session, history: list[dict[str, Any]], currency: str | None = None
) -> list[dict[str, str]]:
    """History entries as text: linked records by name, money formatted (in `currency`), time shortened."""
    names = history_link_names(session, history)
    custom = history_custom_labels(session, history)
    return [
        {
            "at": shown_time(datetime.fromisoformat(h["at"])),
            "by_name": h["by_name"],
            "field": history_field_label(h["field"]),
            "old": readable_history_value(h["field"], h["old"], names, currency, custom.get(h.get("entity"))),
            "new": readable_history_value(h["field"], h["new"], names, currency, custom.get(h.get("entity"))),
        }
        for h in history
    ]


def history_custom_labels(session: Session, history: list[dict[str, Any]]) -> dict[str, dict[str, str]]:
    """Per entity in these history entries that changed custom fields: custom field key -> label."""
    entities = {h.get("entity") for h in history if h["field"] == "custom"} - {None}
    labels: dict[str, dict[str, str]] = {}
    if entities:
        columns = select(CustomField.entity, CustomField.key, CustomField.label)
        rows = session.exec(columns.where(CustomField.entity.in_(entities)))
        for entity, key, label in rows:
            labels.setdefault(entity, {})[key] = label
    return labels


ACCOUNT_LABELS = (
    ("type", "Type"),
    ("first_name", "First name"),
    ("last_name", "Last name"),
    ("company", "Company"),
    ("email", "E-mail"),
    ("phone", "Phone"),
    ("website", "Website"),
    ("street", "Street"),
    ("zip", "ZIP"),
    ("city", "City"),
    ("country", "Country"),
    ("registration_no", "Registration no."),
    ("vat_no", "VAT no."),
    ("industry", "Industry"),
    ("key_account", "Key account"),
    ("is_private", "Private"),
    ("is_global", "Global"),
)


def account_data(session: Session, account: Account) -> list[dict[str, str]]:
    """The data tab of an account: its filled fields, owners, parent and custom fields."""
    values = account.model_dump()
    rows = [
        {"key": k, "label": label, "value": text(values[k])}
        for k, label in ACCOUNT_LABELS
        if values.get(k) not in (None, "", False)
    ]
    owners = names_of(session, User, {account.owner_id, account.second_owner_id}, User.name)
    rows.append({"key": "owner", "label": "Account manager", "value": owners.get(account.owner_id, "—")})
    if account.second_owner_id:
        rows.append(
            {
                "key": "second_owner",
                "label": "Second manager",
                "value": owners.get(account.second_owner_id, ""),
            }
        )
    if account.parent_id:
        parent = account_names(session, {account.parent_id}).get(account.parent_id, "(not visible to you)")
        rows.append({"key": "parent", "label": "Parent account", "value": parent})
    rows += [{"key": f"custom-{k}", "label": k, "value": text(v)} for k, v in sorted(account.custom.items())]
    hidden = hidden_for_viewer(session, "account")
    return [
        r
        for r in rows
        if r["key"] not in hidden and not (r["key"].startswith("custom-") and "custom" in hidden)
    ]


def contact_names(session: Session, ids: set[int | None]) -> dict[int, str]:
    """Names of linked personal contacts, only those the viewing user may see."""
    ids = {i for i in ids if i is not None}
    viewer = session.info.get(VIEWER)
    if not ids or viewer is None:
        return {}
    statement = visible(
        select(Contact.id, Contact.first_name, Contact.last_name).where(Contact.id.in_(ids)), Contact, viewer
    )
    return {cid: contact_display_name(first, last) for cid, first, last in session.exec(statement).all()}


def opportunity_data(session: Session, deal: Opportunity) -> list[dict[str, str]]:
    """The data tab of an opportunity: its fields with linked names, lost reason and custom fields."""
    row = opportunity_rows(session, [deal])[0]
    users = names_of(session, User, {deal.second_owner_id}, User.name)
    linked = {
        "contact": contact_names(session, {deal.contact_id}).get(deal.contact_id, ""),
        "second_owner": users.get(deal.second_owner_id, ""),
        "project": names_of(session, Project, {deal.project_id}, Project.name).get(deal.project_id, ""),
        "partner": names_of(session, Partner, {deal.partner_id}, Partner.name).get(deal.partner_id, ""),
        "campaign": names_of(session, Campaign, {deal.campaign_id}, Campaign.name).get(deal.campaign_id, ""),
        "lost_reason": text(deal.lost_reason),
    }
    shown = {**row, **linked}
    rows = [{"key": k, "label": label, "value": shown[k]} for k, label in OPPORTUNITY_LABELS]
    rows += [{"key": f"custom-{k}", "label": k, "value": text(v)} for k, v in sorted(deal.custom.items())]
    hidden = hidden_for_viewer(session, "opportunity")
    return [
        r
        for r in rows
        if r["key"] not in hidden and not (r["key"].startswith("custom-") and "custom" in hidden)
    ]


OPPORTUNITY_LABELS = (
    ("account", "Account"),
    ("contact", "Primary contact"),
    ("stage", "Stage"),
    ("status", "Status"),
    ("amount", "Amount"),
    ("probability", "Probability"),
    ("close_date", "Expected close"),
    ("owner", "Owner"),
    ("second_owner", "Second manager"),
    ("project", "Project"),
    ("partner", "Partner"),
    ("campaign", "Campaign"),
    ("lost_reason", "Lost reason"),
)


def business_role_rows(session: Session, roles: list[BusinessRole]) -> list[dict[str, str]]:
    """A deal's business roles with the contact's name (blank when the contact is hidden)."""
    names = contact_names(session, {r.contact_id for r in roles})
    return [
        {
            "id": str(r.id),
            "contact_id": str(r.contact_id),
            "contact": names.get(r.contact_id, ""),
            "role": r.role,
            "note": text(r.note),
        }
        for r in roles
    ]


def opportunity_header(session: Session, deal: Opportunity) -> dict[str, Any]:
    """The head of a deal's page: name, status, amount and tags, each hidden field left blank."""
    row = opportunity_rows(session, [deal])[0]
    return {
        "name": deal.name,
        "status": deal.status,
        "amount": row["amount"],
        "locked": deal.locked,
        "tags": tags_by_deal(session, [deal])[deal.id],
    }
