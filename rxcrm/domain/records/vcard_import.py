"""Reading vCards (2.1, 3.0, 4.0) into account or contact fields, the counterpart of `vcard.py`.

A file may hold many cards. Folded lines are joined, groups (`item1.EMAIL`) and parameters read,
escapes (`\\n`, `\\,`, `\\;`) and quoted-printable values decoded; the first e-mail, work/other phone,
mobile and work address are taken. A card with a person's name becomes a person account or a contact;
a card with only an organisation becomes a company account.
"""

from __future__ import annotations

import quopri
import re
from dataclasses import dataclass, field

from rxcrm.domain.errors import ValidationFailed

MAX_BYTES = 2 * 2**20
MAX_CARDS = 1000
FOLD = re.compile(r"\r\n[ \t]|\n[ \t]|\r[ \t]")
SPLIT = re.compile(r"(?<!\\);")


@dataclass
class Card:
    """One vCard's fields as the CRM names them."""

    first_name: str = ""
    last_name: str = ""
    full_name: str = ""
    org: str = ""
    position: str = ""
    email: str = ""
    phone: str = ""
    mobile: str = ""
    street: str = ""
    city: str = ""
    zip: str = ""
    country: str = ""
    website: str = ""
    problems: list[str] = field(default_factory=list)

    @property
    def is_person(self) -> bool:
        """Whether the card names a person (else it is only an organisation)."""
        return bool(self.first_name) or any(n and n != self.org for n in (self.last_name, self.full_name))


def decode_vcards(data: bytes) -> str:
    """The file as text (UTF-8, else Windows-1252); 422 on `file` when it is too large or holds no card."""
    if len(data) > MAX_BYTES:
        raise ValidationFailed.from_fields({"file": f"is larger than {MAX_BYTES // 2**20} MB"})
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    if "BEGIN:VCARD" not in text.upper():
        raise ValidationFailed.from_fields({"file": "holds no vCard (BEGIN:VCARD … END:VCARD)"})
    return text


def _unescape(value: str) -> str:
    out, chars = [], iter(value)
    for char in chars:
        if char == "\\":
            nxt = next(chars, "")
            out.append("\n" if nxt in "nN" else nxt)
        else:
            out.append(char)
    return "".join(out).strip()


def _parts(value: str) -> list[str]:
    return [_unescape(p) for p in SPLIT.split(value)]


def _property(line: str) -> tuple[str, dict[str, str], str]:
    head, _, value = line.partition(":")
    name, *params = head.split(";")
    found: dict[str, str] = {}
    for param in params:
        key, eq, val = param.partition("=")
        key, val = (key.upper(), val.upper()) if eq else ("TYPE", key.upper())
        found[key] = f"{found[key]},{val}" if key in found else val
    if found.get("ENCODING") == "QUOTED-PRINTABLE":
        value = quopri.decodestring(value.encode("latin-1", "replace")).decode("utf-8", "replace")
    return name.rsplit(".", 1)[-1].upper(), found, value


def _joined_lines(text: str) -> list[str]:
    text = FOLD.sub("", text)
    text = re.sub(r"=\r?\n", "", text)  # quoted-printable soft breaks (vCard 2.1)
    return [line for line in re.split(r"\r\n|\n|\r", text) if line.strip()]


def _take(card: Card, name: str, params: dict[str, str], value: str) -> None:
    kinds = set(params.get("TYPE", "").replace('"', "").split(","))
    if name == "N":
        parts = _parts(value) + ["", ""]
        card.last_name, card.first_name = parts[0], parts[1]
    elif name == "FN":
        card.full_name = _unescape(value)
    elif name == "ORG":
        card.org = " ".join(p for p in _parts(value) if p)
    elif name == "TITLE":
        card.position = _unescape(value)
    elif name == "EMAIL" and not card.email:
        card.email = _unescape(value).removeprefix("mailto:")
    elif name == "TEL":
        number = _unescape(value).removeprefix("tel:")
        if "CELL" in kinds and not card.mobile:
            card.mobile = number
        elif "CELL" not in kinds and not card.phone:
            card.phone = number
    elif name == "ADR" and (not card.street or "WORK" in kinds):
        parts = _parts(value) + [""] * 7
        card.street, card.city, card.zip, card.country = parts[2], parts[3], parts[5], parts[6]
    elif name == "URL" and not card.website:
        card.website = _unescape(value)


def parse_vcards(text: str) -> list[Card]:
    """Every card of a vCard file, in order; at most 1,000 (422 on `file` beyond)."""
    cards: list[Card] = []
    current: Card | None = None
    for line in _joined_lines(text):
        name, params, value = _property(line)
        if name == "BEGIN" and value.strip().upper() == "VCARD":
            current = Card()
        elif name == "END" and current is not None:
            if not (current.is_person or current.org):
                current.problems.append("the card has neither a name nor an organisation")
            cards.append(current)
            current = None
            if len(cards) > MAX_CARDS:
                raise ValidationFailed.from_fields({"file": f"holds more than {MAX_CARDS} cards"})
        elif current is not None:
            _take(current, name, params, value)
    return cards


def name_parts(card: Card) -> tuple[str, str]:
    """First and last name; from the formatted name ("Ann Lee") when the card has no N."""
    if card.last_name or card.first_name:
        return card.first_name, card.last_name or card.first_name
    first, _, last = card.full_name.rpartition(" ")
    return first, last


def account_values(card: Card) -> dict[str, str | None]:
    """A card as a new account: a person account for a named person, else a company."""
    address = {
        k: getattr(card, k) or None for k in ("email", "phone", "website", "street", "city", "zip", "country")
    }
    if not card.is_person:
        return {"type": "company", "name": card.org, **address}
    first, last = name_parts(card)
    return {
        "type": "person",
        "first_name": first or None,
        "last_name": last,
        "company": card.org or None,
        **address,
    }


def contact_values(card: Card) -> dict[str, str | None]:
    """A card as a new personal contact (the organisation is matched to an account separately)."""
    first, last = name_parts(card) if card.is_person else ("", card.org)
    values = {"first_name": first, "last_name": last, "email": card.email, "phone": card.phone}
    values |= {"mobile": card.mobile, "position": card.position}
    return {k: v or None for k, v in values.items()}
