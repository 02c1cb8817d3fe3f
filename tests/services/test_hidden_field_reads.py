"""Read models built outside the REST lists keep hidden fields out too (spec §1.7): the map link."""

from __future__ import annotations

from sqlmodel import Session

from rxcrm.services.accounts.accounts import account_map_link
from rxcrm.services.people.field_visibility import limit_field
from tests.conftest import make_account


def test_the_map_link_is_built_only_from_address_parts_the_user_may_see(session: Session, admin, rep) -> None:
    account = make_account(session, street="Geheimweg 7", zip="6020", city="Innsbruck", country="AT")
    assert "Geheimweg" in account_map_link(session, rep, account)
    limit_field(session, admin, "account", "street", ["director"])
    link = account_map_link(session, rep, account)
    assert "Geheimweg" not in link and "Innsbruck" in link
    assert "Geheimweg" in account_map_link(session, admin, account)


def test_no_map_link_when_the_whole_address_is_hidden(session: Session, admin, rep) -> None:
    account = make_account(session, street="Geheimweg 7", city="Innsbruck")
    for field in ("street", "city", "zip"):
        limit_field(session, admin, "account", field, ["director"])
    assert account_map_link(session, rep, account) is None
