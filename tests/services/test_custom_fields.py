"""Custom fields: admins define them, records are checked against them, lists filter by them."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.domain.errors import Conflict, Forbidden, NotFound, ValidationFailed
from rxcrm.services.accounts.accounts import (
    AccountFilter,
    create_account,
    get_account,
    list_accounts,
    update_account,
)
from rxcrm.services.accounts.contacts import ContactFilter, create_contact, list_contacts
from rxcrm.services.pipeline.opportunities import OpportunityFilter, create_opportunity, list_opportunities
from rxcrm.services.records.custom_fields import (
    create_custom_field,
    delete_custom_field,
    list_custom_fields,
    update_custom_field,
)
from tests.conftest import make_account, make_user


def _field(session: Session, admin: User, key: str, type_: str, entity: str = "account", **kw):
    data = {"entity": entity, "key": key, "label": key.title(), "type": type_, **kw}
    return create_custom_field(session, admin, data)


def _errors(action) -> dict[str, str]:
    with pytest.raises(ValidationFailed) as caught:
        action()
    return caught.value.fields


def test_admin_defines_fields_in_form_order_and_keys_are_unique_per_entity(session: Session, admin) -> None:
    first = _field(session, admin, "tier", "list", options=["gold", "silver"])
    second = _field(session, admin, "size", "number")
    _field(session, admin, "size", "number", entity="contact")
    assert [f.key for f in list_custom_fields(session, "account")] == ["tier", "size"]
    assert (first.position, second.position) == (1, 2)
    with pytest.raises(Conflict):
        _field(session, admin, "size", "text")


def test_only_admins_define_custom_fields(session: Session, admin, rep) -> None:
    with pytest.raises(Forbidden):
        _field(session, rep, "size", "number")
    field = _field(session, admin, "size", "number")
    with pytest.raises(Forbidden):
        update_custom_field(session, rep, field.id, {"label": "Head count"})
    with pytest.raises(Forbidden):
        delete_custom_field(session, rep, field.id)


def test_a_list_field_needs_options_and_key_and_entity_never_change(session: Session, admin) -> None:
    assert _errors(lambda: _field(session, admin, "tier", "list")) == {
        "options": "a list field needs at least one option"
    }
    field = _field(session, admin, "size", "number")
    assert set(_errors(lambda: update_custom_field(session, admin, field.id, {"key": "other"}))) == {"key"}
    update_custom_field(session, admin, field.id, {"label": "Head count", "required": True})
    assert (field.label, field.required) == ("Head count", True)


@pytest.mark.parametrize(
    ("type_", "good", "bad"),
    [
        ("text", "north", 5),
        ("number", 12.5, "12"),
        ("date", "2026-03-01", "01/03/2026"),
        ("boolean", True, "yes"),
        ("list", "gold", "bronze"),
    ],
)
def test_each_type_accepts_its_values_and_refuses_others(
    session: Session, admin, rep, type_, good, bad
) -> None:
    _field(session, admin, "extra", type_, options=["gold", "silver"] if type_ == "list" else None)
    account = create_account(session, rep, {"name": "Acme", "custom": {"extra": good}})
    assert account.custom == {"extra": good}
    fields = _errors(lambda: create_account(session, rep, {"name": "Beta", "custom": {"extra": bad}}))
    assert list(fields) == ["custom.extra"]


def test_a_user_field_names_an_existing_active_user(session: Session, admin, rep) -> None:
    _field(session, admin, "scout", "user")
    gone = make_user(session, active=False)
    for value in (gone.id, 999_999, "Rita"):
        fields = _errors(
            lambda v=value: create_account(session, rep, {"name": "Acme", "custom": {"scout": v}})
        )
        assert fields == {"custom.scout": "Scout must be an active user"}
    assert create_account(session, rep, {"name": "Acme", "custom": {"scout": rep.id}}).custom == {
        "scout": rep.id
    }


def test_required_fields_on_create_and_when_values_are_replaced(session: Session, admin, rep) -> None:
    _field(session, admin, "tier", "list", options=["gold"], required=True)
    assert _errors(lambda: create_account(session, rep, {"name": "Acme"})) == {
        "custom.tier": "Tier is required"
    }
    old = make_account(session, name="Before the field existed")
    update_account(session, rep, old.id, {"city": "Oslo"})
    fields = _errors(lambda: update_account(session, rep, old.id, {"custom": {"note": "x"}}))
    assert fields == {"custom.tier": "Tier is required"}
    assert update_account(session, rep, old.id, {"custom": {"tier": "gold", "note": "x"}}).custom == {
        "tier": "gold",
        "note": "x",
    }


def test_undefined_and_deactivated_keys_stay_free_values(session: Session, admin, rep) -> None:
    field = _field(session, admin, "size", "number", required=True)
    update_custom_field(session, admin, field.id, {"active": False})
    account = create_account(session, rep, {"name": "Acme", "custom": {"size": "big", "legacy": "kept"}})
    assert account.custom == {"size": "big", "legacy": "kept"}


def test_contacts_and_opportunities_check_their_own_fields(session: Session, admin, rep) -> None:
    _field(session, admin, "since", "date", entity="contact")
    _field(session, admin, "size", "number", entity="opportunity")
    assert list(
        _errors(lambda: create_contact(session, rep, {"last_name": "Li", "custom": {"since": "x"}}))
    ) == ["custom.since"]
    assert list(
        _errors(lambda: create_opportunity(session, rep, {"name": "D", "custom": {"size": "x"}}))
    ) == ["custom.size"]
    assert create_contact(session, rep, {"last_name": "Li", "custom": {"size": "free"}}).custom == {
        "size": "free"
    }


def test_lists_filter_by_a_user_field(session: Session, admin, rep) -> None:
    other = make_user(session)
    for entity in ("account", "contact", "opportunity"):
        _field(session, admin, "scout", "user", entity=entity)
    mine = create_account(session, rep, {"name": "Mine", "custom": {"scout": rep.id}})
    create_account(session, rep, {"name": "Theirs", "custom": {"scout": other.id}})
    create_account(session, rep, {"name": "Nobody's"})
    found = list_accounts(session, rep, AccountFilter(custom={"scout": str(rep.id)}))
    assert [a.id for a in found.items] == [mine.id]
    contact = create_contact(session, rep, {"last_name": "Li", "custom": {"scout": other.id}})
    assert [
        c.id for c in list_contacts(session, rep, ContactFilter(custom={"scout": str(other.id)})).items
    ] == [contact.id]
    deal = create_opportunity(session, rep, {"name": "Deal", "custom": {"scout": rep.id}})
    flt = OpportunityFilter(custom={"scout": str(rep.id)})
    assert [o.id for o in list_opportunities(session, rep, flt).items] == [deal.id]


def test_lists_filter_by_text_list_and_boolean_fields(session: Session, admin, rep) -> None:
    _field(session, admin, "tier", "list", options=["gold", "silver"])
    _field(session, admin, "vip", "boolean")
    gold = create_account(
        session, rep, {"name": "Gold", "custom": {"tier": "gold", "vip": True, "area": "N"}}
    )
    create_account(session, rep, {"name": "Silver", "custom": {"tier": "silver", "vip": False, "area": "S"}})
    for wanted in ({"tier": "gold"}, {"vip": "true"}, {"area": "N"}, {"tier": "gold", "vip": "yes"}):
        assert [a.id for a in list_accounts(session, rep, AccountFilter(custom=wanted)).items] == [gold.id]
    assert list_accounts(session, rep, AccountFilter(custom={"vip": "false"})).total == 1


def test_a_user_field_never_grants_access(session: Session, admin, rep) -> None:
    limited = make_user(session, access_level="limited_crm")
    _field(session, admin, "scout", "user")
    hidden = create_account(session, rep, {"name": "Hidden", "custom": {"scout": limited.id}})
    with pytest.raises(NotFound):
        get_account(session, limited, hidden.id)
    assert list_accounts(session, limited, AccountFilter(custom={"scout": str(limited.id)})).total == 0
    assert list_accounts(session, rep, AccountFilter(custom={"scout": str(limited.id)})).total == 1
