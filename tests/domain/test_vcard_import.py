"""Reading vCards: what the export writes comes back, and 2.1 / 4.0 cards of phones and mail programs."""

from __future__ import annotations

import pytest

from rxcrm.domain.errors import ValidationFailed
from rxcrm.domain.records.vcard import account_vcard, contact_vcard
from rxcrm.domain.records.vcard_import import (
    MAX_CARDS,
    account_values,
    contact_values,
    decode_vcards,
    parse_vcards,
)

PERSON = {
    "type": "person",
    "first_name": "Änne",
    "last_name": "Lee, Jr",
    "name": "Änne Lee, Jr",
    "email": "anne@example.com",
    "phone": "+49 30 1",
    "street": "Hauptstraße 5\nHof",
    "city": "Berlin",
    "zip": "10115",
    "country": "DE",
}


def test_an_exported_person_account_reads_back() -> None:
    [card] = parse_vcards(account_vcard(PERSON))
    values = account_values(card)
    assert values == {**{k: v for k, v in PERSON.items() if k != "name"}, "company": None, "website": None}


def test_an_exported_company_stays_a_company() -> None:
    [card] = parse_vcards(
        account_vcard({"type": "company", "name": "Foo; Bar GmbH", "website": "https://x.io"})
    )
    assert not card.is_person
    assert account_values(card)["type"] == "company" and account_values(card)["name"] == "Foo; Bar GmbH"


def test_an_exported_contact_reads_back_with_its_organisation() -> None:
    text = contact_vcard({"first_name": "Bo", "last_name": "Ng", "position": "CTO", "mobile": "+1 2"}, "ACME")
    [card] = parse_vcards(text)
    assert card.org == "ACME"
    assert contact_values(card) == {
        "first_name": "Bo",
        "last_name": "Ng",
        "email": None,
        "phone": None,
        "mobile": "+1 2",
        "position": "CTO",
    }


def test_cards_of_other_programs() -> None:
    text = (
        "BEGIN:VCARD\nVERSION:2.1\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;Hans\n"
        "TEL;CELL:0170 1\nTEL;WORK;VOICE:030 2\nitem1.EMAIL;type=INTERNET;type=pref:h@m.de\nEND:VCARD\n"
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ann Lee\r\nEMAIL:mailto:ann@x.io\r\n"
        "ADR;TYPE=home:;;Long\r\n  Road 1;Paris;;75001;FR\r\nEND:VCARD\r\n"
    )
    hans, ann = parse_vcards(text)
    assert (hans.first_name, hans.last_name, hans.mobile, hans.phone, hans.email) == (
        "Hans",
        "Müller",
        "0170 1",
        "030 2",
        "h@m.de",
    )
    assert contact_values(ann)["first_name"] == "Ann" and contact_values(ann)["last_name"] == "Lee"
    assert (ann.email, ann.street, ann.city, ann.zip) == ("ann@x.io", "Long Road 1", "Paris", "75001")


def test_a_card_without_a_name_is_a_problem_and_files_are_bounded() -> None:
    [empty] = parse_vcards("BEGIN:VCARD\nVERSION:3.0\nTEL:1\nEND:VCARD\n")
    assert empty.problems
    with pytest.raises(ValidationFailed):
        decode_vcards(b"name,email\nAnn,a@b.c\n")
    with pytest.raises(ValidationFailed):
        parse_vcards("BEGIN:VCARD\nFN:x\nEND:VCARD\n" * (MAX_CARDS + 1))
    assert decode_vcards("BEGIN:VCARD\nFN:Zoë\nEND:VCARD".encode("cp1252")).endswith("Zoë\nEND:VCARD")
