"""Contract terms from product categories and quotes, contract status, recurring revenue, the lock."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rxcrm.domain.commerce.contracts import (
    add_months,
    check_unlocked,
    contract_status,
    contract_terms,
    monthly_recurring,
    term_months_between,
)
from rxcrm.domain.errors import Conflict

SOLD = date(2026, 5, 5)


def test_a_one_off_contract_starts_at_the_quote_validity_and_has_no_end() -> None:
    terms = contract_terms("one_off", None, date(2026, 6, 1), date(2026, 6, 30), SOLD)
    assert (terms.kind, terms.start, terms.end) == ("one_off", date(2026, 6, 1), None)


def test_a_term_contract_runs_for_its_category_length() -> None:
    terms = contract_terms("term", 12, date(2026, 1, 1), None, SOLD)
    assert (terms.kind, terms.start, terms.end) == ("term", date(2026, 1, 1), date(2026, 12, 31))


def test_without_a_quote_start_the_contract_starts_on_the_day_of_the_sale() -> None:
    assert contract_terms("term", 24, None, None, SOLD).end == date(2028, 5, 4)


def test_a_term_category_without_length_runs_until_the_quote_validity_ends() -> None:
    assert contract_terms("term", None, date(2026, 1, 1), date(2026, 3, 31), SOLD).end == date(2026, 3, 31)
    assert contract_terms("term", None, date(2026, 1, 1), None, SOLD).end == date(2026, 12, 31)


def test_items_without_a_category_become_one_off_contracts() -> None:
    assert contract_terms(None, None, None, None, SOLD).kind == "one_off"


def test_month_ends_are_kept_when_adding_months() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)), st.integers(1, 120))
def test_a_term_of_n_months_covers_n_months(start: date, months: int) -> None:
    terms = contract_terms("term", months, start, None, SOLD)
    assert term_months_between(terms.start, terms.end) == months


def test_status_is_derived_from_the_end_date() -> None:
    today = date(2026, 12, 5)
    assert contract_status("active", date(2026, 12, 4), today) == "expired"
    assert contract_status("active", date(2026, 12, 5), today) == "active"
    assert contract_status("active", None, today) == "active"
    assert contract_status("cancelled", date(2030, 1, 1), today) == "cancelled"


def test_monthly_recurring_revenue_spreads_the_amount_over_the_term() -> None:
    assert monthly_recurring(Decimal("1200.00"), date(2026, 1, 1), date(2026, 12, 31)) == Decimal("100.00")
    assert monthly_recurring(Decimal("100.00"), date(2026, 1, 1), date(2026, 3, 31)) == Decimal("33.33")
    assert monthly_recurring(Decimal("500.00"), date(2026, 1, 1), None) == Decimal("0.00")


def test_a_locked_deal_refuses_changes_and_says_how_to_reopen_it() -> None:
    check_unlocked(False, "edit it")
    with pytest.raises(Conflict) as err:
        check_unlocked(True, "edit it")
    assert "unlock it first to edit it" in err.value.message
