"""Account rules: each type has its own field set and required name."""

from __future__ import annotations

import pytest

from rxcrm.domain.accounts.accounts import check_parent, map_link, validate_account
from rxcrm.domain.errors import ValidationFailed


def test_a_company_needs_a_name() -> None:
    with pytest.raises(ValidationFailed) as refused:
        validate_account({"type": "company", "last_name": "Doe"})
    assert refused.value.fields == {"name": "is required"}


def test_a_person_needs_a_last_name_and_is_called_by_first_and_last_name() -> None:
    with pytest.raises(ValidationFailed) as refused:
        validate_account({"type": "person", "name": "Ignored"})
    assert refused.value.fields == {"last_name": "is required"}
    cleaned = validate_account({"type": "person", "first_name": " Ada ", "last_name": "Lovelace"})
    assert cleaned["name"] == "Ada Lovelace" and cleaned["first_name"] == "Ada"


def test_fields_of_another_type_are_cleared() -> None:
    person = validate_account({"type": "person", "last_name": "Doe", "vat_no": "DE123", "industry": "IT"})
    assert person["vat_no"] is None and person["industry"] is None
    company = validate_account({"type": "company", "name": "Acme", "first_name": "Jo", "vat_no": "DE123"})
    assert company["first_name"] is None and company["vat_no"] == "DE123"


def test_type_defaults_to_company_and_unknown_types_are_refused() -> None:
    assert validate_account({"name": "Acme"})["type"] == "company"
    with pytest.raises(ValidationFailed) as refused:
        validate_account({"type": "robot", "name": "R2"})
    assert set(refused.value.fields) == {"type"}


def test_every_wrong_field_is_named_at_once() -> None:
    with pytest.raises(ValidationFailed) as refused:
        validate_account(
            {
                "name": "",
                "email": "no-at-sign",
                "phone": "call me",
                "is_private": True,
                "is_global": True,
                "custom": {"tier": ["a", "b"]},
            }
        )
    assert set(refused.value.fields) == {"name", "email", "phone", "is_global", "custom.tier"}


def test_an_account_cannot_be_its_own_ancestor() -> None:
    with pytest.raises(ValidationFailed):
        check_parent(1, 1, [1])
    with pytest.raises(ValidationFailed):
        check_parent(1, 3, [3, 2, 1])
    check_parent(1, 3, [3, 2])
    check_parent(None, 3, [3])


def test_map_link_only_with_an_address() -> None:
    assert map_link({}) is None
    assert map_link({"street": "Unter den Linden 1", "city": "Berlin"}) == (
        "https://www.openstreetmap.org/search?query=Unter+den+Linden+1%2C+Berlin"
    )
