"""vCard export writes what an address book needs, escaped."""

from __future__ import annotations

from rxcrm.domain.records.vcard import account_vcard, contact_vcard


def test_company_account_becomes_an_organisation_card() -> None:
    card = account_vcard(
        {
            "type": "company",
            "name": "Acme; Sons",
            "email": "info@acme.example",
            "phone": "+49 30 1",
            "street": "Main St 1",
            "city": "Berlin",
            "zip": "10115",
            "country": "DE",
        }
    )
    assert card.startswith("BEGIN:VCARD\r\nVERSION:3.0\r\n") and card.endswith("END:VCARD\r\n")
    assert "FN:Acme\\; Sons" in card and "ORG:Acme\\; Sons" in card
    assert "EMAIL;TYPE=INTERNET:info@acme.example" in card
    assert "ADR;TYPE=WORK:;;Main St 1;Berlin;;10115;DE" in card


def test_contact_card_names_the_person_and_the_account() -> None:
    card = contact_vcard(
        {"first_name": "Eun-ji", "last_name": "Park", "mobile": "+82 10", "position": "CTO"}, "Nova Labs"
    )
    assert "N:Park;Eun-ji;;;" in card and "FN:Eun-ji Park" in card
    assert "ORG:Nova Labs" in card and "TITLE:CTO" in card and "TEL;TYPE=CELL:+82 10" in card


def test_a_carriage_return_in_a_value_cannot_start_a_new_card_line() -> None:
    card = contact_vcard({"last_name": "Evil\rEMAIL:spoof@x.example", "position": "A\r\nB"}, "Org\rX")
    lines = card.split("\r\n")
    assert not any(line.startswith("EMAIL") for line in lines)
    assert "\r" not in card.replace("\r\n", "")
    assert "TITLE:A\\nB" in lines and "ORG:Org\\nX" in lines
