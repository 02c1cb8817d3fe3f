"""Settings changed one cell at a time start from the stored rows, so concurrent edits both count."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from rxcrm.domain.errors import Forbidden, ValidationFailed
from rxcrm.domain.pipeline.board import CARD_FIELDS, card_fields_text, parse_card_fields, with_card_field
from rxcrm.services.people.field_visibility import limit_field, list_rules, set_field_role
from rxcrm.services.pipeline.board import card_fields, show_card_field


def _roles(session: Session, admin, entity: str, field: str) -> list[str]:
    return next((r.roles for r in list_rules(session, admin) if (r.entity, r.field) == (entity, field)), [])


def test_two_ticks_from_stale_grids_both_stay_and_named_users_are_kept(session: Session, admin, rep) -> None:
    limit_field(session, admin, "account", "vat_no", ["director"], [rep.id])
    set_field_role(session, admin, "account", "vat_no", "rep", True)  # one admin's page
    set_field_role(session, admin, "account", "vat_no", "partner", True)  # another's, loaded before
    assert _roles(session, admin, "account", "vat_no") == ["director", "partner", "rep"]
    rule = set_field_role(session, admin, "account", "vat_no", "director", False)
    assert rule is not None and rule.roles == ["partner", "rep"] and rule.user_ids == [rep.id]


def test_unticking_the_last_role_of_a_field_without_users_lifts_the_limit(session: Session, admin) -> None:
    set_field_role(session, admin, "account", "email", "director", True)
    assert set_field_role(session, admin, "account", "email", "director", False) is None
    assert _roles(session, admin, "account", "email") == []


def test_only_admins_tick_known_roles(session: Session, admin, rep) -> None:
    with pytest.raises(Forbidden):
        set_field_role(session, rep, "account", "email", "director", True)
    with pytest.raises(ValidationFailed):
        set_field_role(session, admin, "account", "email", "emperor", True)


def test_card_fields_are_written_and_read_by_one_rule() -> None:
    assert parse_card_fields(card_fields_text(("tags", "account"))) == ("account", "tags")
    assert with_card_field(("account", "tags"), "owner", True) == ("account", "owner", "tags")
    assert with_card_field(("account", "tags"), "tags", False) == ("account",)
    with pytest.raises(ValidationFailed):
        with_card_field(CARD_FIELDS, "horoscope", True)


def test_showing_a_card_field_starts_from_the_stored_choice(session: Session, admin, rep) -> None:
    before = card_fields(session)
    show_card_field(session, admin, "contact", True)  # one admin's page
    show_card_field(session, admin, "probability", True)  # another's, loaded before the first change
    assert set(card_fields(session)) == {*before, "contact", "probability"}
    assert show_card_field(session, admin, "contact", False) == card_fields(session)
    assert "contact" not in card_fields(session)
    with pytest.raises(Forbidden):
        show_card_field(session, rep, "tags", False)
