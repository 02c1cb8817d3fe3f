"""Spec §1.5 and §1.8 over REST: what each access scope sees by id, by list, by search and by export.

A record the user may not see answers 404, exactly like a record that does not exist.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from rxcrm.services.records.activities import create_activity, list_categories
from rxcrm.services.records.followers import add_followers
from tests.conftest import make_account, make_contact, make_opportunity, make_partner, make_user

WORD = "Zephyr"
KINDS = {"accounts": "account", "contacts": "contact", "opportunities": "opportunity"}


@dataclass
class Seen:
    """What one user should find in each resource: ids he/she sees and ids hidden from him/her."""

    visible: dict[str, set[int]]
    hidden: dict[str, set[int]]


def listed(client: TestClient, resource: str, headers: dict) -> set[int]:
    body = client.get(f"/api/v1/{resource}?limit=500", headers=headers).json()
    return {item["id"] for item in body["items"]}


def found(client: TestClient, headers: dict) -> set[tuple[str, int]]:
    items = client.get(f"/api/v1/search?q={WORD}", headers=headers).json()["items"]
    return {(hit["entity"], hit["id"]) for hit in items}


def assert_not_found(answer) -> None:
    assert answer.status_code == 404, answer.text
    assert answer.json()["error"]["code"] == "not_found"


def assert_sees_exactly(client: TestClient, headers: dict, seen: Seen) -> None:
    """Lists and search hold the visible records only; every by-id route of a hidden one answers 404."""
    for resource, ids in seen.visible.items():
        assert listed(client, resource, headers) == ids, resource
        for record_id in ids:
            assert client.get(f"/api/v1/{resource}/{record_id}", headers=headers).status_code == 200
    expected = {(KINDS[r], i) for r, ids in seen.visible.items() for i in ids}
    assert found(client, headers) == expected
    for resource, ids in seen.hidden.items():
        for record_id in ids:
            for route in ("", "/history", "/followers"):
                assert_not_found(client.get(f"/api/v1/{resource}/{record_id}{route}", headers=headers))
            assert_not_found(client.patch(f"/api/v1/{resource}/{record_id}", json={}, headers=headers))
            assert_not_found(client.delete(f"/api/v1/{resource}/{record_id}", headers=headers))
            if resource != "opportunities":
                assert_not_found(client.get(f"/api/v1/{resource}/{record_id}/vcard", headers=headers))


@pytest.fixture
def boss(session: Session):
    """A full-access rep who owns most records."""
    return make_user(session, name="Bea Boss")


def test_limited_crm_rep_sees_what_he_owns_co_manages_or_follows_and_their_deals(
    client: TestClient, session: Session, admin, boss, auth_headers
) -> None:
    lim = make_user(session, name="Lars Limited", access_level="limited_crm")
    acc_owned = make_account(session, name=f"{WORD} Owned", owner_id=lim.id)
    acc_followed = make_account(session, name=f"{WORD} Followed", owner_id=boss.id)
    acc_hidden = make_account(session, name=f"{WORD} Hidden", owner_id=boss.id)
    con_owned = make_contact(session, last_name=f"{WORD} Owned", owner_id=lim.id)
    con_followed = make_contact(session, last_name=f"{WORD} Followed", owner_id=boss.id)
    con_hidden = make_contact(session, last_name=f"{WORD} Hidden", owner_id=boss.id)
    deal_of_contact = make_opportunity(session, boss, name=f"{WORD} of contact", contact_id=con_followed.id)
    deal_managed = make_opportunity(session, lim, name=f"{WORD} managed", account_id=acc_hidden.id)
    deal_hidden = make_opportunity(
        session, boss, name=f"{WORD} hidden", account_id=acc_hidden.id, contact_id=con_hidden.id
    )
    session.commit()
    admin_headers, boss_headers = auth_headers(admin), auth_headers(boss)
    assert client.patch(
        "/api/v1/settings", json={"second_account_manager": True}, headers=admin_headers
    ).json()["second_account_manager"]
    acc_co = client.post(
        "/api/v1/accounts", json={"name": f"{WORD} Co", "second_owner_id": lim.id}, headers=boss_headers
    ).json()["id"]
    deal_of_account = client.post(
        "/api/v1/opportunities",
        json={"name": f"{WORD} of account", "account_id": acc_co},
        headers=boss_headers,
    ).json()["id"]
    for resource, record_id in (("accounts", acc_followed.id), ("contacts", con_followed.id)):
        follow = client.post(
            f"/api/v1/{resource}/{record_id}/followers", json={"user_id": lim.id}, headers=boss_headers
        )
        assert follow.status_code == 201
    assert_sees_exactly(
        client,
        auth_headers(lim),
        Seen(
            visible={
                "accounts": {acc_owned.id, acc_co, acc_followed.id},
                "contacts": {con_owned.id, con_followed.id},
                "opportunities": {deal_of_account, deal_of_contact.id, deal_managed.id},
            },
            hidden={
                "accounts": {acc_hidden.id},
                "contacts": {con_hidden.id},
                "opportunities": {deal_hidden.id},
            },
        ),
    )


def test_limited_crm_rep_does_not_see_activities_on_hidden_records(
    client: TestClient, session: Session, boss, auth_headers
) -> None:
    lim = make_user(session, access_level="limited_crm")
    mine = make_account(session, name="Mine", owner_id=lim.id)
    hidden = make_account(session, name="Hidden", owner_id=boss.id)
    call = next(c for c in list_categories(session) if c.name == "Call")
    seen = create_activity(session, boss, {"entity": "account", "entity_id": mine.id, "category_id": call.id})
    secret = create_activity(
        session, boss, {"entity": "account", "entity_id": hidden.id, "category_id": call.id}
    )
    session.commit()
    headers = auth_headers(lim)
    assert listed(client, "activities", headers) == {seen.id}
    assert_not_found(client.get(f"/api/v1/activities/{secret.id}", headers=headers))
    timeline = client.get(f"/api/v1/activities?entity=account&entity_id={hidden.id}", headers=headers)
    unknown = client.get("/api/v1/activities?entity=account&entity_id=99999", headers=headers)
    assert timeline.status_code == unknown.status_code != 200
    assert "items" not in timeline.json()


def test_following_makes_a_record_visible_to_a_limited_crm_rep_until_he_unfollows(
    client: TestClient, session: Session, boss, auth_headers
) -> None:
    lim = make_user(session, access_level="limited_crm")
    account = make_account(session, name="Acme", owner_id=boss.id)
    session.commit()
    url, headers = f"/api/v1/accounts/{account.id}", auth_headers(lim)
    assert_not_found(client.get(url, headers=headers))
    assert_not_found(client.post(f"{url}/followers", headers=headers))
    assert (
        client.post(f"{url}/followers", json={"user_id": lim.id}, headers=auth_headers(boss)).status_code
        == 201
    )
    assert client.get(url, headers=headers).json()["name"] == "Acme"
    assert client.delete(f"{url}/followers/{lim.id}", headers=headers).status_code == 204
    assert_not_found(client.get(url, headers=headers))


def test_limited_opportunities_rep_sees_deals_he_manages_or_follows_and_every_account_and_contact(
    client: TestClient, session: Session, boss, auth_headers
) -> None:
    lop = make_user(session, name="Olli Opps", access_level="limited_opportunities")
    account = make_account(session, name=f"{WORD} Account", owner_id=boss.id)
    contact = make_contact(session, last_name=f"{WORD} Contact", owner_id=boss.id)
    owned = make_opportunity(session, lop, name=f"{WORD} owned", account_id=account.id)
    second = make_opportunity(session, boss, name=f"{WORD} second", second_owner_id=lop.id)
    followed = make_opportunity(session, boss, name=f"{WORD} followed")
    add_followers(session, "opportunity", followed.id, [lop.id])
    hidden = make_opportunity(
        session, boss, name=f"{WORD} hidden", account_id=account.id, contact_id=contact.id
    )
    session.commit()
    headers = auth_headers(lop)
    assert_sees_exactly(
        client,
        headers,
        Seen(
            visible={
                "accounts": {account.id},
                "contacts": {contact.id},
                "opportunities": {owned.id, second.id, followed.id},
            },
            hidden={"opportunities": {hidden.id}},
        ),
    )
    assert client.get(f"/api/v1/accounts/{account.id}/vcard", headers=headers).status_code == 200


def test_partner_user_sees_only_his_partners_records_and_global_accounts(
    client: TestClient, session: Session, boss, auth_headers
) -> None:
    ours, theirs = make_partner(session), make_partner(session)
    puser = make_user(session, role="partner", partner_id=ours.id)
    acc_ours = make_account(session, name=f"{WORD} Ours", partner_id=ours.id)
    acc_global = make_account(session, name=f"{WORD} Global", is_global=True)
    acc_theirs = make_account(session, name=f"{WORD} Theirs", partner_id=theirs.id)
    acc_direct = make_account(session, name=f"{WORD} Direct", owner_id=boss.id)
    con_ours = make_contact(session, last_name=f"{WORD} Ours", partner_id=ours.id, kind="consultant")
    con_theirs = make_contact(session, last_name=f"{WORD} Theirs", partner_id=theirs.id, kind="consultant")
    deal_ours = make_opportunity(session, boss, name=f"{WORD} ours", partner_id=ours.id)
    deal_theirs = make_opportunity(session, boss, name=f"{WORD} theirs", partner_id=theirs.id)
    deal_direct = make_opportunity(session, boss, name=f"{WORD} direct", account_id=acc_ours.id)
    session.commit()
    assert_sees_exactly(
        client,
        auth_headers(puser),
        Seen(
            visible={
                "accounts": {acc_ours.id, acc_global.id},
                "contacts": {con_ours.id},
                "opportunities": {deal_ours.id},
            },
            hidden={
                "accounts": {acc_theirs.id, acc_direct.id},
                "contacts": {con_theirs.id},
                "opportunities": {deal_theirs.id, deal_direct.id},
            },
        ),
    )


def test_private_account_is_visible_to_its_creator_only_not_even_to_admins_or_its_owner(
    client: TestClient, session: Session, rep, admin, boss, auth_headers
) -> None:
    session.commit()
    created = client.post(
        "/api/v1/accounts",
        json={"name": f"{WORD} Private", "is_private": True, "owner_id": boss.id},
        headers=auth_headers(rep),
    )
    assert created.status_code == 201 and created.json()["is_private"] is True
    account_id = created.json()["id"]
    assert client.get(f"/api/v1/accounts/{account_id}", headers=auth_headers(rep)).status_code == 200
    for outsider in (admin, boss):
        assert_sees_exactly(
            client,
            auth_headers(outsider),
            Seen(visible={"accounts": set()}, hidden={"accounts": {account_id}}),
        )


def test_owner_of_a_private_account_he_cannot_see_is_not_notified_about_it(
    client: TestClient, session: Session, rep, boss, auth_headers
) -> None:
    session.commit()
    client.post(
        "/api/v1/accounts",
        json={"name": "Hush", "is_private": True, "owner_id": boss.id},
        headers=auth_headers(rep),
    )
    assert client.get("/api/v1/notifications", headers=auth_headers(boss)).json()["items"] == []


def test_global_account_is_visible_to_a_limited_rep(
    client: TestClient, session: Session, boss, auth_headers
) -> None:
    lim = make_user(session, access_level="limited_crm")
    account = make_account(session, name=f"{WORD} Everywhere", owner_id=boss.id, is_global=True)
    session.commit()
    headers = auth_headers(lim)
    assert client.get(f"/api/v1/accounts/{account.id}", headers=headers).status_code == 200
    assert listed(client, "accounts", headers) == {account.id}
    assert found(client, headers) == {("account", account.id)}
    assert client.get(f"/api/v1/accounts/{account.id}/vcard", headers=headers).status_code == 200


def test_opportunity_owner_follows_the_contact_owner_until_the_decoupling_setting_is_on(
    client: TestClient, session: Session, rep, admin, auth_headers
) -> None:
    carl, dora = make_user(session, name="Carl"), make_user(session, name="Dora")
    contact = make_contact(session, owner_id=carl.id)
    session.commit()
    headers = auth_headers(rep)
    deal = client.post(
        "/api/v1/opportunities", json={"name": "Deal", "contact_id": contact.id}, headers=headers
    )
    assert deal.json()["owner_id"] == carl.id
    url = f"/api/v1/opportunities/{deal.json()['id']}"
    refused = client.patch(url, json={"owner_id": dora.id}, headers=headers)
    assert refused.status_code == 422
    error = refused.json()["error"]
    assert error["code"] == "validation_error" and "owner_id" in error["fields"]
    assert "different owners" in error["message"] and "Settings" in error["message"]
    assert client.get(url, headers=headers).json()["owner_id"] == carl.id
    decouple = {"decouple_contact_opportunity_owners": True}
    assert client.patch("/api/v1/settings", json=decouple, headers=auth_headers(admin)).status_code == 200
    moved = client.patch(url, json={"owner_id": dora.id}, headers=headers)
    assert moved.status_code == 200 and moved.json()["owner_id"] == dora.id


def test_a_change_notifies_the_owner_but_never_the_actor(
    client: TestClient, session: Session, rep, boss, auth_headers
) -> None:
    account = make_account(session, name="Acme", owner_id=boss.id)
    session.commit()
    client.patch(f"/api/v1/accounts/{account.id}", json={"city": "Graz"}, headers=auth_headers(rep))
    owner_sees = client.get("/api/v1/notifications", headers=auth_headers(boss)).json()["items"]
    assert [n["message"] for n in owner_sees] == ["Rita Rep changed city on account 'Acme'"]
    assert client.get("/api/v1/notifications/unread-count", headers=auth_headers(rep)).json() == {"unread": 0}
