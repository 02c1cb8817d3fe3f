"""Shared field checks: e-mail, phone, lengths and exact money."""

from __future__ import annotations

from decimal import Decimal

import pytest
from email_validator import EmailNotValidError, validate_email
from hypothesis import given, settings
from hypothesis import strategies as st

from rxcrm.domain.records.validation import (
    PLAIN_EMAIL,
    FieldErrors,
    check_email,
    check_length,
    clean_text,
    is_email,
    parse_money,
)


@pytest.mark.parametrize("address", ["jo@doe.example", "first.last+tag@sub.domain.org"])
def test_valid_e_mails_are_accepted(address: str) -> None:
    assert is_email(address)


@pytest.mark.parametrize(
    "address",
    ["jo", "jo@doe", "jo doe@x.org", "@x.org", "jo@@x.org", "jo..doe@x.org", "a@" + "b" * 250 + ".de"],
)
def test_invalid_e_mails_are_refused(address: str) -> None:
    assert not is_email(address)


def test_check_email_names_the_field_and_ignores_blank() -> None:
    errors = FieldErrors()
    check_email(errors, {"email": "  "})
    check_email(errors, {"work": "nope"}, "work")
    assert errors.fields == {"work": "is not a valid e-mail address"}


def test_check_length_and_clean_text() -> None:
    errors = FieldErrors()
    check_length(errors, {"a": "x" * 5, "b": "x" * 6}, 5, "a", "b")
    assert errors.fields == {"b": "must be at most 5 characters"}
    assert clean_text("  ") is None and clean_text(" a ") == "a" and clean_text(None) is None


def test_money_from_text_is_exact_with_two_places() -> None:
    assert parse_money("1234.5") == Decimal("1234.50")
    assert parse_money(" 0.10 ") == Decimal("0.10")
    assert parse_money(7) == Decimal("7.00")


def test_money_from_a_float_does_not_carry_binary_imprecision() -> None:
    assert parse_money(0.1) == Decimal("0.10")
    assert parse_money(0.1 + 0.2) == Decimal("0.30")
    assert str(parse_money(1234.56)) == "1234.56"


@pytest.mark.parametrize(
    "value", ["NaN", float("nan"), float("inf"), "-Infinity", "12,50", "abc", "", None, True, "1e16"]
)
def test_money_refuses_what_is_not_a_finite_amount(value: object) -> None:
    with pytest.raises(ValueError):
        parse_money(value)


def test_money_in_text_with_more_than_two_decimals_is_refused_not_rounded() -> None:
    with pytest.raises(ValueError, match="two decimals"):
        parse_money("99.999")
    with pytest.raises(ValueError, match="two decimals"):
        parse_money("1.005")


def test_ids_and_whole_numbers_are_plain_ascii_digits_in_range() -> None:
    from rxcrm.domain.records.validation import record_id, whole_number

    assert [record_id(v) for v in ("7", 7, "2147483647")] == [7, 7, 2147483647]
    for wrong in ("0", "-3", " 7", "²", "٣", "2147483648", "9" * 30, "7.0", True, None, ""):
        assert record_id(wrong) is None, wrong
    assert [whole_number(v) for v in ("0", "55", "x", "5 5", "¹")] == [0, 55, None, None, None]


@settings(max_examples=400, deadline=None)
@given(st.from_regex(PLAIN_EMAIL, fullmatch=True))
def test_the_quick_e_mail_check_accepts_only_what_email_validator_accepts(address: str) -> None:
    try:
        validate_email(address, check_deliverability=False, test_environment=True)
        accepted = len(address) <= 254
    except EmailNotValidError:
        accepted = False
    if is_email(address):
        assert accepted, address


def test_special_use_domains_and_odd_forms_are_refused_everyday_ones_accepted() -> None:
    assert is_email("anna.schmidt@rxcrm.demo") and is_email("o'neil+crm@sub.example.co.uk")
    assert is_email("lead@demo.test")  # demo data's domain
    for address in (
        "a..b@x.io",
        "a@localhost",
        "a@printer.local",
        "a@x.onion",
        "a@x.invalid",
        "a@x",
        "a@-x.io",
    ):
        assert not is_email(address), address
    assert is_email("ünïcode@exämple.de")  # not the everyday form: email-validator decides
