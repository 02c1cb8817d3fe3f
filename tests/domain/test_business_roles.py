"""A business role names a contact and the part it plays in a deal, with an optional note."""

from __future__ import annotations

import pytest

from rxcrm.domain.accounts.business_roles import validate_business_role
from rxcrm.domain.errors import ValidationFailed


def test_role_is_trimmed_and_an_empty_note_means_none() -> None:
    values = validate_business_role({"contact_id": 3, "role": "  Decision maker ", "note": "  "})
    assert values == {"contact_id": 3, "role": "Decision maker", "note": None}


def test_role_and_contact_are_required() -> None:
    with pytest.raises(ValidationFailed) as caught:
        validate_business_role({"role": "   "})
    assert caught.value.fields == {"role": "is required", "contact_id": "is required"}


def test_role_is_at_most_100_and_the_note_at_most_1000_characters() -> None:
    validate_business_role({"contact_id": 1, "role": "r" * 100, "note": "n" * 1000})
    with pytest.raises(ValidationFailed) as caught:
        validate_business_role({"contact_id": 1, "role": "r" * 101, "note": "n" * 1001})
    assert set(caught.value.fields) == {"role", "note"}


def test_role_must_be_text() -> None:
    with pytest.raises(ValidationFailed) as caught:
        validate_business_role({"contact_id": 1, "role": 42})
    assert caught.value.fields == {"role": "must be text"}
