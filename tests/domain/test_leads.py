"""Spec §2: what a valid lead is, which lists it appears in, and what qualifying it creates."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from rxcrm.domain.errors import Conflict, ValidationFailed
from rxcrm.domain.leads.lifecycle import (
    account_for_lead,
    check_open,
    check_reason,
    contact_for_lead,
    conversion_rate,
    split_person_name,
    validate_lead,
)

TODAY = date(2026, 3, 10)
THIS_MORNING = datetime(2026, 3, 10, 8, 30, tzinfo=UTC)
LAST_WEEK = datetime(2026, 3, 3, 8, 30, tzinfo=UTC)


def fields_of(data: dict, creating: bool = True) -> dict[str, str]:
    with pytest.raises(ValidationFailed) as caught:
        validate_lead(data, creating)
    return caught.value.fields


def test_a_new_lead_needs_a_name_or_an_email_address() -> None:
    assert fields_of({"company": "Acme", "phone": "+49 30 1234567"}) == {
        "name": "a lead needs a name or an e-mail address"
    }
    assert fields_of({"name": "   ", "email": ""}) == {"name": "a lead needs a name or an e-mail address"}
    assert validate_lead({"email": "anna@acme.test"}, creating=True) == {"email": "anna@acme.test"}
    assert validate_lead({"name": "Anna Berg"}, creating=True) == {"name": "Anna Berg"}


def test_an_edit_may_leave_name_and_email_out_but_not_blank_both() -> None:
    assert validate_lead({"company": "Acme"}, creating=False) == {"company": "Acme"}
    assert fields_of({"name": None, "email": " "}, creating=False) == {
        "name": "a lead needs a name or an e-mail address"
    }


def test_text_fields_are_trimmed_and_empty_text_means_no_value() -> None:
    values = validate_lead({"name": "  Anna Berg ", "company": " ", "source": " web "}, creating=True)
    assert values == {"name": "Anna Berg", "company": None, "source": "web"}


def test_every_wrong_field_is_named_at_once() -> None:
    fields = fields_of(
        {
            "name": 42,
            "company": "x" * 201,
            "email": "anna-at-acme",
            "phone": "call me maybe",
            "status": "hot",
            "priority": "urgent",
        }
    )
    assert fields == {
        "name": "must be text",
        "company": "must be at most 200 characters",
        "email": "is not a valid e-mail address",
        "phone": "is not a valid phone number",
        "status": "must be one of: open, qualified, disqualified",
        "priority": "must be one of: low, normal, high",
    }


def test_two_hundred_characters_are_still_accepted() -> None:
    assert validate_lead({"name": "n" * 200}, creating=True)["name"] == "n" * 200


@pytest.mark.parametrize("value", [True, "7", 0, -3, 2**31, 1.5])
def test_links_must_be_record_ids(value: object) -> None:
    assert fields_of({"name": "Anna", "campaign_id": value}) == {"campaign_id": "must be the id of a record"}


def test_links_status_priority_and_custom_values_are_kept() -> None:
    links = {"owner_id": 3, "partner_id": 4, "campaign_id": 5, "account_id": 6}
    data = {"name": "Anna", **links, "status": "open", "priority": "high", "custom": None}
    assert validate_lead(data, creating=True) == {
        "name": "Anna",
        **links,
        "status": "open",
        "priority": "high",
        "custom": {},
    }


def test_only_an_open_lead_passes_check_open() -> None:
    check_open("open", False, False, "qualified")
    with pytest.raises(Conflict, match="already qualified"):
        check_open("qualified", False, False, "disqualified")
    with pytest.raises(Conflict, match="unarchive it first"):
        check_open("open", True, False, "qualified")
    with pytest.raises(Conflict, match="anonymized"):
        check_open("open", False, True, "qualified")


def test_a_disqualification_says_why_in_at_most_500_characters() -> None:
    assert check_reason("  No budget this year ") == "No budget this year"
    assert check_reason("r" * 500) == "r" * 500
    for missing in (None, "", "   ", 12):
        with pytest.raises(ValidationFailed) as caught:
            check_reason(missing)
        assert caught.value.fields == {"reason": "say why the lead is disqualified"}
    with pytest.raises(ValidationFailed) as caught:
        check_reason("r" * 501)
    assert caught.value.fields == {"reason": "must be at most 500 characters"}


def test_the_last_word_of_a_name_is_the_last_name() -> None:
    assert split_person_name("Anna Maria  Berg", None) == ("Anna Maria", "Berg")
    assert split_person_name("Berg", "anna@acme.test") == (None, "Berg")


def test_without_a_name_the_email_box_or_unknown_becomes_the_last_name() -> None:
    assert split_person_name(None, "anna.berg@acme.test") == (None, "anna.berg")
    assert split_person_name("  ", None) == (None, "unknown")


def test_a_lead_with_a_company_creates_a_company_account() -> None:
    lead = {
        "name": "Anna Berg",
        "company": "Acme GmbH",
        "email": "a@acme.test",
        "phone": "123456",
        "country": "DE",
    }
    assert account_for_lead(lead, "company") == {
        "type": "company",
        "name": "Acme GmbH",
        "email": "a@acme.test",
        "phone": "123456",
        "country": "DE",
    }


def test_a_lead_without_a_company_creates_a_person_account() -> None:
    lead = {"name": "Anna Berg", "company": None, "email": "a@acme.test", "phone": None, "country": None}
    assert account_for_lead(lead, "company") == {
        "type": "person",
        "first_name": "Anna",
        "last_name": "Berg",
        "email": "a@acme.test",
        "phone": None,
        "country": None,
    }


def test_the_person_setting_creates_a_person_account_even_with_a_company() -> None:
    account = account_for_lead({"name": "Anna Berg", "company": "Acme"}, "person")
    assert (account["type"], account["first_name"], account["last_name"]) == ("person", "Anna", "Berg")
    assert "name" not in account


def test_the_contact_of_a_qualified_lead_is_the_person_behind_it() -> None:
    lead = {"name": "Anna Maria Berg", "company": "Acme", "email": "a@acme.test", "phone": "+49 30 1234567"}
    assert contact_for_lead(lead) == {
        "first_name": "Anna Maria",
        "last_name": "Berg",
        "email": "a@acme.test",
        "phone": "+49 30 1234567",
    }


def test_conversion_rate_is_a_percentage_with_one_decimal() -> None:
    assert conversion_rate(0, 0) == 0.0
    assert conversion_rate(3, 1) == 33.3
    assert conversion_rate(8, 1) == 12.5
    assert conversion_rate(4, 4) == 100.0
