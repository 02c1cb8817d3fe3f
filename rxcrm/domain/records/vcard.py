"""vCard 3.0 export of accounts and contacts, for address books and phones."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def _escape(value: Any) -> str:
    """A vCard text value: line breaks of any kind (CRLF, CR, LF) as \\n, so no value starts a new line."""
    text = "" if value is None else str(value)
    text = text.replace("\\", "\\\\").replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\n", "\\n").replace(",", "\\,").replace(";", "\\;")


def _lines(name_parts: tuple[Any, Any], full_name: str, data: Mapping[str, Any], org: Any) -> list[str]:
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"N:{_escape(name_parts[0])};{_escape(name_parts[1])};;;",
        f"FN:{_escape(full_name)}",
    ]
    if org:
        lines.append(f"ORG:{_escape(org)}")
    if data.get("position"):
        lines.append(f"TITLE:{_escape(data['position'])}")
    if data.get("email"):
        lines.append(f"EMAIL;TYPE=INTERNET:{_escape(data['email'])}")
    for key, kind in (("phone", "WORK"), ("mobile", "CELL")):
        if data.get(key):
            lines.append(f"TEL;TYPE={kind}:{_escape(data[key])}")
    address = [data.get(k) for k in ("street", "city", "zip", "country")]
    if any(address):
        lines.append(
            "ADR;TYPE=WORK:;;"
            + ";".join(_escape(a) for a in address[:2])
            + ";;"
            + ";".join(_escape(a) for a in address[2:])
        )
    if data.get("website"):
        lines.append(f"URL:{_escape(data['website'])}")
    lines.append("END:VCARD")
    return lines


def account_vcard(account: Mapping[str, Any]) -> str:
    """An account as a vCard: a person by name, a company as an organisation."""
    if account.get("type") == "person":
        parts = (account.get("last_name"), account.get("first_name"))
        return "\r\n".join(_lines(parts, account.get("name", ""), account, account.get("company"))) + "\r\n"
    return (
        "\r\n".join(_lines((account.get("name"), ""), account.get("name", ""), account, account.get("name")))
        + "\r\n"
    )


def contact_vcard(contact: Mapping[str, Any], account_name: str | None) -> str:
    """A personal contact as a vCard, with the account as organisation."""
    full = " ".join(p for p in (contact.get("first_name"), contact.get("last_name")) if p)
    parts = (contact.get("last_name"), contact.get("first_name"))
    return "\r\n".join(_lines(parts, full, contact, account_name)) + "\r\n"
