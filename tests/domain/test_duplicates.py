"""Spec §2.5: same e-mail, same phone, or similar name + company make a lead a duplicate."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rxcrm.domain.leads.duplicates import LEGAL_FORMS, email_key, name_company_key, phone_key


def test_e_mails_compare_without_case_or_surrounding_spaces() -> None:
    assert email_key(" Anna.Muller@ACME.example ") == email_key("anna.muller@acme.example")
    assert email_key("") is None and email_key(None) is None


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("+49 (0)30 1234-567", "+490301234567"),
        ("0049 30 1234567", "+49301234567"),
        ("030 / 123 45 67", "0301234567"),
        ("12 34", None),
        ("", None),
        ("²³⁴⁵⁶⁷⁸", None),
    ],
)
def test_phone_numbers_compare_as_their_digits(written: str, key: str | None) -> None:
    assert phone_key(written) == key


def test_name_and_company_compare_without_case_accents_order_or_legal_form() -> None:
    assert (
        name_company_key("Müller, Anna", "ACME GmbH")
        == name_company_key("anna muller", "Acme")
        == ("anna muller|acme")
    )
    assert name_company_key("Anna Müller", "Acme Foods Ltd.") != name_company_key("Anna Müller", "Acme")


def test_a_company_that_is_only_a_legal_form_keeps_it_and_a_missing_part_gives_no_key() -> None:
    assert name_company_key("Bo Li", "Company Ltd") == "bo li|company ltd"
    assert name_company_key("Bo Li", "") is None and name_company_key("", "Acme") is None


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from("0123456789 +-()./x٣²\t"), max_size=20))
def test_the_ascii_shortcut_of_phone_keys_keeps_exactly_the_ascii_digits(written: str) -> None:
    digits = re.sub(r"[^0-9]", "", written.strip())  # the rule: ASCII digits only, whatever the script
    if written.strip().startswith("+"):
        digits = "+" + digits
    elif digits.startswith("00"):
        digits = "+" + digits[2:]
    assert phone_key(written) == (digits if len(digits.lstrip("+")) >= 6 else None)


@settings(max_examples=500, deadline=None)
@given(
    st.text(alphabet=st.characters(max_codepoint=127), max_size=30),
    st.text(alphabet=st.characters(max_codepoint=127), max_size=30),
)
def test_the_ascii_shortcut_of_name_keys_keeps_the_lower_case_runs_of_letters_and_digits(
    name: str, company: str
) -> None:
    person = sorted(re.findall(r"[a-z0-9]+", name.lower()))  # the rule, spelt out
    words = re.findall(r"[a-z0-9]+", company.lower())
    firm = [w for w in words if w not in LEGAL_FORMS] or words
    expected = " ".join(person) + "|" + " ".join(firm) if person and firm else None
    assert name_company_key(name, company) == expected
