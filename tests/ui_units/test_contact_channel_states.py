"""The states of Settings → Contact types, a contact's channels and an account's Relations tab."""

from __future__ import annotations

from reflex.istate.data import RouterData
from sqlalchemy.engine import Engine
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.ui.accounts.account_relations import AccountRelationsState
from rxcrm.ui.accounts.contact_channels import ContactChannelsState
from rxcrm.ui.settings.contact_types import ContactTypesState
from tests.conftest import make_account, make_contact
from tests.ui_units.logged_in import logged_in_state


def _on_page(state, path: str):  # noqa: ANN001, ANN202
    state.router = RouterData.from_router_data({"pathname": path, "asPath": path, "query": {}})
    return state


def test_an_admin_adds_a_contact_type_and_a_used_one_is_not_deleted(
    app_database: Engine, session: Session, admin: User
) -> None:
    contact = make_contact(session)
    page = logged_in_state(session, admin, ContactTypesState, "contact-types")
    ContactTypesState.load.fn(page)
    assert [t["name"] for t in page.entries][:3] == ["E-mail", "Phone", "Mobile"]
    ContactTypesState.add.fn(page, {"type_name": "Signal", "type_kind": "phone"})
    ContactTypesState.load.fn(page)
    signal = next(t for t in page.entries if t["name"] == "Signal")
    assert signal["kind"] == "phone"
    channels = _on_page(
        logged_in_state(session, admin, ContactChannelsState, "channels"), f"/contacts/{contact.id}"
    )
    ContactChannelsState.load.fn(channels)
    ContactChannelsState.add.fn(channels, {"type_id": signal["id"], "value": "+43 660 1"})
    refused = ContactTypesState.delete.fn(page, signal["id"])
    assert "remove them first" in repr(refused)
    ContactTypesState.load.fn(page)
    assert "Signal" in [t["name"] for t in page.entries]


def test_a_contact_page_adds_a_skype_channel_and_refuses_a_javascript_link(
    app_database: Engine, session: Session, rep: User
) -> None:
    contact = make_contact(session, owner_id=rep.id)
    page = _on_page(
        logged_in_state(session, rep, ContactChannelsState, "channels"), f"/contacts/{contact.id}/"
    )
    ContactChannelsState.load.fn(page)
    types = {o["label"]: o["value"] for o in page.type_options}
    ContactChannelsState.add.fn(page, {"type_id": types["Skype"], "value": "ann.k"})
    refused = ContactChannelsState.add.fn(page, {"type_id": types["Website"], "value": "javascript:alert(1)"})
    assert "web address" in repr(refused)
    ContactChannelsState.add.fn(page, {"type_id": types["Website"], "value": "acme.example"})
    assert [(c["type"], c["value"], c["href"]) for c in page.channels] == [
        ("Skype", "ann.k", ""),
        ("Website", "https://acme.example", "https://acme.example"),
    ]
    ContactChannelsState.remove.fn(page, page.channels[0]["id"])
    ContactChannelsState.load.fn(page)
    assert [c["type"] for c in page.channels] == ["Website"]


def test_the_relations_tab_links_an_account_shown_on_both_and_lists_the_family(
    app_database: Engine, session: Session, rep: User
) -> None:
    group = make_account(session, name="Group", owner_id=rep.id)
    acme = make_account(session, name="Acme", owner_id=rep.id, parent_id=group.id)
    bolt = make_account(session, name="Bolt", owner_id=rep.id)
    page = _on_page(logged_in_state(session, rep, AccountRelationsState, "relations"), f"/accounts/{acme.id}")
    AccountRelationsState.load.fn(page)
    assert page.links == [] and [(f["name"], f["label"]) for f in page.family] == [
        ("Group", "Parent account")
    ]
    AccountRelationsState.link.fn(page, {"related_account_id": str(bolt.id), "label": "Supplier"})
    assert [(r["name"], r["label"]) for r in page.links] == [("Bolt", "Supplier")]
    twice = AccountRelationsState.link.fn(
        page, {"related_account_id": str(bolt.id), "label": "Partner company"}
    )
    assert "already linked" in repr(twice)
    other = _on_page(logged_in_state(session, rep, AccountRelationsState, "other"), f"/accounts/{bolt.id}")
    AccountRelationsState.load.fn(other)
    assert [(r["name"], r["label"]) for r in other.links] == [("Acme", "Customer")]
    AccountRelationsState.unlink.fn(other, other.links[0]["id"])
    AccountRelationsState.load.fn(page)
    assert page.links == []
