"""Opportunity rules: validation and stage kinds."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from rxcrm.domain.errors import ValidationFailed
from rxcrm.domain.pipeline.opportunities import check_lost_reason, validate_opportunity
from rxcrm.domain.pipeline.stages import probability_for_stage, status_for_kind, validate_stage


def test_valid_opportunity_is_cleaned() -> None:
    cleaned = validate_opportunity(
        {
            "name": "Deal",
            "amount": "10.5",
            "currency": "usd",
            "close_date": date(2026, 1, 31),
            "tags": ["hot"],
        },
        creating=True,
    )
    assert cleaned == {"amount": Decimal("10.50"), "currency": "USD"}


def test_every_wrong_opportunity_field_is_named() -> None:
    with pytest.raises(ValidationFailed) as refused:
        validate_opportunity(
            {"amount": "-1", "currency": "E1R", "close_date": "2026-01-31", "tags": ["x" * 41], "custom": []},
            creating=True,
        )
    assert set(refused.value.fields) == {"name", "amount", "currency", "close_date", "tags", "custom"}


def test_name_is_only_required_on_creation() -> None:
    assert validate_opportunity({"amount": 3}, creating=False) == {"amount": Decimal("3.00")}


def test_stage_kind_decides_status_and_probability() -> None:
    assert [status_for_kind(k) for k in ("open", "won", "lost", "odd")] == ["open", "won", "lost", "open"]
    assert [probability_for_stage(k, 40) for k in ("open", "won", "lost")] == [40, 100, 0]


def test_stage_needs_name_probability_in_range_and_hex_colour() -> None:
    with pytest.raises(ValidationFailed) as refused:
        validate_stage({"kind": "maybe", "probability": True, "color": "#12345"}, creating=True)
    assert set(refused.value.fields) == {"name", "kind", "probability", "color"}
    validate_stage({"color": "#30a46c"}, creating=False)


def test_a_lost_reason_is_trimmed() -> None:
    assert check_lost_reason("  Budget cut \n") == "Budget cut"
    assert check_lost_reason("x" * 500 + "  ") == "x" * 500


@pytest.mark.parametrize(
    ("reason", "message"),
    [
        (None, "say why the deal was lost"),
        ("", "say why the deal was lost"),
        (" \t ", "say why the deal was lost"),
        (42, "say why the deal was lost"),
        ("x" * 501, "must be at most 500 characters"),
    ],
)
def test_a_lost_reason_is_refused_when_blank_or_too_long(reason, message: str) -> None:
    with pytest.raises(ValidationFailed) as refused:
        check_lost_reason(reason, "reason")
    assert refused.value.fields == {"reason": message}
