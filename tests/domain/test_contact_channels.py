"""Contact channels are checked by their type's kind and linked safely; linked accounts read both ways."""

from __future__ import annotations

import pytest

from rxcrm.domain.accounts.contact_channels import channel_href, clean_channel_value, web_address
from rxcrm.domain.accounts.relations import check_relation, counterpart, seen_from, stored_pair
from rxcrm.domain.errors import ValidationFailed


def _refused(kind: str, value: str) -> str:
    with pytest.raises(ValidationFailed) as refused:
        clean_channel_value(kind, value)
    return refused.value.fields["value"]


def test_an_email_channel_needs_an_address_and_links_with_mailto() -> None:
    assert clean_channel_value("email", " ann@acme.example ") == "ann@acme.example"
    assert channel_href("email", "ann@acme.example") == "mailto:ann@acme.example"
    assert "e-mail" in _refused("email", "ann at acme")


def test_a_phone_channel_takes_phone_characters_and_links_with_tel() -> None:
    assert clean_channel_value("phone", "+43 (1) 234-56") == "+43 (1) 234-56"
    assert channel_href("phone", "+43 (1) 234-56") == "tel:+43123456"
    assert "phone" in _refused("phone", "call me")


@pytest.mark.parametrize(
    "value",
    ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,hi", "ftp://example.com", "https://"],
)
def test_a_web_channel_refuses_every_scheme_but_http_and_https(value: str) -> None:
    assert "http" in _refused("url", value)


def test_a_web_channel_without_a_scheme_gets_https_and_links_to_itself() -> None:
    assert clean_channel_value("url", "linkedin.com/in/ann") == "https://linkedin.com/in/ann"
    assert clean_channel_value("url", "http://acme.example/x") == "http://acme.example/x"
    assert channel_href("url", "https://linkedin.com/in/ann") == "https://linkedin.com/in/ann"


def test_a_stored_value_that_is_no_web_address_never_becomes_a_link() -> None:
    assert web_address("java\tscript:alert(1)") is None
    assert channel_href("url", "javascript:alert(1)") == ""
    assert channel_href("text", "ann.k") == ""
    assert channel_href("email", "not an address") == ""


def test_text_channels_are_required_short_and_free_of_control_characters() -> None:
    assert clean_channel_value("text", " ann.k ") == "ann.k"
    assert _refused("text", "   ") == "is required"
    assert "200" in _refused("text", "x" * 201)
    assert "control" in _refused("text", "ann\x00k")


def test_a_relation_needs_another_account_and_a_label() -> None:
    assert check_relation(1, 2, " supplier ") == (2, "Supplier")
    assert check_relation(1, 2, "Franchisee") == (2, "Franchisee")
    with pytest.raises(ValidationFailed) as itself:
        check_relation(1, 1, "")
    assert set(itself.value.fields) == {"related_account_id", "label"}


def test_a_link_is_stored_once_and_each_side_reads_its_own_label() -> None:
    assert counterpart("Supplier") == "Customer" and counterpart("Subsidiary") == "Parent company"
    assert counterpart("Franchisee") == "Franchisee"
    from_higher = stored_pair(9, 4, "Supplier")  # on account 9's page: 4 is 9's supplier
    assert from_higher == stored_pair(4, 9, "Customer") == (4, 9, "Customer", "Supplier")
    assert seen_from(9, from_higher) == (4, "Supplier")
    assert seen_from(4, from_higher) == (9, "Customer")
