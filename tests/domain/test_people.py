"""User rules: e-mail, role, access level, password policy."""

from __future__ import annotations

import pytest

from rxcrm.domain.errors import ValidationFailed
from rxcrm.domain.people.users import initials, normalize_email, validate_user


def test_new_user_needs_email_name_and_a_long_enough_password() -> None:
    with pytest.raises(ValidationFailed) as refused:
        validate_user({"password": "short"}, creating=True)
    assert set(refused.value.fields) == {"email", "name", "password"}
    validate_user({"email": "a@b.de", "name": "A", "password": "12345678"}, creating=True)


def test_changes_check_role_access_level_and_password_only_when_given() -> None:
    validate_user({"name": "New name"}, creating=False)
    with pytest.raises(ValidationFailed) as refused:
        validate_user({"role": "king", "access_level": "all", "password": "x"}, creating=False)
    assert set(refused.value.fields) == {"role", "access_level", "password"}


def test_a_partner_user_belongs_to_a_partner() -> None:
    with pytest.raises(ValidationFailed) as refused:
        validate_user(
            {"email": "p@x.de", "name": "P", "password": "12345678", "role": "partner"}, creating=True
        )
    assert refused.value.fields == {"partner_id": "is required for a partner user"}


def test_emails_compare_case_insensitively_and_initials() -> None:
    assert normalize_email("  Rita@Example.COM ") == "rita@example.com"
    assert (initials("Rita Rep"), initials("madonna"), initials(" ")) == ("RR", "MA", "?")
