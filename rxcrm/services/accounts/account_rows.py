"""Accounts as the UI shows them: list rows and the data tab, hidden fields left out."""

from __future__ import annotations

from sqlmodel import Session

from rxcrm.db.models import Account, Partner, User
from rxcrm.services.people.field_visibility import hidden_for_viewer
from rxcrm.services.records.display_text import account_names, blanked, names_of, text


def account_rows(session: Session, accounts: list[Account]) -> list[dict[str, str]]:
    """Accounts as list rows with owner names."""
    owners = names_of(session, User, {a.owner_id for a in accounts}, User.name)
    hidden = hidden_for_viewer(session, "account")
    return blanked(
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
    if account.partner_id:
        partner = names_of(session, Partner, {account.partner_id}, Partner.name).get(account.partner_id, "")
        rows.append({"key": "partner", "label": "Partner", "value": partner})
    rows += [{"key": f"custom-{k}", "label": k, "value": text(v)} for k, v in sorted(account.custom.items())]
    hidden = hidden_for_viewer(session, "account")
    return [
        r
        for r in rows
        if r["key"] not in hidden and not (r["key"].startswith("custom-") and "custom" in hidden)
    ]
