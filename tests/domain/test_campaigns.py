"""Campaign rules: cost per lead, ROI, the configured statuses and the running period (spec §5.4)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from rxcrm.domain.leads.campaigns import (
    CampaignFigures,
    campaign_results,
    check_period,
    check_status,
    cost_per_lead,
    roi_percent,
)
from rxcrm.domain.records.validation import FieldErrors


def test_cost_per_lead_is_cost_divided_by_leads_rounded_half_up_to_the_cent() -> None:
    assert cost_per_lead(Decimal("1000.00"), 3) == Decimal("333.33")
    assert cost_per_lead(Decimal("0.05"), 2) == Decimal("0.03")


def test_cost_per_lead_is_none_without_leads_or_without_a_known_cost() -> None:
    assert cost_per_lead(Decimal("500.00"), 0) is None
    assert cost_per_lead(None, 4) is None


def test_roi_is_won_minus_cost_over_cost_in_percent_with_one_decimal() -> None:
    assert roi_percent(Decimal("3000.00"), Decimal("1000.00")) == Decimal("200.0")
    assert roi_percent(Decimal("0.00"), Decimal("300.00")) == Decimal("-100.0")
    assert roi_percent(Decimal("1000.00"), Decimal("3000.00")) == Decimal("-66.7")
    assert roi_percent(Decimal("1.00"), Decimal("0.15")) == Decimal("566.7")


def test_roi_is_none_when_the_cost_is_zero_or_unknown() -> None:
    assert roi_percent(Decimal("5000.00"), Decimal("0.00")) is None
    assert roi_percent(Decimal("5000.00"), None) is None


def test_results_carry_the_documented_keys_from_the_figures() -> None:
    figures = CampaignFigures(4, 1, 2, 3, 1, Decimal("900.00"), Decimal("600.00"))
    assert campaign_results(figures) == {
        "leads": 4,
        "qualified": 1,
        "disqualified": 2,
        "open_opportunities": 3,
        "won_count": 1,
        "won_amount": Decimal("900.00"),
        "cost": Decimal("600.00"),
        "cost_per_lead": Decimal("150.00"),
        "roi_percent": Decimal("50.0"),
    }


def test_a_status_must_be_one_of_the_configured_ones() -> None:
    errors = FieldErrors()
    assert check_status(errors, "planned", ["active", "planned", "archived"]) == "planned"
    assert check_status(errors, "paused", ["active", "archived"]) is None
    assert errors.fields == {"status": "must be one of: active, archived"}


def test_a_campaign_does_not_end_before_it_starts() -> None:
    errors = FieldErrors()
    values = check_period(errors, {"starts": "2026-03-01", "ends": "2026-03-31"}, None, None)
    assert values == {"starts": date(2026, 3, 1), "ends": date(2026, 3, 31)} and not errors.fields
    check_period(errors, {"ends": "2026-02-28"}, date(2026, 3, 1), None)
    assert errors.fields == {"ends": "must not be before the start"}


def test_moving_the_start_is_checked_against_the_stored_end_and_a_bad_day_is_named() -> None:
    errors = FieldErrors()
    check_period(errors, {"starts": "2026-05-01"}, date(2026, 3, 1), date(2026, 4, 1))
    assert "ends" in errors.fields
    other = FieldErrors()
    check_period(other, {"starts": "soon"}, None, None)
    assert other.fields == {"starts": "must be a date like 2026-01-31"}
