"""Business roles on an opportunity: visible contacts only, editable deals only, recorded in history."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from rxcrm.domain.errors import Forbidden, NotFound, ValidationFailed
from rxcrm.services.accounts.business_roles import (
    add_business_role,
    list_business_roles,
    remove_business_role,
)
from rxcrm.services.people.permissions import set_permission
from rxcrm.services.records.history import history_of
from tests.conftest import make_contact, make_opportunity, make_user


def test_rep_gives_a_contact_a_role_on_a_deal_and_takes_it_off_again(session: Session, rep) -> None:
    deal = make_opportunity(session, rep)
    anna = make_contact(session, first_name="Anna", last_name="Berg", owner_id=rep.id)
    role = add_business_role(session, rep, deal.id, {"contact_id": anna.id, "role": "Decision maker"})
    assert [(r.contact_id, r.role, r.note) for r in list_business_roles(session, rep, deal.id)] == [
        (anna.id, "Decision maker", None)
    ]
    assert {h["field"] for h in history_of(session, "business_role", role.id)} >= {"(created)", "role"}
    remove_business_role(session, rep, deal.id, role.id)
    assert list_business_roles(session, rep, deal.id) == []
    assert "(deleted)" in {h["field"] for h in history_of(session, "business_role", role.id)}


def test_a_contact_hidden_from_the_user_cannot_be_given_a_role(session: Session, rep) -> None:
    limited = make_user(session, access_level="limited_crm")
    deal = make_opportunity(session, limited)
    stranger = make_contact(session, owner_id=rep.id)
    with pytest.raises(ValidationFailed) as caught:
        add_business_role(session, limited, deal.id, {"contact_id": stranger.id, "role": "Champion"})
    assert caught.value.fields == {"contact_id": "no such contact"}


def test_roles_of_a_hidden_deal_are_not_found(session: Session, rep) -> None:
    limited = make_user(session, access_level="limited_opportunities")
    deal = make_opportunity(session, rep)
    contact = make_contact(session, owner_id=limited.id)
    with pytest.raises(NotFound):
        list_business_roles(session, limited, deal.id)
    with pytest.raises(NotFound):
        add_business_role(session, limited, deal.id, {"contact_id": contact.id, "role": "User"})


def test_only_users_who_may_edit_deals_add_or_remove_roles(session: Session, rep, admin) -> None:
    deal = make_opportunity(session, rep)
    contact = make_contact(session, owner_id=rep.id)
    role = add_business_role(session, admin, deal.id, {"contact_id": contact.id, "role": "Sponsor"})
    set_permission(session, admin, "rep", "opportunities", "edit", False)
    with pytest.raises(Forbidden):
        add_business_role(session, rep, deal.id, {"contact_id": contact.id, "role": "User"})
    with pytest.raises(Forbidden):
        remove_business_role(session, rep, deal.id, role.id)


def test_a_role_of_another_deal_is_not_found_on_this_one(session: Session, rep) -> None:
    deal, other = make_opportunity(session, rep), make_opportunity(session, rep)
    contact = make_contact(session, owner_id=rep.id)
    role = add_business_role(session, rep, other.id, {"contact_id": contact.id, "role": "Sponsor"})
    with pytest.raises(NotFound):
        remove_business_role(session, rep, deal.id, role.id)


def test_roles_of_contacts_hidden_from_the_user_are_left_out(session: Session, rep, admin) -> None:
    limited = make_user(session, access_level="limited_crm")
    deal = make_opportunity(session, limited)
    own = make_contact(session, last_name="Own", owner_id=limited.id)
    stranger = make_contact(session, last_name="Stranger", owner_id=rep.id)
    add_business_role(session, admin, deal.id, {"contact_id": own.id, "role": "User"})
    hidden = add_business_role(session, admin, deal.id, {"contact_id": stranger.id, "role": "Sponsor"})
    assert [r.contact_id for r in list_business_roles(session, limited, deal.id)] == [own.id]
    assert len(list_business_roles(session, admin, deal.id)) == 2
    with pytest.raises(NotFound):
        remove_business_role(session, limited, deal.id, hidden.id)
